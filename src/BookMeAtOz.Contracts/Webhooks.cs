namespace BookMeAtOz.Contracts;

/// <summary>A webhook subscription to create.</summary>
/// <param name="Url">Where events are POSTed: an absolute <c>https</c> (or <c>http</c>) URL; private, loopback and link-local targets are refused unless the host allows them.</param>
/// <param name="Events">The event types to receive (<see cref="WebhookEventNames"/>), 1 to 20.</param>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Events);

/// <summary>A webhook subscription's changeable fields (<c>PATCH</c> merges: absent fields keep their values).</summary>
/// <param name="Url">Where events are POSTed.</param>
/// <param name="Events">The event types to receive.</param>
/// <param name="Enabled">False stops deliveries; true enables a disabled subscription again (clearing its failure record).</param>
public sealed record WebhookUpdateRequest(string? Url, IReadOnlyList<string>? Events, bool? Enabled);

/// <summary>A webhook subscription (its secret is shown only when it is created or rotated).</summary>
/// <param name="Id">The subscription's id.</param>
/// <param name="Url">Where events are POSTed.</param>
/// <param name="Events">The event types it receives.</param>
/// <param name="Enabled">False once it failed for 24 hours (or was turned off).</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="FailingSince">Its first failed attempt since the last success; null while it works.</param>
/// <param name="DisabledAt">When it was disabled; null while enabled.</param>
public sealed record WebhookResponse(
    Guid Id, string Url, IReadOnlyList<string> Events, bool Enabled, DateTimeOffset CreatedAt, DateTimeOffset? FailingSince, DateTimeOffset? DisabledAt);

/// <summary>A webhook subscription just created, with its signing secret: shown only here.</summary>
/// <param name="Id">The subscription's id.</param>
/// <param name="Url">Where events are POSTed.</param>
/// <param name="Events">The event types it receives.</param>
/// <param name="Enabled">True.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Secret">The secret that signs its deliveries (<c>whsec_…</c>); keep it, it is not shown again.</param>
public sealed record WebhookCreatedResponse(Guid Id, string Url, IReadOnlyList<string> Events, bool Enabled, DateTimeOffset CreatedAt, string Secret);

/// <summary>A subscription's new secret (the previous one keeps signing during the rotation's overlap).</summary>
/// <param name="Secret">The new secret; not shown again.</param>
public sealed record WebhookSecretResponse(string Secret);

/// <summary>A delivery queued by a ping or a replay.</summary>
/// <param name="DeliveryId">The delivery's id (in the delivery log, and sent as <c>BookMeAtOz-Delivery</c>).</param>
public sealed record WebhookDeliveryAcceptedResponse(Guid DeliveryId);

/// <summary>One delivery of an event to a subscription, as the delivery log shows it.</summary>
/// <param name="Id">The delivery's id (sent as <c>BookMeAtOz-Delivery</c>; the same on every retry).</param>
/// <param name="EventId">The event's id (the body's <c>id</c>; the same on a replay).</param>
/// <param name="EventType">The event's type.</param>
/// <param name="Status"><c>pending</c> (waiting or being retried), <c>delivered</c> (2xx) or <c>failed</c> (given up with its subscription).</param>
/// <param name="Attempts">Attempts so far.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="NextAttemptAt">For a pending delivery: when it is tried next.</param>
/// <param name="LastAttemptAt">When it was last tried.</param>
/// <param name="ResponseStatus">The HTTP status of the last answer, if one came.</param>
/// <param name="DurationMs">How long the last attempt took, in milliseconds.</param>
/// <param name="ResponseExcerpt">The start of the last answer's body (at most 500 characters).</param>
/// <param name="Error">Why the last attempt failed.</param>
/// <param name="ReplayOf">The delivery this one replays.</param>
/// <param name="Request">The JSON body sent.</param>
public sealed record WebhookDeliveryResponse(
    Guid Id, Guid EventId, string EventType, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt, int? ResponseStatus, int? DurationMs, string? ResponseExcerpt, string? Error, Guid? ReplayOf, string Request);

/// <summary>The webhook event types (product specification §11.1) and the headers of a delivery.</summary>
public static class WebhookEventNames
{
    /// <summary><c>booking.created</c>.</summary>
    public const string BookingCreated = "booking.created";

    /// <summary><c>booking.rescheduled</c>.</summary>
    public const string BookingRescheduled = "booking.rescheduled";

    /// <summary><c>booking.cancelled</c>.</summary>
    public const string BookingCancelled = "booking.cancelled";

    /// <summary><c>booking.approved</c>.</summary>
    public const string BookingApproved = "booking.approved";

    /// <summary><c>booking.declined</c>.</summary>
    public const string BookingDeclined = "booking.declined";

    /// <summary><c>booking.expired</c>.</summary>
    public const string BookingExpired = "booking.expired";

    /// <summary><c>booking.no_show</c>.</summary>
    public const string BookingNoShow = "booking.no_show";

    /// <summary><c>waitlist.offered</c>.</summary>
    public const string WaitlistOffered = "waitlist.offered";

    /// <summary><c>ping</c>: the test ping (never subscribed to).</summary>
    public const string Ping = "ping";

    /// <summary>The signature header: <c>t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c> (two <c>v1=</c> during a rotation).</summary>
    public const string SignatureHeader = "BookMeAtOz-Signature";

    /// <summary>The delivery's id header.</summary>
    public const string DeliveryHeader = "BookMeAtOz-Delivery";

    /// <summary>The event type header.</summary>
    public const string EventHeader = "BookMeAtOz-Event";
}
