using Microsoft.Extensions.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace BookMeAtOz.AspNetCore.RealTime;

/// <summary>
/// The one Redis connection of this process, from <c>BookMeAtOz:Redis:ConnectionString</c> (none = no Redis: one instance, the
/// hub delivers locally and the cache is in memory only). Shared by the SignalR backplane, the second-level cache,
/// cache invalidation messages and the readiness check. It never blocks on Redis being down: the first connect does
/// not fail the process, commands fail fast while disconnected, and it reconnects by itself.
/// </summary>
internal sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly string? _configuration;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ConnectionMultiplexer? _multiplexer;

    public RedisConnection(IServiceProvider services, ILogger<RedisConnection> logger)
    {
        _configuration = services.GetRequiredService<IOptions<BookMeAtOzApiOptions>>().Value.Redis.ConnectionString is { Length: > 0 } cs ? cs : null;
        _logger = logger;
    }

    /// <summary>Whether Redis is configured.</summary>
    public bool IsConfigured => _configuration is not null;

    /// <summary>Whether the connection is up right now.</summary>
    public bool IsConnected => _multiplexer?.IsConnected == true;

    /// <summary>Raised when the connection comes back after a loss.</summary>
    public event EventHandler? Restored;

    /// <summary>The connection (connected or still trying); throws when Redis is not configured.</summary>
    public async Task<IConnectionMultiplexer> GetAsync()
    {
        if (_multiplexer is { } existing)
        {
            return existing;
        }

        if (_configuration is null)
        {
            throw new InvalidOperationException("BookMeAtOz:Redis:ConnectionString is not configured.");
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_multiplexer is null)
            {
                var options = ConfigurationOptions.Parse(_configuration);
                // Up or down, Redis must never hold up a request: start without it, fail commands at once while it is
                // away instead of queueing them, and keep reconnecting every second.
                options.AbortOnConnectFail = false;
                options.BacklogPolicy = BacklogPolicy.FailFast;
                options.ReconnectRetryPolicy = new LinearRetry(1000);
                if (!_configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
                {
                    options.ConnectTimeout = 2000;
                }

                if (!_configuration.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase))
                {
                    options.AsyncTimeout = 2000;
                }

                options.ClientName ??= "BookMeAtOz";
                var multiplexer = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
                multiplexer.ConnectionFailed += (_, e) =>
                {
                    if (e.ConnectionType == ConnectionType.Interactive)
                    {
                        LogLost(_logger, e.FailureType.ToString());
                    }
                };
                multiplexer.ConnectionRestored += (_, e) =>
                {
                    if (e.ConnectionType == ConnectionType.Interactive)
                    {
                        LogRestored(_logger);
                        Restored?.Invoke(this, EventArgs.Empty);
                    }
                };
                if (!multiplexer.IsConnected)
                {
                    LogNotConnected(_logger);
                }

                _multiplexer = multiplexer;
            }

            return _multiplexer;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is { } multiplexer)
        {
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    [LoggerMessage(50, LogLevel.Warning, "Redis is not reachable yet; real-time delivery across instances and the shared cache wait for it, everything else works")]
    private static partial void LogNotConnected(ILogger logger);

    [LoggerMessage(51, LogLevel.Warning, "Lost the connection to Redis ({Failure}); reconnecting. Meanwhile the API works from PostgreSQL and real-time events stop")]
    private static partial void LogLost(ILogger logger, string failure);

    [LoggerMessage(52, LogLevel.Information, "Reconnected to Redis")]
    private static partial void LogRestored(ILogger logger);
}
