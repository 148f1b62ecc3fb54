using BookMeAtOz.Audit;

namespace BookMeAtOz.Calendars;

/// <summary>A staff member's calendar feed: the SHA-256 of its secret token (the token itself is never stored).</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="StaffId">The staff member whose bookings it shows.</param>
/// <param name="TokenHash">SHA-256 of the token (32 bytes).</param>
/// <param name="CreatedAt">When this token was issued.</param>
public sealed record CalendarFeed(Guid TenantId, Guid StaffId, byte[] TokenHash, DateTimeOffset CreatedAt);

/// <summary>
/// Where calendar feeds are kept: at most one per staff member, found by its token's hash within its tenant. The in-memory
/// store and the PostgreSQL one (migration 0018) implement it with the same behaviour.
/// </summary>
public interface ICalendarFeedStore
{
    /// <summary>
    /// Gives the staff member this feed, replacing the one they had in the same write (its old token stops working at
    /// once), and records <paramref name="audit"/> in the same transaction. False (nothing written, nothing recorded)
    /// when the staff member does not exist.
    /// </summary>
    Task<bool> SetFeedAsync(CalendarFeed feed, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the staff member's feed and records the entry <paramref name="audit"/> makes of it (the feed as it was) in the
    /// same transaction; false (nothing recorded) when they had none.
    /// </summary>
    Task<bool> DeleteFeedAsync(Guid tenantId, Guid staffId, Func<CalendarFeed, AuditEntry> audit, CancellationToken cancellationToken);

    /// <summary>The tenant's feed with this token hash, or null.</summary>
    Task<CalendarFeed?> FindFeedAsync(Guid tenantId, byte[] tokenHash, CancellationToken cancellationToken);
}
