namespace BookMeAtOz.Notifications;

/// <summary>
/// The e-mail queue: durable in PostgreSQL (filled by the outbox relay in the transaction that consumes the event),
/// in memory with the in-memory store. Several dispatchers may share it: a claimed notification is in one
/// dispatcher's hands until its lease passes.
/// </summary>
public interface INotificationStore
{
    /// <summary>Claims up to <paramref name="limit"/> notifications due at <paramref name="now"/> until <c>now + lease</c>.</summary>
    Task<IReadOnlyList<NotificationWork>> ClaimAsync(int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Records how an attempt ended; false (and nothing changes) when the claim was lost to another attempt.</summary>
    Task<bool> FinishAsync(NotificationWork work, NotificationOutcome outcome, CancellationToken cancellationToken);

    /// <summary>A tenant's booking notifications (not account e-mails), newest first, after the cursor (the last one of the previous page).</summary>
    Task<IReadOnlyList<NotificationRecord>> ListAsync(
        Guid tenantId, NotificationStatus? status, (DateTimeOffset CreatedAt, Guid Id)? after, int limit, CancellationToken cancellationToken);
}
