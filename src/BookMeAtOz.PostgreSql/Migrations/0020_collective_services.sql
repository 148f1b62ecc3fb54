-- BookMeAtOz schema: collective services (product specification §10.3). Applied like every migration: in one transaction,
-- under the migration advisory lock, by the role that owns the schema. Defines new functions and triggers only; no earlier
-- function is replaced.
--
-- A collective service needs staff_required of its staff together. Its booking keeps the first of them in
-- bookings.staff_id, as every booking does, and the others in bookings.additional_staff_ids. The invariant is the one the
-- exclusion constraint bookings_no_overlap holds for staff_id, extended to every staff member a booking occupies: no two
-- occupying bookings (held, pending, confirmed) overlap in their blocked ranges for any staff member they share, whether
-- that member is a booking's staff_id or one of its additional staff.
--
-- Three parts hold it:
--  1. booking_staff: one row per additional staff member of an occupying booking, for its blocked range, kept in step with
--     the booking by a deferred constraint trigger (as resource_units is, migration 0014), with an exclusion constraint:
--     two additional-staff rows of one staff member never overlap.
--  2. An additional-staff row never overlaps an occupying booking whose staff_id is that member. The lock that orders the
--     two sides is the one the foreign key bookings_staff_fkey already takes: inserting a booking locks its staff row
--     FOR KEY SHARE until the transaction ends. The additional-staff rows are written (at commit) under a FOR UPDATE lock
--     of the member's staff row, after a check of the member's bookings; and a row that comes to occupy a staff member's
--     time as staff_id (an insert, a move, a change of status) is checked against booking_staff by an AFTER ROW trigger
--     (bookings_staff_claim) that runs after the foreign key's check (triggers of one event fire in name order, and the
--     foreign key's "RI_ConstraintTrigger_..." sorts first) and locks the staff row FOR KEY SHARE itself for an update,
--     which the foreign key does not check. FOR UPDATE and FOR KEY SHARE conflict, so of two such transactions the second
--     waits for the first to end, and its check (a statement started after the lock was granted, under READ COMMITTED)
--     sees what the first committed. Either order refuses the overlap; neither check can pass on a state the other is
--     about to change.
--     Why AFTER and not BEFORE: a BEFORE trigger fires for every row a booking function tries, including a candidate the
--     insert then skips (ON CONFLICT DO NOTHING on bookings_no_overlap), so an any-staff booking kept a KEY SHARE lock of
--     every staff member it failed to book while it waited for the next one, whom a team might hold FOR UPDATE while
--     waiting for one of the first: a deadlock. An AFTER trigger fires only for a row written, and a transaction writing
--     single bookings holds locks only of the staff it booked, so it never waits while holding a staff member a waiting
--     team needs. The store locks a team's additional staff FOR UPDATE but its lead only FOR KEY SHARE (the lead is held by
--     bookings_no_overlap and this trigger), because a single booking writes its row before the foreign key locks the
--     staff row: a team holding its lead FOR UPDATE would wait on that row while its writer waits for the lock. What is
--     left is rare and short: a KEY SHARE request queued behind a team's pending FOR UPDATE of the same staff row can
--     still close a cycle with a team inserting its lead (3 deadlocks in 12 runs of the 200-client race, each retried by
--     the unit of work), and a series booking several staff members in one transaction can meet a team likewise. A single booking pays one trigger call and one probe of booking_staff's index (empty for
--     a tenant without collective services), nothing else: no lock beyond the foreign key's.
--  3. An occupying booking's staff_id never overlaps another's staff_id: bookings_no_overlap, unchanged.
-- A refusal raises SQLSTATE BMZ02 (as a resource without free units does), which the store reports as slot_unavailable;
-- nothing of the transaction is kept.

ALTER TABLE bookmeatoz.services ADD COLUMN staff_required integer NOT NULL DEFAULT 1;
ALTER TABLE bookmeatoz.services ADD CONSTRAINT services_staff_required_check CHECK (staff_required BETWEEN 1 AND 500);

ALTER TABLE bookmeatoz.bookings ADD COLUMN additional_staff_ids uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE bookmeatoz.bookings ADD CONSTRAINT bookings_additional_staff_check
    CHECK (cardinality(additional_staff_ids) < 500 AND NOT (staff_id = ANY (additional_staff_ids)));

