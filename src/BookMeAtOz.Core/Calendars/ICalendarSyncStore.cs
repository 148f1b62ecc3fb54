using BookMeAtOz.Scheduling;

namespace BookMeAtOz.Calendars;

/// <summary>
/// Where connected calendars, their synced busy time and the bookings written to them are kept (in-memory and
/// PostgreSQL stores implement it). Availability reads only <see cref="GetBusyTimeAsync"/>; the sync worker writes.
/// </summary>
public interface ICalendarSyncStore
{
    /// <summary>The staff member's connection, if any.</summary>
    Task<CalendarConnection?> FindConnectionAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken);

    /// <summary>Connects (or replaces) the staff member's calendar; a replaced connection's busy time and written events are forgotten.</summary>
    Task SaveConnectionAsync(CalendarConnection connection, CancellationToken cancellationToken);

    /// <summary>Disconnects, forgetting the synced busy time; false when there was no connection.</summary>
    Task<bool> DeleteConnectionAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> connections of any tenant whose sync is due at <paramref name="now"/>, moving their
    /// due time to <paramref name="now"/> + <paramref name="lease"/> so that no other worker takes them meanwhile, and clearing
    /// <see cref="CalendarConnection.WriteBackDue"/> (the connections returned carry it as it was).
    /// </summary>
    Task<IReadOnlyList<CalendarConnection>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// When the earliest connection is next due (a claimed one's lease end included), or null without any: the sync
    /// worker sleeps until then (or until a connection or booking changes) instead of polling.
    /// </summary>
    Task<DateTimeOffset?> NextSyncAtAsync(CancellationToken cancellationToken);

    /// <summary>Makes the staff member's connection due at <paramref name="now"/> with its bookings to write (a booking of theirs changed); false without one.</summary>
    Task<bool> RequestSyncAsync(Guid tenantId, Guid staffId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stores an import and the sync's success, atomically; false when the connection is gone or was replaced.</summary>
    Task<bool> SaveImportAsync(CalendarImport import, CancellationToken cancellationToken);

    /// <summary>Records a failed sync (and sets <see cref="CalendarConnection.WriteBackDue"/>); the busy time already stored stays. False when the connection is gone or was replaced.</summary>
    Task<bool> RecordFailureAsync(
        Guid tenantId, Guid staffId, Guid connectionId, string message, DateTimeOffset at, DateTimeOffset nextSyncAt, CancellationToken cancellationToken);

    /// <summary>The synced busy time of some staff that overlaps a window.</summary>
    Task<IReadOnlyList<ExternalBusyTime>> GetBusyTimeAsync(
        Guid tenantId, IReadOnlyList<Guid> staffIds, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>The bookings written to the connection's calendar.</summary>
    Task<IReadOnlyList<CalendarWrittenEvent>> ListWrittenAsync(Guid tenantId, Guid staffId, Guid connectionId, CancellationToken cancellationToken);

    /// <summary>Remembers a booking written to the connection's calendar (replacing what was remembered for it).</summary>
    Task SaveWrittenAsync(Guid tenantId, Guid staffId, Guid connectionId, CalendarWrittenEvent written, CancellationToken cancellationToken);

    /// <summary>Forgets a booking's event (removed from the remote).</summary>
    Task RemoveWrittenAsync(Guid tenantId, Guid staffId, Guid connectionId, Guid bookingId, CancellationToken cancellationToken);

    /// <summary>Counts for metrics: connections, failing ones, the oldest success.</summary>
    Task<CalendarSyncHealth> GetHealthAsync(CancellationToken cancellationToken);
}
