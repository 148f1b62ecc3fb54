-- BookMeAtOz schema: the audit snapshots of migrations 0011 and 0012, made cheap enough for the booking write. Applied like
-- every migration: in one transaction, under the migration advisory lock, by the role that owns the schema.
--
-- Measured (docs/persistence.md): the booking audit trigger cost more than the rest of a booking together. Its snapshot
-- helpers were SQL functions with a SET clause, which PostgreSQL cannot inline: each call ran through the SQL function
-- executor, which parses and plans the body afresh in every transaction (four nested instant conversions per snapshot,
-- each planned too). As SQL-standard bodies (parsed and bound to their objects once, when created, so they need no
-- search_path) with no SET clause, they inline into the trigger's own cached plan. The instant format is unchanged:
-- PostgreSQL's JSON form of a timestamp is ISO 8601 with the fraction's trailing zeros dropped, whatever DateStyle says.

-- An instant as the snapshots write it: UTC, microseconds only when there are any (2027-04-04T00:00:00Z).
CREATE OR REPLACE FUNCTION bookmeatoz.audit_instant(p_at timestamptz) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (to_jsonb(p_at AT TIME ZONE 'UTC') #>> '{}') || 'Z';

-- A booking's audited fields: its public ones, never the manage token's hash (nor the answers, which the customer's export
-- carries). The same mapping as BookMeAtOz.Audit.BookingAudit.
CREATE OR REPLACE FUNCTION bookmeatoz.booking_audit_snapshot(b bookmeatoz.bookings) RETURNS jsonb
    LANGUAGE sql STABLE
    RETURN jsonb_build_object(
        'id', b.booking_id, 'serviceId', b.service_id, 'staffId', b.staff_id,
        'start', bookmeatoz.audit_instant(b.starts_at), 'end', bookmeatoz.audit_instant(b.ends_at), 'status', b.status,
        'customer', jsonb_build_object('name', b.customer_name, 'email', b.customer_email, 'phone', b.customer_phone),
        'notes', b.notes, 'cancelledAt', bookmeatoz.audit_instant(b.cancelled_at), 'cancelReason', b.cancel_reason);

-- The catalog's (migration 0012), likewise: the same mapping as BookMeAtOz.Audit.CatalogAudit. A service's snapshot now
-- carries its questions and location too, and (added by bookmeatoz.audit_catalog below) its staff list.
CREATE OR REPLACE FUNCTION bookmeatoz.catalog_audit_snapshot(p_entity text, p_row jsonb) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE p_entity
        WHEN 'service' THEN jsonb_build_object(
            'id', p_row->'service_id', 'name', p_row->'name', 'durationMinutes', p_row->'duration_minutes',
            'bufferBeforeMinutes', p_row->'buffer_before_minutes', 'bufferAfterMinutes', p_row->'buffer_after_minutes',
            'priceCents', p_row->'price_cents', 'capacity', p_row->'capacity', 'slotIntervalMinutes', p_row->'slot_interval_minutes',
            'active', p_row->'active', 'requiresApproval', p_row->'requires_approval',
            'questions', p_row->'questions', 'location', p_row->'location')
        WHEN 'staff' THEN jsonb_build_object(
            'id', p_row->'staff_id', 'name', p_row->'name', 'email', p_row->'email', 'timeZone', p_row->'time_zone',
            'active', p_row->'active', 'maxBookingsPerDay', p_row->'max_bookings_per_day')
        WHEN 'schedule' THEN jsonb_build_object(
            'staffId', p_row->'staff_id', 'weekly', p_row->'weekly', 'overrides', p_row->'overrides')
        WHEN 'time_off' THEN jsonb_build_object(
            'id', p_row->'time_off_id', 'staffId', p_row->'staff_id',
            'start', bookmeatoz.audit_instant((p_row->>'starts_at')::timestamptz),
            'end', bookmeatoz.audit_instant((p_row->>'ends_at')::timestamptz), 'reason', p_row->'reason')
        WHEN 'closure' THEN jsonb_build_object(
            'id', p_row->'closure_id', 'from', p_row->'from_date', 'to', p_row->'to_date', 'reason', p_row->'reason')
        WHEN 'tenant' THEN jsonb_build_object(
            'id', p_row->'tenant_id', 'slug', p_row->'slug', 'name', p_row->'name', 'timeZone', p_row->'time_zone',
            'currency', p_row->'currency', 'policy', jsonb_build_object(
                'minNoticeMinutes', p_row->'min_notice_minutes', 'maxAdvanceDays', p_row->'max_advance_days',
                'slotIntervalMinutes', p_row->'slot_interval_minutes',
                'cancellationNoticeMinutes', p_row->'cancellation_notice_minutes',
                'rescheduleNoticeMinutes', p_row->'reschedule_notice_minutes', 'maxReschedules', p_row->'max_reschedules',
                'maxActiveBookings', p_row->'max_active_bookings', 'approvalHours', p_row->'approval_hours',
                'holdMinutes', p_row->'hold_minutes'))
    END;

-- One index fewer for every booking to maintain: bookings_by_customer_email (migration 0011: every booking of a customer,
-- by e-mail and start) serves the active-booking limit's count (migration 0008's bookings_by_customer, the same keys
-- restricted to active statuses) as well, the status filtered on the customer's few rows.
DROP INDEX bookmeatoz.bookings_by_customer;

-- The booking audit trigger, split so that the writes it records nothing for never call it: taking a hold (not a booking
-- yet), a hold lapsing or released, and updates that leave status, start and staff member as they were. The conditions
-- are those bookmeatoz.audit_booking() applies itself (kept there as well); a WHEN clause is evaluated without a call.
DROP TRIGGER bookings_audit ON bookmeatoz.bookings;
CREATE TRIGGER bookings_audit_insert AFTER INSERT ON bookmeatoz.bookings
    FOR EACH ROW WHEN (NEW.status <> 'held') EXECUTE FUNCTION bookmeatoz.audit_booking();
