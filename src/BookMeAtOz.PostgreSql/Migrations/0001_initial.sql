-- BookMeAtOz schema, version 1. Applied by PostgresMigrator inside one transaction, under the
-- migration advisory lock, by the role that will own every object (never the application role).
--
-- Layout rules (docs/persistence.md):
--   * every tenant table's primary key starts with tenant_id, and every foreign key includes it,
--     so tenants can later be distributed across nodes by tenant_id;
--   * row-level security is enabled and FORCEd on every tenant table, keyed by the
--     transaction-local setting bookmeatoz.tenant_id (set with set_config(..., true));
--   * a confirmed booking holds its staff member's time itself: the exclusion constraint on
--     bookings refuses two overlapping blocked ranges of a staff member unless they share a hold key
--     (the bookings of one group session do); that constraint is what makes double booking
--     impossible. Group sessions count their seats in the sessions table.

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA bookmeatoz;

-- The tenant the current transaction works for, or NULL when none is set. An empty string is what
-- a custom setting reads as after a transaction that set it locally has ended.
CREATE FUNCTION bookmeatoz.current_tenant() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('bookmeatoz.tenant_id', true), '')::uuid $$;

CREATE TABLE bookmeatoz.tenants (
    tenant_id                   uuid        NOT NULL,
    slug                        text        NOT NULL,
    name                        text        NOT NULL,
    time_zone                   text        NOT NULL,
    currency                    text        NOT NULL,
    min_notice_minutes          integer     NOT NULL,
    max_advance_days            integer     NOT NULL,
    slot_interval_minutes       integer,
    cancellation_notice_minutes integer     NOT NULL,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tenants_pkey PRIMARY KEY (tenant_id),
    CONSTRAINT tenants_slug_key UNIQUE (slug)
);

CREATE TABLE bookmeatoz.staff (
    tenant_id  uuid        NOT NULL,
    staff_id   uuid        NOT NULL,
    name       text        NOT NULL,
    email      text,
    time_zone  text        NOT NULL,
    active     boolean     NOT NULL,
    deleted_at timestamptz,
    CONSTRAINT staff_pkey PRIMARY KEY (tenant_id, staff_id),
    CONSTRAINT staff_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES bookmeatoz.tenants (tenant_id)
);

-- Weekly hours ({"monday":[{"start":"09:00","end":"17:00"}],...}) and date overrides
-- ([{"date":"2027-03-08","intervals":[...]}]) are read and written as a whole, so jsonb is enough.
CREATE TABLE bookmeatoz.staff_schedules (
    tenant_id  uuid        NOT NULL,
    staff_id   uuid        NOT NULL,
    weekly     jsonb       NOT NULL,
    overrides  jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT staff_schedules_pkey PRIMARY KEY (tenant_id, staff_id),
    CONSTRAINT staff_schedules_staff_fkey FOREIGN KEY (tenant_id, staff_id) REFERENCES bookmeatoz.staff (tenant_id, staff_id)
);

CREATE TABLE bookmeatoz.time_off (
    tenant_id   uuid        NOT NULL,
    time_off_id uuid        NOT NULL,
    staff_id    uuid        NOT NULL,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL,
    reason      text,
    CONSTRAINT time_off_pkey PRIMARY KEY (tenant_id, time_off_id),
    CONSTRAINT time_off_range_check CHECK (ends_at > starts_at),
    CONSTRAINT time_off_staff_fkey FOREIGN KEY (tenant_id, staff_id) REFERENCES bookmeatoz.staff (tenant_id, staff_id)
);
CREATE INDEX time_off_by_staff_start ON bookmeatoz.time_off (tenant_id, staff_id, starts_at, time_off_id);

CREATE TABLE bookmeatoz.services (
    tenant_id             uuid        NOT NULL,
    service_id            uuid        NOT NULL,
    name                  text        NOT NULL,
    duration_minutes      integer     NOT NULL,
    buffer_before_minutes integer     NOT NULL,
    buffer_after_minutes  integer     NOT NULL,
    price_cents           bigint      NOT NULL,
    capacity              integer     NOT NULL,
    slot_interval_minutes integer,
    active                boolean     NOT NULL,
    deleted_at            timestamptz,
    CONSTRAINT services_pkey PRIMARY KEY (tenant_id, service_id),
    CONSTRAINT services_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES bookmeatoz.tenants (tenant_id),
    CONSTRAINT services_duration_check CHECK (duration_minutes > 0),
    CONSTRAINT services_buffers_check CHECK (buffer_before_minutes >= 0 AND buffer_after_minutes >= 0),
    CONSTRAINT services_capacity_check CHECK (capacity >= 1)
);

