using BookMeAtOz.Bookings;
using Npgsql;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

// Collective services (migration 0020). A candidate with additional staff (a team) is written like any candidate, then its
// additional staff are set on the row in the same round trip; the database keeps the additional-staff rows and refuses any
// overlap at commit. So that one refused team does not fail the whole request, the store first locks the staff rows of
// every team among the candidates (additional staff FOR UPDATE, leads FOR KEY SHARE, in one pass in id order), which waits
// for every transaction writing a booking of those staff and holds off new ones; a check of a team made after that sees
// every booking committed before and none can be added until this transaction ends, so the first team the check finds
// free is booked, and the next tried when it is not. The database's refusal stays the guarantee.
internal sealed partial class PostgresBookingStore
{
    // The collective bookings staff members serve as additional staff, as busy ranges (a lapsed hold blocks nothing).
    private const string AdditionalStaffBusy = """
        SELECT s.staff_id, s.blocked_start, s.blocked_end, s.booking_id, b.service_id, b.starts_at
        FROM bookmeatoz.booking_staff s
        JOIN bookmeatoz.bookings b ON b.tenant_id = s.tenant_id AND b.booking_id = s.booking_id
        WHERE s.tenant_id = @tenant AND s.staff_id = ANY (@ids)
          AND s.blocked_start > @from - interval '2 days' AND s.blocked_start < @to AND s.blocked_end > @from
          AND NOT (b.status = 'held' AND b.expires_at <= @now)
        """;

    // Releases the lapsed holds that would block the team in the candidate's range: those of its members, and collective
    // holds any member serves as additional staff (released through their own staff member, as migration 0009 releases).
    private const string ReleaseTeamLapsedHolds = """
        SELECT bookmeatoz.release_lapsed_holds(@tenant, x.staff_id, @blocked_start, @blocked_end, @now)
        FROM (SELECT unnest(@team) AS staff_id
              UNION
              SELECT b.staff_id FROM bookmeatoz.booking_staff s
              JOIN bookmeatoz.bookings b ON b.tenant_id = s.tenant_id AND b.booking_id = s.booking_id
              WHERE s.tenant_id = @tenant AND s.staff_id = ANY (@team)
                AND s.blocked_start > @blocked_start - interval '2 days' AND s.blocked_start < @blocked_end AND s.blocked_end > @blocked_start
                AND b.status = 'held' AND b.expires_at <= @now) x
        """;

    // Whether every member of the team is free for the candidate's blocked range (its own booking aside, for a move).
    private const string TeamIsFree = """
        SELECT NOT EXISTS (
                   SELECT 1 FROM bookmeatoz.bookings b
                   WHERE b.tenant_id = @tenant AND b.staff_id = ANY (@team) AND b.booking_id <> @id
                     AND b.starts_at > @blocked_start - interval '2 days' AND b.starts_at < @blocked_end + interval '1 day'
                     AND b.blocked_start < @blocked_end AND b.blocked_end > @blocked_start
                     AND (b.status IN ('pending', 'confirmed') OR (b.status = 'held' AND b.expires_at > @now)))
           AND NOT EXISTS (
                   SELECT 1 FROM bookmeatoz.booking_staff s
                   WHERE s.tenant_id = @tenant AND s.staff_id = ANY (@team) AND s.booking_id <> @id
                     AND s.blocked_start > @blocked_start - interval '2 days' AND s.blocked_start < @blocked_end
                     AND s.blocked_end > @blocked_start)
        """;

    private static bool HasTeams(IEnumerable<Booking> candidates) => candidates.Any(c => c.AdditionalStaffIds.Count > 0);

    /// <summary>
    /// Locks the staff rows of every team among <paramref name="candidates"/> until the transaction ends, all at once and in
    /// id order, so that two collective bookings never wait for each other's staff.
    /// Nothing for candidates without a team. The tenant must be set.
    /// </summary>
    private static async Task LockTeamsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, IReadOnlyList<Booking> candidates, CancellationToken ct)
    {
        if (!HasTeams(candidates))
        {
            return;
        }

        var staff = candidates.Where(c => c.AdditionalStaffIds.Count > 0).SelectMany(c => c.AssignedStaffIds).Distinct().ToArray();
        var additional = candidates.SelectMany(c => c.AdditionalStaffIds).Distinct().ToArray();

        // Additional staff FOR UPDATE (their booking_staff rows are checked against their bookings under it); a lead that is
        // no candidate's additional member only FOR KEY SHARE, as its booking's foreign key takes it: a single booking of the
        // lead may have written its row and be waiting for that lock while the lead's insert waits for that row. One pass
        // in id order, so two teams never wait for each other.
        await using var batch = Batch(connection, transaction, Command("""
            SELECT (SELECT count(*) FROM (SELECT 1 FROM bookmeatoz.staff s
                                          WHERE s.tenant_id = @tenant AND s.staff_id = x.id AND NOT x.additional
                                          FOR KEY SHARE) k)
                 + (SELECT count(*) FROM (SELECT 1 FROM bookmeatoz.staff s
                                          WHERE s.tenant_id = @tenant AND s.staff_id = x.id AND x.additional
                                          FOR UPDATE) u)
            FROM (SELECT id, id = ANY (@additional) AS additional FROM unnest(@staff) AS id ORDER BY id) x
            """, Uuid("tenant", tenantId), Uuids("staff", staff), Uuids("additional", additional)));
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// For a candidate with a team (after <see cref="LockTeamsAsync"/>): releases the lapsed holds in its way, then whether
    /// every member is free then. Always true for a candidate without a team (the booking functions decide those).
    /// </summary>
    private static async Task<bool> TeamIsFreeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Booking candidate, DateTimeOffset now, CancellationToken ct)
    {
        if (candidate.AdditionalStaffIds.Count == 0)
        {
            return true;
        }

        NpgsqlParameter[] Parameters() =>
        [
            Uuid("tenant", candidate.TenantId), Uuid("id", candidate.Id), Uuids("team", [.. candidate.AssignedStaffIds]),
            Time("blocked_start", candidate.BlockedStart), Time("blocked_end", candidate.BlockedEnd), Time("now", now),
        ];
        await using var batch = Batch(connection, transaction, Command(ReleaseTeamLapsedHolds, Parameters()), Command(TeamIsFree, Parameters()));
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        return reader.GetBoolean(0);
    }

    /// <summary>
    /// Sets a booked candidate's additional staff (after its booking function, in the same batch: when the function booked
    /// nothing, no row matches). None for a candidate without a team.
    /// </summary>
    private static NpgsqlBatchCommand[] AssignTeam(Booking candidate) => candidate.AdditionalStaffIds.Count == 0
        ? []
        :
        [
            Command("""
                UPDATE bookmeatoz.bookings SET additional_staff_ids = @additional_staff
                WHERE tenant_id = @tenant AND booking_id = @id AND staff_id = @staff
                """, Uuid("tenant", candidate.TenantId), Uuid("id", candidate.Id), Uuid("staff", candidate.StaffId),
                Uuids("additional_staff", candidate.AdditionalStaffIds)),
        ];

    /// <summary>Whether the day of any member of the candidate's team (or of its staff member) is full (<see cref="DayIsFullAsync"/>).</summary>
    private static async Task<bool> TeamDayIsFullAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, BookingLimits? limits, Booking candidate, Guid tenantId, Guid? ignoreBookingId,
        CancellationToken ct)
    {
        foreach (var staffId in candidate.AssignedStaffIds)
        {
            if (await DayIsFullAsync(connection, transaction, limits, staffId, tenantId, ignoreBookingId, ct).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }
}
