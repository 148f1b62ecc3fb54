-- BookMeAtOz schema: resources' gaps (product specification §9.1, §10.1): a lapsed hold never keeps units; resource changes are audited.
-- Applied like every migration: in one transaction, under the migration advisory lock, by the role that owns the schema.
--
-- REPLACES bookmeatoz.sync_resource_units (migration 0014); adds bookmeatoz.release_lapsed_resource_holds, and the audit of
-- resource changes (bookmeatoz.resource_audit_snapshot, bookmeatoz.audit_resource, trigger resources_audit; at the end).
--
-- Until now a hold past its expiry kept its resource_units rows until the sweeper marked it expired, so a booking of
-- another staff member needing those units was refused. Now, as bookings_no_overlap is treated for staff (migration
-- 0009): when a booking is short of free units of a resource, the lapsed holds whose units of that resource overlap its
-- blocked range are released inside the same transaction (marked expired, their group seats given back, a hold.released
-- event each, their unit rows deleted at once) and the units are tried once more. The rows stay the exclusion
-- constraint's business: no row of a lapsed hold is ignored by the constraint, it is removed before the insert, so the
-- invariant "never more units in use than exist" is still held by resource_units_no_overlap alone. Concurrent bookings
-- releasing the same hold serialize on its row (the UPDATE re-checks status = 'held'); only one releases it.
--
-- "Lapsed" is judged against the store's clock, as everywhere: the deferred trigger has no argument for it, so it reads
-- bookmeatoz.audit_at, which every write of the booking store sets with the tenant (the store's clock for that write);
-- outside the store (a manual statement) the database's now() stands in. Availability reads leave out the rows of lapsed
-- holds with the same comparison (PostgresBookingStore.LoadResourceAvailabilityAsync).

-- Releases the lapsed holds (expires_at <= p_now) that hold units of one resource overlapping [p_from, p_to): marks them
-- expired, gives their group seats back, records a hold.released event for each and deletes their unit rows. Returns how
-- many.
CREATE FUNCTION bookmeatoz.release_lapsed_resource_holds(p_tenant uuid, p_resource uuid, p_from timestamptz, p_to timestamptz,
                                                         p_now timestamptz)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_count integer;
BEGIN
    WITH lapsed AS (
        SELECT DISTINCT u.booking_id
        FROM bookmeatoz.resource_units u
        JOIN bookmeatoz.bookings b ON b.tenant_id = u.tenant_id AND b.booking_id = u.booking_id
        WHERE u.tenant_id = p_tenant AND u.resource_id = p_resource
          AND u.blocked_start > p_from - interval '2 days' AND u.blocked_start < p_to AND u.blocked_end > p_from
          AND b.status = 'held' AND b.expires_at <= p_now),
    h AS (
        UPDATE bookmeatoz.bookings b SET status = 'expired'
        FROM lapsed l
        WHERE b.tenant_id = p_tenant AND b.booking_id = l.booking_id AND b.status = 'held' AND b.expires_at <= p_now
        RETURNING b.tenant_id, b.booking_id, b.service_id, b.staff_id, b.session_id, b.starts_at, b.ends_at),
    d AS (
        DELETE FROM bookmeatoz.resource_units u USING h
        WHERE u.tenant_id = h.tenant_id AND u.booking_id = h.booking_id),
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

-- As in migration 0014, with the release of lapsed holds when a resource is short of free units.
CREATE OR REPLACE FUNCTION bookmeatoz.sync_resource_units(p_tenant uuid, p_booking uuid) RETURNS void
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
    v_try integer;
    -- The store's clock for this write (set with the tenant, PostgresSql.SetTenant); the database's only outside the store.
    v_now timestamptz := COALESCE(NULLIF(current_setting('bookmeatoz.audit_at', true), '')::timestamptz, now());
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
                v_try := 0;
                LOOP
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

                    EXIT WHEN v_taken = v_need.units;
                    -- Short of units: lapsed holds in the way give theirs back (once), as the staff path does.
                    v_try := v_try + 1;
                    IF v_try > 1 OR bookmeatoz.release_lapsed_resource_holds(p_tenant, v_need.resource_id, v_start, v_end, v_now) = 0 THEN
                        RAISE EXCEPTION USING ERRCODE = 'BMZ02', MESSAGE = 'not enough units of a resource are free';
                    END IF;
                END LOOP;
            END LOOP;
        END IF;
    END IF;

    PERFORM set_config('bookmeatoz.tenant_id', COALESCE(v_saved, ''), true);
END
$$;

-- The audit of resource changes (resource.created/updated/deleted), as the catalog's (migration 0012's audit_catalog, not
-- replaced): an AFTER ROW trigger appends the entry in the change's transaction with the actor and time set with the
-- tenant. The snapshot is BookMeAtOz.Audit.CatalogAudit.Snapshot(Resource)'s, which the in-memory store records: keep
-- them the same. A soft delete (deleted_at set) is resource.deleted with no after; a change the snapshot does not show,
-- and anything after the delete, records nothing.
CREATE FUNCTION bookmeatoz.resource_audit_snapshot(r bookmeatoz.resources) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN jsonb_build_object('id', r.resource_id, 'name', r.name, 'kind', r.kind, 'quantity', r.quantity, 'active', r.active);

CREATE FUNCTION bookmeatoz.audit_resource() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_before jsonb;
    v_after jsonb;
    v_action text;
    v_row bookmeatoz.resources;
BEGIN
    IF current_setting('bookmeatoz.purging', true) = 'on' THEN
        RETURN NULL;  -- the purge of a closed tenant removes everything, its audit log included
    END IF;
    IF TG_OP = 'INSERT' THEN
        v_row := NEW;
        v_action := 'resource.created';
        v_after := bookmeatoz.resource_audit_snapshot(NEW);
    ELSIF TG_OP = 'DELETE' THEN
        IF OLD.deleted_at IS NOT NULL THEN
            RETURN NULL;
        END IF;
        v_row := OLD;
        v_action := 'resource.deleted';
        v_before := bookmeatoz.resource_audit_snapshot(OLD);
    ELSE
        IF OLD.deleted_at IS NOT NULL THEN
            RETURN NULL;
        END IF;
        v_row := NEW;
        v_before := bookmeatoz.resource_audit_snapshot(OLD);
        IF NEW.deleted_at IS NOT NULL THEN
            v_action := 'resource.deleted';
        ELSE
            v_action := 'resource.updated';
            v_after := bookmeatoz.resource_audit_snapshot(NEW);
            IF v_after = v_before THEN
                RETURN NULL;  -- nothing the snapshot shows changed
            END IF;
        END IF;
    END IF;

    PERFORM set_config('bookmeatoz.auditing', 'on', true);
    INSERT INTO bookmeatoz.audit_log (tenant_id, audit_id, at, actor_type, actor_id, entity, entity_id, action, before, after)
    VALUES (v_row.tenant_id, gen_random_uuid(),
            COALESCE(NULLIF(current_setting('bookmeatoz.audit_at', true), '')::timestamptz, now()),
            COALESCE(NULLIF(current_setting('bookmeatoz.actor_type', true), ''), 'system'),
            NULLIF(current_setting('bookmeatoz.actor_id', true), '')::uuid,
            'resource', v_row.resource_id, v_action, v_before, v_after);
    PERFORM set_config('bookmeatoz.auditing', '', true);
    RETURN NULL;
END
$$;

CREATE TRIGGER resources_audit AFTER INSERT OR UPDATE OR DELETE ON bookmeatoz.resources
    FOR EACH ROW EXECUTE FUNCTION bookmeatoz.audit_resource();
