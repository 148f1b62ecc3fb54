namespace BookMeAtOz.Changes;

/// <summary>
/// Receives every committed change once, after it committed: from the outbox relay (PostgreSQL, whichever instance
/// claimed the outbox rows) or right after the in-memory store changed. Never called for a change that rolled back.
/// Delivery is at most once: a handler that fails is logged, and the change is not offered to it again.
/// </summary>
public interface IChangeSubscriber
{
    /// <summary>Handles a batch of changes, in commit order per outbox claim.</summary>
    Task HandleAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken);
}

/// <summary>
/// Runs on the instance that made a change, right after the store call returned, before the caller continues: for
/// work that must be visible to the caller's next request on this instance (dropping cached copies). It may also
/// run again for the same change when the change is relayed; it must be idempotent.
/// </summary>
public interface IChangeWriteObserver
{
    /// <summary>Reacts to changes this instance just made.</summary>
    Task OnWrittenAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken);
}
