-- BookMeAtOz schema: resources (product specification §10.1). Applied like every migration: in one transaction, under the
-- migration advisory lock, by the role that owns the schema. Defines new functions and a trigger only; no earlier
-- function is replaced.
--
-- A resource (a room, a chair, an ultrasound machine) has a quantity of interchangeable units. A service lists the units
-- of resources each of its bookings uses ([{resourceId, units}], services.resources). The invariant "never more units in
-- use than exist, at any instant" is held by the database with one row per unit a booking uses (resource_units) and an
-- exclusion constraint: no two rows of one unit of one resource overlap in time. A booking takes specific unit numbers,
-- each between 1 and the resource's quantity, so at any instant at most `quantity` rows can be in use.
--
-- The rows are kept by a deferred constraint trigger on bookings: at commit, a booking that occupies time (held, pending,
-- confirmed) holds rows for its blocked range, one that does not (cancelled, declined, expired, no-show) holds none. So
-- every path that writes a booking (the booking functions, holds, reschedules, transitions, the sweeper) is covered
-- without changing it. A booking that cannot get its units fails the commit with SQLSTATE BMZ02, which the store reports
-- as slot_unavailable; nothing of the transaction is kept.
--
-- Concurrency: units are tried in order with INSERT … ON CONFLICT ON CONSTRAINT … DO NOTHING. A unit another transaction
-- is taking makes the insert wait for that transaction; if it commits, the unit is skipped and the next one tried; if it
-- rolls back, the unit is taken. So concurrent bookings never share a unit, and none is refused while a unit is free. The
-- resource row is read FOR KEY SHARE: a change of quantity (which locks the row FOR UPDATE) waits for bookings taking
-- units, and bookings wait for it.

CREATE TABLE bookmeatoz.resources (
    tenant_id   uuid        NOT NULL,
    resource_id uuid        NOT NULL,
    name        text        NOT NULL,
    kind        text        NOT NULL,
    quantity    integer     NOT NULL,
    active      boolean     NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz,
    CONSTRAINT resources_pkey PRIMARY KEY (tenant_id, resource_id),
    CONSTRAINT resources_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES bookmeatoz.tenants (tenant_id),
    CONSTRAINT resources_quantity_check CHECK (quantity BETWEEN 1 AND 100)
);

ALTER TABLE bookmeatoz.resources ENABLE ROW LEVEL SECURITY;
ALTER TABLE bookmeatoz.resources FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bookmeatoz.resources
    USING (tenant_id = bookmeatoz.current_tenant())
    WITH CHECK (tenant_id = bookmeatoz.current_tenant());

-- What each booking of the service uses: [{"resourceId": "…", "units": n}], each resource at most once.
ALTER TABLE bookmeatoz.services ADD COLUMN resources jsonb NOT NULL DEFAULT '[]'::jsonb;

-- One row per unit an active booking uses, for the booking's blocked range (buffers included; at most 2 days long, as
-- bookings_blocked_length_check bounds it, which lets reads find the rows overlapping a range by a btree range scan).
CREATE TABLE bookmeatoz.resource_units (
    tenant_id     uuid        NOT NULL,
    resource_id   uuid        NOT NULL,
    unit          integer     NOT NULL,
    booking_id    uuid        NOT NULL,
    blocked_start timestamptz NOT NULL,
    blocked_end   timestamptz NOT NULL,
    CONSTRAINT resource_units_pkey PRIMARY KEY (tenant_id, booking_id, resource_id, unit),
    CONSTRAINT resource_units_resource_fkey FOREIGN KEY (tenant_id, resource_id) REFERENCES bookmeatoz.resources (tenant_id, resource_id),
    CONSTRAINT resource_units_booking_fkey FOREIGN KEY (tenant_id, booking_id)
        REFERENCES bookmeatoz.bookings (tenant_id, booking_id) ON DELETE CASCADE,
    CONSTRAINT resource_units_range_check CHECK (unit >= 1 AND blocked_end > blocked_start
                                                 AND blocked_end - blocked_start <= interval '2 days'),
    CONSTRAINT resource_units_no_overlap EXCLUDE USING gist (
        tenant_id WITH =,
        resource_id WITH =,
        unit WITH =,
        tstzrange(blocked_start, blocked_end) WITH &&
    )
);
CREATE INDEX resource_units_by_start ON bookmeatoz.resource_units (tenant_id, resource_id, blocked_start, unit);

ALTER TABLE bookmeatoz.resource_units ENABLE ROW LEVEL SECURITY;
ALTER TABLE bookmeatoz.resource_units FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bookmeatoz.resource_units
    USING (tenant_id = bookmeatoz.current_tenant())
    WITH CHECK (tenant_id = bookmeatoz.current_tenant());

