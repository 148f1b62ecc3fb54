-- BookMeAtOz schema: webhook subscriptions and their delivery queue (product specification §11.1). Applied like every
-- migration: in one transaction, under the migration advisory lock, by the role that owns the schema. Defines new
-- functions only; replaces none.

-- A tenant's subscriptions. Secrets are AES-GCM ciphertexts made by the application with a key from its configuration
-- (they must sign every delivery, so they cannot be hashed); during a rotation's overlap the previous one signs too.
CREATE TABLE bookmeatoz.webhook_subscriptions (
    tenant_id             uuid        NOT NULL,
    subscription_id       uuid        NOT NULL,
    url                   text        NOT NULL,
    events                text[]      NOT NULL,
    enabled               boolean     NOT NULL DEFAULT true,
    secret                bytea       NOT NULL,
    previous_secret       bytea,
    previous_secret_until timestamptz,
    -- The first failed attempt since the last success; the dispatcher disables the subscription when it is too old.
    failing_since         timestamptz,
    disabled_at           timestamptz,
    created_at            timestamptz NOT NULL,
    CONSTRAINT webhook_subscriptions_pkey PRIMARY KEY (tenant_id, subscription_id),
    CONSTRAINT webhook_subscriptions_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES bookmeatoz.tenants (tenant_id)
);

-- One row per event per subscription (and per ping or replay), written by the outbox relay in the transaction that
-- consumes the event: an event committed is queued exactly once for each subscription that wanted it. Deliveries with
-- the same order_key (the booking) reach a subscription in sequence (outbox id) order: a later one is not claimed while
-- an earlier one is pending. No foreign key to tenants, like the outbox: the relay's inserts must not lock the tenant row.
CREATE TABLE bookmeatoz.webhook_deliveries (
    tenant_id        uuid        NOT NULL,
    delivery_id      uuid        NOT NULL,
    subscription_id  uuid        NOT NULL,
    event_id         uuid        NOT NULL,
    event_type       text        NOT NULL,
    order_key        uuid,
    sequence         bigint      NOT NULL,
    body             text        NOT NULL,
    event_created_at timestamptz NOT NULL,
    replay_of        uuid,
    status           text        NOT NULL DEFAULT 'pending',
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    locked_until     timestamptz,
    last_attempt_at  timestamptz,
    response_status  integer,
    duration_ms      integer,
    response_excerpt text,
    last_error       text,
    created_at       timestamptz NOT NULL,
    CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (tenant_id, delivery_id),
    CONSTRAINT webhook_deliveries_subscription_fkey FOREIGN KEY (tenant_id, subscription_id)
        REFERENCES bookmeatoz.webhook_subscriptions (tenant_id, subscription_id) ON DELETE CASCADE,
    CONSTRAINT webhook_deliveries_status_check CHECK (status IN ('pending', 'delivered', 'failed'))
);
-- An event is queued once per subscription, however often the relay's transaction is retried.
CREATE UNIQUE INDEX webhook_deliveries_once ON bookmeatoz.webhook_deliveries (tenant_id, subscription_id, event_id) WHERE replay_of IS NULL;
CREATE INDEX webhook_deliveries_due ON bookmeatoz.webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_order ON bookmeatoz.webhook_deliveries (subscription_id, order_key, sequence)
    WHERE status = 'pending' AND order_key IS NOT NULL;
