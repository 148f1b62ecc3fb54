using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using BookMeAtOz.Auth;
using BookMeAtOz.Changes;
using BookMeAtOz.Notifications;
using BookMeAtOz.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Webhooks;

/// <summary>
/// Delivers queued webhook events: claims due deliveries (one dispatcher per instance; a claim is one dispatcher's
/// until its lease passes, so no two instances send one delivery at the same time), POSTs each signed body, and
/// records the answer. A failure is retried with exponential back-off; a subscription with no success for
/// <see cref="WebhookOptions.DisableAfter"/> is disabled and its tenant's owners are e-mailed. A delivery interrupted by
/// a shutdown is sent again (same delivery id) once its lease passes: at least once.
/// </summary>
internal sealed partial class WebhookDispatcher : BackgroundService
{
    private const int ExcerptLength = 500;

    /// <summary>The longest an idle dispatcher sleeps without being woken: 1 minute.</summary>
    internal static readonly TimeSpan MaxIdle = TimeSpan.FromMinutes(1);

    private readonly IWebhookStore _store;
    private readonly WebhookSecretProtector _protector;
    private readonly WebhookWakeSignal _wake;
    private readonly IOptions<WebhookOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly IUserStore _users;
    private readonly IBookingStore _bookings;
    private readonly IEmailSender? _email;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly HttpClient _http;

