-- BookMeAtOz schema: the outbox relay and e-mail notifications (issue 6). Applied like every migration: in one
-- transaction, under the migration advisory lock, by the role that owns the schema.
--
-- Two background loops work across tenants, and row-level security (forced, also on the owner) would hide every
-- row from them. Rather than a BYPASSRLS application role, each gets a narrow path: SECURITY DEFINER functions
-- (owned by the schema owner) that switch bookmeatoz.relay on while they run, and policies that let the owner, and
-- only while that setting is on, see the rows of the table the function works on. The application role can call
-- the functions but gains nothing else: the policies apply to the owner only, so the setting does nothing for it.

-- One e-mail to send: made by the relay from a booking event, in the transaction that marks the event processed.
CREATE TABLE bookmeatoz.notifications (
    tenant_id       uuid        NOT NULL,
    notification_id uuid        NOT NULL,
    kind            text        NOT NULL,
    booking_id      uuid        NOT NULL,
    -- The outbox event it came from: an event makes each kind of notification at most once.
    outbox_id       bigint,
    status          text        NOT NULL DEFAULT 'pending',
    -- Not before (a reminder's time); next_attempt_at moves with retries.
    due_at          timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    -- A claimed notification is someone's until then; a dispatcher that died gives it back by letting it pass.
    locked_until    timestamptz,
    last_error      text,
    -- What the message needs beyond the booking's current state: a reminder's planned start, a move's old time.
    details         jsonb       NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    CONSTRAINT notifications_pkey PRIMARY KEY (tenant_id, notification_id),
    CONSTRAINT notifications_kind_check CHECK (kind IN ('confirmation', 'cancellation', 'reschedule', 'reminder')),
    CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sent', 'failed', 'cancelled'))
    -- No foreign key to tenants, like the outbox: the relay's inserts must not lock the tenant row.
);
CREATE UNIQUE INDEX notifications_once_per_event ON bookmeatoz.notifications (tenant_id, outbox_id, kind) WHERE outbox_id IS NOT NULL;
-- What a dispatcher claims next.
CREATE INDEX notifications_due ON bookmeatoz.notifications (next_attempt_at) WHERE status = 'pending';
-- The admin list, newest first.
CREATE INDEX notifications_by_created ON bookmeatoz.notifications (tenant_id, created_at DESC, notification_id DESC);
-- Reminders to call off when a booking is cancelled or moved.
CREATE INDEX notifications_pending_by_booking ON bookmeatoz.notifications (tenant_id, booking_id) WHERE status = 'pending';

ALTER TABLE bookmeatoz.notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE bookmeatoz.notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bookmeatoz.notifications
    USING (tenant_id = bookmeatoz.current_tenant())
    WITH CHECK (tenant_id = bookmeatoz.current_tenant());

-- The cross-tenant paths: the owner, inside the functions below (which switch bookmeatoz.relay on for themselves).
CREATE POLICY relay ON bookmeatoz.outbox TO CURRENT_USER
    USING (current_setting('bookmeatoz.relay', true) = 'on')
    WITH CHECK (current_setting('bookmeatoz.relay', true) = 'on');
CREATE POLICY relay ON bookmeatoz.notifications TO CURRENT_USER
    USING (current_setting('bookmeatoz.relay', true) = 'on')
    WITH CHECK (current_setting('bookmeatoz.relay', true) = 'on');

-- Claims up to p_limit undelivered outbox events, oldest first, skipping rows another relay holds, and marks them
-- processed. The caller's transaction holds them: it writes their notifications and commits, and only then
-- publishes them; if it rolls back, the events are undelivered again. An event is published at most once.
CREATE FUNCTION bookmeatoz.claim_outbox(p_limit integer)
RETURNS TABLE (outbox_id bigint, tenant_id uuid, type text, payload jsonb, created_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
BEGIN
    PERFORM set_config('bookmeatoz.relay', 'on', true);
    RETURN QUERY
    WITH claimed AS (
        UPDATE bookmeatoz.outbox o
        SET processed_at = clock_timestamp(), attempts = o.attempts + 1
        FROM (SELECT p.tenant_id, p.outbox_id FROM bookmeatoz.outbox p
              WHERE p.processed_at IS NULL
              ORDER BY p.outbox_id
              LIMIT p_limit
              FOR UPDATE SKIP LOCKED) c
        WHERE o.tenant_id = c.tenant_id AND o.outbox_id = c.outbox_id
        RETURNING o.outbox_id, o.tenant_id, o.type, o.payload, o.created_at)
    SELECT * FROM claimed;
    PERFORM set_config('bookmeatoz.relay', '', true);
END
$$;

-- Applies what the relay planned for a batch of events: first calls off the pending reminders of the bookings
-- named (cancelled or moved), then adds the new notifications (an event's kind at most once).
CREATE FUNCTION bookmeatoz.plan_notifications(
    p_cancel_tenants uuid[], p_cancel_bookings uuid[],
    p_tenants uuid[], p_ids uuid[], p_kinds text[], p_bookings uuid[], p_outbox bigint[], p_due timestamptz[],
    p_details jsonb[], p_now timestamptz)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM set_config('bookmeatoz.relay', 'on', true);
    UPDATE bookmeatoz.notifications n
    SET status = 'cancelled', last_error = 'The booking was cancelled or moved.'
    FROM unnest(p_cancel_tenants, p_cancel_bookings) AS c(tenant_id, booking_id)
    WHERE n.tenant_id = c.tenant_id AND n.booking_id = c.booking_id AND n.kind = 'reminder' AND n.status = 'pending';

    INSERT INTO bookmeatoz.notifications (tenant_id, notification_id, kind, booking_id, outbox_id, due_at, next_attempt_at, details, created_at)
    SELECT x.tenant_id, x.id, x.kind, x.booking_id, x.outbox_id, x.due, x.due, x.details, p_now
    FROM unnest(p_tenants, p_ids, p_kinds, p_bookings, p_outbox, p_due, p_details) AS x(tenant_id, id, kind, booking_id, outbox_id, due, details)
    ON CONFLICT DO NOTHING;
    PERFORM set_config('bookmeatoz.relay', '', true);
END
$$;

-- Claims up to p_limit due notifications for one dispatcher until p_now + p_lease, skipping rows another
-- dispatcher is claiming and those another holds: the same notification is never in two dispatchers' hands.
-- The attempt number returned guards the dispatcher's later update (a late finish after the lease passed and
-- someone else took it changes nothing).
CREATE FUNCTION bookmeatoz.claim_notifications(p_limit integer, p_now timestamptz, p_lease interval)
RETURNS TABLE (tenant_id uuid, notification_id uuid, kind text, booking_id uuid, attempts integer, details jsonb, created_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
BEGIN
    PERFORM set_config('bookmeatoz.relay', 'on', true);
    RETURN QUERY
    WITH claimed AS (
        UPDATE bookmeatoz.notifications n
        SET locked_until = p_now + p_lease, attempts = n.attempts + 1
        FROM (SELECT d.tenant_id, d.notification_id FROM bookmeatoz.notifications d
              WHERE d.status = 'pending' AND d.next_attempt_at <= p_now AND (d.locked_until IS NULL OR d.locked_until <= p_now)
              ORDER BY d.next_attempt_at
              LIMIT p_limit
              FOR UPDATE SKIP LOCKED) c
        WHERE n.tenant_id = c.tenant_id AND n.notification_id = c.notification_id
        RETURNING n.tenant_id, n.notification_id, n.kind, n.booking_id, n.attempts, n.details, n.created_at)
    SELECT * FROM claimed;
    PERFORM set_config('bookmeatoz.relay', '', true);
END
$$;

-- Forgets delivered outbox events older than p_before, at most p_limit at a time.
CREATE FUNCTION bookmeatoz.purge_outbox(p_before timestamptz, p_limit integer)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_count integer;
BEGIN
    PERFORM set_config('bookmeatoz.relay', 'on', true);
    WITH gone AS (
        DELETE FROM bookmeatoz.outbox o
        USING (SELECT p.tenant_id, p.outbox_id FROM bookmeatoz.outbox p
               WHERE p.processed_at IS NOT NULL AND p.processed_at < p_before
               LIMIT p_limit
               FOR UPDATE SKIP LOCKED) c
        WHERE o.tenant_id = c.tenant_id AND o.outbox_id = c.outbox_id
        RETURNING 1)
    SELECT count(*)::integer INTO v_count FROM gone;
    PERFORM set_config('bookmeatoz.relay', '', true);
    RETURN v_count;
END
$$;
