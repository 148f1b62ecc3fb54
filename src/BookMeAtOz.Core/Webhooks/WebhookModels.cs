namespace BookMeAtOz.Webhooks;

/// <summary>The event types a webhook subscription may ask for (product specification §11.1), and the test ping.</summary>
public static class WebhookEventTypes
{
    /// <summary><c>ping</c>: sent by the test-ping route only; never subscribed to.</summary>
    public const string Ping = "ping";

    /// <summary>Every type a subscription may list, in the specification's order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "booking.created", "booking.rescheduled", "booking.cancelled", "booking.approved", "booking.declined",
        "booking.expired", "booking.no_show", "waitlist.offered",
    ];

    /// <summary>Whether <paramref name="type"/> is one a subscription may list.</summary>
    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}

/// <summary>A tenant's webhook subscription. Its signing secrets are kept apart, encrypted (<see cref="WebhookSecrets"/>).</summary>
/// <param name="Id">The subscription.</param>
/// <param name="TenantId">Its tenant.</param>
/// <param name="Url">Where events are POSTed (absolute <c>http</c> or <c>https</c>).</param>
/// <param name="Events">The event types it receives (<see cref="WebhookEventTypes.All"/>).</param>
/// <param name="Enabled">False once it failed for longer than <see cref="WebhookOptions.DisableAfter"/> (or an admin turned it off).</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="FailingSince">The first failed attempt since its last success; null while it works.</param>
/// <param name="DisabledAt">When it was disabled; null while enabled.</param>
public sealed record WebhookSubscription(
    Guid Id, Guid TenantId, string Url, IReadOnlyList<string> Events, bool Enabled, DateTimeOffset CreatedAt,
    DateTimeOffset? FailingSince, DateTimeOffset? DisabledAt);

/// <summary>
/// A subscription's signing secrets as stored: encrypted with the host's key (never in the clear). During a rotation's
/// overlap the previous secret signs too, until <paramref name="PreviousUntil"/>.
/// </summary>
/// <param name="Current">The current secret, encrypted.</param>
/// <param name="Previous">The secret before the last rotation, encrypted; null when none or its overlap ended.</param>
/// <param name="PreviousUntil">When the previous secret stops signing.</param>
public sealed record WebhookSecrets(byte[] Current, byte[]? Previous, DateTimeOffset? PreviousUntil);

/// <summary>Where a delivery stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its first attempt or for a retry.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Given up: its subscription was disabled after failing for too long (replay it to try again).</summary>
    Failed,
}

/// <summary>
/// One event on its way to one subscription: what the outbox relay (or the in-memory store) writes, in the transaction
/// that consumes the event, for each subscription that asked for its type.
/// </summary>
/// <param name="Id">The event's id: the same for every subscription and every attempt and replay (receivers deduplicate on it).</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="Type">The event type.</param>
/// <param name="CreatedAt">When the change committed.</param>
/// <param name="OrderKey">Deliveries with the same key (the booking) reach a subscription in <paramref name="Sequence"/> order; null: unordered.</param>
/// <param name="Sequence">The position in commit order (the outbox id; a counter in memory).</param>
/// <param name="Body">The JSON body sent: <c>{id, type, createdAt, data}</c>.</param>
public sealed record WebhookEvent(Guid Id, Guid TenantId, string Type, DateTimeOffset CreatedAt, Guid? OrderKey, long Sequence, string Body);

/// <summary>A delivery as the delivery log shows it.</summary>
/// <param name="Id">The delivery (sent as <c>BookMeAtOz-Delivery</c>).</param>
/// <param name="SubscriptionId">Its subscription.</param>
/// <param name="EventId">The event's id.</param>
/// <param name="EventType">The event's type.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="NextAttemptAt">When it is tried next (pending only).</param>
/// <param name="LastAttemptAt">When it was last tried.</param>
/// <param name="ResponseStatus">The HTTP status of the last answer, if one came.</param>
/// <param name="DurationMs">How long the last attempt took, in milliseconds.</param>
/// <param name="ResponseExcerpt">The start of the last answer's body.</param>
/// <param name="Error">Why the last attempt failed, if it did.</param>
/// <param name="ReplayOf">The delivery this one replays, if any.</param>
/// <param name="Body">The request body sent.</param>
public sealed record WebhookDeliveryRecord(
    Guid Id, Guid SubscriptionId, Guid EventId, string EventType, WebhookDeliveryStatus Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, int? ResponseStatus, int? DurationMs, string? ResponseExcerpt, string? Error,
    Guid? ReplayOf, string Body);

/// <summary>A claimed delivery: in one dispatcher's hands until its lease passes.</summary>
/// <param name="DeliveryId">The delivery.</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="Url">Where to send it.</param>
/// <param name="EventType">The event's type.</param>
/// <param name="Body">The request body.</param>
/// <param name="Attempt">This attempt's number (1 for the first); the outcome is recorded only for this attempt.</param>
/// <param name="Secrets">The subscription's secrets.</param>
/// <param name="FailingSince">When the subscription started failing, if it is.</param>
/// <param name="EventCreatedAt">When the event's change committed.</param>
public sealed record WebhookWork(
    Guid DeliveryId, Guid TenantId, Guid SubscriptionId, string Url, string EventType, string Body, int Attempt, WebhookSecrets Secrets,
    DateTimeOffset? FailingSince, DateTimeOffset EventCreatedAt);

/// <summary>How an attempt ended.</summary>
/// <param name="Delivered">Whether the receiver answered 2xx.</param>
/// <param name="At">When the attempt ended.</param>
/// <param name="ResponseStatus">The answer's status, if one came.</param>
/// <param name="DurationMs">How long the attempt took.</param>
/// <param name="ResponseExcerpt">The start of the answer's body.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="RetryAt">For a failure: when to try again.</param>
/// <param name="Disable">For a failure: the subscription has failed too long; disable it and give up its pending deliveries.</param>
public sealed record WebhookOutcome(
    bool Delivered, DateTimeOffset At, int? ResponseStatus, int DurationMs, string? ResponseExcerpt, string? Error, DateTimeOffset? RetryAt, bool Disable);

/// <summary>What recording an outcome did.</summary>
public enum WebhookFinish
{
    /// <summary>Recorded.</summary>
    Recorded,

    /// <summary>Nothing changed: the claim had passed to another attempt (its lease ran out).</summary>
    ClaimLost,

    /// <summary>Recorded, and this call disabled the subscription (the owner is to be told, once).</summary>
    Disabled,
}
