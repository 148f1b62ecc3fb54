namespace BookMeAtOz.Contracts;

/// <summary>Connects a staff member's CalDAV calendar (<c>PUT /api/v1/staff/{id}/caldav</c>).</summary>
/// <param name="Url">The calendar collection's URL, e.g. <c>https://dav.example.com/alice/work/</c>.</param>
/// <param name="Username">The account name.</param>
/// <param name="Password">The password (or app password); stored encrypted and never shown again.</param>
public sealed record CalDavConnectionRequest(string? Url, string? Username, string? Password);

/// <summary>A staff member's CalDAV connection and its sync status (never the password).</summary>
/// <param name="Url">The calendar collection's URL.</param>
/// <param name="Username">The account name.</param>
/// <param name="Status"><c>pending</c> (not synced yet), <c>ok</c> (the last sync succeeded) or <c>error</c> (it failed: see <paramref name="LastError"/>).</param>
/// <param name="ConnectedAt">When it was connected.</param>
/// <param name="LastSyncAt">When the last sync succeeded.</param>
/// <param name="LastAttemptAt">When the last sync was tried.</param>
/// <param name="LastError">Why the last sync failed, if it did.</param>
/// <param name="ConsecutiveFailures">Failed syncs in a row (the retry backs off).</param>
/// <param name="EventCount">Calendar events with busy time in the sync window (a recurring event counts once).</param>
/// <param name="Conflicts">Bookings that calendar events now overlap: the bookings stay; the admin decides.</param>
public sealed record CalDavStatusResponse(
    string Url,
    string Username,
    string Status,
    DateTimeOffset ConnectedAt,
    DateTimeOffset? LastSyncAt,
    DateTimeOffset? LastAttemptAt,
    string? LastError,
    int ConsecutiveFailures,
    int EventCount,
    IReadOnlyList<CalDavConflictResponse> Conflicts);

/// <summary>A calendar event over a booking.</summary>
/// <param name="BookingId">The booking (it is kept).</param>
/// <param name="BookingStart">Its start.</param>
/// <param name="BookingEnd">Its end.</param>
/// <param name="BusyStart">Where the calendar's busy time starts.</param>
/// <param name="BusyEnd">Where it ends.</param>
public sealed record CalDavConflictResponse(Guid BookingId, DateTimeOffset BookingStart, DateTimeOffset BookingEnd, DateTimeOffset BusyStart, DateTimeOffset BusyEnd);
