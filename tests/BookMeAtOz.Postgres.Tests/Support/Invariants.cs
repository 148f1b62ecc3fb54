using Npgsql;

namespace BookMeAtOz.Tests.Postgres.Support;

/// <summary>
/// The booking invariants, checked with hand-written SQL over what is actually stored (as the schema owner,
/// scoped to one tenant: row-level security applies to the owner too).
/// </summary>
public static class Invariants
{
    /// <summary>Fails unless no two pending or confirmed bookings of a staff member overlap in their blocked ranges (outside one group session) and every session's seat count is true.</summary>
    public static async Task AssertHoldAsync(TestDatabase database, Guid tenantId)
    {
        await using var connection = await database.OpenOwnerAsync(tenantId);

        var overlaps = await TestDatabase.Scalar<long>(connection, """
            SELECT count(*)
            FROM bookmeatoz.bookings a
            JOIN bookmeatoz.bookings b
              ON b.tenant_id = a.tenant_id AND b.staff_id = a.staff_id AND b.booking_id > a.booking_id
             AND a.status IN ('pending', 'confirmed') AND b.status IN ('pending', 'confirmed')
             AND tstzrange(a.starts_at - make_interval(mins => a.buffer_before_minutes), a.ends_at + make_interval(mins => a.buffer_after_minutes))
              && tstzrange(b.starts_at - make_interval(mins => b.buffer_before_minutes), b.ends_at + make_interval(mins => b.buffer_after_minutes))
            WHERE a.session_id IS DISTINCT FROM b.session_id OR a.session_id IS NULL
            """);
        Assert.True(overlaps == 0, $"{overlaps} pairs of confirmed bookings overlap outside a group session.");

        var badRanges = await TestDatabase.Scalar<long>(connection, """
            SELECT count(*) FROM bookmeatoz.bookings
            WHERE blocked_start <> starts_at - make_interval(mins => buffer_before_minutes)
               OR blocked_end <> ends_at + make_interval(mins => buffer_after_minutes)
            """);
        Assert.Equal(0, badRanges);

        var badSessions = await TestDatabase.Scalar<long>(connection, """
            SELECT count(*) FROM bookmeatoz.sessions s
            WHERE s.seats_taken <> (SELECT count(*) FROM bookmeatoz.bookings b
                                    WHERE b.tenant_id = s.tenant_id AND b.session_id = s.session_id AND b.status IN ('pending', 'confirmed'))
               OR s.seats_taken > s.capacity
               OR EXISTS (SELECT 1 FROM bookmeatoz.bookings b
                          WHERE b.tenant_id = s.tenant_id AND b.session_id = s.session_id
                            AND (b.staff_id <> s.staff_id OR b.service_id <> s.service_id OR b.starts_at <> s.starts_at))
            """);
        Assert.True(badSessions == 0, $"{badSessions} sessions disagree with their bookings.");
    }

    /// <summary>The number of confirmed bookings of the tenant.</summary>
    public static async Task<long> ConfirmedBookingsAsync(TestDatabase database, Guid tenantId)
    {
        await using var connection = await database.OpenOwnerAsync(tenantId);
        return await TestDatabase.Scalar<long>(connection, "SELECT count(*) FROM bookmeatoz.bookings WHERE status = 'confirmed'");
    }

    public static async Task<HashSet<Guid>> BookingIdsAsync(TestDatabase database, Guid tenantId)
    {
        await using var connection = await database.OpenOwnerAsync(tenantId);
        await using var command = new NpgsqlCommand("SELECT booking_id FROM bookmeatoz.bookings", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
