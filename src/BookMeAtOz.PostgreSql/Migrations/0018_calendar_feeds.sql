-- BookMeAtOz schema: the customer's calendar stays right (each booking's iCalendar SEQUENCE) and staff calendar feeds
-- (product specification §11.3). Applied like every migration: in one transaction, under the migration advisory lock, by
-- the role that owns the schema.

-- ---------------------------------------------------------------------------------------------------------------------
-- A booking's iCalendar SEQUENCE: 0 when booked, one more with each change of its time, staff member or status. A trigger
-- bumps it in the transaction of the change, whatever statement or function made it (a move, a cancellation, approve,
-- decline, expiry, no-show, and whatever later code paths change a booking), so an e-mail written after the change always
-- carries a higher SEQUENCE than every earlier one. A hold being booked is no change: nobody was sent the hold. The
-- in-memory store applies the same rule (BookMeAtOz.Persistence.InMemory.TrackedBookings): keep them the same.
ALTER TABLE bookmeatoz.bookings ADD COLUMN ical_sequence integer NOT NULL DEFAULT 0;

CREATE FUNCTION bookmeatoz.bump_ical_sequence() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    NEW.ical_sequence := OLD.ical_sequence + 1;
    RETURN NEW;
END
$$;

CREATE TRIGGER bookings_ical_sequence BEFORE UPDATE OF status, starts_at, ends_at, staff_id ON bookmeatoz.bookings
    FOR EACH ROW
    WHEN (OLD.status <> 'held'
        AND (OLD.status, OLD.starts_at, OLD.ends_at, OLD.staff_id) IS DISTINCT FROM (NEW.status, NEW.starts_at, NEW.ends_at, NEW.staff_id))
    EXECUTE FUNCTION bookmeatoz.bump_ical_sequence();

-- ---------------------------------------------------------------------------------------------------------------------
-- Calendar feeds: one secret subscription URL per staff member. Only the SHA-256 of the token is kept; the token carries
-- its tenant's id, so a feed is found with the tenant set like any other read (row-level security, and a key that leads
-- with tenant_id). Rotating replaces the row's hash, so the old URL stops working in the same commit.
CREATE TABLE bookmeatoz.calendar_feeds (
    tenant_id  uuid        NOT NULL,
    staff_id   uuid        NOT NULL,
    token_hash bytea       NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT calendar_feeds_pkey PRIMARY KEY (tenant_id, staff_id),
    CONSTRAINT calendar_feeds_hash_key UNIQUE (tenant_id, token_hash),
    CONSTRAINT calendar_feeds_hash_check CHECK (length(token_hash) = 32),
    CONSTRAINT calendar_feeds_staff_fkey FOREIGN KEY (tenant_id, staff_id)
        REFERENCES bookmeatoz.staff (tenant_id, staff_id) ON DELETE CASCADE
);

ALTER TABLE bookmeatoz.calendar_feeds ENABLE ROW LEVEL SECURITY;
ALTER TABLE bookmeatoz.calendar_feeds FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bookmeatoz.calendar_feeds
    USING (tenant_id = bookmeatoz.current_tenant())
    WITH CHECK (tenant_id = bookmeatoz.current_tenant());