-- Who performs a service, in the order the service lists them. No foreign key to staff: like the
-- in-memory store, a service may name staff that are deleted or not created yet; availability
-- only counts staff that exist and are active.
CREATE TABLE bookmeatoz.service_staff (
    tenant_id  uuid    NOT NULL,
    service_id uuid    NOT NULL,
    staff_id   uuid    NOT NULL,
    position   integer NOT NULL,
    CONSTRAINT service_staff_pkey PRIMARY KEY (tenant_id, service_id, staff_id),
    CONSTRAINT service_staff_service_fkey FOREIGN KEY (tenant_id, service_id)
        REFERENCES bookmeatoz.services (tenant_id, service_id) ON DELETE CASCADE
);

-- One row per group session (same service, staff member and start), counting its seats. A seat is
-- taken with one upsert: it creates the row, or adds a seat WHERE seats_taken < capacity, so seats
-- never exceed the capacity, under any concurrency (concurrent takers queue on the row lock and
-- re-check the guard). Never count-then-insert. The row outlives its bookings (seats go back to 0).
CREATE TABLE bookmeatoz.sessions (
    tenant_id   uuid        NOT NULL,
    session_id  uuid        NOT NULL DEFAULT gen_random_uuid(),
    staff_id    uuid        NOT NULL,
    service_id  uuid        NOT NULL,
    starts_at   timestamptz NOT NULL,
    capacity    integer     NOT NULL,
    seats_taken integer     NOT NULL,
    CONSTRAINT sessions_pkey PRIMARY KEY (tenant_id, session_id),
    CONSTRAINT sessions_slot_key UNIQUE (tenant_id, staff_id, service_id, starts_at),
    CONSTRAINT sessions_staff_fkey FOREIGN KEY (tenant_id, staff_id) REFERENCES bookmeatoz.staff (tenant_id, staff_id),
    CONSTRAINT sessions_service_fkey FOREIGN KEY (tenant_id, service_id) REFERENCES bookmeatoz.services (tenant_id, service_id),
    CONSTRAINT sessions_seats_check CHECK (capacity >= 1 AND seats_taken >= 0 AND seats_taken <= capacity)
);

-- A booking blocks [blocked_start, blocked_end) = [start - buffer before, end + buffer after). Its
-- hold key is its own id, or its group session's id: the exclusion constraint refuses a confirmed
-- booking whose blocked range overlaps another confirmed booking of the same staff member with a
-- different hold key. A second overlapping insert waits for the first to commit, then fails (with
-- ON CONFLICT DO NOTHING: inserts nothing).
CREATE TABLE bookmeatoz.bookings (
    tenant_id             uuid        NOT NULL,
    booking_id            uuid        NOT NULL,
    service_id            uuid        NOT NULL,
    staff_id              uuid        NOT NULL,
    session_id            uuid,
    hold_key              uuid        NOT NULL GENERATED ALWAYS AS (COALESCE(session_id, booking_id)) STORED,
    starts_at             timestamptz NOT NULL,
    ends_at               timestamptz NOT NULL,
    buffer_before_minutes integer     NOT NULL,
    buffer_after_minutes  integer     NOT NULL,
    blocked_start         timestamptz NOT NULL,
    blocked_end           timestamptz NOT NULL,
    status                text        NOT NULL,
    customer_name         text        NOT NULL,
    customer_email        text        NOT NULL,
    customer_phone        text,
    notes                 text,
    created_at            timestamptz NOT NULL,
    cancelled_at          timestamptz,
    cancel_reason         text,
    manage_token_hash     bytea       NOT NULL,
    CONSTRAINT bookings_pkey PRIMARY KEY (tenant_id, booking_id),
    CONSTRAINT bookings_status_check CHECK (status IN ('confirmed', 'cancelled')),
    CONSTRAINT bookings_range_check CHECK (ends_at > starts_at AND buffer_before_minutes >= 0 AND buffer_after_minutes >= 0
                                           AND blocked_start <= starts_at AND blocked_end >= ends_at),
    -- A booking blocks at most 1440 + 2 × 240 minutes; the bound lets availability reads find every booking
    -- overlapping a range with a plain index range scan (see bookings_by_staff_start).
    CONSTRAINT bookings_blocked_length_check CHECK (blocked_end - blocked_start <= interval '2 days'),
    -- No foreign key to services: a foreign key check locks the referenced row (FOR KEY SHARE) on every
    -- insert, and every concurrent booking of a popular service would share that one row's lock (a new
    -- multixact each time): measured at ~8% of the booking write. Services are never deleted, only
    -- marked deleted, and the booking service checks the service before booking. The staff foreign key
    -- stays: it spreads over staff rows, and listing relies on it (see ListBookingsAsync).
    CONSTRAINT bookings_session_fkey FOREIGN KEY (tenant_id, session_id) REFERENCES bookmeatoz.sessions (tenant_id, session_id),
    CONSTRAINT bookings_staff_fkey FOREIGN KEY (tenant_id, staff_id) REFERENCES bookmeatoz.staff (tenant_id, staff_id),
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
        tenant_id WITH =,
        staff_id WITH =,
        tstzrange(blocked_start, blocked_end) WITH &&,
        hold_key WITH <>
    ) WHERE (status = 'confirmed')
);
-- The one btree on bookings, for availability and listings. Row-level security keeps a query's
-- non-leakproof operators (&& on ranges among them) out of index conditions, so the GiST index above
-- cannot serve a tenant's reads; btree comparisons are leakproof. A booking overlapping [from, to)
-- starts within (from - 2 days, to + 2 days) (bookings_blocked_length_check).
CREATE INDEX bookings_by_staff_start ON bookmeatoz.bookings (tenant_id, staff_id, starts_at, booking_id);

