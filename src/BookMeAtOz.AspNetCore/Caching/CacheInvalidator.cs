using Microsoft.Extensions.DependencyInjection;
using BookMeAtOz.AspNetCore.RealTime;
using BookMeAtOz.Bookings;
using BookMeAtOz.Changes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace BookMeAtOz.AspNetCore.Caching;

/// <summary>
/// Keeps <see cref="CatalogCache"/> true on every instance. HybridCache has no way of its own to tell other instances
/// that an entry changed (removing a key drops this instance's memory copy and the Redis copy, but not the memory copies
/// elsewhere), so a change is handled in three steps:
/// <list type="number">
/// <item>the instance that made the change drops the stale keys right after the write (so its own next read sees the
/// change) and publishes them on a Redis channel;</item>
/// <item>every instance drops the keys it hears of from its memory;</item>
/// <item>when the change is relayed from the outbox, the keys are dropped and published once more, which also covers a
/// read on another instance that raced the write and cached the old value.</item>
/// </list>
/// Each drop also marks the keys in <see cref="FreshCache"/>, so that a read already under way on that instance, which may
/// have loaded the old value, neither serves nor keeps it.
/// The availability cache (<see cref="AvailabilityCache"/>) takes part through one key per tenant that every change
/// names (<see cref="CacheKeys.Availability"/>): hearing it drops everything that instance kept for the tenant.
/// While Redis is away, other instances' memory copies live at most <see cref="CacheSettings.LocalExpiration"/>
/// (availability answers <see cref="CacheSettings.AvailabilityExpiration"/>); when it
/// is back, every instance drops its whole memory cache (it may have missed messages) and redoes the Redis removals that
/// failed.
/// </summary>
internal sealed partial class CacheInvalidator(
    FreshCache cache, AvailabilityCache availability, RedisConnection redis,
    [FromKeyedServices(BookMeAtOzServiceKeys.Cache)] Microsoft.Extensions.Caching.Distributed.IDistributedCache secondLevel,
    ILogger<CacheInvalidator> logger)
    : IChangeSubscriber, IChangeWriteObserver, IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("bookmeatoz:cache:invalidate");

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private volatile bool _subscribed;

    public Task OnWrittenAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken) => InvalidateAsync(changes, cancellationToken);

    public Task HandleAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken) => InvalidateAsync(changes, cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConfigured)
        {
            return;
        }

        // Connecting does not wait for Redis to be up; it keeps trying in the background.
        var multiplexer = await redis.GetAsync().ConfigureAwait(false);
        redis.Restored += (sender, args) => { var restored = OnRestoredAsync(); };
        await SubscribeAsync(multiplexer).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task InvalidateAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken)
    {
        var keys = changes.SelectMany(CacheKeys.StaleAfter).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return;
        }

        // The availability cache drops its own entries on this instance (it observes the same changes).
        await cache.DropAsync(keys.Where(k => !CacheKeys.IsAvailability(k, out _)), CancellationToken.None).ConfigureAwait(false);
        if (redis.IsConfigured && redis.IsConnected)
        {
            try
            {
                var multiplexer = await redis.GetAsync().ConfigureAwait(false);
                await multiplexer.GetSubscriber().PublishAsync(Channel, _instance + "\n" + string.Join('\n', keys)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Other instances drop their copies when Redis is back (OnRestoredAsync), or when the copies expire.
                LogPublishFailed(logger, keys.Count);
            }
        }
    }

    private async Task SubscribeAsync(IConnectionMultiplexer multiplexer)
    {
        try
        {
            await multiplexer.GetSubscriber().SubscribeAsync(Channel, (channel, message) => { var handled = OnMessageAsync(message); }).ConfigureAwait(false);
            _subscribed = true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Redis is not up yet: subscribe when it is.
            _subscribed = false;
        }
    }

    private async Task OnMessageAsync(RedisValue message)
    {
        var parts = ((string?)message ?? string.Empty).Split('\n');
        if (parts.Length < 2 || parts[0] == _instance)
        {
            return;
        }

        try
        {
            foreach (var key in parts.AsSpan(1))
            {
                if (CacheKeys.IsAvailability(key, out var tenantId))
                {
                    availability.Invalidate(tenantId);
                }
            }

            await cache.DropAsync(parts[1..].Where(k => !CacheKeys.IsAvailability(k, out _)), CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A message handler has no caller to report to.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogRemoveFailed(logger, e);
        }
    }

    private async Task OnRestoredAsync()
    {
        try
        {
            if (!_subscribed)
            {
                await SubscribeAsync(await redis.GetAsync().ConfigureAwait(false)).ConfigureAwait(false);
            }

            // Messages sent while Redis was away are lost: forget everything held in memory, and redo Redis removals
            // that failed meanwhile.
            await cache.DropAllAsync(CancellationToken.None).ConfigureAwait(false);
            availability.Clear();
            if (secondLevel is RedisSecondLevelCache redisCache)
            {
                await redisCache.RetryMissedRemovalsAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // An event handler has no caller to report to.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogRemoveFailed(logger, e);
        }
    }

    [LoggerMessage(60, LogLevel.Debug, "Could not publish the invalidation of {Count} cache key(s): Redis is away")]
    private static partial void LogPublishFailed(ILogger logger, int count);

    [LoggerMessage(61, LogLevel.Warning, "Could not drop cached entries")]
    private static partial void LogRemoveFailed(ILogger logger, Exception exception);
}
