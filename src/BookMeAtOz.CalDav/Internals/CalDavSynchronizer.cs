using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Xml;
using BookMeAtOz.Bookings;
using BookMeAtOz.Calendars;
using BookMeAtOz.Persistence;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace BookMeAtOz.CalDav.Internals;

/// <summary>
/// One sync of one connection: import what changed on the remote (sync-collection, then calendar-multiget) as busy
/// time, write the staff member's bookings back as events when they changed, and record the outcome. A failure
/// changes nothing already stored; the next attempt backs off.
/// </summary>
internal sealed partial class CalDavSynchronizer(
    ICalendarSyncStore store, IBookingStore bookings, CalendarConnectionService connections, CalDavHttp http, TimeProvider timeProvider,
    ILogger<CalDavSynchronizer> logger)
{
    private const int MultigetBatch = 100;

    /// <summary>How long the expansion window may lag before a full import moves it (recurring events roll forward).</summary>
    private static readonly TimeSpan WindowRefresh = TimeSpan.FromDays(1);

    public async Task SyncAsync(CalendarConnection connection, CancellationToken cancellationToken)
    {
        var options = connections.Options;
        var started = Stopwatch.GetTimestamp();
        var now = timeProvider.GetUtcNow();
        try
        {
            var staff = await bookings.FindStaffAsync(connection.TenantId, connection.StaffId, cancellationToken).ConfigureAwait(false);
            if (staff is null)
            {
                // The staff member was deleted: their calendar has nothing left to block.
                await store.DeleteConnectionAsync(connection.TenantId, connection.StaffId, cancellationToken).ConfigureAwait(false);
                return;
            }

            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(staff.TimeZone) ?? DateTimeZone.Utc;
            var client = new CalDavClient(http.Client, new Uri(connection.Url), connection.Username, connections.RevealPassword(connection));
            var windowStart = now - TimeSpan.FromDays(1);
            var windowEnd = now + TimeSpan.FromDays(options.HorizonDays);
            var full = connection.SyncToken is null || connection.WindowStart is not { } stored || stored < windowStart - WindowRefresh;

            (string? Token, List<string> Changed, List<string> Removed) delta;
            try
            {
                delta = await client.SyncCollectionAsync(full ? null : connection.SyncToken, cancellationToken).ConfigureAwait(false);
            }
            catch (SyncTokenInvalidException)
            {
                full = true;
                delta = await client.SyncCollectionAsync(null, cancellationToken).ConfigureAwait(false);
            }

            var expandFrom = full ? windowStart : connection.WindowStart!.Value;
            var changed = delta.Changed.Where(h => !BookingEvent.IsOurs(h)).Distinct(StringComparer.Ordinal).ToList();
            var events = new List<CalendarEventBusy>(changed.Count);
            var removed = new List<string>(delta.Removed);
            for (var i = 0; i < changed.Count; i += MultigetBatch)
            {
                var batch = changed.GetRange(i, Math.Min(MultigetBatch, changed.Count - i));
                var fetched = await client.MultigetAsync(batch, cancellationToken).ConfigureAwait(false);
                var found = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (href, data) in fetched)
                {
                    found.Add(href);
                    events.Add(new CalendarEventBusy(href, Expand(href, data, expandFrom, windowEnd, zone)));
                }

                // Gone between the two requests.
                removed.AddRange(batch.Where(h => !found.Contains(h)));
            }

            if (full || connection.WriteBackDue)
            {
                await WriteBackAsync(client, connection, now, windowEnd, cancellationToken).ConfigureAwait(false);
            }

            await store.SaveImportAsync(new CalendarImport(
                connection.TenantId, connection.StaffId, connection.Id, full, events, removed, delta.Token, expandFrom, now,
                now + options.SyncInterval), cancellationToken).ConfigureAwait(false);
            CalDavDiagnostics.Syncs.Add(1, new KeyValuePair<string, object?>("outcome", "success"));
            CalDavDiagnostics.SyncDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            LogSynced(logger, connection.Id, full, events.Count, removed.Count);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Describe(e, options.RequestTimeout) is { } reason)
        {
            var failures = connection.Failures + 1;
            var backoff = TimeSpan.FromTicks(Math.Min(options.MaxBackoff.Ticks, options.SyncInterval.Ticks * (1L << Math.Min(failures, 20))));
            CalDavDiagnostics.Syncs.Add(1, new KeyValuePair<string, object?>("outcome", "failure"));
            LogFailed(logger, connection.Id, failures, reason);
            await store.RecordFailureAsync(connection.TenantId, connection.StaffId, connection.Id, reason, now, now + backoff, CancellationToken.None)
                .ConfigureAwait(false);
        }
    }

    private IReadOnlyList<CalendarBusyRange> Expand(string href, string data, DateTimeOffset from, DateTimeOffset until, DateTimeZone zone)
    {
        try
        {
            return CalendarExpander.Expand(data, from, until, zone);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One unreadable event must not stop the calendar's sync; it blocks nothing, and the log says which.
            LogUnreadable(logger, href, e.GetType().Name);
            return [];
        }
    }

    /// <summary>Makes the remote's booking events match the staff member's bookings that hold time (from a day ago to the horizon).</summary>
    private async Task WriteBackAsync(CalDavClient client, CalendarConnection connection, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var (tenantId, staffId) = (connection.TenantId, connection.StaffId);
        var written = (await store.ListWrittenAsync(tenantId, staffId, connection.Id, cancellationToken).ConfigureAwait(false)).ToDictionary(w => w.BookingId);
        var current = await CalendarConnectionService.ListBlockingBookingsAsync(bookings, tenantId, staffId, now - TimeSpan.FromDays(1), until, cancellationToken)
            .ConfigureAwait(false);
        var services = new Dictionary<Guid, string?>();
        foreach (var booking in current)
        {
            if (written.Remove(booking.Id, out var before) && before.Start == booking.Start && before.End == booking.End)
            {
                continue;
            }

            if (!services.TryGetValue(booking.ServiceId, out var serviceName))
            {
                serviceName = (await bookings.FindServiceAsync(tenantId, booking.ServiceId, cancellationToken).ConfigureAwait(false))?.Name;
                services[booking.ServiceId] = serviceName;
            }

            var resource = before is null ? new Uri(client.Collection, BookingEvent.FileName(booking.Id)) : client.Resolve(before.Href);
            var ics = BookingEvent.Write(booking, serviceName, now);
            var (status, etag) = await client.PutAsync(resource, ics, before?.ETag ?? (before is null ? null : "*"), cancellationToken).ConfigureAwait(false);
            if (status == HttpStatusCode.PreconditionFailed)
            {
                // Changed on the remote (or written by a sync that died before remembering it): the booking wins.
                var currentTag = await client.GetETagAsync(resource, cancellationToken).ConfigureAwait(false);
                (status, etag) = await client.PutAsync(resource, ics, currentTag, cancellationToken).ConfigureAwait(false);
            }

            if (!IsSuccess(status))
            {
                throw new CalDavException($"Writing a booking to the calendar was answered {(int)status}.");
            }

            await store.SaveWrittenAsync(tenantId, staffId, connection.Id,
                new CalendarWrittenEvent(booking.Id, resource.AbsolutePath, etag, booking.Start, booking.End), cancellationToken).ConfigureAwait(false);
        }

        // What is left was written for bookings that no longer hold this staff member's time, or lie before the window.
        foreach (var stale in written.Values)
        {
            var booking = await bookings.FindBookingAsync(tenantId, stale.BookingId, cancellationToken).ConfigureAwait(false);
            if (booking is { Status: BookingStatus.Confirmed or BookingStatus.Pending } && booking.StaffId == staffId && booking.Start < now)
            {
                continue;
            }

            var resource = client.Resolve(stale.Href);
            var status = await client.DeleteAsync(resource, stale.ETag, cancellationToken).ConfigureAwait(false);
            if (status == HttpStatusCode.PreconditionFailed)
            {
                status = await client.DeleteAsync(resource, null, cancellationToken).ConfigureAwait(false);
            }

            if (!IsSuccess(status) && status != HttpStatusCode.NotFound)
            {
                throw new CalDavException($"Removing a booking from the calendar was answered {(int)status}.");
            }

            await store.RemoveWrittenAsync(tenantId, staffId, connection.Id, stale.BookingId, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    /// <summary>What the admin is told; null for what is not a sync failure (a bug: let it surface).</summary>
    private static string? Describe(Exception e, TimeSpan timeout) => e switch
    {
        CalDavException c => c.Message,
        HttpRequestException h => $"The calendar could not be reached ({h.HttpRequestError}).",
        TaskCanceledException or TimeoutException => $"The calendar did not answer within {timeout.TotalSeconds:0} s.",
        XmlException => "The calendar's answer is not valid XML.",
        CryptographicException => "The stored password cannot be decrypted with the configured key: connect the calendar again.",
        BookMeAtOzException b => b.Message,
        UriFormatException => "The calendar answered an unusable address.",
        _ => null,
    };

    [LoggerMessage(70, LogLevel.Debug, "CalDAV connection {ConnectionId} synced (full: {Full}): {Changed} event(s) changed, {Removed} removed")]
    private static partial void LogSynced(ILogger logger, Guid connectionId, bool full, int changed, int removed);

    [LoggerMessage(71, LogLevel.Warning, "CalDAV connection {ConnectionId} failed to sync ({Failures} in a row): {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid connectionId, int failures, string reason);

    [LoggerMessage(72, LogLevel.Warning, "A CalDAV event could not be read and blocks nothing: {Href} ({Error})")]
    private static partial void LogUnreadable(ILogger logger, string href, string error);
}
