using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.AspNetCore.Caching;

/// <summary>
/// BookMeAtOz's <see cref="HybridCache"/>, made safe against the reads that race a change. HybridCache alone is not:
/// <list type="bullet">
/// <item>a read that loaded the old value before a write committed stores it after the writer dropped the key (a
/// removal does not stop a load under way), so the writer's next request reads the old value;</item>
/// <item>a request that starts after the drop joins that load under way (stampede protection) and gets its old
/// value;</item>
/// <item>the second-level (Redis) write of an answer happens after the answer is handed out, so it can land after the
/// drop's removal from Redis.</item>
/// </list>
/// So every value is stored with what its load saw when it began: this instance's drop count of the key (kept per
/// slot of a fixed table, like the availability cache's generations) and the wall-clock time. A value is used only if
/// no drop of its key happened since its load began (for values loaded on this instance), or if its load began after
/// this instance's last drop of the key by more than <see cref="ClockSkew"/> (values loaded by another instance, read
/// from Redis). Anything else is removed and read again.
/// <para>
/// The stamped values are stored under their own keys (<see cref="StorageKey"/>): during a rolling upgrade, an
/// instance of the previous release reads the logical key from the shared Redis and would take a stamped value for
/// the bare one (a tenant reference with an empty id: "tenant not found"). Changes still name the logical keys, so
/// the two releases keep dropping each other's entries.
/// </para>
/// </summary>
internal sealed class FreshCache([FromKeyedServices(BookMeAtOzServiceKeys.Cache)] HybridCache cache, TimeProvider timeProvider)
{
    /// <summary>How far apart two instances' clocks may be; a value another instance began loading this soon after a drop is not trusted.</summary>
    internal static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(1);

    /// <summary>Reads that keep meeting a stale value (a key changing all the time) go to the store after this many tries.</summary>
    private const int Attempts = 3;

    private const int Slots = 4096;

    private readonly long[] _drops = new long[Slots];
    private readonly long[] _droppedAt = new long[Slots];
    private readonly Guid _instance = Guid.NewGuid();

    /// <summary>Runs inside a load, between reading the store and handing the value to the cache (tests pause it there).</summary>
    internal Func<string, Task>? AfterLoad { get; set; }

    /// <summary>The cached value of <paramref name="key"/>, or what <paramref name="load"/> reads; absence (null) is not kept.</summary>
    public async Task<T?> GetAsync<T>(
        string key, Func<CancellationToken, Task<T?>> load, HybridCacheEntryOptions entry, IEnumerable<string> tags, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(load);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var stamped = await cache.GetOrCreateAsync(StorageKey(key), (self: this, key, load),
                static async (state, ct) => await state.self.LoadAsync(state.key, state.load, ct).ConfigureAwait(false),
                entry, tags, cancellationToken).ConfigureAwait(false);
            if (IsFresh(key, stamped))
            {
                if (stamped.Value is null)
                {
                    // Absence is not cached: whatever is created next must be found at once.
                    await cache.RemoveAsync(StorageKey(key), cancellationToken).ConfigureAwait(false);
                }

                return stamped.Value;
            }

            // Loaded before a change of the key: it may hold the old value.
            await cache.RemoveAsync(StorageKey(key), cancellationToken).ConfigureAwait(false);
        }

        return await load(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops <paramref name="keys"/>: loads under way when this is called will not be used.</summary>
    public async Task DropAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var list = keys.ToList();
        var now = timeProvider.GetUtcNow().UtcTicks;
        foreach (var key in list)
        {
            var slot = Slot(key);
            Volatile.Write(ref _droppedAt[slot], now);
            Interlocked.Increment(ref _drops[slot]);
        }

        await cache.RemoveAsync(list.Select(StorageKey), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops everything this instance holds (invalidation messages may have been lost).</summary>
    public async Task DropAllAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        for (var slot = 0; slot < Slots; slot++)
        {
            Volatile.Write(ref _droppedAt[slot], now);
            Interlocked.Increment(ref _drops[slot]);
        }

        await cache.RemoveByTagAsync(CatalogCache.AllTag, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Stamped<T>> LoadAsync<T>(string key, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class
    {
        // Read before the load: a drop from now on makes this value stale, whatever the store returns.
        var generation = Volatile.Read(ref _drops[Slot(key)]);
        var startedAt = timeProvider.GetUtcNow().UtcTicks;
        var value = await load(cancellationToken).ConfigureAwait(false);
        if (AfterLoad is { } hook)
        {
            await hook(key).ConfigureAwait(false);
        }

        return new Stamped<T>(value, _instance, generation, startedAt);
    }

    private bool IsFresh<T>(string key, Stamped<T>? stamped)
        where T : class
    {
        if (stamped is null)
        {
            return false;
        }

        var slot = Slot(key);
        return stamped.Instance == _instance
            ? stamped.Generation == Volatile.Read(ref _drops[slot])
            : stamped.StartedAt - Volatile.Read(ref _droppedAt[slot]) > ClockSkew.Ticks;
    }

    /// <summary>Where the stamped value of a logical key is stored (apart from the bare values of earlier releases).</summary>
    internal static string StorageKey(string key) => key + "#stamped";

    private static int Slot(string key) => (int)((uint)StringComparer.Ordinal.GetHashCode(key) % Slots);

    /// <summary>A value, and what its load saw when it began: who loaded it, its key's drop count there, the UTC ticks.</summary>
    internal sealed record Stamped<T>(T? Value, Guid Instance, long Generation, long StartedAt)
        where T : class;
}
