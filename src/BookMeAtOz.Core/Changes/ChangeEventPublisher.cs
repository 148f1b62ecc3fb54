using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BookMeAtOz.Changes;

/// <summary>
/// Hands committed changes to every <see cref="IChangeSubscriber"/> (real-time hub, cache) and changes just written
/// to every <see cref="IChangeWriteObserver"/>. One failing handler never stops the others, nor the write that
/// caused the change: real-time delivery and cache drops are best effort; e-mail is durable (its own queue).
/// </summary>
/// <param name="handlers">The committed-change handlers.</param>
/// <param name="observers">The write observers.</param>
/// <param name="logger">Logs a failing handler.</param>
public sealed partial class ChangeEventPublisher(
    IEnumerable<IChangeSubscriber> handlers, IEnumerable<IChangeWriteObserver> observers, ILogger<ChangeEventPublisher>? logger = null)
{
    private readonly IChangeSubscriber[] _handlers = [.. handlers];
    private readonly IChangeWriteObserver[] _observers = [.. observers];
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Hands committed changes to every handler, in registration order.</summary>
    public async Task PublishAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }

        BookMeAtOzDiagnostics.ChangesPublished.Add(changes.Count);
        foreach (var handler in _handlers)
        {
            try
            {
                await handler.HandleAsync(changes, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A handler's failure is logged; the others and the caller go on.
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogHandlerFailed(_logger, handler.GetType().Name, changes.Count, e);
            }
        }
    }

    /// <summary>Hands changes this instance just wrote to every write observer.</summary>
    public async Task ObserveWriteAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }

        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnWrittenAsync(changes, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The write succeeded; a failing observer must not turn it into an error.
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogHandlerFailed(_logger, observer.GetType().Name, changes.Count, e);
            }
        }
    }

    [LoggerMessage(20, LogLevel.Warning, "{Handler} failed to handle {Count} change(s)")]
    private static partial void LogHandlerFailed(ILogger logger, string handler, int count, Exception exception);
}
