-- BookMeAtOz schema: when the background workers of the integrations next have something to do, so that they sleep
-- until then instead of polling an empty queue (product specification §11). Applied like every migration: in one
-- transaction, under the migration advisory lock, by the role that owns the schema. Defines new functions only;
-- replaces none.

-- The earliest time a pending webhook delivery of an enabled subscription may be claimed (its next attempt, or the end
-- of the lease another dispatcher holds on it); null when nothing is pending.
CREATE FUNCTION bookmeatoz.next_webhook_attempt_at()
RETURNS timestamptz
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_next timestamptz;
BEGIN
    PERFORM set_config('bookmeatoz.relay', 'on', true);
    SELECT min(GREATEST(d.next_attempt_at, COALESCE(d.locked_until, d.next_attempt_at))) INTO v_next
    FROM bookmeatoz.webhook_deliveries d
    JOIN bookmeatoz.webhook_subscriptions s ON s.tenant_id = d.tenant_id AND s.subscription_id = d.subscription_id AND s.enabled
    WHERE d.status = 'pending';
    PERFORM set_config('bookmeatoz.relay', '', true);
    RETURN v_next;
END
$$;

-- The earliest time a calendar connection is due for a sync (a claimed one's lease end included); null without any.
CREATE FUNCTION bookmeatoz.next_calendar_sync_at()
RETURNS timestamptz
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_next timestamptz;
BEGIN
    PERFORM set_config('bookmeatoz.calendar_sync', 'on', true);
    SELECT min(c.next_sync_at) INTO v_next FROM bookmeatoz.calendar_connections c;
    PERFORM set_config('bookmeatoz.calendar_sync', '', true);
    RETURN v_next;
END
$$;
