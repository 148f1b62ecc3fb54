-- BookMeAtOz schema: checkout holds (product specification §9.1). Applied like every migration: in one transaction,
-- under the migration advisory lock, by the role that owns the schema.
--
-- A hold is a bookings row with status 'held', an expires_at, no customer yet (customer_name and customer_email are
-- empty strings, customer_phone and notes null) and an empty manage_token_hash (a booking always has a manage token,
-- so an empty hash marks a row that was made as a hold and never booked). It occupies under bookings_no_overlap and
-- takes a seat of its group session like a booking. Booking it converts the row in place (same id).
--
-- An expired hold never blocks anyone, even before the sweeper marks it: the booking functions below first try the
-- insert, and only when it conflicts release the lapsed holds of that staff member that overlap the candidate
-- (status 'expired', their seats given back) inside the same transaction and try once more. "Lapsed" is judged
-- against the application's clock (p_now), not the database's now(): the hosts, the in-memory store and tests with a
-- shifted clock agree on when a hold ends.

ALTER TABLE bookmeatoz.tenants ADD COLUMN hold_minutes integer NOT NULL DEFAULT 10
    CONSTRAINT tenants_hold_minutes_check CHECK (hold_minutes BETWEEN 1 AND 60);

-- The sweeper's reads: held rows by expiry, and expired hold rows to purge (few rows either way).
CREATE INDEX bookings_held_by_expiry ON bookmeatoz.bookings (expires_at) WHERE status = 'held';
CREATE INDEX bookings_expired_holds ON bookmeatoz.bookings (expires_at) WHERE status = 'expired' AND manage_token_hash = '\x'::bytea;

-- Releases the lapsed holds (expires_at <= p_now) of one staff member whose blocked ranges overlap [p_from, p_to):
-- marks them expired, gives their group seats back and records a hold.released event for each. Returns how many.
CREATE FUNCTION bookmeatoz.release_lapsed_holds(p_tenant uuid, p_staff uuid, p_from timestamptz, p_to timestamptz, p_now timestamptz)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    v_count integer;
BEGIN
    WITH h AS (
        UPDATE bookmeatoz.bookings b SET status = 'expired'
        WHERE b.tenant_id = p_tenant AND b.staff_id = p_staff
          AND b.starts_at > p_from - interval '2 days' AND b.starts_at < p_to + interval '2 days'
          AND b.status = 'held' AND b.expires_at <= p_now
          AND b.blocked_start < p_to AND b.blocked_end > p_from
        RETURNING b.tenant_id, b.booking_id, b.service_id, b.staff_id, b.session_id, b.starts_at, b.ends_at),
    s AS (
        UPDATE bookmeatoz.sessions x SET seats_taken = x.seats_taken - g.n
        FROM (SELECT h.tenant_id, h.session_id, count(*)::integer AS n FROM h WHERE h.session_id IS NOT NULL GROUP BY 1, 2) g
        WHERE x.tenant_id = g.tenant_id AND x.session_id = g.session_id),
    o AS (
        INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
        SELECT h.tenant_id, 'hold.released', jsonb_build_object('bookingId', h.booking_id, 'serviceId', h.service_id,
            'staffId', h.staff_id, 'start', h.starts_at, 'end', h.ends_at, 'status', 'expired')
        FROM h
        RETURNING 1)
    SELECT count(*)::integer INTO v_count FROM o;
    RETURN v_count;
END
$$;

-- The booking functions of migration 0001, now with the expiry (of a hold or a pending booking) written with the
-- row, a hold's own event type, and the release of lapsed holds on a conflict. The happy path is unchanged: one
-- insert and one event. These are overloads (two more arguments): the functions of migration 0001 stay, because the
-- previous release calls them during a rolling upgrade (expand/contract, docs/deployment.md §12). Called by that
-- release they book as before, without releasing lapsed holds (a time held by a lapsed hold is refused until the
-- sweeper marks it expired); a later migration drops them, with a `-- contract:` note, once no release calls them.

