-- BookMeAtOz schema: approval and no-shows (product specification §9.2, §9.6). Applied like every migration: in one
-- transaction, under the migration advisory lock, by the role that owns the schema.
--
-- A service with requires_approval creates bookings 'pending' (they occupy their time under bookings_no_overlap,
-- migration 0008) with expires_at = their approval deadline; approve, decline, expiry and no-show are compare-and-set
-- updates of the status under the booking's row lock (PostgresBookingStore.Transitions.cs).

ALTER TABLE bookmeatoz.services ADD COLUMN requires_approval boolean NOT NULL DEFAULT false;

ALTER TABLE bookmeatoz.tenants ADD COLUMN approval_hours integer NOT NULL DEFAULT 24
    CONSTRAINT tenants_approval_hours_check CHECK (approval_hours BETWEEN 1 AND 720);

-- The e-mails of the approval lifecycle (an approval sends the ordinary confirmation).
ALTER TABLE bookmeatoz.notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE bookmeatoz.notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('confirmation', 'cancellation', 'reschedule', 'reminder', 'password_reset', 'invitation',
                    'received', 'declined', 'expired'));

-- What the expiry sweep looks for: pending bookings by deadline, across tenants.
CREATE INDEX bookings_pending_by_deadline ON bookmeatoz.bookings (expires_at) WHERE status = 'pending';

-- The sweep's one cross-tenant read, like the outbox relay's: the owner, inside the function below (which switches
-- bookmeatoz.approval_sweep on for itself), may see pending bookings' keys of every tenant. Each expiry is then an
-- ordinary tenant-scoped transition.
CREATE POLICY approval_sweep ON bookmeatoz.bookings FOR SELECT TO CURRENT_USER
    USING (current_setting('bookmeatoz.approval_sweep', true) = 'on' AND status = 'pending');

-- Up to p_limit pending bookings whose approval deadline is at or before p_now, earliest first.
CREATE FUNCTION bookmeatoz.lapsed_approvals(p_now timestamptz, p_limit integer)
RETURNS TABLE (tenant_id uuid, booking_id uuid)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
BEGIN
    PERFORM set_config('bookmeatoz.approval_sweep', 'on', true);
    RETURN QUERY
    SELECT b.tenant_id, b.booking_id FROM bookmeatoz.bookings b
    WHERE b.status = 'pending' AND b.expires_at <= p_now
    ORDER BY b.expires_at
    LIMIT p_limit;
    PERFORM set_config('bookmeatoz.approval_sweep', '', true);
END
$$;

-- Booking events carry the booking's answers (as asked) and the service's location when the event is written
-- (product specification §9.3, §9.4), for whoever consumes the outbox (webhooks). One trigger for every writer of
-- booking events (the booking functions of migration 0001, cancel, reschedule, the transitions), so none can forget.
-- A new booking's answers are stored by a statement after its event (the functions keep their signatures); that
-- statement refreshes the event's answers too (PostgresBookingStore.KeepAnswers).
CREATE FUNCTION bookmeatoz.booking_event_details() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT NEW.payload ? 'answers' AND NEW.payload ? 'bookingId' THEN
        NEW.payload := NEW.payload || coalesce((
            SELECT jsonb_build_object('answers', b.answers, 'location', s.location)
            FROM bookmeatoz.bookings b
            LEFT JOIN bookmeatoz.services s ON s.tenant_id = b.tenant_id AND s.service_id = b.service_id
            WHERE b.tenant_id = NEW.tenant_id AND b.booking_id = (NEW.payload ->> 'bookingId')::uuid), '{}'::jsonb);
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER outbox_booking_details BEFORE INSERT ON bookmeatoz.outbox
    FOR EACH ROW WHEN (NEW.type LIKE 'booking.%') EXECUTE FUNCTION bookmeatoz.booking_event_details();
