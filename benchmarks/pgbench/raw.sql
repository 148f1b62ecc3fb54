-- The physical baseline: the benchmark's raw INSERT (autocommit, one statement) into bench.raw_bookings.
\set n :n + 1
\set slot :off + :client_id * 1000000 + :n
\set staff 1 + :slot % 200
\set hour :slot / 200
INSERT INTO bench.raw_bookings (tenant_id, booking_id, service_id, staff_id, starts_at, ends_at, buffer_before_minutes,
    buffer_after_minutes, status, customer_name, customer_email, customer_phone, notes, created_at, manage_token_hash, blocked_start, blocked_end)
VALUES ('be000000-0000-0000-0000-000000000001'::uuid, lpad(to_hex(:slot::bigint), 32, '0')::uuid, 'be000000-0000-0000-0000-000000000002'::uuid, ('be100000-0000-0000-0000-' || lpad(:staff::text, 12, '0'))::uuid, ('2027-01-04Z'::timestamptz + :hour::int * interval '1 hour'), ('2027-01-04Z'::timestamptz + :hour::int * interval '1 hour') + interval '45 minutes', 0, 15, 'confirmed', 'Bench Customer', 'bench@example.com', NULL, NULL,
    '2027-01-04Z', decode(repeat('ab', 32), 'hex'), ('2027-01-04Z'::timestamptz + :hour::int * interval '1 hour'), ('2027-01-04Z'::timestamptz + :hour::int * interval '1 hour') + interval '60 minutes');
