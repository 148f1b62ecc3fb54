using BookMeAtOz.Notifications;
using BookMeAtOz.Webhooks;

namespace BookMeAtOz.Changes;

/// <summary>Where <see cref="ChangeTrackingBookingStore"/> reports the changes a store call made.</summary>
public interface IChangeSink
{
    /// <summary>
    /// Whether this sink needs the full events (with a booking's previous time, a deleted time off's range). A store
    /// with an outbox writes those itself; then the sink only needs to know what changed.
    /// </summary>
    bool NeedsFullEvents { get; }

    /// <summary>Called after a store write succeeded (committed), on the caller's path.</summary>
    Task OnCommittedAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken);
}

/// <summary>
/// For the in-memory store, which has no outbox: a change is final once the store call returned, so it is delivered
/// right here, through the same publisher the PostgreSQL relay uses, and its e-mails are queued.
/// </summary>
internal sealed class InMemoryChangeSink(
    ChangeEventPublisher publisher, InMemoryNotificationStore notifications, NotificationPlanner planner, NotificationWakeSignal dispatcher,
    InMemoryWebhookStore webhooks, WebhookWakeSignal webhookDispatcher, TimeProvider timeProvider) : IChangeSink
{
    public bool NeedsFullEvents => true;

    public async Task OnCommittedAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var plan = planner.Plan(changes, now);
        if (!plan.IsEmpty)
        {
            notifications.Apply(plan, now);
            dispatcher.Signal.Set();
        }

        // The webhook events, as the PostgreSQL relay writes them in the transaction that consumes the outbox.
        var events = changes.Select(c => WebhookEventWriter.Write(c, Guid.CreateVersion7(now), now, webhooks.NextSequence())).OfType<WebhookEvent>().ToList();
        if (events.Count > 0)
        {
            await webhooks.EnqueueAsync(events, now, CancellationToken.None).ConfigureAwait(false);
            webhookDispatcher.Signal.Set();
        }

        await publisher.ObserveWriteAsync(changes, CancellationToken.None).ConfigureAwait(false);
        // The change has happened: a client that went away does not stop the others from hearing of it.
        await publisher.PublishAsync(changes, CancellationToken.None).ConfigureAwait(false);
    }
}
