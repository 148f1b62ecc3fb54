-- BookMeAtOz schema: the audit of catalog changes (services, staff, schedules, time off, closures) and of the tenant's
-- settings, written like the bookings' (migration 0011): an AFTER ROW trigger appends the entry in the transaction of the
-- change, with the actor and time the application set with the tenant. The mapping and the snapshots are the ones of
-- BookMeAtOz.Audit.CatalogAudit, which the in-memory store applies: keep them the same. No catalog column is secret.
-- Not audited: changes whose snapshot is unchanged (a no-op update, or columns the snapshot leaves out), closing a tenant
-- (tenant.closed is recorded by its own path) and the purge of a closed tenant.

CREATE FUNCTION bookmeatoz.catalog_audit_snapshot(p_entity text, p_row jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE p_entity
        WHEN 'service' THEN jsonb_build_object(
            'id', p_row->'service_id', 'name', p_row->'name', 'durationMinutes', p_row->'duration_minutes',
            'bufferBeforeMinutes', p_row->'buffer_before_minutes', 'bufferAfterMinutes', p_row->'buffer_after_minutes',
            'priceCents', p_row->'price_cents', 'capacity', p_row->'capacity', 'slotIntervalMinutes', p_row->'slot_interval_minutes',
            'active', p_row->'active', 'requiresApproval', p_row->'requires_approval')
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
    END
    $$;

-- SECURITY DEFINER like bookmeatoz.audit_booking: the owner appends through the audit_trigger policy, on only while this
-- runs. TG_ARGV[0] is the entity.
CREATE FUNCTION bookmeatoz.audit_catalog() RETURNS trigger
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

CREATE TRIGGER services_audit AFTER INSERT OR UPDATE OR DELETE ON bookmeatoz.services
    FOR EACH ROW EXECUTE FUNCTION bookmeatoz.audit_catalog('service');
CREATE TRIGGER staff_audit AFTER INSERT OR UPDATE OR DELETE ON bookmeatoz.staff
    FOR EACH ROW EXECUTE FUNCTION bookmeatoz.audit_catalog('staff');
CREATE TRIGGER staff_schedules_audit AFTER INSERT OR UPDATE OR DELETE ON bookmeatoz.staff_schedules
    FOR EACH ROW EXECUTE FUNCTION bookmeatoz.audit_catalog('schedule');
CREATE TRIGGER time_off_audit AFTER INSERT OR UPDATE OR DELETE ON bookmeatoz.time_off
    FOR EACH ROW EXECUTE FUNCTION bookmeatoz.audit_catalog('time_off');
CREATE TRIGGER closures_audit AFTER INSERT OR UPDATE OR DELETE ON bookmeatoz.closures
    FOR EACH ROW EXECUTE FUNCTION bookmeatoz.audit_catalog('closure');
CREATE TRIGGER tenants_audit AFTER UPDATE ON bookmeatoz.tenants
    FOR EACH ROW EXECUTE FUNCTION bookmeatoz.audit_catalog('tenant');
