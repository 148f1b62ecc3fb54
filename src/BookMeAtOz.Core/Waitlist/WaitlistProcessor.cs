using System.Collections.Concurrent;
using BookMeAtOz.Changes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Waitlist;

/// <summary>
/// Runs the waitlist's offer passes: at once for a tenant whose time may have freed up (a committed booking change, a
/// hold released or lapsed, hours, time off, closures or resources changed: it hears of them as a change subscriber,
/// on PostgreSQL from the outbox relay of whichever instance relays them), and every
/// <see cref="WaitlistOptions.SweepInterval"/> for every tenant with waiting or offered entries (offers lapsed unseen,
/// entries whose dates passed). Passes of several instances for one tenant are serialized by the store's tenant lock,
/// and each offer is a hold, so no pass can offer more than the free seats, nor offer one entry twice.
/// </summary>
internal sealed partial class WaitlistProcessor(
    IServiceProvider services, IOptions<WaitlistOptions> options, TimeProvider timeProvider, ILogger<WaitlistProcessor>? logger = null)
    : BackgroundService, IChangeSubscriber
{
    // Optional like the change publisher's: a host that registers no logging (a plain ServiceCollection) still works.
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly ConcurrentDictionary<Guid, byte> _due = new();
    private readonly WakeSignal _wake = new();

    public Task HandleAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var any = false;
        foreach (var change in changes)
        {
            if (MayFreeTime(change.Type))
            {
                any |= _due.TryAdd(change.TenantId, 0);
            }
        }

        if (any)
        {
            _wake.Set();
        }

        return Task.CompletedTask;
    }

    /// <summary>Whether a change of this type may free time (or settle an offer: a hold booked).</summary>
    internal static bool MayFreeTime(string type) => type is ChangeTypes.BookingCancelled or ChangeTypes.BookingRescheduled
        or ChangeTypes.BookingDeclined or ChangeTypes.BookingExpired or ChangeTypes.BookingCreated or ChangeTypes.HoldReleased
        or ChangeTypes.TimeOffDeleted or ChangeTypes.ScheduleChanged or ChangeTypes.ClosuresChanged or ChangeTypes.ResourceChanged
        or ChangeTypes.ServiceUpdated or ChangeTypes.StaffUpdated or ChangeTypes.TenantUpdated;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var waitlist = services.GetRequiredService<WaitlistService>();
        var store = services.GetRequiredService<IWaitlistStore>();
        var nextSweep = DateTimeOffset.MinValue;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (timeProvider.GetUtcNow() >= nextSweep)
                {
                    nextSweep = timeProvider.GetUtcNow() + options.Value.SweepInterval;
                    foreach (var tenantId in await store.ListActiveTenantsAsync(10_000, stoppingToken).ConfigureAwait(false))
                    {
                        _due.TryAdd(tenantId, 0);
                    }
                }

                var busy = new List<Guid>();
                foreach (var tenantId in _due.Keys)
                {
                    _due.TryRemove(tenantId, out _);
                    if (await waitlist.ProcessTenantAsync(tenantId, stoppingToken).ConfigureAwait(false) is null)
                    {
                        busy.Add(tenantId);
                    }
                }

                if (busy.Count > 0)
                {
                    // Another pass (here or on another instance) holds the tenant: look again shortly, after it is over.
                    await Task.Delay(TimeSpan.FromMilliseconds(100), timeProvider, stoppingToken).ConfigureAwait(false);
                    foreach (var tenantId in busy)
                    {
                        _due.TryAdd(tenantId, 0);
                    }
                }

                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The loop outlives any one failure (the database away, for example); the next sweep tries again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (!failing)
                {
                    LogFailed(_logger, e);
                }

                failing = true;
            }

            try
            {
                var wait = nextSweep - timeProvider.GetUtcNow();
                if (_due.IsEmpty && wait > TimeSpan.Zero)
                {
                    await _wake.WaitAsync(wait, timeProvider, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    [LoggerMessage(95, LogLevel.Warning, "A waitlist offer pass failed; trying again at the next change or sweep")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