-- The booking writes, as PL/pgSQL functions for one reason: PL/pgSQL keeps each statement's plan for the
-- life of the server connection, while a statement sent by the application is parsed and planned on every
-- call (prepared statements don't survive PgBouncer 1.18's transaction pooling). Planning was half the cost
-- of a booking. SECURITY INVOKER (the default): row-level security applies as to any statement of the
-- caller, who sets the tenant first.

-- Books a one-to-one candidate and records its event; false when its time overlaps another hold. ON CONFLICT
-- names the exclusion constraint only: a duplicate booking id is still an error. The insert waits for a
-- concurrent holder of the time to commit or roll back, then inserts or not; it never fails on an overlap.
CREATE FUNCTION bookmeatoz.book_one_to_one(
    p_tenant uuid, p_booking uuid, p_service uuid, p_staff uuid, p_start timestamptz, p_end timestamptz,
    p_before integer, p_after integer, p_blocked_start timestamptz, p_blocked_end timestamptz, p_status text,
    p_customer_name text, p_customer_email text, p_customer_phone text, p_notes text, p_created_at timestamptz,
    p_cancelled_at timestamptz, p_cancel_reason text, p_token_hash bytea)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO bookmeatoz.bookings (tenant_id, booking_id, service_id, staff_id, session_id, starts_at, ends_at,
                                     buffer_before_minutes, buffer_after_minutes, blocked_start, blocked_end, status,
                                     customer_name, customer_email, customer_phone, notes, created_at, cancelled_at,
                                     cancel_reason, manage_token_hash)
    VALUES (p_tenant, p_booking, p_service, p_staff, NULL, p_start, p_end, p_before, p_after, p_blocked_start, p_blocked_end,
            p_status, p_customer_name, p_customer_email, p_customer_phone, p_notes, p_created_at, p_cancelled_at,
            p_cancel_reason, p_token_hash)
    ON CONFLICT ON CONSTRAINT bookings_no_overlap DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
    VALUES (p_tenant, 'booking.created', jsonb_build_object('bookingId', p_booking, 'serviceId', p_service, 'staffId', p_staff,
                                                            'start', p_start, 'end', p_end, 'status', p_status));
    RETURN true;
END
$$;

