using BookMeAtOz.Changes;

namespace BookMeAtOz.PostgreSql;


/// <summary>
/// For a store with an outbox (PostgreSQL): the committed outbox rows are what gets delivered, by the relay. Here the
/// writer only drops what it cached (so its own next read sees the change) and wakes the relay so that delivery
/// starts within milliseconds rather than at its next poll.
/// </summary>
internal sealed class OutboxChangeSink(ChangeEventPublisher publisher, OutboxWakeSignal relay) : IChangeSink
{
    public bool NeedsFullEvents => false;

    public async Task OnCommittedAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken)
    {
        // Drops first: the relay tells clients to look again, and what they then read must not be a dropped copy.
        await publisher.ObserveWriteAsync(changes, CancellationToken.None).ConfigureAwait(false);
        relay.Signal.Set();
    }
}

/// <summary>The signal that wakes the outbox relay of this process.</summary>
internal sealed class OutboxWakeSignal
{
    public WakeSignal Signal { get; } = new();
}