CREATE TABLE bookmeatoz.booking_staff (
    tenant_id     uuid        NOT NULL,
    booking_id    uuid        NOT NULL,
    staff_id      uuid        NOT NULL,
    blocked_start timestamptz NOT NULL,
    blocked_end   timestamptz NOT NULL,
    CONSTRAINT booking_staff_pkey PRIMARY KEY (tenant_id, booking_id, staff_id),
    CONSTRAINT booking_staff_booking_fkey FOREIGN KEY (tenant_id, booking_id)
        REFERENCES bookmeatoz.bookings (tenant_id, booking_id) ON DELETE CASCADE,
    CONSTRAINT booking_staff_staff_fkey FOREIGN KEY (tenant_id, staff_id) REFERENCES bookmeatoz.staff (tenant_id, staff_id),
    CONSTRAINT booking_staff_range_check CHECK (blocked_end > blocked_start AND blocked_end - blocked_start <= interval '2 days'),
    CONSTRAINT booking_staff_no_overlap EXCLUDE USING gist (
        tenant_id WITH =,
        staff_id WITH =,
        tstzrange(blocked_start, blocked_end) WITH &&
    )
);
-- Reads find the rows overlapping a range by a btree range scan (a row is at most 2 days long), as bookings_by_staff_start.
CREATE INDEX booking_staff_by_start ON bookmeatoz.booking_staff (tenant_id, staff_id, blocked_start, booking_id);

ALTER TABLE bookmeatoz.booking_staff ENABLE ROW LEVEL SECURITY;
ALTER TABLE bookmeatoz.booking_staff FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bookmeatoz.booking_staff
    USING (tenant_id = bookmeatoz.current_tenant())
    WITH CHECK (tenant_id = bookmeatoz.current_tenant());

-- Brings one booking's additional-staff rows in line with the booking as it is now: none unless it occupies time and has
-- additional staff; else, unless it already holds rows for exactly them and its blocked range, gives back what it held
-- and takes the rows again, refusing (BMZ02) when one of them is busy then.
CREATE FUNCTION bookmeatoz.sync_booking_staff(p_tenant uuid, p_booking uuid) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_saved text := current_setting('bookmeatoz.tenant_id', true);
    v_status text;
    v_start timestamptz;
    v_end timestamptz;
    v_extra uuid[];
    v_taken integer;
BEGIN
    PERFORM set_config('bookmeatoz.tenant_id', p_tenant::text, true);
    SELECT b.status, b.blocked_start, b.blocked_end, b.additional_staff_ids INTO v_status, v_start, v_end, v_extra
    FROM bookmeatoz.bookings b WHERE b.tenant_id = p_tenant AND b.booking_id = p_booking;

    IF v_status IS NULL OR v_status NOT IN ('held', 'pending', 'confirmed') OR cardinality(v_extra) = 0 THEN
        DELETE FROM bookmeatoz.booking_staff s WHERE s.tenant_id = p_tenant AND s.booking_id = p_booking;
    ELSIF (SELECT count(*) FROM bookmeatoz.booking_staff s
           WHERE s.tenant_id = p_tenant AND s.booking_id = p_booking
             AND s.staff_id = ANY (v_extra) AND s.blocked_start = v_start AND s.blocked_end = v_end) = cardinality(v_extra)
          AND NOT EXISTS (SELECT 1 FROM bookmeatoz.booking_staff s
                          WHERE s.tenant_id = p_tenant AND s.booking_id = p_booking AND NOT (s.staff_id = ANY (v_extra))) THEN
        NULL;  -- it already holds its rows for these staff and this range
    ELSE
        DELETE FROM bookmeatoz.booking_staff s WHERE s.tenant_id = p_tenant AND s.booking_id = p_booking;

        -- Waits for every transaction writing a booking of these staff (each holds FOR KEY SHARE of the staff row) and
        -- holds off new ones until this transaction ends; in id order, so that two collective bookings never wait for
        -- each other's staff.
        PERFORM 1 FROM bookmeatoz.staff st
        WHERE st.tenant_id = p_tenant AND st.staff_id = ANY (v_extra)
        ORDER BY st.staff_id
        FOR UPDATE;

        -- A statement of its own, after the locks: it sees every booking committed before them.
        IF EXISTS (
            SELECT 1 FROM bookmeatoz.bookings b
            WHERE b.tenant_id = p_tenant AND b.staff_id = ANY (v_extra) AND b.booking_id <> p_booking
              AND b.starts_at > v_start - interval '2 days' AND b.starts_at < v_end + interval '1 day'
              AND b.blocked_start < v_end AND b.blocked_end > v_start
              AND b.status IN ('held', 'pending', 'confirmed')) THEN
            RAISE EXCEPTION USING ERRCODE = 'BMZ02', MESSAGE = 'a staff member the booking needs is busy then';
        END IF;

        INSERT INTO bookmeatoz.booking_staff (tenant_id, booking_id, staff_id, blocked_start, blocked_end)
        SELECT p_tenant, p_booking, x.staff_id, v_start, v_end FROM unnest(v_extra) AS x(staff_id)
        ON CONFLICT ON CONSTRAINT booking_staff_no_overlap DO NOTHING;
        GET DIAGNOSTICS v_taken = ROW_COUNT;
        IF v_taken < cardinality(v_extra) THEN
            RAISE EXCEPTION USING ERRCODE = 'BMZ02', MESSAGE = 'a staff member the booking needs is busy then';
        END IF;
    END IF;

    PERFORM set_config('bookmeatoz.tenant_id', COALESCE(v_saved, ''), true);
