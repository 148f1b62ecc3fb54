-- A checkout as the benchmark's StoreHoldAndBook sends it: the hold (CreateOneAsync with status held), then BookHoldAsync's call,
-- each one statement with the tenant's scope folded in (PostgresSql.Scoped): two implicit transactions, two round trips.
\set n :n + 1
\set slot :off + :client_id * 1000000 + :n
\set staff 1 + :slot % 200
\set hour :slot / 200
\startpipeline
SELECT bookmeatoz.book_one_to_one('be000000-0000-0000-0000-000000000001'::uuid, lpad(to_hex(:slot::bigint), 32, '0')::uuid, 'be000000-0000-0000-0000-000000000002'::uuid, ('be100000-0000-0000-0000-' || lpad(:staff::text, 12, '0'))::uuid, ('2027-01-04Z'::timestamptz + :hour::int * interval '1 hour'), ('2027-01-04Z'::timestamptz + :hour::int * interval '1 hour') + interval '45 minutes', 0, 15, ('2027-01-04Z'::timestamptz + :hour::int * interval '1 hour'), ('2027-01-04Z'::timestamptz + :hour::int * interval '1 hour') + interval '60 minutes', 'held', '', '', NULL::text, NULL::text, '2027-01-04Z'::timestamptz, NULL::timestamptz, NULL::text, ''::bytea, now() + interval '10 minutes', now()) FROM (SELECT set_config('bookmeatoz.tenant_id', 'be000000-0000-0000-0000-000000000001', true), set_config('bookmeatoz.actor_type', 'system', true),
       set_config('bookmeatoz.actor_id', '', true), set_config('bookmeatoz.audit_at', '2027-01-01T00:00:00.0000000+00:00', true)) AS scope;
\endpipeline
\startpipeline
SELECT bookmeatoz.book_hold('be000000-0000-0000-0000-000000000001'::uuid, lpad(to_hex(:slot::bigint), 32, '0')::uuid, 'be000000-0000-0000-0000-000000000002'::uuid, ('be100000-0000-0000-0000-' || lpad(:staff::text, 12, '0'))::uuid, ('2027-01-04Z'::timestamptz + :hour::int * interval '1 hour'), 'confirmed', 'Bench Customer', 'bench@example.com', NULL::text, NULL::text,
    '2027-01-04Z'::timestamptz, decode(repeat('ab', 32), 'hex'), '[]'::jsonb, NULL::timestamptz, now()) FROM (SELECT set_config('bookmeatoz.tenant_id', 'be000000-0000-0000-0000-000000000001', true), set_config('bookmeatoz.actor_type', 'system', true),
       set_config('bookmeatoz.actor_id', '', true), set_config('bookmeatoz.audit_at', '2027-01-01T00:00:00.0000000+00:00', true)) AS scope;
\endpipeline
