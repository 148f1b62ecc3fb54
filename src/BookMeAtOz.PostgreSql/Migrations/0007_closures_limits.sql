-- BookMeAtOz schema: tenant closures, reschedule rules and booking limits (product specification §9.5). Applied like
-- every migration: in one transaction, under the migration advisory lock, by the role that owns the schema.

-- Tenant-wide closures: local dates (inclusive) in the tenant's time zone on which nothing is offered. The dates are
-- kept as dates, so a change of the tenant's zone moves the closed instants with it. The booking service reads them
-- (a handful per tenant; at most 500, counted under the tenant's row lock when one is added).
CREATE TABLE bookmeatoz.closures (
    tenant_id  uuid        NOT NULL,
    closure_id uuid        NOT NULL,
    from_date  date        NOT NULL,
    to_date    date        NOT NULL,
    reason     text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT closures_pkey PRIMARY KEY (tenant_id, closure_id),
    CONSTRAINT closures_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES bookmeatoz.tenants (tenant_id),
    CONSTRAINT closures_range_check CHECK (to_date >= from_date)
);
CREATE INDEX closures_by_from ON bookmeatoz.closures (tenant_id, from_date, closure_id);

ALTER TABLE bookmeatoz.closures ENABLE ROW LEVEL SECURITY;
ALTER TABLE bookmeatoz.closures FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bookmeatoz.closures
    USING (tenant_id = bookmeatoz.current_tenant())
    WITH CHECK (tenant_id = bookmeatoz.current_tenant());

-- Reschedule rules: null notice = the cancellation notice; null count = unlimited. A customer limit of active bookings
-- per e-mail; null = unlimited.
ALTER TABLE bookmeatoz.tenants
    ADD COLUMN reschedule_notice_minutes integer,
    ADD COLUMN max_reschedules integer,
    ADD COLUMN max_active_bookings integer;

-- A staff member's daily limit (their local day); null = unlimited. Enforced in the booking transaction, which locks
-- the staff row (FOR NO KEY UPDATE: the foreign-key checks of other bookings, FOR KEY SHARE, are not blocked) and then
-- counts the day's active bookings.
ALTER TABLE bookmeatoz.staff ADD COLUMN max_bookings_per_day integer;

-- How often the customer moved a booking (staff and admin moves do not count), checked under the booking's row lock.
ALTER TABLE bookmeatoz.bookings ADD COLUMN customer_reschedules integer NOT NULL DEFAULT 0;

-- The customer limit counts a customer's future active bookings by e-mail, case-insensitively, under a transaction
-- advisory lock on (tenant, lower(e-mail)).
CREATE INDEX bookings_by_customer ON bookmeatoz.bookings (tenant_id, lower(customer_email), starts_at) WHERE status = 'confirmed';
