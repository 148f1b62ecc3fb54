namespace BookMeAtOz.Webhooks;

/// <summary>
/// How webhooks are delivered, bound from <c>BookMeAtOz:Webhooks</c> (<c>BookMeAtOz__Webhooks__AllowPrivateTargets</c>
/// and so on) and validated at start-up.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section: <c>BookMeAtOz:Webhooks</c>.</summary>
    public const string SectionName = "BookMeAtOz:Webhooks";

    /// <summary>
    /// Whether subscriptions may target private, loopback and link-local addresses. Default false: such an address is
    /// refused when a subscription is created and, resolved again when each delivery connects, refused then too
    /// (a name that later resolves to one gets nothing). Set it for tests and private deployments only.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>
    /// The key that encrypts subscription secrets at rest: base64 of at least 32 random bytes
    /// (<c>openssl rand -base64 32</c>), the same on every instance, kept for good. Required in Production with a store
    /// that keeps subscriptions (PostgreSQL): the host refuses to start without it. Elsewhere (Development, tests, the
    /// in-memory store) it may be left out: the key is then derived from the manage-token secret
    /// (<c>BookMeAtOz:ManageTokens:Secret</c>) when one is set, else made at random for this process, and a warning says so.
    /// </summary>
    public string? SecretKey { get; set; }

    /// <summary>How long after a rotation the previous secret still signs. Default 24 hours; 0 to 30 days.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long one attempt may take (connect, send, answer). Default 10 seconds; 1 second to 1 minute.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failed attempt; doubled after each (±20 %). Default 30 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between attempts. Default 1 hour.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a subscription may keep failing (no 2xx since its first failure) before it is disabled, its pending
    /// deliveries given up and its tenant's owners e-mailed. Default 24 hours.
    /// </summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a claimed delivery is one dispatcher's before another may take it. Default 1 minute; more than <see cref="Timeout"/>.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the dispatcher looks again for a delivery that is due but not claimable yet (an earlier event of its
    /// booking still pending), and the shortest sleep between looks. Deliveries queued by this instance (its outbox relay,
    /// a ping, a replay) wake it at once; an idle dispatcher otherwise sleeps until the next pending delivery comes due,
    /// at most a minute. Default 1 second.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries claimed at once. Default 64; 1 to 1,000.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Attempts sent at the same time by one instance. Default 16; 1 to 256.</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Subscriptions per tenant. Default 20; 1 to 1,000.</summary>
    public int MaxSubscriptionsPerTenant { get; set; } = 20;

    /// <summary>The validation failures, one message per bad setting.</summary>
    internal IEnumerable<string> Validate()
    {
        const string prefix = "BookMeAtOz__Webhooks__";
        if (RotationOverlap < TimeSpan.Zero || RotationOverlap > TimeSpan.FromDays(30))
        {
            yield return $"{prefix}RotationOverlap must be between 0 and 30 days.";
        }

        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromMinutes(1))
        {
            yield return $"{prefix}Timeout must be between 1 second and 1 minute.";
        }

        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            yield return $"{prefix}RetryBaseDelay must be positive and at most RetryMaxDelay.";
        }

        if (DisableAfter <= TimeSpan.Zero)
        {
            yield return $"{prefix}DisableAfter must be positive.";
        }

        if (ClaimLease <= Timeout)
        {
            yield return $"{prefix}ClaimLease must be longer than Timeout.";
        }

        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromMinutes(10))
        {
            yield return $"{prefix}PollInterval must be between 0 and 10 minutes.";
        }

        if (BatchSize is < 1 or > 1000)
        {
            yield return $"{prefix}BatchSize must be between 1 and 1000.";
        }

        if (MaxConcurrency is < 1 or > 256)
        {
            yield return $"{prefix}MaxConcurrency must be between 1 and 256.";
        }

        if (MaxSubscriptionsPerTenant is < 1 or > 1000)
        {
            yield return $"{prefix}MaxSubscriptionsPerTenant must be between 1 and 1000.";
        }

        if (SecretKey is { Length: > 0 } key && !IsKey(key))
        {
            yield return $"{prefix}SecretKey must be base64 of at least 32 bytes.";
        }
    }

    private static bool IsKey(string key)
    {
        var buffer = new byte[key.Length];
        return Convert.TryFromBase64String(key, buffer, out var written) && written >= 32;
    }
}
