-- BookMeAtOz schema: busy time merged for availability listings (issue 4). Applied like every migration: in one
-- transaction, under the migration advisory lock, by the role that owns the schema.
--
-- A busy calendar is many bookings back to back, and busy_ranges() returns every one of them: for a booked-out
-- week of five staff on a 15-minute service that is 1,600 rows to read, send and parse for an answer with no
-- slots. The engine only needs a booking's details to let a slot join a session of a group service; every
-- other booking, and all time off, just blocks time. So this returns the bookings of group services
-- (capacity > 1) one by one, like busy_ranges(), and everything else as the union of its ranges per staff
-- member (range_agg merges overlapping and touching ranges), without booking details. The same slots follow
-- from either form; the booking path keeps busy_ranges(), which it needs to count and skip bookings.

CREATE FUNCTION bookmeatoz.busy_ranges_merged(p_tenant uuid, p_staff uuid[], p_from timestamptz, p_to timestamptz)
RETURNS TABLE (busy_staff_id uuid, busy_start timestamptz, busy_end timestamptz, busy_booking_id uuid,
               busy_service_id uuid, busy_appointment_start timestamptz)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    WITH shared AS (
        SELECT s.service_id FROM bookmeatoz.services s WHERE s.tenant_id = p_tenant AND s.capacity > 1),
    booked AS (
        -- The same index range scan per staff member as busy_ranges().
        SELECT b.staff_id, b.blocked_start, b.blocked_end, b.booking_id, b.service_id, b.starts_at,
               b.service_id IN (SELECT service_id FROM shared) AS in_group
        FROM unnest(p_staff) AS x(staff_id)
        JOIN bookmeatoz.bookings b
          ON b.tenant_id = p_tenant AND b.staff_id = x.staff_id
         AND b.starts_at > p_from - interval '2 days' AND b.starts_at < p_to + interval '2 days'
         AND b.status = 'confirmed' AND b.blocked_start < p_to AND b.blocked_end > p_from),
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
