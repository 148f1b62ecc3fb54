using BookMeAtOz.Scheduling;

namespace BookMeAtOz.Calendars;

/// <summary>
/// The busy time of synced calendars, as an <see cref="IBusyTimeSource"/>: read from the store, where the background sync
/// keeps it, so availability never waits for a remote calendar. Calendar sync packages register it (<c>WithCalDav()</c>).
/// </summary>
/// <param name="store">The store the sync writes to.</param>
public sealed class SyncedBusyTimeSource(ICalendarSyncStore store) : IBusyTimeSource
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ExternalBusyTime>> GetBusyTimeAsync(BusyTimeQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await store.GetBusyTimeAsync(query.TenantId, query.StaffIds, query.From, query.To, cancellationToken).ConfigureAwait(false);
    }
}