CREATE INDEX webhook_deliveries_log ON bookmeatoz.webhook_deliveries (tenant_id, subscription_id, created_at DESC, delivery_id DESC);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['webhook_subscriptions', 'webhook_deliveries']
    LOOP
        EXECUTE format('ALTER TABLE bookmeatoz.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE bookmeatoz.%I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON bookmeatoz.%I
                            USING (tenant_id = bookmeatoz.current_tenant())
                            WITH CHECK (tenant_id = bookmeatoz.current_tenant())', t);
        -- The cross-tenant paths: the owner, inside the functions below (which switch bookmeatoz.relay on for themselves).
        EXECUTE format('CREATE POLICY relay ON bookmeatoz.%I TO CURRENT_USER
                            USING (current_setting(''bookmeatoz.relay'', true) = ''on'')
                            WITH CHECK (current_setting(''bookmeatoz.relay'', true) = ''on'')', t);
    END LOOP;
END
$$;

-- The relay's step, in the transaction that claimed the outbox events: queues each event for every enabled
-- subscription of its tenant that lists its type. Answers how many deliveries it queued.
CREATE FUNCTION bookmeatoz.enqueue_webhooks(
    p_tenants uuid[], p_event_ids uuid[], p_types text[], p_order_keys uuid[], p_sequences bigint[], p_bodies text[],
    p_created timestamptz[], p_now timestamptz)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_count integer;
BEGIN
    PERFORM set_config('bookmeatoz.relay', 'on', true);
    INSERT INTO bookmeatoz.webhook_deliveries (tenant_id, delivery_id, subscription_id, event_id, event_type, order_key, sequence, body,
                                               event_created_at, next_attempt_at, created_at)
    SELECT x.tenant_id, gen_random_uuid(), s.subscription_id, x.event_id, x.type, x.order_key, x.sequence, x.body, x.created, p_now, p_now
    FROM unnest(p_tenants, p_event_ids, p_types, p_order_keys, p_sequences, p_bodies, p_created)
         AS x(tenant_id, event_id, type, order_key, sequence, body, created)
    JOIN bookmeatoz.webhook_subscriptions s ON s.tenant_id = x.tenant_id AND s.enabled AND x.type = ANY (s.events)
    ORDER BY x.sequence
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    PERFORM set_config('bookmeatoz.relay', '', true);
    RETURN v_count;
END
$$;

-- Claims up to p_limit due deliveries of enabled subscriptions until p_now + p_lease, skipping rows another dispatcher
-- holds. A delivery with an order key waits while an earlier one of the same subscription and key is pending, and while
-- any earlier outbox event is not relayed yet (its delivery may not exist yet). attempts fences the outcome: only the
-- attempt that holds the claim records it.
CREATE FUNCTION bookmeatoz.claim_webhook_deliveries(p_limit integer, p_now timestamptz, p_lease interval)
RETURNS TABLE (tenant_id uuid, delivery_id uuid, subscription_id uuid, url text, event_type text, body text, attempts integer,
               secret bytea, previous_secret bytea, previous_secret_until timestamptz, failing_since timestamptz, event_created_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_unrelayed bigint;
BEGIN
    PERFORM set_config('bookmeatoz.relay', 'on', true);
    SELECT min(o.outbox_id) INTO v_unrelayed FROM bookmeatoz.outbox o WHERE o.processed_at IS NULL;
    RETURN QUERY
    WITH candidates AS (
        SELECT d.tenant_id, d.delivery_id
        FROM bookmeatoz.webhook_deliveries d
        JOIN bookmeatoz.webhook_subscriptions s ON s.tenant_id = d.tenant_id AND s.subscription_id = d.subscription_id AND s.enabled
        WHERE d.status = 'pending' AND d.next_attempt_at <= p_now AND (d.locked_until IS NULL OR d.locked_until <= p_now)
          AND (d.order_key IS NULL OR (
                d.sequence < COALESCE(v_unrelayed, 9223372036854775807)
                AND NOT EXISTS (SELECT 1 FROM bookmeatoz.webhook_deliveries e
                                WHERE e.subscription_id = d.subscription_id AND e.order_key = d.order_key
                                  AND e.status = 'pending' AND e.sequence < d.sequence)))
        ORDER BY d.next_attempt_at, d.sequence
        LIMIT p_limit
        FOR UPDATE OF d SKIP LOCKED),
    claimed AS (
        UPDATE bookmeatoz.webhook_deliveries d
        SET attempts = d.attempts + 1, locked_until = p_now + p_lease
        FROM candidates c
        WHERE d.tenant_id = c.tenant_id AND d.delivery_id = c.delivery_id
        RETURNING d.tenant_id, d.delivery_id, d.subscription_id, d.event_type, d.body, d.attempts, d.event_created_at)
    SELECT c.tenant_id, c.delivery_id, c.subscription_id, s.url, c.event_type, c.body, c.attempts,
           s.secret, s.previous_secret, s.previous_secret_until, s.failing_since, c.event_created_at
    FROM claimed c
    JOIN bookmeatoz.webhook_subscriptions s ON s.tenant_id = c.tenant_id AND s.subscription_id = c.subscription_id;
    PERFORM set_config('bookmeatoz.relay', '', true);
END
$$;

-- Records an attempt's outcome (run with the tenant set): 'claim_lost' when another attempt holds the delivery now;
-- 'disabled' when this call disabled the subscription (its pending deliveries are given up; the owner is e-mailed once).
CREATE FUNCTION bookmeatoz.finish_webhook_delivery(
    p_tenant uuid, p_delivery uuid, p_attempt integer, p_delivered boolean, p_at timestamptz, p_status integer, p_duration integer,
    p_excerpt text, p_error text, p_retry_at timestamptz, p_disable boolean)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_subscription uuid;
    v_disabled boolean;
BEGIN
    UPDATE bookmeatoz.webhook_deliveries d
    SET status = CASE WHEN p_delivered THEN 'delivered' WHEN p_disable THEN 'failed' ELSE 'pending' END,
        locked_until = NULL, last_attempt_at = p_at, response_status = p_status, duration_ms = p_duration,
        response_excerpt = p_excerpt, last_error = p_error,
        next_attempt_at = CASE WHEN p_delivered OR p_disable THEN d.next_attempt_at ELSE COALESCE(p_retry_at, p_at) END
    WHERE d.tenant_id = p_tenant AND d.delivery_id = p_delivery AND d.attempts = p_attempt AND d.status = 'pending'
    RETURNING d.subscription_id INTO v_subscription;
    IF v_subscription IS NULL THEN
        RETURN 'claim_lost';
    END IF;

    IF p_delivered THEN
        UPDATE bookmeatoz.webhook_subscriptions SET failing_since = NULL
        WHERE tenant_id = p_tenant AND subscription_id = v_subscription AND failing_since IS NOT NULL;
        RETURN 'recorded';
    END IF;

    IF NOT p_disable THEN
        UPDATE bookmeatoz.webhook_subscriptions SET failing_since = p_at
        WHERE tenant_id = p_tenant AND subscription_id = v_subscription AND failing_since IS NULL;
        RETURN 'recorded';
    END IF;

    UPDATE bookmeatoz.webhook_subscriptions
    SET enabled = false, disabled_at = p_at, failing_since = COALESCE(failing_since, p_at)
    WHERE tenant_id = p_tenant AND subscription_id = v_subscription AND enabled
    RETURNING true INTO v_disabled;
    UPDATE bookmeatoz.webhook_deliveries
    SET status = 'failed', locked_until = NULL,
        last_error = COALESCE(last_error, 'Given up: the subscription was disabled after failing for too long.')
    WHERE tenant_id = p_tenant AND subscription_id = v_subscription AND status = 'pending';
    RETURN CASE WHEN v_disabled THEN 'disabled' ELSE 'recorded' END;
END
$$;
