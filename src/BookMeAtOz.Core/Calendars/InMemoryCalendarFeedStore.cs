using BookMeAtOz.Persistence;

namespace BookMeAtOz.Calendars;

/// <summary>Calendar feeds in memory, next to the in-memory booking store (whose staff members it checks).</summary>
internal sealed class InMemoryCalendarFeedStore(IBookingStore store) : ICalendarFeedStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(Guid TenantId, Guid StaffId), CalendarFeed> _feeds = [];

    public async Task<bool> SetFeedAsync(CalendarFeed feed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        if (await store.FindStaffAsync(feed.TenantId, feed.StaffId, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        lock (_lock)
        {
            _feeds[(feed.TenantId, feed.StaffId)] = feed with { TokenHash = [.. feed.TokenHash] };
        }

        return true;
    }

    public Task<bool> DeleteFeedAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_feeds.Remove((tenantId, staffId)));
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
