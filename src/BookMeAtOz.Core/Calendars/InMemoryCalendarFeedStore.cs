using BookMeAtOz.Audit;
using BookMeAtOz.Persistence;

namespace BookMeAtOz.Calendars;

/// <summary>
/// Calendar feeds in memory, next to the in-memory booking store (whose staff members it checks); each issue and
/// revocation is recorded in the in-memory audit log under the same lock.
/// </summary>
internal sealed class InMemoryCalendarFeedStore(IBookingStore store, InMemoryAuditStore auditLog) : ICalendarFeedStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(Guid TenantId, Guid StaffId), CalendarFeed> _feeds = [];

    public async Task<bool> SetFeedAsync(CalendarFeed feed, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(audit);
        if (await store.FindStaffAsync(feed.TenantId, feed.StaffId, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        lock (_lock)
        {
            _feeds[(feed.TenantId, feed.StaffId)] = feed with { TokenHash = [.. feed.TokenHash] };
            auditLog.Append(audit);
        }

        return true;
    }

    public Task<bool> DeleteFeedAsync(Guid tenantId, Guid staffId, Func<CalendarFeed, AuditEntry> audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        lock (_lock)
        {
            if (!_feeds.Remove((tenantId, staffId), out var removed))
            {
                return Task.FromResult(false);
            }

            auditLog.Append(audit(removed));
            return Task.FromResult(true);
        }
    }

    public Task<CalendarFeed?> FindFeedAsync(Guid tenantId, byte[] tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        lock (_lock)
        {
            return Task.FromResult(_feeds.Values.FirstOrDefault(f => f.TenantId == tenantId && f.TokenHash.AsSpan().SequenceEqual(tokenHash)));
        }
    }
}
