namespace BookMeAtOz.Webhooks;

/// <summary>
/// Webhook subscriptions and their delivery queue: in PostgreSQL (filled by the outbox relay in the transaction that
/// consumes each event), in memory with the in-memory store. Several dispatchers may share the queue: a claimed
/// delivery is in one dispatcher's hands until its lease passes, and a delivery is claimed only after every earlier
/// delivery of the same booking to the same subscription was delivered or given up.
/// </summary>
public interface IWebhookStore
{
    /// <summary>The tenant's subscriptions, oldest first.</summary>
    Task<IReadOnlyList<WebhookSubscription>> ListAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>One subscription, or null.</summary>
    Task<WebhookSubscription?> FindAsync(Guid tenantId, Guid subscriptionId, CancellationToken cancellationToken);

    /// <summary>Adds a subscription with its encrypted secret; false (nothing added) when the tenant already has <paramref name="maxPerTenant"/>.</summary>
    Task<bool> CreateAsync(WebhookSubscription subscription, byte[] protectedSecret, int maxPerTenant, CancellationToken cancellationToken);

    /// <summary>
    /// Changes a subscription's URL, events or enabled state (null: unchanged). Enabling clears its failure record.
    /// Null when there is no such subscription.
    /// </summary>
    Task<WebhookSubscription?> UpdateAsync(
        Guid tenantId, Guid subscriptionId, string? url, IReadOnlyList<string>? events, bool? enabled, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes a subscription and its delivery log; false when there is none.</summary>
    Task<bool> DeleteAsync(Guid tenantId, Guid subscriptionId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="protectedSecret"/> the current secret; the old one keeps signing until
    /// <paramref name="previousUntil"/>. False when there is no such subscription.
    /// </summary>
    Task<bool> RotateSecretAsync(Guid tenantId, Guid subscriptionId, byte[] protectedSecret, DateTimeOffset previousUntil, CancellationToken cancellationToken);

    /// <summary>Queues the events for every enabled subscription of their tenant that asked for their type (the in-memory relay's step).</summary>
    Task EnqueueAsync(IReadOnlyList<WebhookEvent> events, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Queues one delivery of <paramref name="webhookEvent"/> to one subscription (a ping), whatever the events it
    /// asked for and even while it is disabled; false when there is no such subscription.
    /// </summary>
    Task<bool> EnqueueDirectAsync(Guid subscriptionId, Guid deliveryId, WebhookEvent webhookEvent, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Queues a new delivery of the same event as <paramref name="deliveryId"/> (same event id and body); false when there is no such delivery.</summary>
    Task<bool> ReplayAsync(Guid tenantId, Guid subscriptionId, Guid deliveryId, Guid newDeliveryId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A subscription's deliveries, newest first, after the cursor (the last one of the previous page).</summary>
    Task<IReadOnlyList<WebhookDeliveryRecord>> ListDeliveriesAsync(
        Guid tenantId, Guid subscriptionId, (DateTimeOffset CreatedAt, Guid Id)? after, int limit, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="limit"/> due deliveries until <c>now + lease</c>.</summary>
    Task<IReadOnlyList<WebhookWork>> ClaimAsync(int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// When the earliest pending delivery of an enabled subscription may next be claimed (a claimed one's lease end
    /// included), or null when none is pending: the dispatcher sleeps until then (or until woken) instead of polling.
    /// </summary>
    Task<DateTimeOffset?> NextAttemptAtAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records how attempts ended (and their subscriptions' failure records with them), all in one call (one database
    /// round trip): the answers, in the same order.
    /// </summary>
    Task<IReadOnlyList<WebhookFinish>> FinishAsync(IReadOnlyList<(WebhookWork Work, WebhookOutcome Outcome)> attempts, CancellationToken cancellationToken);
}