-- Brings one booking's unit rows in line with the booking as it is now: none unless it occupies time; else, unless it
-- already holds rows for exactly its blocked range, gives back what it held and takes the units its service requires.
-- Runs in the booking's tenant (set here, for paths such as the sweeper that run across tenants; restored after).
CREATE FUNCTION bookmeatoz.sync_resource_units(p_tenant uuid, p_booking uuid) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_saved text := current_setting('bookmeatoz.tenant_id', true);
    v_status text;
    v_start timestamptz;
    v_end timestamptz;
    v_service uuid;
    v_required jsonb;
    v_need record;
    v_quantity integer;
    v_active boolean;
    v_taken integer;
    v_unit integer;
BEGIN
    PERFORM set_config('bookmeatoz.tenant_id', p_tenant::text, true);
    SELECT b.status, b.blocked_start, b.blocked_end, b.service_id INTO v_status, v_start, v_end, v_service
    FROM bookmeatoz.bookings b WHERE b.tenant_id = p_tenant AND b.booking_id = p_booking;

    IF v_status IS NULL OR v_status NOT IN ('held', 'pending', 'confirmed') THEN
        DELETE FROM bookmeatoz.resource_units u WHERE u.tenant_id = p_tenant AND u.booking_id = p_booking;
    ELSIF EXISTS (SELECT 1 FROM bookmeatoz.resource_units u WHERE u.tenant_id = p_tenant AND u.booking_id = p_booking)
          AND NOT EXISTS (SELECT 1 FROM bookmeatoz.resource_units u
                          WHERE u.tenant_id = p_tenant AND u.booking_id = p_booking
                            AND (u.blocked_start <> v_start OR u.blocked_end <> v_end)) THEN
        NULL;  -- it already holds its units for this range
    ELSE
        DELETE FROM bookmeatoz.resource_units u WHERE u.tenant_id = p_tenant AND u.booking_id = p_booking;
        SELECT s.resources INTO v_required FROM bookmeatoz.services s WHERE s.tenant_id = p_tenant AND s.service_id = v_service;
        IF v_required IS NOT NULL AND jsonb_array_length(v_required) > 0 THEN
            -- In resource id order, so that concurrent bookings take their resources' locks in one order.
            FOR v_need IN
                SELECT (e->>'resourceId')::uuid AS resource_id, (e->>'units')::integer AS units
                FROM jsonb_array_elements(v_required) e ORDER BY 1
            LOOP
                SELECT r.quantity, r.active AND r.deleted_at IS NULL INTO v_quantity, v_active
                FROM bookmeatoz.resources r WHERE r.tenant_id = p_tenant AND r.resource_id = v_need.resource_id
                FOR KEY SHARE;
                IF v_quantity IS NULL OR NOT v_active OR v_need.units > v_quantity THEN
                    RAISE EXCEPTION USING ERRCODE = 'BMZ02', MESSAGE = 'a resource the booking requires cannot be used';
                END IF;

                v_taken := 0;
                FOR v_unit IN
                    SELECT g FROM generate_series(1, v_quantity) g
                    WHERE NOT EXISTS (
                        SELECT 1 FROM bookmeatoz.resource_units u
                        WHERE u.tenant_id = p_tenant AND u.resource_id = v_need.resource_id AND u.unit = g
                          AND u.blocked_start > v_start - interval '2 days' AND u.blocked_start < v_end AND u.blocked_end > v_start)
                    ORDER BY g
                LOOP
                    INSERT INTO bookmeatoz.resource_units (tenant_id, resource_id, unit, booking_id, blocked_start, blocked_end)
                    VALUES (p_tenant, v_need.resource_id, v_unit, p_booking, v_start, v_end)
                    ON CONFLICT ON CONSTRAINT resource_units_no_overlap DO NOTHING;
                    IF FOUND THEN
                        v_taken := v_taken + 1;
                        EXIT WHEN v_taken = v_need.units;
                    END IF;
                END LOOP;

                IF v_taken < v_need.units THEN
                    RAISE EXCEPTION USING ERRCODE = 'BMZ02', MESSAGE = 'not enough units of a resource are free';
                END IF;
            END LOOP;
        END IF;
    END IF;

    PERFORM set_config('bookmeatoz.tenant_id', COALESCE(v_saved, ''), true);
END
$$;

CREATE FUNCTION bookmeatoz.bookings_resource_units() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM bookmeatoz.sync_resource_units(NEW.tenant_id, NEW.booking_id);
    RETURN NULL;
END
$$;

-- Deferred to the commit, so it sees the booking as the transaction leaves it (a booking function may write the row and
-- then change it). An update that keeps the status occupying and the blocked range unchanged does nothing.
CREATE CONSTRAINT TRIGGER bookings_resource_units_insert AFTER INSERT ON bookmeatoz.bookings
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION bookmeatoz.bookings_resource_units();
CREATE CONSTRAINT TRIGGER bookings_resource_units_update AFTER UPDATE OF status, blocked_start, blocked_end ON bookmeatoz.bookings
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN ((OLD.status IN ('held', 'pending', 'confirmed')) IS DISTINCT FROM (NEW.status IN ('held', 'pending', 'confirmed'))
          OR OLD.blocked_start <> NEW.blocked_start OR OLD.blocked_end <> NEW.blocked_end)
    EXECUTE FUNCTION bookmeatoz.bookings_resource_units();