CREATE FUNCTION bookmeatoz.book_one_to_one(
    p_tenant uuid, p_booking uuid, p_service uuid, p_staff uuid, p_start timestamptz, p_end timestamptz,
    p_before integer, p_after integer, p_blocked_start timestamptz, p_blocked_end timestamptz, p_status text,
    p_customer_name text, p_customer_email text, p_customer_phone text, p_notes text, p_created_at timestamptz,
    p_cancelled_at timestamptz, p_cancel_reason text, p_token_hash bytea, p_expires_at timestamptz, p_now timestamptz)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    v_try integer := 0;
BEGIN
    LOOP
        INSERT INTO bookmeatoz.bookings (tenant_id, booking_id, service_id, staff_id, session_id, starts_at, ends_at,
                                         buffer_before_minutes, buffer_after_minutes, blocked_start, blocked_end, status,
                                         customer_name, customer_email, customer_phone, notes, created_at, cancelled_at,
                                         cancel_reason, manage_token_hash, expires_at)
        VALUES (p_tenant, p_booking, p_service, p_staff, NULL, p_start, p_end, p_before, p_after, p_blocked_start, p_blocked_end,
                p_status, p_customer_name, p_customer_email, p_customer_phone, p_notes, p_created_at, p_cancelled_at,
                p_cancel_reason, p_token_hash, p_expires_at)
        ON CONFLICT ON CONSTRAINT bookings_no_overlap DO NOTHING;
        EXIT WHEN FOUND;
        v_try := v_try + 1;
        IF v_try > 1 OR bookmeatoz.release_lapsed_holds(p_tenant, p_staff, p_blocked_start, p_blocked_end, p_now) = 0 THEN
            RETURN false;
        END IF;
    END LOOP;

    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
    VALUES (p_tenant, CASE WHEN p_status = 'held' THEN 'hold.created' ELSE 'booking.created' END,
            jsonb_build_object('bookingId', p_booking, 'serviceId', p_service, 'staffId', p_staff,
                               'start', p_start, 'end', p_end, 'status', p_status));
    RETURN true;
END
$$;

CREATE FUNCTION bookmeatoz.book_group(
    p_tenant uuid, p_booking uuid, p_service uuid, p_staff uuid, p_start timestamptz, p_end timestamptz,
    p_before integer, p_after integer, p_blocked_start timestamptz, p_blocked_end timestamptz, p_status text,
    p_customer_name text, p_customer_email text, p_customer_phone text, p_notes text, p_created_at timestamptz,
    p_cancelled_at timestamptz, p_cancel_reason text, p_token_hash bytea, p_capacity integer, p_expires_at timestamptz,
    p_now timestamptz)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    v_session uuid;
    v_try integer := 0;
    v_booked boolean;
BEGIN
    LOOP
        v_booked := true;
        BEGIN
            v_session := NULL;
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
                                             cancel_reason, manage_token_hash, expires_at)
            VALUES (p_tenant, p_booking, p_service, p_staff, v_session, p_start, p_end, p_before, p_after, p_blocked_start,
                    p_blocked_end, p_status, p_customer_name, p_customer_email, p_customer_phone, p_notes, p_created_at,
                    p_cancelled_at, p_cancel_reason, p_token_hash, p_expires_at)
            ON CONFLICT ON CONSTRAINT bookings_no_overlap DO NOTHING;
            IF NOT FOUND THEN
                RAISE EXCEPTION USING ERRCODE = 'BMZ01', MESSAGE = 'the session''s time overlaps another hold';
            END IF;
        EXCEPTION WHEN SQLSTATE 'BMZ01' THEN
            v_booked := false;
        END;

        EXIT WHEN v_booked;
        v_try := v_try + 1;
        IF v_try > 1 OR bookmeatoz.release_lapsed_holds(p_tenant, p_staff, p_blocked_start, p_blocked_end, p_now) = 0 THEN
            RETURN false;
        END IF;
    END LOOP;

    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
    VALUES (p_tenant, CASE WHEN p_status = 'held' THEN 'hold.created' ELSE 'booking.created' END,
            jsonb_build_object('bookingId', p_booking, 'serviceId', p_service, 'staffId', p_staff,
                               'start', p_start, 'end', p_end, 'status', p_status));
    RETURN true;
