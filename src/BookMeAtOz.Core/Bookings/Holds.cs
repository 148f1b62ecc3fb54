using BookMeAtOz.Changes;
using BookMeAtOz.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Bookings;

/// <summary>A request for a checkout hold (SPEC §9.1).</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="Start">The start: one the service's availability offers.</param>
/// <param name="StaffId">A staff member; null = anyone free (chosen as for a booking).</param>
public sealed record CreateHoldRequest(Guid ServiceId, DateTimeOffset Start, Guid? StaffId);

/// <summary>The background sweep of lapsed holds (<c>BookMeAtOz:Holds</c>).</summary>
public sealed class HoldOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "BookMeAtOz:Holds";

    /// <summary>How often lapsed holds are marked expired (their availability events sent); default 30 seconds, 1 second–1 hour.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an expired hold that was never booked is kept before it is forgotten; default 1 day, 0–365 days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The most holds marked, and the most forgotten, per sweep; default 1000, 1–100000.</summary>
    public int BatchSize { get; set; } = 1_000;

    internal IEnumerable<string> Validate()
    {
        if (SweepInterval < TimeSpan.FromSeconds(1) || SweepInterval > TimeSpan.FromHours(1))
        {
            yield return "BookMeAtOz__Holds__SweepInterval must be between 00:00:01 and 01:00:00.";
        }

        if (Retention < TimeSpan.Zero || Retention > TimeSpan.FromDays(365))
        {
            yield return "BookMeAtOz__Holds__Retention must be between 00:00:00 and 365.00:00:00.";
        }

        if (BatchSize is < 1 or > 100_000)
        {
            yield return "BookMeAtOz__Holds__BatchSize must be between 1 and 100000.";
        }
    }
}

/// <summary>Binds <see cref="HoldOptions"/> from the host's configuration when there is one, and validates them.</summary>
internal sealed class HoldOptionsSetup(IServiceProvider services) : IConfigureOptions<HoldOptions>, IValidateOptions<HoldOptions>
{
    public void Configure(HoldOptions options) => services.GetService<IConfiguration>()?.GetSection(HoldOptions.SectionName).Bind(options);

    public ValidateOptionsResult Validate(string? name, HoldOptions options)
    {
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// Marks lapsed holds expired (their seats given back; an <c>availabilityChanged</c> event for each) and forgets old
/// expired holds, every <see cref="HoldOptions.SweepInterval"/>, through the change-tracking store so that caches and
/// listeners hear of it. Correctness never waits for it: a lapsed hold blocks nothing even before it is swept. Several
/// instances may sweep at once; a hold is marked once.
/// </summary>
internal sealed partial class HoldSweeper(
    ChangeTrackingBookingStore store, IOptions<HoldOptions> options, TimeProvider timeProvider, ILogger<HoldSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var swept = 0;
            try
            {
                swept = await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The loop outlives any one failure (the database away, for example); it tries again later.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (!failing)
                {
                    LogSweepFailed(logger, e);
                }

                failing = true;
            }

            if (swept < settings.BatchSize)
            {
                try
                {
                    await Task.Delay(settings.SweepInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }
    }

    /// <summary>One sweep; how many holds it marked expired.</summary>
    internal async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var expired = await store.ExpireLapsedHoldsAsync(now, now - settings.Retention, settings.BatchSize, cancellationToken).ConfigureAwait(false);
        return expired.Count;
    }

    [LoggerMessage(90, LogLevel.Warning, "Sweeping lapsed holds failed; trying again later")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
