namespace BookMeAtOz.Changes;

/// <summary>
/// Wakes a polling background loop early: <see cref="Set"/> makes the current (or next) <see cref="WaitAsync"/> return
/// at once. Many sets before one wait count as one.
/// </summary>
public sealed class WakeSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes the current or the next wait.</summary>
    public void Set()
    {
        lock (_gate)
        {
            _next.TrySetResult();
        }
    }

    /// <summary>Waits until <see cref="Set"/> is called or <paramref name="timeout"/> passes on <paramref name="timeProvider"/>.</summary>
    /// <summary>Returns when set (since the last wait returned) or after <paramref name="timeout"/> on <paramref name="timeProvider"/>'s clock.</summary>
    /// <param name="timeout">The longest wait.</param>
    /// <param name="timeProvider">The clock the timeout runs on.</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        Task signalled;
        lock (_gate)
        {
            signalled = _next.Task;
        }

        if (!signalled.IsCompleted)
        {
            using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timer = Task.Delay(timeout, timeProvider, delay.Token);
            await Task.WhenAny(signalled, timer).ConfigureAwait(false);
            await delay.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        lock (_gate)
        {
            if (_next.Task.IsCompleted)
            {
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
