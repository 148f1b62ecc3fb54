using BookMeAtOz.Changes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Notifications;

/// <summary>
/// Sends the queued booking e-mails. It claims due notifications (several dispatchers, one per instance, share the
/// queue without sending anything twice), writes each message from the booking as it is now, and records the outcome:
/// sent; retried later with exponential back-off; or, after <see cref="NotificationOptions.MaxAttempts"/> failures (or a
/// permanent refusal), parked as failed for an admin to see. Without a mail server configured it says so once and
/// leaves the queue alone.
/// </summary>
internal sealed partial class NotificationDispatcher(
    INotificationStore store,
    BookingEmailComposer composer,
    IEnumerable<IEmailSender> senders,
    NotificationWakeSignal wake,
    IOptions<NotificationOptions> options,
    TimeProvider timeProvider,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    // The last registration wins, as with any singleton.
    private readonly IEmailSender? _sender = senders.LastOrDefault();

    // E-mails sent per tenant in the current clock hour (UTC), by this instance.
    private readonly Dictionary<Guid, (DateTimeOffset Hour, int Sent)> _sentThisHour = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (_sender is not { IsEnabled: true } sender)
        {
            LogEmailOff(logger);
            return;
        }

        LogEmailOn(logger, sender.GetType().Name);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await DispatchOnceAsync(settings, stoppingToken).ConfigureAwait(false);
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
                    LogDispatchFailed(logger, e);
                }

                failing = true;
            }

            if (claimed < settings.BatchSize)
            {
                await sender.IdleAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    await wake.Signal.WaitAsync(settings.PollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        await sender.IdleAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Claims and handles one batch; returns how many were claimed.</summary>
    internal async Task<int> DispatchOnceAsync(NotificationOptions settings, CancellationToken cancellationToken)
    {
        var sender = _sender ?? throw new InvalidOperationException("No e-mail sender is registered.");
        var batch = await store.ClaimAsync(settings.BatchSize, timeProvider.GetUtcNow(), settings.ClaimLease, cancellationToken).ConfigureAwait(false);
        foreach (var work in batch)
        {
            await HandleAsync(sender, work, settings, cancellationToken).ConfigureAwait(false);
        }

        return batch.Count;
    }

    private async Task HandleAsync(IEmailSender sender, NotificationWork work, NotificationOptions settings, CancellationToken cancellationToken)
    {
        NotificationOutcome outcome;
        try
        {
            var (message, skipped) = await composer.ComposeAsync(work, cancellationToken).ConfigureAwait(false);
            if (message is null)
            {
                outcome = new NotificationOutcome(NotificationStatus.Cancelled, timeProvider.GetUtcNow(), Error: skipped);
            }
            else if (NextHourIfOverQuota(work.TenantId, settings) is { } nextHour)
            {
                outcome = new NotificationOutcome(NotificationStatus.Pending, timeProvider.GetUtcNow(), nextHour,
                    $"The tenant's limit of {settings.MaxEmailsPerTenantPerHour} e-mails an hour is reached; sending after {nextHour:HH:mm} UTC.");
                LogDeferred(logger, NotificationNames.Of(work.Kind), work.Id, nextHour);
            }
            else
            {
                await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);

                outcome = new NotificationOutcome(NotificationStatus.Sent, timeProvider.GetUtcNow());
                BookMeAtOzDiagnostics.EmailsSent.Add(1);
                LogSent(logger, NotificationNames.Of(work.Kind), work.Id, work.Attempt);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Every failure of one message is recorded on it; the batch goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var now = timeProvider.GetUtcNow();
            var permanent = e is EmailDeliveryException { IsPermanent: true };
            var error = Describe(e);
            if (permanent || work.Attempt >= settings.MaxAttempts)
            {
                outcome = new NotificationOutcome(NotificationStatus.Failed, now, Error: error);
                BookMeAtOzDiagnostics.EmailsFailed.Add(1);
                LogParked(logger, NotificationNames.Of(work.Kind), work.Id, work.Attempt, error);
            }
            else
            {
                var retryAt = now + Backoff(work.Attempt, settings);
                outcome = new NotificationOutcome(NotificationStatus.Pending, now, retryAt, error);
                BookMeAtOzDiagnostics.EmailsRetried.Add(1);
                LogRetrying(logger, NotificationNames.Of(work.Kind), work.Id, work.Attempt, retryAt, error);
            }
        }

        // Not cancellable: the outcome of a message that went out must be recorded even while shutting down.
        if (!await store.FinishAsync(work, outcome, CancellationToken.None).ConfigureAwait(false))
        {
            LogClaimLost(logger, work.Id, work.Attempt);
        }
    }

    /// <summary>
    /// Counts one more e-mail for the tenant in this clock hour; when the hour's quota is already spent, counts nothing
    /// and answers when the next hour starts.
    /// </summary>
    private DateTimeOffset? NextHourIfOverQuota(Guid tenantId, NotificationOptions settings)
    {
        var now = timeProvider.GetUtcNow();
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        lock (_sentThisHour)
        {
            if (_sentThisHour.Count > 10_000)
            {
                // Bounded memory: tenants that sent nothing this hour are forgotten.
                foreach (var stale in _sentThisHour.Where(e => e.Value.Hour != hour).Select(e => e.Key).ToList())
                {
                    _sentThisHour.Remove(stale);
                }
            }

            var sent = _sentThisHour.TryGetValue(tenantId, out var entry) && entry.Hour == hour ? entry.Sent : 0;
            if (sent >= settings.MaxEmailsPerTenantPerHour)
            {
                return hour.AddHours(1);
            }

            _sentThisHour[tenantId] = (hour, sent + 1);
            return null;
        }
    }

    /// <summary>The wait after attempt <paramref name="attempt"/> failed: base × 2^(attempt−1), at most the maximum, ±20%.</summary>
    internal static TimeSpan Backoff(int attempt, NotificationOptions settings)
    {
        var exponential = settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var capped = Math.Min(exponential, settings.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    /// <summary>What went wrong, without the message's addresses or content.</summary>
    private static string Describe(Exception e) => e switch
    {
        EmailDeliveryException delivery => delivery.Message,
        System.Net.Sockets.SocketException socket => $"The mail service could not be reached: {socket.SocketErrorCode}.",
        IOException or TimeoutException => $"The connection to the mail service failed: {e.GetType().Name}.",
        StoreUnavailableException => "The database was unavailable.",
        _ => $"{e.GetType().Name}.",
    };

    [LoggerMessage(30, LogLevel.Information, "E-mail is off: no e-mail sender is configured (BookMeAtOz.MailKit's WithSmtp() with BookMeAtOz:Smtp:Host, or an IEmailSender of your own). Booking e-mails stay queued until one is")]
    private static partial void LogEmailOff(ILogger logger);

    [LoggerMessage(31, LogLevel.Information, "Sending booking e-mails with {Sender}")]
    private static partial void LogEmailOn(ILogger logger, string sender);

    [LoggerMessage(32, LogLevel.Debug, "Sent the {Kind} e-mail {NotificationId} (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, string kind, Guid notificationId, int attempt);

    [LoggerMessage(33, LogLevel.Warning, "The {Kind} e-mail {NotificationId} failed (attempt {Attempt}); retrying at {RetryAt:o}: {Error}")]
    private static partial void LogRetrying(ILogger logger, string kind, Guid notificationId, int attempt, DateTimeOffset retryAt, string error);

    [LoggerMessage(34, LogLevel.Error, "The {Kind} e-mail {NotificationId} failed {Attempt} time(s) and is parked as failed: {Error}")]
    private static partial void LogParked(ILogger logger, string kind, Guid notificationId, int attempt, string error);

    [LoggerMessage(35, LogLevel.Warning, "The e-mail {NotificationId} (attempt {Attempt}) was claimed again before its outcome was recorded")]
    private static partial void LogClaimLost(ILogger logger, Guid notificationId, int attempt);

    [LoggerMessage(37, LogLevel.Warning, "The {Kind} e-mail {NotificationId} waits until {RetryAt:o}: its tenant's hourly e-mail limit is reached")]
    private static partial void LogDeferred(ILogger logger, string kind, Guid notificationId, DateTimeOffset retryAt);

    [LoggerMessage(36, LogLevel.Warning, "Could not dispatch booking e-mails; trying again")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}

/// <summary>Wakes this process's dispatcher when new e-mail was queued.</summary>
public sealed class NotificationWakeSignal
{
    /// <summary>Set it after queueing e-mail in this process.</summary>
    public WakeSignal Signal { get; } = new();
}
