-- BookMeAtOz schema: the booking lifecycle's statuses (product specification §9). Applied like every migration: in one
-- transaction, under the migration advisory lock, by the role that owns the schema.
--
-- held (a checkout hold), pending (awaiting approval) and confirmed occupy time and seats under the same exclusion
-- constraint; cancelled, declined, expired and no_show free it. expires_at is when a hold lapses or a pending booking's
-- approval window ends (null for every other status). An expired hold must never block anyone, even before a sweeper
-- marks it expired: the booking path releases lapsed holds inside its own transaction before it inserts (the holds
-- migration), and availability reads ignore them.

ALTER TABLE bookmeatoz.bookings DROP CONSTRAINT bookings_status_check;
ALTER TABLE bookmeatoz.bookings ADD CONSTRAINT bookings_status_check
    CHECK (status IN ('held', 'pending', 'confirmed', 'cancelled', 'declined', 'expired', 'no_show'));

ALTER TABLE bookmeatoz.bookings ADD COLUMN expires_at timestamptz;

ALTER TABLE bookmeatoz.bookings DROP CONSTRAINT bookings_no_overlap;
ALTER TABLE bookmeatoz.bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
    tenant_id WITH =,
    staff_id WITH =,
    tstzrange(blocked_start, blocked_end) WITH &&,
    hold_key WITH <>
) WHERE (status IN ('held', 'pending', 'confirmed'));

DROP INDEX bookmeatoz.bookings_by_customer;
CREATE INDEX bookings_by_customer ON bookmeatoz.bookings (tenant_id, lower(customer_email), starts_at)
    WHERE status IN ('held', 'pending', 'confirmed');

-- Busy time: what occupies (an unexpired hold, a pending or a confirmed booking). The lapse of a hold is read against
-- the database's clock here; the holds migration may refine how callers pass theirs.
CREATE OR REPLACE FUNCTION bookmeatoz.busy_ranges(p_tenant uuid, p_staff uuid[], p_from timestamptz, p_to timestamptz)
RETURNS TABLE (busy_staff_id uuid, busy_start timestamptz, busy_end timestamptz, busy_booking_id uuid,
               busy_service_id uuid, busy_appointment_start timestamptz)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    SELECT b.staff_id, b.blocked_start, b.blocked_end, b.booking_id, b.service_id, b.starts_at
    FROM unnest(p_staff) AS x(staff_id)
    JOIN bookmeatoz.bookings b
      ON b.tenant_id = p_tenant AND b.staff_id = x.staff_id
     AND b.starts_at > p_from - interval '2 days' AND b.starts_at < p_to + interval '2 days'
     AND (b.status IN ('pending', 'confirmed') OR (b.status = 'held' AND b.expires_at > now()))
     AND b.blocked_start < p_to AND b.blocked_end > p_from;

    RETURN QUERY
    SELECT t.staff_id, t.starts_at, t.ends_at, NULL::uuid, NULL::uuid, NULL::timestamptz
    FROM unnest(p_staff) AS x(staff_id)
    JOIN bookmeatoz.time_off t
      ON t.tenant_id = p_tenant AND t.staff_id = x.staff_id AND t.starts_at < p_to AND t.ends_at > p_from;
END
$$;

CREATE OR REPLACE FUNCTION bookmeatoz.busy_ranges_merged(p_tenant uuid, p_staff uuid[], p_from timestamptz, p_to timestamptz)
RETURNS TABLE (busy_staff_id uuid, busy_start timestamptz, busy_end timestamptz, busy_booking_id uuid,
               busy_service_id uuid, busy_appointment_start timestamptz)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    WITH shared AS (
        SELECT s.service_id FROM bookmeatoz.services s WHERE s.tenant_id = p_tenant AND s.capacity > 1),
    booked AS (
        SELECT b.staff_id, b.blocked_start, b.blocked_end, b.booking_id, b.service_id, b.starts_at,
               b.service_id IN (SELECT service_id FROM shared) AS in_group
        FROM unnest(p_staff) AS x(staff_id)
        JOIN bookmeatoz.bookings b
          ON b.tenant_id = p_tenant AND b.staff_id = x.staff_id
         AND b.starts_at > p_from - interval '2 days' AND b.starts_at < p_to + interval '2 days'
         AND (b.status IN ('pending', 'confirmed') OR (b.status = 'held' AND b.expires_at > now()))
         AND b.blocked_start < p_to AND b.blocked_end > p_from),
    blocking AS (
        SELECT k.staff_id, tstzrange(k.blocked_start, k.blocked_end) AS blocked FROM booked k WHERE NOT k.in_group
        UNION ALL
        SELECT t.staff_id, tstzrange(t.starts_at, t.ends_at)
        FROM unnest(p_staff) AS x(staff_id)
        JOIN bookmeatoz.time_off t
          ON t.tenant_id = p_tenant AND t.staff_id = x.staff_id AND t.starts_at < p_to AND t.ends_at > p_from)
    SELECT k.staff_id, k.blocked_start, k.blocked_end, k.booking_id, k.service_id, k.starts_at
    FROM booked k WHERE k.in_group
    UNION ALL
    SELECT m.staff_id, lower(r.blocked), upper(r.blocked), NULL::uuid, NULL::uuid, NULL::timestamptz
    FROM (SELECT g.staff_id, range_agg(g.blocked) AS blocked FROM blocking g GROUP BY g.staff_id) AS m
    CROSS JOIN LATERAL unnest(m.blocked) AS r(blocked);
END
$$;
