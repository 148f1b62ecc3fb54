using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Bookings;

/// <summary>
/// Turns pending bookings past their approval deadline <c>expired</c> (as the system), on either store: each one through
/// the same compare-and-set as approve and decline, so a booking decided meanwhile is left alone, and each expiry raises
/// its event and e-mail like any other transition.
/// </summary>
internal sealed partial class ApprovalExpirySweeper(
    BookingService bookings, IOptions<ApprovalExpiryOptions> options, TimeProvider timeProvider, ILogger<ApprovalExpirySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var expired = 0;
            try
            {
                expired = await bookings.ExpireLapsedApprovalsAsync(settings.BatchSize, stoppingToken).ConfigureAwait(false);
                if (expired > 0)
                {
                    LogExpired(logger, expired);
                }

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
                    LogFailed(logger, e);
                }

                failing = true;
            }

            if (expired < settings.BatchSize)
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

    [LoggerMessage(70, LogLevel.Information, "Expired {Count} pending booking(s) past their approval deadline")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(71, LogLevel.Warning, "The approval expiry sweep failed; trying again later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>Binds <see cref="ApprovalExpiryOptions"/> from the host's configuration, if any, and validates them.</summary>
internal sealed class ApprovalExpiryOptionsSetup(IServiceProvider services)
    : IConfigureOptions<ApprovalExpiryOptions>, IValidateOptions<ApprovalExpiryOptions>
{
    public void Configure(ApprovalExpiryOptions options) =>
        services.GetService<IConfiguration>()?.GetSection(ApprovalExpiryOptions.SectionName).Bind(options);

    public ValidateOptionsResult Validate(string? name, ApprovalExpiryOptions options)
    {
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
