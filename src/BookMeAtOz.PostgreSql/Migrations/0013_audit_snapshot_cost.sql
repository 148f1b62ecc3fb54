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

-- The catalog's (migration 0012), likewise: the same mapping as BookMeAtOz.Audit.CatalogAudit.
CREATE OR REPLACE FUNCTION bookmeatoz.catalog_audit_snapshot(p_entity text, p_row jsonb) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE p_entity
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
