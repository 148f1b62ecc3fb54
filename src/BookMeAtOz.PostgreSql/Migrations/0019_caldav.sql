-- BookMeAtOz schema: connected calendars and their synced busy time (issue 16, SPEC §11.4). Applied like every
-- migration: in one transaction, under the migration advisory lock, by the role that owns the schema.
--
-- A background worker (BookMeAtOz.CalDav) imports each staff member's remote calendar into calendar_busy, which
-- availability reads like time off (never the remote), and remembers in calendar_written the bookings it wrote back.
-- No function of an earlier migration is replaced.

CREATE TABLE bookmeatoz.calendar_connections (
    tenant_id       uuid        NOT NULL,
    staff_id        uuid        NOT NULL,
    connection_id   uuid        NOT NULL,
    url             text        NOT NULL,
    username        text        NOT NULL,
    -- AES-256-GCM with the key from configuration (BookMeAtOz:CalendarSync:EncryptionKey); never in clear text.
    password        bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    sync_token      text,
    window_start    timestamptz,
    last_sync_at    timestamptz,
    last_attempt_at timestamptz,
    last_error      text,
    failures        integer     NOT NULL DEFAULT 0,
    next_sync_at    timestamptz NOT NULL,
    event_count     integer     NOT NULL DEFAULT 0,
    write_back_due  boolean     NOT NULL DEFAULT false,
    CONSTRAINT calendar_connections_pkey PRIMARY KEY (tenant_id, staff_id),
    CONSTRAINT calendar_connections_id_key UNIQUE (tenant_id, connection_id),
    CONSTRAINT calendar_connections_staff_fkey FOREIGN KEY (tenant_id, staff_id) REFERENCES bookmeatoz.staff (tenant_id, staff_id)
);
-- What a worker claims next.
CREATE INDEX calendar_connections_due ON bookmeatoz.calendar_connections (next_sync_at);

-- One row per occurrence of a remote event inside the sync window.
CREATE TABLE bookmeatoz.calendar_busy (
    tenant_id     uuid        NOT NULL,
    staff_id      uuid        NOT NULL,
    connection_id uuid        NOT NULL,
    href          text        NOT NULL,
    busy          tstzrange   NOT NULL,
    CONSTRAINT calendar_busy_connection_fkey FOREIGN KEY (tenant_id, connection_id)
        REFERENCES bookmeatoz.calendar_connections (tenant_id, connection_id) ON DELETE CASCADE
);
-- Availability: the busy time of some staff overlapping a window (multi-day events included).
CREATE INDEX calendar_busy_by_staff ON bookmeatoz.calendar_busy USING gist (tenant_id, staff_id, busy);
-- The sync: replace or drop one resource's occurrences.
CREATE INDEX calendar_busy_by_href ON bookmeatoz.calendar_busy (tenant_id, connection_id, href);

CREATE TABLE bookmeatoz.calendar_written (
    tenant_id     uuid        NOT NULL,
    staff_id      uuid        NOT NULL,
    connection_id uuid        NOT NULL,
    booking_id    uuid        NOT NULL,
    href          text        NOT NULL,
    etag          text,
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    CONSTRAINT calendar_written_pkey PRIMARY KEY (tenant_id, connection_id, booking_id),
    CONSTRAINT calendar_written_connection_fkey FOREIGN KEY (tenant_id, connection_id)
        REFERENCES bookmeatoz.calendar_connections (tenant_id, connection_id) ON DELETE CASCADE
);

ALTER TABLE bookmeatoz.calendar_connections ENABLE ROW LEVEL SECURITY;
ALTER TABLE bookmeatoz.calendar_connections FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bookmeatoz.calendar_connections
    USING (tenant_id = bookmeatoz.current_tenant()) WITH CHECK (tenant_id = bookmeatoz.current_tenant());
ALTER TABLE bookmeatoz.calendar_busy ENABLE ROW LEVEL SECURITY;
ALTER TABLE bookmeatoz.calendar_busy FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bookmeatoz.calendar_busy
    USING (tenant_id = bookmeatoz.current_tenant()) WITH CHECK (tenant_id = bookmeatoz.current_tenant());
ALTER TABLE bookmeatoz.calendar_written ENABLE ROW LEVEL SECURITY;
ALTER TABLE bookmeatoz.calendar_written FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bookmeatoz.calendar_written
    USING (tenant_id = bookmeatoz.current_tenant()) WITH CHECK (tenant_id = bookmeatoz.current_tenant());

-- The cross-tenant paths of the sync worker: the owner, inside the functions below.
CREATE POLICY calendar_sync ON bookmeatoz.calendar_connections TO CURRENT_USER
    USING (current_setting('bookmeatoz.calendar_sync', true) = 'on')
    WITH CHECK (current_setting('bookmeatoz.calendar_sync', true) = 'on');

-- Claims up to p_limit connections whose sync is due, skipping rows another worker holds: their next_sync_at moves to
-- p_now + p_lease (no other worker takes them meanwhile) and write_back_due is cleared (returned as it was).
CREATE FUNCTION bookmeatoz.claim_calendar_syncs(p_now timestamptz, p_lease interval, p_limit integer)
RETURNS TABLE (tenant_id uuid, staff_id uuid, connection_id uuid, url text, username text, password bytea, created_at timestamptz,
               sync_token text, window_start timestamptz, last_sync_at timestamptz, last_attempt_at timestamptz, last_error text,
               failures integer, next_sync_at timestamptz, event_count integer, write_back_due boolean)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
BEGIN
    PERFORM set_config('bookmeatoz.calendar_sync', 'on', true);
    RETURN QUERY
    WITH due AS (
        SELECT d.tenant_id, d.staff_id, d.write_back_due FROM bookmeatoz.calendar_connections d
        WHERE d.next_sync_at <= p_now
        ORDER BY d.next_sync_at
        LIMIT p_limit
        FOR UPDATE SKIP LOCKED),
    claimed AS (
        UPDATE bookmeatoz.calendar_connections c
        SET next_sync_at = p_now + p_lease, write_back_due = false
        FROM due
        WHERE c.tenant_id = due.tenant_id AND c.staff_id = due.staff_id
        RETURNING c.tenant_id, c.staff_id, c.connection_id, c.url, c.username, c.password, c.created_at, c.sync_token, c.window_start,
                  c.last_sync_at, c.last_attempt_at, c.last_error, c.failures, c.next_sync_at, c.event_count, due.write_back_due)
    SELECT * FROM claimed;
    PERFORM set_config('bookmeatoz.calendar_sync', '', true);
END
$$;

-- Counts for metrics: connections, failing ones, the oldest last success (or connection time, never synced).
CREATE FUNCTION bookmeatoz.calendar_sync_health()
RETURNS TABLE (connections integer, failing integer, oldest_sync_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM set_config('bookmeatoz.calendar_sync', 'on', true);
    RETURN QUERY
    SELECT count(*)::integer, (count(*) FILTER (WHERE c.last_error IS NOT NULL))::integer, min(COALESCE(c.last_sync_at, c.created_at))
    FROM bookmeatoz.calendar_connections c;
    PERFORM set_config('bookmeatoz.calendar_sync', '', true);
END
$$;