END
$$;

CREATE FUNCTION bookmeatoz.bookings_booking_staff() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM bookmeatoz.sync_booking_staff(NEW.tenant_id, NEW.booking_id);
    RETURN NULL;
END
$$;

-- Deferred to the commit, so it sees the booking as the transaction leaves it (the store sets additional_staff_ids after
-- the booking function wrote the row). A booking without additional staff, before and after, fires nothing.
CREATE CONSTRAINT TRIGGER bookings_booking_staff_insert AFTER INSERT ON bookmeatoz.bookings
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (cardinality(NEW.additional_staff_ids) > 0)
    EXECUTE FUNCTION bookmeatoz.bookings_booking_staff();
CREATE CONSTRAINT TRIGGER bookings_booking_staff_update
    AFTER UPDATE OF status, blocked_start, blocked_end, additional_staff_ids ON bookmeatoz.bookings
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN ((cardinality(OLD.additional_staff_ids) > 0 OR cardinality(NEW.additional_staff_ids) > 0)
          AND ((OLD.status IN ('held', 'pending', 'confirmed')) IS DISTINCT FROM (NEW.status IN ('held', 'pending', 'confirmed'))
               OR OLD.blocked_start <> NEW.blocked_start OR OLD.blocked_end <> NEW.blocked_end
               OR OLD.additional_staff_ids <> NEW.additional_staff_ids))
    EXECUTE FUNCTION bookmeatoz.bookings_booking_staff();

-- After a row comes to occupy its staff member's time (inserted occupying, moved, or made occupying again), locks the staff
-- row FOR KEY SHARE (already held after an insert, by the foreign key's check, which fires first) and refuses the write
-- when the member serves an overlapping booking as one of its additional staff. Fires only for rows written (not for a
-- candidate an insert skipped), after the row is in place, so a transaction waits for a staff member's lock only for a
-- booking it is writing of that member.
CREATE FUNCTION bookmeatoz.bookings_staff_claim() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_saved text := current_setting('bookmeatoz.tenant_id', true);
    v_busy boolean;
BEGIN
    -- Row-level security scopes both reads to the booking's tenant (set here for paths that run across tenants).
    IF v_saved IS DISTINCT FROM NEW.tenant_id::text THEN
        PERFORM set_config('bookmeatoz.tenant_id', NEW.tenant_id::text, true);
    END IF;

    PERFORM 1 FROM bookmeatoz.staff st WHERE st.tenant_id = NEW.tenant_id AND st.staff_id = NEW.staff_id FOR KEY SHARE;
    -- A statement of its own, after the lock: it sees every booking_staff row committed before it was granted.
    v_busy := EXISTS (
        SELECT 1 FROM bookmeatoz.booking_staff s
        WHERE s.tenant_id = NEW.tenant_id AND s.staff_id = NEW.staff_id AND s.booking_id <> NEW.booking_id
          AND s.blocked_start > NEW.blocked_start - interval '2 days' AND s.blocked_start < NEW.blocked_end
          AND s.blocked_end > NEW.blocked_start);

    IF v_saved IS DISTINCT FROM NEW.tenant_id::text THEN
        PERFORM set_config('bookmeatoz.tenant_id', COALESCE(v_saved, ''), true);
    END IF;

    IF v_busy THEN
        RAISE EXCEPTION USING ERRCODE = 'BMZ02', MESSAGE = 'the staff member serves another booking then';
    END IF;

    RETURN NULL;
END
$$;

-- Named to fire after the foreign key's RI_ConstraintTrigger_... (upper-case letters sort first).
CREATE TRIGGER bookings_staff_claim_insert AFTER INSERT ON bookmeatoz.bookings
    FOR EACH ROW
    WHEN (NEW.status IN ('held', 'pending', 'confirmed'))
    EXECUTE FUNCTION bookmeatoz.bookings_staff_claim();
CREATE TRIGGER bookings_staff_claim_update AFTER UPDATE OF staff_id, status, blocked_start, blocked_end ON bookmeatoz.bookings
    FOR EACH ROW
    WHEN (NEW.status IN ('held', 'pending', 'confirmed')
          AND (OLD.status NOT IN ('held', 'pending', 'confirmed') OR OLD.staff_id <> NEW.staff_id
               OR OLD.blocked_start <> NEW.blocked_start OR OLD.blocked_end <> NEW.blocked_end))
    EXECUTE FUNCTION bookmeatoz.bookings_staff_claim();
