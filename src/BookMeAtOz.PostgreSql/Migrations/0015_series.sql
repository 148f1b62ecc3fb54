-- BookMeAtOz schema: recurring series (product specification §10.2). Applied like every migration: in one transaction,
-- under the migration advisory lock, by the role that owns the schema.
--
-- A series is a row of its own (the hash of its manage token) and a series_id on each of its bookings. The occurrences
-- are booked by the booking functions of migrations 0001/0009, unchanged, in one transaction: that transaction sets
-- bookmeatoz.series_id (and, when the booking has answers, bookmeatoz.series_answers), transaction-local, and the columns'
-- defaults below take them, so the functions' rows carry the series and the answers from the start and the
-- booking.created events (whose details trigger reads the row, migration 0010) carry them too. Any other insert sees
-- neither setting and gets the defaults it always had. No function of an earlier migration is replaced.

CREATE TABLE bookmeatoz.booking_series (
    tenant_id         uuid        NOT NULL,
    series_id         uuid        NOT NULL,
    manage_token_hash bytea       NOT NULL,
    created_at        timestamptz NOT NULL,
    CONSTRAINT booking_series_pkey PRIMARY KEY (tenant_id, series_id),
    CONSTRAINT booking_series_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES bookmeatoz.tenants (tenant_id)
);

ALTER TABLE bookmeatoz.booking_series ENABLE ROW LEVEL SECURITY;
ALTER TABLE bookmeatoz.booking_series FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bookmeatoz.booking_series
    USING (tenant_id = bookmeatoz.current_tenant())
    WITH CHECK (tenant_id = bookmeatoz.current_tenant());

-- current_setting is stable, so existing rows get the value it has here (none: null) without a table rewrite.
ALTER TABLE bookmeatoz.bookings
    ADD COLUMN series_id uuid DEFAULT NULLIF(current_setting('bookmeatoz.series_id', true), '')::uuid,
    ADD CONSTRAINT bookings_series_fkey FOREIGN KEY (tenant_id, series_id) REFERENCES bookmeatoz.booking_series (tenant_id, series_id);
ALTER TABLE bookmeatoz.bookings
    ALTER COLUMN answers SET DEFAULT COALESCE(NULLIF(current_setting('bookmeatoz.series_answers', true), '')::jsonb, '[]'::jsonb);

-- A series' occurrences, by start (for its cancel and reschedule, and its e-mail).
CREATE INDEX bookings_by_series ON bookmeatoz.bookings (tenant_id, series_id, starts_at) WHERE series_id IS NOT NULL;

-- Booking events written while a series is being booked, cancelled or moved (those transactions set
-- bookmeatoz.series_events) name the series (seriesId), read from the booking's row. The trigger fires only in those
-- transactions (the WHEN reads the setting): the single-booking path pays nothing for it.
CREATE FUNCTION bookmeatoz.booking_event_series() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.payload ? 'bookingId' AND NOT NEW.payload ? 'seriesId' THEN
        -- While a series is booked, its id is at hand (every booking event then is one of its occurrences'); else the row says.
        NEW.payload := NEW.payload || coalesce(
            CASE WHEN COALESCE(current_setting('bookmeatoz.series_id', true), '') <> ''
                 THEN jsonb_build_object('seriesId', current_setting('bookmeatoz.series_id', true))
                 ELSE (SELECT jsonb_build_object('seriesId', b.series_id)
                       FROM bookmeatoz.bookings b
                       WHERE b.tenant_id = NEW.tenant_id AND b.booking_id = (NEW.payload ->> 'bookingId')::uuid AND b.series_id IS NOT NULL)
            END, '{}'::jsonb);
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER outbox_booking_series BEFORE INSERT ON bookmeatoz.outbox
    FOR EACH ROW WHEN (NEW.type LIKE 'booking.%' AND COALESCE(current_setting('bookmeatoz.series_events', true), '') = 'on')
    EXECUTE FUNCTION bookmeatoz.booking_event_series();
