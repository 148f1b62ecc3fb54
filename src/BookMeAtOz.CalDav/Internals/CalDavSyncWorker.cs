using BookMeAtOz.Calendars;
using BookMeAtOz.Changes;
using BookMeAtOz.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BookMeAtOz.CalDav.Internals;

/// <summary>
/// Syncs due calendars in the background on every instance: each claims a few at a time (the store keeps two instances
/// off one calendar), syncs them, and then sleeps until the next connection is due (asking the store when that is), or
/// until woken at once when a connection or booking changed on this instance; at most <see cref="MaxIdle"/> (a connection
/// made on another instance that then went away is still found). Without an encryption key nothing can be connected or
/// synced, so the worker does nothing at all (no database queries).
/// </summary>
internal sealed partial class CalDavSyncWorker(
    ICalendarSyncStore store, CalendarConnectionService connections, CalDavSynchronizer synchronizer, TimeProvider timeProvider,
    ILogger<CalDavSyncWorker> logger) : BackgroundService
{
    private const int ClaimBatch = 8;

    /// <summary>The longest sleep: 5 minutes.</summary>
    internal static readonly TimeSpan MaxIdle = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan MinSleep = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = connections.Options;
        if (options.EncryptionKey is null)
        {
            LogNotConfigured(logger);
            CalDavDiagnostics.Register();
            return;
        }

        // After a failure to read the store: try again this soon.
        var retry = options.SyncInterval < TimeSpan.FromSeconds(5) ? options.SyncInterval : TimeSpan.FromSeconds(5);
        // Long enough for a slow sync to finish before another instance may take the calendar over.
        var lease = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(2).Ticks, options.RequestTimeout.Ticks * 4));
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            var sleep = retry;
            try
            {
                var now = timeProvider.GetUtcNow();
                var due = await store.ClaimDueAsync(now, lease, ClaimBatch, stoppingToken).ConfigureAwait(false);
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = stoppingToken },
                    async (connection, ct) => await synchronizer.SyncAsync(connection, ct).ConfigureAwait(false)).ConfigureAwait(false);
                CalDavDiagnostics.Observe(await store.GetHealthAsync(stoppingToken).ConfigureAwait(false), timeProvider.GetUtcNow());
                more = due.Count == ClaimBatch;
                if (!more)
                {
                    sleep = Sleep(timeProvider.GetUtcNow(), await store.NextSyncAtAsync(stoppingToken).ConfigureAwait(false));
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is StoreUnavailableException or TimeoutException or InvalidOperationException)
            {
                // The database is away: what is stored stays as it is; try again shortly.
                LogStoreFailed(logger, e);
            }

            if (!more)
            {
                try
                {
                    await connections.SyncRequested.WaitAsync(sleep, timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>How long to sleep at <paramref name="now"/> when the next connection is due at <paramref name="next"/> (null: none).</summary>
    internal static TimeSpan Sleep(DateTimeOffset now, DateTimeOffset? next)
    {
        if (next is not { } at)
        {
            return MaxIdle;
        }

        // Due already (a claim raced with another instance's): a short pause, never a busy loop.
        var wait = at - now;
        return wait < MinSleep ? MinSleep : wait > MaxIdle ? MaxIdle : wait;
    }

    [LoggerMessage(73, LogLevel.Warning, "Calendar sync has no encryption key (BookMeAtOz__CalendarSync__EncryptionKey): calendars cannot be connected or synced")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(74, LogLevel.Warning, "Calendar sync could not read its store; retrying")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}

/// <summary>A booking changed: its staff member's calendar (and the previous one's, after a move) is synced at once, bookings included.</summary>
internal sealed class CalDavChangeSubscriber(ICalendarSyncStore store, CalendarConnectionService connections, TimeProvider timeProvider) : IChangeSubscriber
{
    public async Task HandleAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken)
    {
        var staff = changes.Where(c => c.IsBooking)
            .SelectMany(c => new[] { (c.TenantId, c.StaffId), (c.TenantId, c.PreviousStaffId) })
            .Where(s => s.Item2 is not null)
            .Distinct()
            .ToList();
        var any = false;
        foreach (var (tenantId, staffId) in staff)
        {
            any |= await store.RequestSyncAsync(tenantId, staffId!.Value, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        if (any)
        {
            connections.SyncRequested.Set();
        }
    }
}
