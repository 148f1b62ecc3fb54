namespace BookMeAtOz.Webhooks;

/// <summary>The webhook subscriptions and delivery queue of the in-memory store: lost on restart, like everything else of it.</summary>
internal sealed class InMemoryWebhookStore : IWebhookStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Subscription> _subscriptions = [];
    private readonly Dictionary<Guid, Delivery> _deliveries = [];
    private long _sequence;

    /// <summary>The next position in commit order (the in-memory counterpart of an outbox id).</summary>
    public long NextSequence() => Interlocked.Increment(ref _sequence);

    private sealed class Subscription(WebhookSubscription value, WebhookSecrets secrets)
    {
        public WebhookSubscription Value { get; set; } = value;
        public WebhookSecrets Secrets { get; set; } = secrets;
    }

    private sealed class Delivery(Guid id, Guid subscriptionId, WebhookEvent e, DateTimeOffset createdAt, Guid? replayOf)
    {
        public Guid Id { get; } = id;
        public Guid SubscriptionId { get; } = subscriptionId;
        public WebhookEvent Event { get; } = e;
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public Guid? ReplayOf { get; } = replayOf;
        public WebhookDeliveryStatus Status { get; set; } = WebhookDeliveryStatus.Pending;
        public int Attempts { get; set; }
        public DateTimeOffset NextAttemptAt { get; set; } = createdAt;
        public DateTimeOffset? LockedUntil { get; set; }
        public DateTimeOffset? LastAttemptAt { get; set; }
        public int? ResponseStatus { get; set; }
        public int? DurationMs { get; set; }
        public string? Excerpt { get; set; }
        public string? Error { get; set; }

        // Replays and pings are unordered.
        public Guid? OrderKey => ReplayOf is null ? Event.OrderKey : null;

        public WebhookDeliveryRecord ToRecord() => new(
            Id, SubscriptionId, Event.Id, Event.Type, Status, Attempts, CreatedAt, Status == WebhookDeliveryStatus.Pending ? NextAttemptAt : null,
            LastAttemptAt, ResponseStatus, DurationMs, Excerpt, Error, ReplayOf, Event.Body);
    }

    public Task<IReadOnlyList<WebhookSubscription>> ListAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<WebhookSubscription>>([.. _subscriptions.Values.Select(s => s.Value)
                .Where(s => s.TenantId == tenantId).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)]);
        }
    }

    public Task<WebhookSubscription?> FindAsync(Guid tenantId, Guid subscriptionId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Find(tenantId, subscriptionId)?.Value);
        }
    }

    public Task<bool> CreateAsync(WebhookSubscription subscription, byte[] protectedSecret, int maxPerTenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        lock (_gate)
        {
            if (_subscriptions.Values.Count(s => s.Value.TenantId == subscription.TenantId) >= maxPerTenant)
            {
                return Task.FromResult(false);
            }

            _subscriptions.Add(subscription.Id, new Subscription(subscription, new WebhookSecrets(protectedSecret, null, null)));
            return Task.FromResult(true);
        }
    }

    public Task<WebhookSubscription?> UpdateAsync(
        Guid tenantId, Guid subscriptionId, string? url, IReadOnlyList<string>? events, bool? enabled, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Find(tenantId, subscriptionId) is not { } entry)
            {
                return Task.FromResult<WebhookSubscription?>(null);
            }

            var value = entry.Value with { Url = url ?? entry.Value.Url, Events = events ?? entry.Value.Events };
            if (enabled is true && !value.Enabled)
            {
                value = value with { Enabled = true, FailingSince = null, DisabledAt = null };
            }
            else if (enabled is false && value.Enabled)
            {
                value = value with { Enabled = false, DisabledAt = now };
            }

            entry.Value = value;
            return Task.FromResult<WebhookSubscription?>(value);
        }
    }

    public Task<bool> DeleteAsync(Guid tenantId, Guid subscriptionId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Find(tenantId, subscriptionId) is null)
            {
                return Task.FromResult(false);
            }

            _subscriptions.Remove(subscriptionId);
            foreach (var id in _deliveries.Values.Where(d => d.SubscriptionId == subscriptionId).Select(d => d.Id).ToList())
            {
                _deliveries.Remove(id);
            }

            return Task.FromResult(true);
        }
    }

    public Task<bool> RotateSecretAsync(Guid tenantId, Guid subscriptionId, byte[] protectedSecret, DateTimeOffset previousUntil, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Find(tenantId, subscriptionId) is not { } entry)
            {
                return Task.FromResult(false);
            }

            entry.Secrets = new WebhookSecrets(protectedSecret, entry.Secrets.Current, previousUntil);
            return Task.FromResult(true);
        }
    }

    public Task EnqueueAsync(IReadOnlyList<WebhookEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_gate)
        {
            foreach (var e in events)
            {
                foreach (var s in _subscriptions.Values.Where(s => s.Value.TenantId == e.TenantId && s.Value.Enabled && s.Value.Events.Contains(e.Type)))
                {
                    var id = Guid.CreateVersion7(now);
                    _deliveries.Add(id, new Delivery(id, s.Value.Id, e, now, null));
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> EnqueueDirectAsync(Guid subscriptionId, Guid deliveryId, WebhookEvent webhookEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        lock (_gate)
        {
            if (Find(webhookEvent.TenantId, subscriptionId) is null)
            {
                return Task.FromResult(false);
            }

            _deliveries.Add(deliveryId, new Delivery(deliveryId, subscriptionId, webhookEvent with { OrderKey = null }, now, null));
            return Task.FromResult(true);
        }
    }

    public Task<bool> ReplayAsync(Guid tenantId, Guid subscriptionId, Guid deliveryId, Guid newDeliveryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Find(tenantId, subscriptionId) is null || !_deliveries.TryGetValue(deliveryId, out var original) || original.SubscriptionId != subscriptionId)
            {
                return Task.FromResult(false);
            }

            _deliveries.Add(newDeliveryId, new Delivery(newDeliveryId, subscriptionId, original.Event, now, deliveryId));
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<WebhookDeliveryRecord>> ListDeliveriesAsync(
        Guid tenantId, Guid subscriptionId, (DateTimeOffset CreatedAt, Guid Id)? after, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Find(tenantId, subscriptionId) is null)
            {
                return Task.FromResult<IReadOnlyList<WebhookDeliveryRecord>>([]);
            }

            IEnumerable<Delivery> query = _deliveries.Values.Where(d => d.SubscriptionId == subscriptionId);
            if (after is { } a)
            {
                query = query.Where(d => d.CreatedAt < a.CreatedAt || (d.CreatedAt == a.CreatedAt && d.Id.CompareTo(a.Id) < 0));
            }

            return Task.FromResult<IReadOnlyList<WebhookDeliveryRecord>>([.. query
                .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(limit).Select(d => d.ToRecord())]);
        }
    }

    public Task<IReadOnlyList<WebhookWork>> ClaimAsync(int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // The oldest pending delivery of each (subscription, booking) goes first; the later ones wait for it.
            var blocked = _deliveries.Values
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.OrderKey is not null)
                .GroupBy(d => (d.SubscriptionId, d.OrderKey))
                .SelectMany(g => g.OrderBy(d => d.Event.Sequence).Skip(1))
                .Select(d => d.Id)
                .ToHashSet();
            var claimed = _deliveries.Values
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LockedUntil is null || d.LockedUntil <= now)
                    && !blocked.Contains(d.Id) && _subscriptions.TryGetValue(d.SubscriptionId, out var s) && s.Value.Enabled)
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Event.Sequence)
                .Take(limit)
                .ToList();
            var work = new List<WebhookWork>(claimed.Count);
            foreach (var d in claimed)
            {
                d.Attempts++;
                d.LockedUntil = now + lease;
                var s = _subscriptions[d.SubscriptionId];
                work.Add(new WebhookWork(d.Id, s.Value.TenantId, s.Value.Id, s.Value.Url, d.Event.Type, d.Event.Body, d.Attempts, s.Secrets,
                    s.Value.FailingSince, d.Event.CreatedAt));
            }

            return Task.FromResult<IReadOnlyList<WebhookWork>>(work);
        }
    }

    public Task<DateTimeOffset?> NextAttemptAtAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            DateTimeOffset? next = null;
            foreach (var d in _deliveries.Values)
            {
                if (d.Status == WebhookDeliveryStatus.Pending && _subscriptions.TryGetValue(d.SubscriptionId, out var s) && s.Value.Enabled)
                {
                    var at = d.LockedUntil is { } locked && locked > d.NextAttemptAt ? locked : d.NextAttemptAt;
                    next = next is { } n && n <= at ? n : at;
                }
            }

            return Task.FromResult(next);
        }
    }

    public Task<IReadOnlyList<WebhookFinish>> FinishAsync(IReadOnlyList<(WebhookWork Work, WebhookOutcome Outcome)> attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<WebhookFinish>>([.. attempts.Select(a => Finish(a.Work, a.Outcome))]);
        }
    }

    private WebhookFinish Finish(WebhookWork work, WebhookOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!_deliveries.TryGetValue(work.DeliveryId, out var d) || d.Attempts != work.Attempt || d.Status != WebhookDeliveryStatus.Pending
            || !_subscriptions.TryGetValue(work.SubscriptionId, out var s))
        {
            return WebhookFinish.ClaimLost;
        }

        d.LockedUntil = null;
        d.LastAttemptAt = outcome.At;
        d.ResponseStatus = outcome.ResponseStatus;
        d.DurationMs = outcome.DurationMs;
        d.Excerpt = outcome.ResponseExcerpt;
        d.Error = outcome.Error;
        if (outcome.Delivered)
        {
            d.Status = WebhookDeliveryStatus.Delivered;
            s.Value = s.Value with { FailingSince = null };
            return WebhookFinish.Recorded;
        }

        s.Value = s.Value with { FailingSince = s.Value.FailingSince ?? outcome.At };
        if (!outcome.Disable)
        {
            d.NextAttemptAt = outcome.RetryAt ?? outcome.At;
            return WebhookFinish.Recorded;
        }

        var disabledNow = s.Value.Enabled;
        s.Value = s.Value with { Enabled = false, DisabledAt = s.Value.DisabledAt ?? outcome.At };
        foreach (var other in _deliveries.Values.Where(x => x.SubscriptionId == s.Value.Id && x.Status == WebhookDeliveryStatus.Pending))
        {
            other.Status = WebhookDeliveryStatus.Failed;
            other.LockedUntil = null;
            other.Error ??= DisabledError;
        }

        d.Error = outcome.Error;
        return disabledNow ? WebhookFinish.Disabled : WebhookFinish.Recorded;
    }

    /// <summary>Forgets every subscription of a tenant (its purge).</summary>
    public void RemoveTenant(Guid tenantId)
    {
        lock (_gate)
        {
            foreach (var id in _subscriptions.Values.Where(s => s.Value.TenantId == tenantId).Select(s => s.Value.Id).ToList())
            {
                _subscriptions.Remove(id);
            }

            foreach (var id in _deliveries.Values.Where(d => !_subscriptions.ContainsKey(d.SubscriptionId)).Select(d => d.Id).ToList())
            {
                _deliveries.Remove(id);
            }
        }
    }

    /// <summary>The error a delivery given up with its subscription records.</summary>
    public const string DisabledError = "Given up: the subscription was disabled after failing for too long.";

    private Subscription? Find(Guid tenantId, Guid subscriptionId) =>
        _subscriptions.TryGetValue(subscriptionId, out var s) && s.Value.TenantId == tenantId ? s : null;
}