-- Books a seat of the group session of (staff, service, start): takes the seat (creating the session, or
-- adding a seat while seats_taken < capacity; concurrent takers queue on the row lock and re-check), then the
-- booking, which shares the session's hold key so that it may overlap the session's other bookings and nothing
-- else. False when the session is full or its time overlaps another hold: then the exception block (a
-- subtransaction) rolls back, giving back the seat and releasing the session's row lock, which would otherwise
-- be held to the end of the transaction while the caller tries its next candidate (a deadlock waiting to
-- happen with a concurrent request trying them in another order).
CREATE FUNCTION bookmeatoz.book_group(
    p_tenant uuid, p_booking uuid, p_service uuid, p_staff uuid, p_start timestamptz, p_end timestamptz,
    p_before integer, p_after integer, p_blocked_start timestamptz, p_blocked_end timestamptz, p_status text,
    p_customer_name text, p_customer_email text, p_customer_phone text, p_notes text, p_created_at timestamptz,
    p_cancelled_at timestamptz, p_cancel_reason text, p_token_hash bytea, p_capacity integer)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    v_session uuid;
BEGIN
    BEGIN
        INSERT INTO bookmeatoz.sessions (tenant_id, staff_id, service_id, starts_at, capacity, seats_taken)
        VALUES (p_tenant, p_staff, p_service, p_start, p_capacity, 1)
        ON CONFLICT ON CONSTRAINT sessions_slot_key DO UPDATE
        SET seats_taken = sessions.seats_taken + 1, capacity = EXCLUDED.capacity
        WHERE sessions.seats_taken < EXCLUDED.capacity
        RETURNING session_id INTO v_session;
        IF v_session IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'BMZ01', MESSAGE = 'the session is full';
        END IF;

        INSERT INTO bookmeatoz.bookings (tenant_id, booking_id, service_id, staff_id, session_id, starts_at, ends_at,
                                         buffer_before_minutes, buffer_after_minutes, blocked_start, blocked_end, status,
                                         customer_name, customer_email, customer_phone, notes, created_at, cancelled_at,
                                         cancel_reason, manage_token_hash)
        VALUES (p_tenant, p_booking, p_service, p_staff, v_session, p_start, p_end, p_before, p_after, p_blocked_start,
                p_blocked_end, p_status, p_customer_name, p_customer_email, p_customer_phone, p_notes, p_created_at,
                p_cancelled_at, p_cancel_reason, p_token_hash)
        ON CONFLICT ON CONSTRAINT bookings_no_overlap DO NOTHING;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'BMZ01', MESSAGE = 'the session''s time overlaps another hold';
        END IF;
    EXCEPTION WHEN SQLSTATE 'BMZ01' THEN
        RETURN false;
    END;

    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
    VALUES (p_tenant, 'booking.created', jsonb_build_object('bookingId', p_booking, 'serviceId', p_service, 'staffId', p_staff,
                                                            'start', p_start, 'end', p_end, 'status', p_status));
    RETURN true;
END
$$;

-- A staff member's busy time overlapping [p_from, p_to): confirmed bookings (with their blocked ranges) and
-- time off. The bookings come from one index range scan per staff member (bookings_by_staff_start): a booking
-- overlapping the range starts within 2 days of it (bookings_blocked_length_check). Plain comparisons only:
-- row-level security keeps non-leakproof operators such as && out of index conditions. PL/pgSQL for its
-- cached plans (see above); STABLE, so it runs on a standby too.
CREATE FUNCTION bookmeatoz.busy_ranges(p_tenant uuid, p_staff uuid[], p_from timestamptz, p_to timestamptz)
RETURNS TABLE (busy_staff_id uuid, busy_start timestamptz, busy_end timestamptz, busy_booking_id uuid,
               busy_service_id uuid, busy_appointment_start timestamptz)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    SELECT b.staff_id, b.blocked_start, b.blocked_end, b.booking_id, b.service_id, b.starts_at
    FROM unnest(p_staff) AS x(staff_id)
    JOIN bookmeatoz.bookings b
      ON b.tenant_id = p_tenant AND b.staff_id = x.staff_id
     AND b.starts_at > p_from - interval '2 days' AND b.starts_at < p_to + interval '2 days'
     AND b.status = 'confirmed' AND b.blocked_start < p_to AND b.blocked_end > p_from;

    RETURN QUERY
    SELECT t.staff_id, t.starts_at, t.ends_at, NULL::uuid, NULL::uuid, NULL::timestamptz
    FROM unnest(p_staff) AS x(staff_id)
    JOIN bookmeatoz.time_off t
      ON t.tenant_id = p_tenant AND t.staff_id = x.staff_id AND t.starts_at < p_to AND t.ends_at > p_from;
