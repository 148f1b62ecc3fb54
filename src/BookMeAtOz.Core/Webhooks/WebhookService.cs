using BookMeAtOz.Validation;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Webhooks;

/// <summary>
/// Manages a tenant's webhook subscriptions (product specification §11.1): validates URLs (no private targets unless
/// the host allows them) and event lists, makes and rotates secrets (shown once, stored encrypted), and queues pings
/// and replays for the dispatcher.
/// </summary>
public sealed class WebhookService
{
    /// <summary>The most event types a subscription lists.</summary>
    public const int MaxEvents = 20;

    private readonly IWebhookStore _store;
    private readonly WebhookSecretProtector _protector;
    private readonly WebhookTargetGuard _guard;
    private readonly WebhookWakeSignal _wake;
    private readonly IOptions<WebhookOptions> _options;
    private readonly TimeProvider _timeProvider;

    internal WebhookService(
        IWebhookStore store, WebhookSecretProtector protector, WebhookTargetGuard guard, WebhookWakeSignal wake, IOptions<WebhookOptions> options,
        TimeProvider timeProvider)
    {
        _store = store;
        _protector = protector;
        _guard = guard;
        _wake = wake;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>The tenant's subscriptions, oldest first.</summary>
    public Task<IReadOnlyList<WebhookSubscription>> ListAsync(Guid tenantId, CancellationToken cancellationToken) =>
        _store.ListAsync(tenantId, cancellationToken);

    /// <summary>One subscription; <see cref="NotFoundException"/> when there is none.</summary>
    public async Task<WebhookSubscription> GetAsync(Guid tenantId, Guid subscriptionId, CancellationToken cancellationToken) =>
        await _store.FindAsync(tenantId, subscriptionId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("webhook");

    /// <summary>Creates a subscription; answers it with its secret, which is never shown again.</summary>
    public async Task<(WebhookSubscription Subscription, string Secret)> CreateAsync(
        Guid tenantId, string? url, IReadOnlyList<string?>? events, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        await _guard.ValidateAsync(url, "url", errors, cancellationToken).ConfigureAwait(false);
        var types = ValidateEvents(events, errors, required: true);
        errors.ThrowIfAny();

        var now = _timeProvider.GetUtcNow();
        var subscription = new WebhookSubscription(Guid.CreateVersion7(now), tenantId, url!, types!, true, now, null, null);
        var secret = WebhookSecretProtector.NewSecret();
        var limit = _options.Value.MaxSubscriptionsPerTenant;
        if (!await _store.CreateAsync(subscription, _protector.Protect(secret), limit, cancellationToken).ConfigureAwait(false))
        {
            throw new BookMeAtOzException(ErrorCodes.QuotaExceeded, $"A tenant has at most {limit} webhook subscriptions.");
        }

        return (subscription, secret);
    }

    /// <summary>Changes a subscription's URL, events or enabled state (null: unchanged); enabling it clears its failure record.</summary>
    public async Task<WebhookSubscription> UpdateAsync(
        Guid tenantId, Guid subscriptionId, string? url, IReadOnlyList<string?>? events, bool? enabled, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (url is not null)
        {
            await _guard.ValidateAsync(url, "url", errors, cancellationToken).ConfigureAwait(false);
        }

        var types = ValidateEvents(events, errors, required: false);
        errors.ThrowIfAny();
        var updated = await _store.UpdateAsync(tenantId, subscriptionId, url, types, enabled, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("webhook");
        if (enabled is true)
        {
            _wake.Signal.Set();
        }

        return updated;
    }

    /// <summary>Removes a subscription and its delivery log.</summary>
    public async Task DeleteAsync(Guid tenantId, Guid subscriptionId, CancellationToken cancellationToken)
    {
        if (!await _store.DeleteAsync(tenantId, subscriptionId, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException("webhook");
        }
    }

    /// <summary>
    /// Gives a subscription a new secret, answered once; the old one keeps signing (a second <c>v1=</c>) for
    /// <see cref="WebhookOptions.RotationOverlap"/>.
    /// </summary>
    public async Task<string> RotateSecretAsync(Guid tenantId, Guid subscriptionId, CancellationToken cancellationToken)
    {
        var secret = WebhookSecretProtector.NewSecret();
        var until = _timeProvider.GetUtcNow() + _options.Value.RotationOverlap;
        if (!await _store.RotateSecretAsync(tenantId, subscriptionId, _protector.Protect(secret), until, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException("webhook");
        }

        return secret;
    }

    /// <summary>Queues a <c>ping</c> event to the subscription; answers the delivery's id.</summary>
    public async Task<Guid> PingAsync(Guid tenantId, Guid subscriptionId, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var deliveryId = Guid.CreateVersion7(now);
        var ping = WebhookEventWriter.Ping(tenantId, subscriptionId, Guid.CreateVersion7(now), now);
        if (!await _store.EnqueueDirectAsync(subscriptionId, deliveryId, ping, now, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException("webhook");
        }

        _wake.Signal.Set();
        return deliveryId;
    }

    /// <summary>Queues the event of a past delivery again (same event id and body, a new delivery id); answers the new delivery's id.</summary>
    public async Task<Guid> ReplayAsync(Guid tenantId, Guid subscriptionId, Guid deliveryId, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var replay = Guid.CreateVersion7(now);
        if (!await _store.ReplayAsync(tenantId, subscriptionId, deliveryId, replay, now, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException("delivery");
        }

        _wake.Signal.Set();
        return replay;
    }

    /// <summary>A subscription's deliveries, newest first; <see cref="NotFoundException"/> when there is no such subscription.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRecord>> ListDeliveriesAsync(
        Guid tenantId, Guid subscriptionId, (DateTimeOffset CreatedAt, Guid Id)? after, int limit, CancellationToken cancellationToken)
    {
        _ = await GetAsync(tenantId, subscriptionId, cancellationToken).ConfigureAwait(false);
        return await _store.ListDeliveriesAsync(tenantId, subscriptionId, after, limit, cancellationToken).ConfigureAwait(false);
    }

    private static List<string>? ValidateEvents(IReadOnlyList<string?>? events, ValidationErrors errors, bool required)
    {
        if (events is null)
        {
            errors.Require(!required, "events", "Is required.");
            return null;
        }

        errors.Require(events.Count is > 0 and <= MaxEvents, "events", $"Must list 1 to {MaxEvents} event types.");
        foreach (var type in events)
        {
            errors.Require(WebhookEventTypes.IsKnown(type), "events", $"Must be among {string.Join(", ", WebhookEventTypes.All)}.");
        }

        return [.. events.Where(WebhookEventTypes.IsKnown).Select(e => e!).Distinct(StringComparer.Ordinal)];
    }
}