CREATE TRIGGER bookings_audit_update AFTER UPDATE OF status, starts_at, staff_id ON bookmeatoz.bookings
    FOR EACH ROW WHEN (CASE WHEN OLD.status = 'held' THEN NEW.status IN ('pending', 'confirmed')
                            ELSE NEW.status <> OLD.status OR NEW.starts_at <> OLD.starts_at OR NEW.staff_id <> OLD.staff_id END)
    EXECUTE FUNCTION bookmeatoz.audit_booking();

-- The catalog audit trigger of migration 0012 with a service's staff list in its snapshots (a change of the list alone is
-- audited now, as are changes of the questions or location, which the snapshot above carries).
CREATE OR REPLACE FUNCTION bookmeatoz.audit_catalog() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_entity text := TG_ARGV[0];
    v_before jsonb;
    v_after jsonb;
    v_action text;
    v_row jsonb;
    v_id uuid;
BEGIN
    IF current_setting('bookmeatoz.purging', true) = 'on' THEN
        RETURN NULL;  -- the purge of a closed tenant removes everything, its audit log included
    END IF;
    IF TG_OP <> 'INSERT' THEN
        v_before := bookmeatoz.catalog_audit_snapshot(v_entity, to_jsonb(OLD));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        v_after := bookmeatoz.catalog_audit_snapshot(v_entity, to_jsonb(NEW));
    END IF;

    -- A service's staff list lives in service_staff, which the store rewrites in the same transaction right after the
    -- service's own row (PostgresBookingStore.ReplaceServiceStaff): when this runs it still holds the list before, and
    -- the store has put the list after in bookmeatoz.service_staff (a JSON array of ids; unset: unchanged).
    IF v_entity = 'service' THEN
        IF v_before IS NOT NULL THEN
            v_before := v_before || jsonb_build_object('staffIds', (
                SELECT coalesce(jsonb_agg(ss.staff_id ORDER BY ss.position), '[]'::jsonb) FROM bookmeatoz.service_staff ss
                WHERE ss.tenant_id = OLD.tenant_id AND ss.service_id = OLD.service_id));
        END IF;
        IF v_after IS NOT NULL THEN
            v_after := v_after || jsonb_build_object('staffIds', coalesce(
                NULLIF(current_setting('bookmeatoz.service_staff', true), '')::jsonb,
                (SELECT coalesce(jsonb_agg(ss.staff_id ORDER BY ss.position), '[]'::jsonb) FROM bookmeatoz.service_staff ss
                 WHERE ss.tenant_id = NEW.tenant_id AND ss.service_id = NEW.service_id)));
        END IF;
    END IF;

    IF v_entity = 'tenant' THEN
        IF TG_OP <> 'UPDATE' OR NEW.closed_at IS DISTINCT FROM OLD.closed_at
           OR NEW.purge_after IS DISTINCT FROM OLD.purge_after THEN
            RETURN NULL;  -- sign-up and closing are recorded by their own paths
        END IF;
        v_action := 'tenant.updated';
    ELSIF TG_OP = 'UPDATE' AND v_entity IN ('service', 'staff')
          AND (to_jsonb(NEW)->>'deleted_at') IS NOT NULL AND (to_jsonb(OLD)->>'deleted_at') IS NULL THEN
        v_action := v_entity || '.deleted';  -- a soft delete: the entity no longer exists
        v_after := NULL;
    ELSIF TG_OP = 'UPDATE' AND v_entity IN ('service', 'staff') AND (to_jsonb(OLD)->>'deleted_at') IS NOT NULL THEN
        RETURN NULL;
    ELSIF v_entity = 'schedule' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN NULL;  -- only the purge removes schedules
        END IF;
        v_action := 'schedule.updated';
    ELSIF v_entity IN ('time_off', 'closure') THEN
        IF TG_OP = 'UPDATE' THEN
            RETURN NULL;  -- never updated in place
        END IF;
        v_action := v_entity || CASE TG_OP WHEN 'INSERT' THEN '.added' ELSE '.removed' END;
    ELSE
        v_action := v_entity || CASE TG_OP WHEN 'INSERT' THEN '.created' WHEN 'UPDATE' THEN '.updated' ELSE '.deleted' END;
    END IF;

    IF TG_OP = 'UPDATE' AND v_after IS NOT NULL AND v_before = v_after THEN
        RETURN NULL;  -- nothing the snapshot shows changed
    END IF;

    v_row := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
    v_id := (v_row->>CASE v_entity
        WHEN 'service' THEN 'service_id' WHEN 'staff' THEN 'staff_id' WHEN 'schedule' THEN 'staff_id'
        WHEN 'time_off' THEN 'time_off_id' WHEN 'closure' THEN 'closure_id' ELSE 'tenant_id' END)::uuid;

    PERFORM set_config('bookmeatoz.auditing', 'on', true);
    INSERT INTO bookmeatoz.audit_log (tenant_id, audit_id, at, actor_type, actor_id, entity, entity_id, action, before, after)
    VALUES ((v_row->>'tenant_id')::uuid, gen_random_uuid(),
            COALESCE(NULLIF(current_setting('bookmeatoz.audit_at', true), '')::timestamptz, now()),
            COALESCE(NULLIF(current_setting('bookmeatoz.actor_type', true), ''), 'system'),
            NULLIF(current_setting('bookmeatoz.actor_id', true), '')::uuid,
            v_entity, v_id, v_action, v_before, v_after);
    PERFORM set_config('bookmeatoz.auditing', '', true);
    RETURN NULL;
END
$$;
