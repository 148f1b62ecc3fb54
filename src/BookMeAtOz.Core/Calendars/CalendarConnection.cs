namespace BookMeAtOz.Calendars;

/// <summary>
/// A staff member's connected remote calendar (CalDAV today) and where its background sync stands. One per staff member.
/// </summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="StaffId">The staff member whose busy time the calendar holds.</param>
/// <param name="Id">This connection; a new one (a changed URL or account) gets a new id, so a sync of the old one never lands.</param>
/// <param name="Url">The calendar collection's URL.</param>
/// <param name="Username">The account name.</param>
/// <param name="ProtectedPassword">The password, encrypted with the configured key (<see cref="CalendarSyncOptions.EncryptionKey"/>).</param>
/// <param name="CreatedAt">When it was connected.</param>
public sealed record CalendarConnection(
    Guid TenantId, Guid StaffId, Guid Id, string Url, string Username, byte[] ProtectedPassword, DateTimeOffset CreatedAt)
{
    /// <summary>The remote's sync token after the last import (null: the next import reads everything).</summary>
    public string? SyncToken { get; init; }

    /// <summary>Where the stored expansion of recurring events starts; a full import moves it forward.</summary>
    public DateTimeOffset? WindowStart { get; init; }

    /// <summary>When the last sync succeeded.</summary>
    public DateTimeOffset? LastSyncAt { get; init; }

    /// <summary>When the last sync was tried.</summary>
    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>Why the last sync failed (null after a success). Never holds the password.</summary>
    public string? LastError { get; init; }

    /// <summary>Failed syncs in a row (the back-off grows with it).</summary>
    public int Failures { get; init; }

    /// <summary>When the next sync is due.</summary>
    public DateTimeOffset NextSyncAt { get; init; }

    /// <summary>How many calendar resources (events) have busy time in the sync window after the last import.</summary>
    public int EventCount { get; init; }

    /// <summary>
    /// Whether the staff member's bookings changed since they were last written to the calendar: set by a booking change,
    /// cleared when a worker claims the sync, set again when that sync fails.
    /// </summary>
    public bool WriteBackDue { get; init; }
}

/// <summary>The busy time of one remote calendar resource (an event with its recurrences), expanded over the sync window.</summary>
/// <param name="Href">The resource's path on the remote.</param>
/// <param name="Busy">Its occurrences.</param>
public sealed record CalendarEventBusy(string Href, IReadOnlyList<CalendarBusyRange> Busy);

/// <summary>Busy from <paramref name="Start"/> to <paramref name="End"/> (exclusive).</summary>
/// <param name="Start">Start.</param>
/// <param name="End">End.</param>
public readonly record struct CalendarBusyRange(DateTimeOffset Start, DateTimeOffset End);

/// <summary>What one successful import changes.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="StaffId">The staff member.</param>
/// <param name="ConnectionId">The connection it was read for; it lands only if that connection still exists.</param>
/// <param name="ReplaceAll">True: <paramref name="Events"/> is the whole calendar (everything else stored is dropped).</param>
/// <param name="Events">Resources added or changed (replacing what was stored for their href).</param>
/// <param name="RemovedHrefs">Resources deleted on the remote.</param>
/// <param name="SyncToken">The remote's new sync token.</param>
/// <param name="WindowStart">Where the expansion starts (for <paramref name="ReplaceAll"/>); otherwise unchanged.</param>
/// <param name="SyncedAt">When.</param>
/// <param name="NextSyncAt">When the next sync is due.</param>
public sealed record CalendarImport(
    Guid TenantId, Guid StaffId, Guid ConnectionId, bool ReplaceAll, IReadOnlyList<CalendarEventBusy> Events, IReadOnlyList<string> RemovedHrefs,
    string? SyncToken, DateTimeOffset WindowStart, DateTimeOffset SyncedAt, DateTimeOffset NextSyncAt);

/// <summary>A booking written to the remote calendar as an event.</summary>
/// <param name="BookingId">The booking.</param>
/// <param name="Href">The event's path on the remote.</param>
/// <param name="ETag">The remote's entity tag after the write (for <c>If-Match</c>), if it gave one.</param>
/// <param name="Start">The booking's start as written.</param>
/// <param name="End">The booking's end as written.</param>
public sealed record CalendarWrittenEvent(Guid BookingId, string Href, string? ETag, DateTimeOffset Start, DateTimeOffset End);

/// <summary>The state of every connection, for metrics and alerts.</summary>
/// <param name="Connections">Connections.</param>
/// <param name="Failing">Connections whose last sync failed.</param>
/// <param name="OldestSyncAt">The oldest last success (or connection time, when never synced), null without connections.</param>
public sealed record CalendarSyncHealth(int Connections, int Failing, DateTimeOffset? OldestSyncAt);
