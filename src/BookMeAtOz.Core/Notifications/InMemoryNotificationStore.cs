namespace BookMeAtOz.Notifications;

/// <summary>The e-mail queue of the in-memory store: lost on restart, like everything else of it.</summary>
internal sealed class InMemoryNotificationStore : INotificationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Entry> _entries = [];

    private sealed class Entry(NewNotification notification, DateTimeOffset createdAt)
    {
        public NewNotification Notification { get; } = notification;
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public NotificationStatus Status { get; set; } = NotificationStatus.Pending;
        public int Attempts { get; set; }
        public DateTimeOffset NextAttemptAt { get; set; } = notification.DueAt;
        public DateTimeOffset? LockedUntil { get; set; }
        public DateTimeOffset? SentAt { get; set; }
        public string? LastError { get; set; }

        public NotificationRecord ToRecord() => new(
            Notification.Id, Notification.TenantId, Notification.Kind, Notification.BookingId, Status, Attempts, CreatedAt,
            Notification.DueAt, NextAttemptAt, SentAt, LastError);
    }

    /// <summary>Applies a plan made for changes that just happened.</summary>
    public void Apply(NotificationPlan plan, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.IsEmpty)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var (tenantId, bookingId) in plan.CancelReminders)
            {
                foreach (var entry in _entries.Values)
                {
                    if (entry.Notification.TenantId == tenantId && entry.Notification.BookingId == bookingId
                        && entry.Notification.Kind == NotificationKind.Reminder && entry.Status == NotificationStatus.Pending)
                    {
                        entry.Status = NotificationStatus.Cancelled;
                        entry.LastError = "The booking was cancelled or moved.";
                    }
                }
            }

            foreach (var notification in plan.Add)
            {
                _entries.TryAdd(notification.Id, new Entry(notification, now));
            }
        }
    }

    public Task<IReadOnlyList<NotificationWork>> ClaimAsync(int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var claimed = _entries.Values
                .Where(e => e.Status == NotificationStatus.Pending && e.NextAttemptAt <= now && (e.LockedUntil is null || e.LockedUntil <= now))
                .OrderBy(e => e.NextAttemptAt)
                .Take(limit)
                .ToList();
            foreach (var entry in claimed)
            {
                entry.Attempts++;
                entry.LockedUntil = now + lease;
            }

            return Task.FromResult<IReadOnlyList<NotificationWork>>([.. claimed.Select(e => new NotificationWork(
                e.Notification.Id, e.Notification.TenantId, e.Notification.Kind, e.Notification.BookingId, e.Attempts, e.Notification.Details, e.CreatedAt))]);
        }
    }

    public Task<bool> FinishAsync(NotificationWork work, NotificationOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(outcome);
        lock (_gate)
        {
            if (!_entries.TryGetValue(work.Id, out var entry) || entry.Attempts != work.Attempt || entry.Status != NotificationStatus.Pending)
            {
                return Task.FromResult(false);
            }

            entry.Status = outcome.Status;
            entry.LockedUntil = null;
            entry.LastError = outcome.Error;
            entry.SentAt = outcome.Status == NotificationStatus.Sent ? outcome.At : null;
            if (outcome.RetryAt is { } retry)
            {
                entry.NextAttemptAt = retry;
            }

            return Task.FromResult(true);
        }
    }

    /// <summary>The notification records of these bookings, newest first.</summary>
    public IReadOnlyList<NotificationRecord> ListForBookings(Guid tenantId, IReadOnlySet<Guid> bookingIds)
    {
        lock (_gate)
        {
            return [.. _entries.Values.Where(e => e.Notification.TenantId == tenantId && bookingIds.Contains(e.Notification.BookingId))
                .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Notification.Id).Select(e => e.ToRecord())];
        }
    }

    /// <summary>An erasure: cancels the queued notifications of these bookings and clears the errors kept with any of them.</summary>
    public void EraseForBookings(Guid tenantId, IReadOnlySet<Guid> bookingIds)
    {
        lock (_gate)
        {
            foreach (var e in _entries.Values.Where(e => e.Notification.TenantId == tenantId && bookingIds.Contains(e.Notification.BookingId)))
            {
                if (e.Status == NotificationStatus.Pending)
                {
                    e.Status = NotificationStatus.Cancelled;
                    e.LockedUntil = null;
                    e.LastError = ErasedError;
                }
                else
                {
                    e.LastError = null;
                }
            }
        }
    }

    /// <summary>Forgets every notification of a tenant (its purge).</summary>
    public void RemoveTenant(Guid tenantId)
    {
        lock (_gate)
        {
            foreach (var id in _entries.Where(p => p.Value.Notification.TenantId == tenantId).Select(p => p.Key).ToList())
            {
                _entries.Remove(id);
            }
        }
    }

    /// <summary>The error a notification cancelled by an erasure records.</summary>
    public const string ErasedError = "The customer's data was erased.";

    public Task<IReadOnlyList<NotificationRecord>> ListAsync(
        Guid tenantId, NotificationStatus? status, (DateTimeOffset CreatedAt, Guid Id)? after, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IEnumerable<Entry> query = _entries.Values.Where(e => e.Notification.TenantId == tenantId && (status is null || e.Status == status)
                && e.Notification.Kind is not (NotificationKind.PasswordReset or NotificationKind.Invitation));
            if (after is { } a)
            {
                query = query.Where(e => e.CreatedAt < a.CreatedAt || (e.CreatedAt == a.CreatedAt && e.Notification.Id.CompareTo(a.Id) < 0));
            }

            return Task.FromResult<IReadOnlyList<NotificationRecord>>([.. query
                .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Notification.Id)
                .Take(limit)
                .Select(e => e.ToRecord())]);
        }
    }
}