    public WebhookDispatcher(
        IWebhookStore store, WebhookSecretProtector protector, WebhookTargetGuard guard, WebhookWakeSignal wake, IOptions<WebhookOptions> options,
        TimeProvider timeProvider, IUserStore users, IBookingStore bookings, IEnumerable<IEmailSender> senders, ILogger<WebhookDispatcher> logger)
    {
        _store = store;
        _protector = protector;
        _wake = wake;
        _options = options;
        _timeProvider = timeProvider;
        _users = users;
        _bookings = bookings;
        _email = senders.LastOrDefault();
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = guard.ConnectAsync,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = options.Value.MaxConcurrency,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("BookMeAtOz-Webhooks", "1"));
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_protector.IsEphemeral)
        {
            LogEphemeralKey(_logger);
        }
        else if (_protector.IsDerived)
        {
            LogDerivedKey(_logger);
        }

        // A pipeline, not batch by batch: up to MaxConcurrency attempts are under way at any time; a slot freed by an
        // answer is filled by the next claim at once (a slow receiver holds up only its own slot), and the answers that
        // came in meanwhile are recorded together in one store call. Per-booking order is the store's: a later event of
        // a booking is not claimable while an earlier one is pending, and an outcome is recorded before the next claim.
        var inFlight = new List<Task<(WebhookWork Work, WebhookOutcome Outcome)>>();
        var failing = false;
        var mayClaim = true;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var settings = _options.Value;
                var free = settings.MaxConcurrency - inFlight.Count;
                if (mayClaim && free > 0)
                {
                    var want = Math.Min(settings.BatchSize, free);
                    try
                    {
                        var batch = await _store.ClaimAsync(want, _timeProvider.GetUtcNow(), settings.ClaimLease, stoppingToken).ConfigureAwait(false);
                        foreach (var work in batch)
                        {
                            inFlight.Add(SendAsync(work, settings, stoppingToken));
                        }

                        // A full claim: there may be more waiting; claim again once slots are free.
                        mayClaim = batch.Count == want;
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
                            LogDispatchFailed(_logger, e);
                        }

                        failing = true;
                        mayClaim = false;
                    }
                }

                if (!mayClaim || inFlight.Count >= settings.MaxConcurrency)
                {
                    // Nothing more to claim now (or no free slot): wait for an answer, new deliveries (the relay's or a
                    // ping's signal) or the poll interval (retries coming due, other instances' deliveries).
                    var sleep = settings.PollInterval;
                    if (inFlight.Count == 0 && !failing)
                    {
                        // Idle: sleep until the next pending delivery comes due (none: MaxIdle), not poll an empty queue.
                        sleep = await IdleSleepAsync(settings, stoppingToken).ConfigureAwait(false);
                    }

                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    var woken = inFlight.Count < settings.MaxConcurrency
                        ? _wake.Signal.WaitAsync(sleep, _timeProvider, wait.Token)
                        : Task.Delay(Timeout.Infinite, wait.Token);
                    var first = inFlight.Count > 0 ? await Task.WhenAny(woken, Task.WhenAny(inFlight)).ConfigureAwait(false) : woken;
                    if (first == woken)
                    {
                        try
                        {
                            await woken.ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                        {
                            break;
                        }

                        mayClaim = true;
                    }
                    else
                    {
                        // An answer came first: the abandoned wait ends (a signal set meanwhile stays set for the next).
                        await wait.CancelAsync().ConfigureAwait(false);
                        try
                        {
                            await woken.ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                        }
                    }
                }

                // The answers in so far, recorded together; a recorded outcome may make a booking's next event claimable.
                var done = inFlight.Where(t => t.IsCompleted).ToList();
                if (done.Count > 0)
                {
                    inFlight.RemoveAll(done.Contains);
                    await RecordAsync(done, settings).ConfigureAwait(false);
                    mayClaim = true;
                }
            }
        }
        finally
        {
            // Shutting down: the attempts under way are cancelled; the answers that did come are still recorded (the
            // others are sent again, with the same delivery id, once their lease passes).
            try
            {
                await Task.WhenAll(inFlight).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Cancelled attempts end this way; their outcome is not recorded.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            await RecordAsync(inFlight, _options.Value).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// How long an idle dispatcher sleeps: until the next pending delivery comes due, at least the poll interval (a
    /// delivery due but not claimable yet, one waiting for an earlier event of its booking, is looked at that often) and
    /// at most <see cref="MaxIdle"/> (none pending). New deliveries wake it at once: the relay and the API signal it.
    /// </summary>
    private async Task<TimeSpan> IdleSleepAsync(WebhookOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            var next = await _store.NextAttemptAtAsync(cancellationToken).ConfigureAwait(false);
            return IdleSleep(_timeProvider.GetUtcNow(), next, settings.PollInterval);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The store away: poll as before; the claim reports the failure.
        catch (Exception)
#pragma warning restore CA1031
        {
            return settings.PollInterval;
        }
    }

    /// <summary>The sleep at <paramref name="now"/> when the next pending delivery comes due at <paramref name="next"/> (null: none pending).</summary>
    internal static TimeSpan IdleSleep(DateTimeOffset now, DateTimeOffset? next, TimeSpan pollInterval)
    {
        if (next is not { } at)
        {
            return MaxIdle > pollInterval ? MaxIdle : pollInterval;
        }

        var wait = at - now;
        return wait <= pollInterval ? pollInterval : wait > MaxIdle ? MaxIdle : wait;
    }

    /// <summary>Claims and sends one batch, concurrently, and records the outcomes in one store call; returns how many were claimed.</summary>
    internal async Task<int> DispatchOnceAsync(WebhookOptions settings, CancellationToken cancellationToken)
    {
        var batch = await _store.ClaimAsync(settings.BatchSize, _timeProvider.GetUtcNow(), settings.ClaimLease, cancellationToken).ConfigureAwait(false);
        var sends = batch.Select(work => SendAsync(work, settings, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(sends).ConfigureAwait(false);
        }
        finally
        {
            await RecordAsync(sends, settings).ConfigureAwait(false);
        }

        return batch.Count;
    }

    /// <summary>Records the outcomes of the attempts that ended with one (cancelled ones have none), in one store call.</summary>
    private async Task RecordAsync(IReadOnlyList<Task<(WebhookWork Work, WebhookOutcome Outcome)>> attempts, WebhookOptions settings)
    {
        var outcomes = attempts.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToList();
        if (outcomes.Count == 0)
        {
            return;
        }

        IReadOnlyList<WebhookFinish> finishes;
        try
        {
            // Not cancellable: the outcome of a request that went out must be recorded even while shutting down.
            finishes = await _store.FinishAsync(outcomes, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Unrecorded outcomes are sent again once their lease passes (at least once).
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogDispatchFailed(_logger, e);
            return;
        }

        for (var i = 0; i < outcomes.Count; i++)
        {
            var work = outcomes[i].Work;
            if (finishes[i] == WebhookFinish.ClaimLost)
            {
                LogClaimLost(_logger, work.DeliveryId, work.Attempt);
            }
            else if (finishes[i] == WebhookFinish.Disabled)
            {
                BookMeAtOzDiagnostics.WebhookSubscriptionsDisabled.Add(1);
                LogDisabled(_logger, work.SubscriptionId, settings.DisableAfter);
                await TellOwnersAsync(work, settings, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends one attempt; its outcome (failures included), or <see cref="OperationCanceledException"/> when shutting down.</summary>
    private async Task<(WebhookWork Work, WebhookOutcome Outcome)> SendAsync(WebhookWork work, WebhookOptions settings, CancellationToken cancellationToken)
    {
        // Off the dispatcher loop: signing and sending run while the loop goes on claiming.
        await Task.Yield();
        var started = Stopwatch.GetTimestamp();
        int? status = null;
        string? excerpt = null;
        string? error = null;
        try
        {
            var secrets = Secrets(work.Secrets);
            if (secrets.Count == 0)
            {
                error = "The subscription's secret cannot be decrypted with this host's key (BookMeAtOz:Webhooks:SecretKey differs between instances?).";
            }
            else
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, work.Url)
                {
                    Content = new StringContent(work.Body, Encoding.UTF8, "application/json"),
                };
                var timestamp = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
                request.Headers.TryAddWithoutValidation(WebhookSigning.SignatureHeader, WebhookSigning.Header(timestamp, work.Body, secrets));
                request.Headers.TryAddWithoutValidation(WebhookSigning.DeliveryHeader, work.DeliveryId.ToString());
                request.Headers.TryAddWithoutValidation(WebhookSigning.EventHeader, work.EventType);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(settings.Timeout);
                try
                {
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    status = (int)response.StatusCode;
                    excerpt = await ExcerptAsync(response, timeout.Token).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        error = $"The receiver answered {status}.";
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    error = $"No answer within {settings.Timeout.TotalSeconds:0.#} s.";
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the claim's lease passes and another attempt (here or elsewhere) sends it again.
            throw;
        }
#pragma warning disable CA1031 // Every failure of one delivery is recorded on it; the batch goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = Describe(e);
        }

        var now = _timeProvider.GetUtcNow();
        var duration = (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        BookMeAtOzDiagnostics.WebhookDuration.Record(duration / 1000.0);
        WebhookOutcome outcome;
        if (error is null)
        {
            outcome = new WebhookOutcome(true, now, status, duration, excerpt, null, null, false);
            BookMeAtOzDiagnostics.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", "delivered"));
            BookMeAtOzDiagnostics.WebhookLag.Record(Math.Max(0, (now - work.EventCreatedAt).TotalSeconds));
        }
        else
        {
            var failingSince = work.FailingSince ?? now;
            var disable = now - failingSince >= settings.DisableAfter;
            outcome = new WebhookOutcome(false, now, status, duration, excerpt, error, disable ? null : now + Backoff(work.Attempt, settings), disable);
            BookMeAtOzDiagnostics.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", disable ? "failed" : "retried"));
            LogAttemptFailed(_logger, work.DeliveryId, work.Attempt, error);
        }

        return (work, outcome);
    }

    private List<string> Secrets(WebhookSecrets secrets)
    {
        var result = new List<string>(2);
        if (_protector.Unprotect(secrets.Current) is { } current)
        {
            result.Add(current);
        }

        if (secrets is { Previous: { } previous, PreviousUntil: { } until } && until > _timeProvider.GetUtcNow() && _protector.Unprotect(previous) is { } old)
        {
            result.Add(old);
        }

        return result;
    }

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[ExcerptLength * 4];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += n;
            }

            if (read == 0)
            {
                return null;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, read);
            text = new string([.. text.Where(c => !char.IsControl(c) || c is '\n' or '\t')]);
            return text.Length > ExcerptLength ? text[..ExcerptLength] : text;
        }
    }

    private async Task TellOwnersAsync(WebhookWork work, WebhookOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            if (_email is not { IsEnabled: true } sender)
            {
                return;
            }

            var tenant = await _bookings.FindTenantAsync(work.TenantId, cancellationToken).ConfigureAwait(false);
            var owners = (await _users.ListUsersAsync(work.TenantId, cancellationToken).ConfigureAwait(false)).Where(u => u.Role == UserRole.Owner);
            var host = Uri.TryCreate(work.Url, UriKind.Absolute, out var uri) ? uri.Host : work.Url;
            var text = $$"""
                Your webhook subscription {{work.SubscriptionId}} to {{host}} has not been answered with a 2xx status for {{settings.DisableAfter.TotalHours:0.#}} hours and has been disabled.

                Its pending events were given up. Fix the receiver, then enable the subscription again (PATCH /api/v1/webhooks/{{work.SubscriptionId}} with {"enabled": true}) and replay the deliveries you need from its delivery log.
                """;
            foreach (var owner in owners)
            {
                var message = new EmailMessage(
                    Guid.CreateVersion7(_timeProvider.GetUtcNow()), tenant?.Name ?? "BookMeAtOz", new EmailAddress(owner.Name, owner.Email),
                    "Webhook disabled after failing for too long", text, null, _timeProvider.GetUtcNow(), [],
                    new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated" });
                await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // The subscription is disabled either way; a lost notice is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogNoticeFailed(_logger, work.SubscriptionId, e);
        }
    }

    /// <summary>The wait after attempt <paramref name="attempt"/> failed: base × 2^(attempt−1), at most the maximum, ±20%.</summary>
    internal static TimeSpan Backoff(int attempt, WebhookOptions settings)
    {
        var exponential = settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var capped = Math.Min(exponential, settings.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    private static string Describe(Exception e) => e switch
    {
        WebhookTargetRefusedException refused => refused.Message,
        HttpRequestException { InnerException: WebhookTargetRefusedException refused } => refused.Message,
        HttpRequestException { HttpRequestError: var kind } => $"The request failed: {kind}.",
        StoreUnavailableException => "The database was unavailable.",
        _ => $"{e.GetType().Name}.",
    };

    [LoggerMessage(60, LogLevel.Warning, "Webhooks: no BookMeAtOz:Webhooks:SecretKey (nor manage-token secret) is configured; secrets are encrypted with a random key of this process only, unreadable after a restart (set the key: openssl rand -base64 32)")]
    private static partial void LogEphemeralKey(ILogger logger);

    [LoggerMessage(66, LogLevel.Warning, "Webhooks: no BookMeAtOz:Webhooks:SecretKey is configured; secrets are encrypted with a key derived from the manage-token secret, unreadable if that secret changes (set the key: openssl rand -base64 32)")]
    private static partial void LogDerivedKey(ILogger logger);

    [LoggerMessage(61, LogLevel.Warning, "Could not dispatch webhooks; trying again")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(62, LogLevel.Information, "Webhook delivery {DeliveryId} failed (attempt {Attempt}): {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, Guid deliveryId, int attempt, string error);

    [LoggerMessage(63, LogLevel.Warning, "Webhook delivery {DeliveryId} (attempt {Attempt}) was claimed again before its outcome was recorded")]
    private static partial void LogClaimLost(ILogger logger, Guid deliveryId, int attempt);

    [LoggerMessage(64, LogLevel.Warning, "Webhook subscription {SubscriptionId} failed for {Period} and was disabled")]
    private static partial void LogDisabled(ILogger logger, Guid subscriptionId, TimeSpan period);

    [LoggerMessage(65, LogLevel.Warning, "Could not e-mail the owners about disabled webhook subscription {SubscriptionId}")]
    private static partial void LogNoticeFailed(ILogger logger, Guid subscriptionId, Exception exception);
}

/// <summary>Wakes this process's webhook dispatcher when deliveries were queued.</summary>
public sealed class WebhookWakeSignal
{
    /// <summary>Set it after queueing deliveries in this process.</summary>
    public WakeSignal Signal { get; } = new();
}
