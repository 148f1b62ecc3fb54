using System.Collections.Concurrent;
using BookMeAtOz.AspNetCore.RealTime;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;

namespace BookMeAtOz.AspNetCore.Caching;

/// <summary>
/// The second level of <see cref="Microsoft.Extensions.Caching.Hybrid.HybridCache"/>: Redis when configured and
/// reachable, else nothing (a miss). It never throws and never waits for Redis: while Redis is away, reads miss (the
/// data comes from PostgreSQL) and writes are dropped; a removal that could not reach Redis is remembered and done when
/// Redis is back, so that no instance then reads an entry that a change made stale meanwhile.
/// </summary>
internal sealed class RedisSecondLevelCache(RedisConnection redis) : IDistributedCache
{
    private readonly ConcurrentDictionary<string, byte> _missedRemovals = new(StringComparer.Ordinal);
    private RedisCache? _cache;

    /// <summary>Keys whose removal has to be done again when Redis is back.</summary>
    public ICollection<string> MissedRemovals => _missedRemovals.Keys;

    public byte[]? Get(string key) => Cache is { } cache ? Try(() => cache.Get(key), null) : null;

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        Cache is { } cache ? await TryAsync(() => cache.GetAsync(key, token), null).ConfigureAwait(false) : null;

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        if (Cache is { } cache)
        {
            Try(() => { cache.Set(key, value, options); return true; }, false);
        }
    }

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        if (Cache is { } cache)
        {
            await TryAsync(async () => { await cache.SetAsync(key, value, options, token).ConfigureAwait(false); return true; }, false).ConfigureAwait(false);
        }
    }

    public void Refresh(string key)
    {
        if (Cache is { } cache)
        {
            Try(() => { cache.Refresh(key); return true; }, false);
        }
    }

    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        if (Cache is { } cache)
        {
            await TryAsync(async () => { await cache.RefreshAsync(key, token).ConfigureAwait(false); return true; }, false).ConfigureAwait(false);
        }
    }

    public void Remove(string key)
    {
        if (!redis.IsConfigured)
        {
            return;
        }

        if (Cache is not { } cache || !Try(() => { cache.Remove(key); return true; }, false))
        {
            _missedRemovals[key] = 0;
        }
    }

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        if (!redis.IsConfigured)
        {
            return;
        }

        if (Cache is not { } cache || !await TryAsync(async () => { await cache.RemoveAsync(key, token).ConfigureAwait(false); return true; }, false).ConfigureAwait(false))
        {
            _missedRemovals[key] = 0;
        }
    }

    /// <summary>Does the removals that could not reach Redis; the ones that fail again stay for next time.</summary>
    public async Task RetryMissedRemovalsAsync(CancellationToken cancellationToken)
    {
        foreach (var key in _missedRemovals.Keys)
        {
            _missedRemovals.TryRemove(key, out _);
            await RemoveAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The Redis cache while Redis is configured and connected, else null.</summary>
    private RedisCache? Cache
    {
        get
        {
            if (!redis.IsConfigured || !redis.IsConnected)
            {
                return null;
            }

            return _cache ??= new RedisCache(new RedisCacheOptions
            {
                ConnectionMultiplexerFactory = redis.GetAsync,
                InstanceName = "bookmeatoz:cache:",
            });
        }
    }

    private static T Try<T>(Func<T> action, T failed)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            return failed;
        }
    }

    private static async Task<T> TryAsync<T>(Func<Task<T>> action, T failed)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            return failed;
        }
    }
}
