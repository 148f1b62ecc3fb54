using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BookMeAtOz.Changes;

/// <summary>
/// Hands committed changes to every <see cref="IChangeEventHandler"/> (real-time hub, cache) and changes just written
/// to every <see cref="IChangeWriteObserver"/>. One failing handler never stops the others, nor the write that
/// caused the change: real-time delivery and cache drops are best effort; e-mail is durable (its own queue).
/// </summary>
internal sealed partial class ChangeEventPublisher(
    IEnumerable<IChangeEventHandler> handlers, IEnumerable<IChangeWriteObserver> observers, ILogger<ChangeEventPublisher>? logger = null)
{
    private readonly IChangeEventHandler[] _handlers = [.. handlers];
    private readonly IChangeWriteObserver[] _observers = [.. observers];
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

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
