-- BookMeAtOz schema: the waitlist (product specification §10.4). Applied like every migration: in one transaction,
-- under the migration advisory lock, by the role that owns the schema. Defines new functions only; replaces none.
--
-- An offer IS a checkout hold (a bookings row with status 'held', migration 0009): the entry names it in hold_id. The
-- hold takes its seat under bookings_no_overlap and the session seats like any hold, so the offers out can never
-- exceed the free seats, whatever any number of instances do at once. One hold is never the offer of two entries
-- (waitlist_entries_hold). The application serializes one tenant's offer passes across instances with a
-- transaction-scoped advisory lock (pg_advisory_xact_lock on the tenant's key), and makes each offer with a guarded
-- UPDATE (status = 'waiting'), which writes the waitlist.offered outbox event and the audit entry in its transaction.

CREATE TABLE bookmeatoz.waitlist_entries (
    tenant_id        uuid        NOT NULL,
    entry_id         uuid        NOT NULL,
    service_id       uuid        NOT NULL,
    staff_id         uuid,
    from_date        date        NOT NULL,
    to_date          date        NOT NULL,
    customer_name    text        NOT NULL,
    customer_email   text        NOT NULL,
    customer_phone   text,
    leave_token_hash bytea       NOT NULL,
    status           text        NOT NULL DEFAULT 'waiting',
    hold_id          uuid,
    offer_start      timestamptz,
    offer_expires_at timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT waitlist_entries_pkey PRIMARY KEY (tenant_id, entry_id),
    CONSTRAINT waitlist_entries_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES bookmeatoz.tenants (tenant_id),
    CONSTRAINT waitlist_entries_status_check CHECK (status IN ('waiting', 'offered', 'booked', 'expired', 'left')),
    CONSTRAINT waitlist_entries_range_check CHECK (to_date >= from_date),
    CONSTRAINT waitlist_entries_offer_check CHECK (status <> 'offered' OR hold_id IS NOT NULL)
);
-- A hold is the offer of one entry at most.
CREATE UNIQUE INDEX waitlist_entries_hold ON bookmeatoz.waitlist_entries (tenant_id, hold_id) WHERE hold_id IS NOT NULL;
-- The offer pass's read: a tenant's open entries in join order (join time, then entry id: ids made in one millisecond,
-- by two instances, may sort either way).
CREATE INDEX waitlist_entries_open ON bookmeatoz.waitlist_entries (tenant_id, created_at, entry_id) WHERE status IN ('waiting', 'offered');
-- The admin list (join order) and its filters.
CREATE INDEX waitlist_entries_by_tenant ON bookmeatoz.waitlist_entries (tenant_id, created_at, entry_id);
CREATE INDEX waitlist_entries_by_service ON bookmeatoz.waitlist_entries (tenant_id, service_id, created_at, entry_id);

ALTER TABLE bookmeatoz.waitlist_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE bookmeatoz.waitlist_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bookmeatoz.waitlist_entries
    USING (tenant_id = bookmeatoz.current_tenant())
    WITH CHECK (tenant_id = bookmeatoz.current_tenant());
-- The cross-tenant path: the owner, inside the function below (which switches bookmeatoz.relay on for itself).
CREATE POLICY relay ON bookmeatoz.waitlist_entries TO CURRENT_USER
    USING (current_setting('bookmeatoz.relay', true) = 'on')
    WITH CHECK (current_setting('bookmeatoz.relay', true) = 'on');

-- The periodic sweep's read, across tenants: the tenants with open entries (at most p_limit).
CREATE FUNCTION bookmeatoz.waitlist_active_tenants(p_limit integer)
RETURNS TABLE (tenant_id uuid)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
BEGIN
    PERFORM set_config('bookmeatoz.relay', 'on', true);
    RETURN QUERY SELECT DISTINCT w.tenant_id FROM bookmeatoz.waitlist_entries w WHERE w.status IN ('waiting', 'offered') LIMIT p_limit;
    PERFORM set_config('bookmeatoz.relay', '', true);
END
$$;

-- The waitlist offer's e-mail.
ALTER TABLE bookmeatoz.notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE bookmeatoz.notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('confirmation', 'cancellation', 'reschedule', 'reminder', 'password_reset', 'invitation',
                    'received', 'declined', 'expired', 'waitlist_offer'));