END
$$;

-- Idempotency-Key records. A request claims its key by inserting the row first, in the booking's
-- transaction; a concurrent repeat blocks on the primary key until the first commits and then
-- reads the recorded response. Expired rows are replaced in place.
CREATE TABLE bookmeatoz.idempotency_keys (
    tenant_id       uuid        NOT NULL,
    idempotency_key text        NOT NULL,
    fingerprint     text        NOT NULL,
    response        text,
    expires_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (tenant_id, idempotency_key)
    -- No foreign key to tenants: every keyed booking of a tenant would lock that one tenant row (a
    -- new multixact each time under concurrency), and a key is useless without its booking anyway.
);
CREATE INDEX idempotency_keys_by_expiry ON bookmeatoz.idempotency_keys (expires_at);

-- Events written in the same transaction as the change they describe (bookings, time off,
-- schedules, services, staff); delivered later by a dispatcher (FOR UPDATE SKIP LOCKED).
-- No foreign key to tenants: the outbox is an append-only log and must not add a lock on the
-- tenant row to every write.
CREATE TABLE bookmeatoz.outbox (
    tenant_id    uuid        NOT NULL,
    outbox_id    bigint      GENERATED ALWAYS AS IDENTITY,
    type         text        NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    CONSTRAINT outbox_pkey PRIMARY KEY (tenant_id, outbox_id)
);
CREATE INDEX outbox_pending ON bookmeatoz.outbox (outbox_id) WHERE processed_at IS NULL;

-- Sign-in (used by the HTTP API). A staff user is linked to a staff member.
CREATE TABLE bookmeatoz.users (
    tenant_id     uuid        NOT NULL,
    user_id       uuid        NOT NULL,
    email         text        NOT NULL,
    name          text        NOT NULL,
    password_hash text        NOT NULL,
    role          text        NOT NULL,
    staff_id      uuid,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_pkey PRIMARY KEY (tenant_id, user_id),
    CONSTRAINT users_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES bookmeatoz.tenants (tenant_id),
    CONSTRAINT users_staff_fkey FOREIGN KEY (tenant_id, staff_id) REFERENCES bookmeatoz.staff (tenant_id, staff_id),
    CONSTRAINT users_role_check CHECK (role IN ('owner', 'admin', 'staff')),
    CONSTRAINT users_staff_link_check CHECK (role <> 'staff' OR staff_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_email_key ON bookmeatoz.users (tenant_id, lower(email));

-- Refresh tokens rotate within a family; reusing a rotated token revokes the family.
CREATE TABLE bookmeatoz.refresh_tokens (
    tenant_id   uuid        NOT NULL,
    token_id    uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    family_id   uuid        NOT NULL,
    token_hash  bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    replaced_by uuid,
    CONSTRAINT refresh_tokens_pkey PRIMARY KEY (tenant_id, token_id),
    CONSTRAINT refresh_tokens_hash_key UNIQUE (tenant_id, token_hash),
    CONSTRAINT refresh_tokens_user_fkey FOREIGN KEY (tenant_id, user_id)
        REFERENCES bookmeatoz.users (tenant_id, user_id) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_by_family ON bookmeatoz.refresh_tokens (tenant_id, family_id);

-- Row-level security on every tenant table, also for the owner (FORCE). A transaction sees and
-- writes only the rows of the tenant it set; with none set it sees nothing.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tenants', 'staff', 'staff_schedules', 'time_off', 'services', 'service_staff',
                             'sessions', 'bookings', 'idempotency_keys', 'outbox', 'users', 'refresh_tokens']
    LOOP
        EXECUTE format('ALTER TABLE bookmeatoz.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE bookmeatoz.%I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON bookmeatoz.%I
                            USING (tenant_id = bookmeatoz.current_tenant())
                            WITH CHECK (tenant_id = bookmeatoz.current_tenant())', t);
    END LOOP;
END
$$;

-- Tenant resolution happens before a tenant is known: a transaction that names a slug
-- (bookmeatoz.tenant_slug) may read that one tenant row, and nothing else of any table. A tenant's
-- public info is public anyway (GET /api/v1/tenant); the rows of other tables stay invisible.
CREATE POLICY tenant_by_slug ON bookmeatoz.tenants FOR SELECT
    USING (slug = current_setting('bookmeatoz.tenant_slug', true));