END
$$;

-- Books a hold in place: only a row still held, unexpired at p_now (the application's clock), of the same service,
-- staff member and start; it takes the booking's status, customer, notes, creation time, manage token, answers and
-- expiry, and the booking.created event is recorded. False (nothing written) otherwise. PL/pgSQL for the cached plan,
-- as the booking functions.
CREATE FUNCTION bookmeatoz.book_hold(
    p_tenant uuid, p_booking uuid, p_service uuid, p_staff uuid, p_start timestamptz, p_status text,
    p_customer_name text, p_customer_email text, p_customer_phone text, p_notes text, p_created_at timestamptz,
    p_token_hash bytea, p_answers jsonb, p_expires_at timestamptz, p_now timestamptz)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    v_end timestamptz;
BEGIN
    UPDATE bookmeatoz.bookings
    SET status = p_status, customer_name = p_customer_name, customer_email = p_customer_email,
        customer_phone = p_customer_phone, notes = p_notes, created_at = p_created_at, manage_token_hash = p_token_hash,
        answers = p_answers, expires_at = p_expires_at
    WHERE tenant_id = p_tenant AND booking_id = p_booking AND status = 'held' AND expires_at > p_now
      AND service_id = p_service AND staff_id = p_staff AND starts_at = p_start
    RETURNING ends_at INTO v_end;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
    VALUES (p_tenant, 'booking.created', jsonb_build_object('bookingId', p_booking, 'serviceId', p_service, 'staffId', p_staff,
                                                            'start', p_start, 'end', v_end, 'status', p_status));
    RETURN true;
END
$$;

-- Busy time with the caller's clock: an unexpired hold (expires_at > p_now), a pending or a confirmed booking, and
-- time off. Still PL/pgSQL for the cached plans; the extra parameter is a plain comparison. Overloads: the four-argument
-- versions (migration 0008, the database's clock) stay for the previous release, as above.

CREATE FUNCTION bookmeatoz.busy_ranges(p_tenant uuid, p_staff uuid[], p_from timestamptz, p_to timestamptz, p_now timestamptz)
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
     AND (b.status IN ('pending', 'confirmed') OR (b.status = 'held' AND b.expires_at > p_now))
     AND b.blocked_start < p_to AND b.blocked_end > p_from;

    RETURN QUERY
    SELECT t.staff_id, t.starts_at, t.ends_at, NULL::uuid, NULL::uuid, NULL::timestamptz
    FROM unnest(p_staff) AS x(staff_id)
    JOIN bookmeatoz.time_off t
      ON t.tenant_id = p_tenant AND t.staff_id = x.staff_id AND t.starts_at < p_to AND t.ends_at > p_from;
END
$$;

CREATE FUNCTION bookmeatoz.busy_ranges_merged(p_tenant uuid, p_staff uuid[], p_from timestamptz, p_to timestamptz, p_now timestamptz)
RETURNS TABLE (busy_staff_id uuid, busy_start timestamptz, busy_end timestamptz, busy_booking_id uuid,
               busy_service_id uuid, busy_appointment_start timestamptz)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    WITH shared AS (
        SELECT s.service_id FROM bookmeatoz.services s WHERE s.tenant_id = p_tenant AND s.capacity > 1),
    booked AS (
        SELECT b.staff_id, b.blocked_start, b.blocked_end, b.booking_id, b.service_id, b.starts_at,
               b.service_id IN (SELECT service_id FROM shared) AS in_group
        FROM unnest(p_staff) AS x(staff_id)
        JOIN bookmeatoz.bookings b
          ON b.tenant_id = p_tenant AND b.staff_id = x.staff_id
         AND b.starts_at > p_from - interval '2 days' AND b.starts_at < p_to + interval '2 days'
         AND (b.status IN ('pending', 'confirmed') OR (b.status = 'held' AND b.expires_at > p_now))
         AND b.blocked_start < p_to AND b.blocked_end > p_from),
    blocking AS (
        SELECT k.staff_id, tstzrange(k.blocked_start, k.blocked_end) AS blocked FROM booked k WHERE NOT k.in_group
        UNION ALL
        SELECT t.staff_id, tstzrange(t.starts_at, t.ends_at)
        FROM unnest(p_staff) AS x(staff_id)
        JOIN bookmeatoz.time_off t
          ON t.tenant_id = p_tenant AND t.staff_id = x.staff_id AND t.starts_at < p_to AND t.ends_at > p_from)
    SELECT k.staff_id, k.blocked_start, k.blocked_end, k.booking_id, k.service_id, k.starts_at
    FROM booked k WHERE k.in_group
    UNION ALL
    SELECT m.staff_id, lower(r.blocked), upper(r.blocked), NULL::uuid, NULL::uuid, NULL::timestamptz
    FROM (SELECT g.staff_id, range_agg(g.blocked) AS blocked FROM blocking g GROUP BY g.staff_id) AS m
    CROSS JOIN LATERAL unnest(m.blocked) AS r(blocked);
END
$$;

-- The sweeper's cross-tenant path, as the schema's owner inside the function below (bookmeatoz.relay switched on for
-- its own transaction only, as the outbox relay does).
CREATE POLICY relay ON bookmeatoz.bookings TO CURRENT_USER
    USING (current_setting('bookmeatoz.relay', true) = 'on')
    WITH CHECK (current_setting('bookmeatoz.relay', true) = 'on');
CREATE POLICY relay ON bookmeatoz.sessions TO CURRENT_USER
    USING (current_setting('bookmeatoz.relay', true) = 'on')
    WITH CHECK (current_setting('bookmeatoz.relay', true) = 'on');

-- Marks up to p_limit lapsed holds (of every tenant) expired, giving their seats back, with a hold.released event
-- each; then deletes up to p_limit expired hold rows (never booked) that lapsed before p_purge_before. Rows another
-- transaction holds are skipped (a booking path releasing them, or another instance's sweeper). Returns the holds
-- marked expired.
CREATE FUNCTION bookmeatoz.sweep_holds(p_now timestamptz, p_purge_before timestamptz, p_limit integer)
RETURNS SETOF bookmeatoz.bookings
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM set_config('bookmeatoz.relay', 'on', true);
    RETURN QUERY
    WITH lapsed AS (
        SELECT p.tenant_id, p.booking_id FROM bookmeatoz.bookings p
        WHERE p.status = 'held' AND p.expires_at <= p_now
        ORDER BY p.expires_at
        LIMIT p_limit
        FOR UPDATE SKIP LOCKED),
    h AS (
        UPDATE bookmeatoz.bookings b SET status = 'expired'
        FROM lapsed l
        WHERE b.tenant_id = l.tenant_id AND b.booking_id = l.booking_id AND b.status = 'held'
        RETURNING b.*),
    s AS (
        UPDATE bookmeatoz.sessions x SET seats_taken = x.seats_taken - g.n
        FROM (SELECT h.tenant_id, h.session_id, count(*)::integer AS n FROM h WHERE h.session_id IS NOT NULL GROUP BY 1, 2) g
        WHERE x.tenant_id = g.tenant_id AND x.session_id = g.session_id),
    o AS (
        INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
        SELECT h.tenant_id, 'hold.released', jsonb_build_object('bookingId', h.booking_id, 'serviceId', h.service_id,
            'staffId', h.staff_id, 'start', h.starts_at, 'end', h.ends_at, 'status', 'expired')
        FROM h)
    SELECT h.* FROM h;

    DELETE FROM bookmeatoz.bookings b
    USING (SELECT p.tenant_id, p.booking_id FROM bookmeatoz.bookings p
           WHERE p.status = 'expired' AND p.manage_token_hash = '\x'::bytea AND p.expires_at < p_purge_before
           LIMIT p_limit
           FOR UPDATE SKIP LOCKED) g
    WHERE b.tenant_id = g.tenant_id AND b.booking_id = g.booking_id;

    PERFORM set_config('bookmeatoz.relay', '', true);
END
$$;
