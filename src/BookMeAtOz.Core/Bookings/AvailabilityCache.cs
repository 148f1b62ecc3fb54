using System.Collections.Concurrent;
using BookMeAtOz.Changes;
using BookMeAtOz.Scheduling;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Bookings;

/// <summary>How long availability listings may reuse what the store returned.</summary>
public sealed class AvailabilityCacheOptions
{
    /// <summary>
    /// How long an answer is reused. Default zero: not at all. Only safe where every instance hears of every change
    /// (BookMeAtOz.AspNetCore sets it from <c>BookMeAtOz:Cache:AvailabilityExpiration</c> and drops answers on every
    /// instance through its invalidation channel).
    /// </summary>
    public TimeSpan Expiration { get; set; }
}

/// <summary>
/// The store's answers for availability listings (schedules and merged busy time of a set of staff over an instant
/// range), kept per tenant so that customers looking at the same week do not each read the same rows. Never used by the
/// booking path, which always reads the primary.
/// <para>
/// Any change of a tenant (a booking, time off, hours, a service, staff, the tenant) drops everything kept for it
/// before the writer answers (<see cref="IChangeWriteObserver"/>) and again when the change is relayed
/// (<see cref="IChangeSubscriber"/>, registered ahead of the real-time hub, so the drop comes before clients are told
/// to look again). Other instances hear of it on the host's invalidation channel, which calls
/// <see cref="Invalidate"/>. A read that was under way when a change dropped its tenant's entries never stores its
/// answer: it holds the tenant's generation, which the drop replaced. Nor is an answer kept that was read within
/// <see cref="SettleTime"/> of the tenant's last change: it may come from a standby that has not replayed that change
/// yet, and keeping it would make a moment's lag last. The expiry bounds how long an answer can outlive a change whose
/// message was lost.
/// </para>
/// </summary>
public sealed class AvailabilityCache : IChangeSubscriber, IChangeWriteObserver
{
    /// <summary>Per tenant, at most this many ranges are kept; beyond it answers are read but not kept.</summary>
    internal const int MaxEntriesPerTenant = 1_024;

    /// <summary>After a change, how long answers are read but not kept (a standby's replay lag is far shorter).</summary>
    internal static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);

    private static readonly KeyValuePair<string, object?> FromCache = new("source", "cache");
    private static readonly KeyValuePair<string, object?> FromStore = new("source", "store");

    // The "last change" of a tenant this instance has seen no change of: long enough ago.
    private const long NoChangeSeen = long.MinValue / 2;

    private readonly ConcurrentDictionary<Guid, Generation> _tenants = new();
    private readonly TimeProvider _timeProvider;
    private readonly long _lifetimeTicks;
    private readonly long _settleTicks;
    private long _nextSweep;

    /// <summary>A cache with the configured expiry, on <paramref name="timeProvider"/>'s clock.</summary>
    /// <param name="settings">The expiry.</param>
    /// <param name="timeProvider">The clock.</param>
    public AvailabilityCache(IOptions<AvailabilityCacheOptions> settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        Expiration = settings.Value.Expiration;
        _lifetimeTicks = (long)(Expiration.TotalSeconds * timeProvider.TimestampFrequency);
        _settleTicks = (long)(SettleTime.TotalSeconds * timeProvider.TimestampFrequency);
    }

    /// <summary>How long an answer is reused.</summary>
    public TimeSpan Expiration { get; }

    /// <summary>Whether answers are reused at all.</summary>
    public bool Enabled => Expiration > TimeSpan.Zero;

    /// <summary>The kept answer for these staff and range, or the one <paramref name="load"/> reads (kept unless a change intervened).</summary>
    internal async Task<IReadOnlyList<StaffAvailability>> GetOrLoadAsync(
        Guid tenantId, IReadOnlyList<Guid> staffIds, DateTimeOffset rangeStart, DateTimeOffset rangeEnd,
        Func<CancellationToken, Task<IReadOnlyList<StaffAvailability>>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staffIds);
        ArgumentNullException.ThrowIfNull(load);
        if (!Enabled)
        {
            BookMeAtOzDiagnostics.AvailabilityReads.Add(1, FromStore);
            return await load(cancellationToken).ConfigureAwait(false);
        }

        var now = _timeProvider.GetTimestamp();
        var key = new Key(string.Join(',', staffIds), rangeStart.UtcTicks, rangeEnd.UtcTicks);
        var generation = _tenants.GetOrAdd(tenantId, static _ => new Generation(NoChangeSeen));
        if (generation.Entries.TryGetValue(key, out var kept) && kept.ExpiresAt > now)
        {
            BookMeAtOzDiagnostics.AvailabilityReads.Add(1, FromCache);
            return kept.Value;
        }

        BookMeAtOzDiagnostics.AvailabilityReads.Add(1, FromStore);
        var value = await load(cancellationToken).ConfigureAwait(false);
        if (now - generation.Since >= _settleTicks && generation.Entries.Count < MaxEntriesPerTenant)
        {
            // Into the generation read before loading: if a change replaced it meanwhile, nobody sees this answer.
            generation.Entries[key] = new Entry(value, now + _lifetimeTicks);
        }

        SweepIfDue(now);
        return value;
    }

    /// <summary>Forgets everything kept for the tenant; reads under way keep their answers to themselves.</summary>
    /// <summary>Drops everything kept for a tenant (another instance changed it).</summary>
    /// <param name="tenantId">The tenant.</param>
    public void Invalidate(Guid tenantId) => _tenants[tenantId] = new Generation(_timeProvider.GetTimestamp());

    /// <summary>Forgets everything (after invalidation messages may have been lost), as if every tenant had just changed.</summary>
    /// <summary>Drops everything, treating every tenant as just changed (after invalidation messages may have been lost).</summary>
    public void Clear()
    {
        var now = _timeProvider.GetTimestamp();
        foreach (var tenantId in _tenants.Keys)
        {
            _tenants[tenantId] = new Generation(now);
        }
    }

    /// <inheritdoc />
    public Task HandleAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken) => Drop(changes);

    /// <inheritdoc />
    public Task OnWrittenAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken) => Drop(changes);

    private Task Drop(IReadOnlyList<ChangeEvent> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            // Every kind of change can alter what a tenant offers, so every kind drops the tenant's answers.
            Invalidate(change.TenantId);
        }

        return Task.CompletedTask;
    }

    /// <summary>Now and then, drops expired answers, and tenants left with none.</summary>
    private void SweepIfDue(long now)
    {
        var due = Volatile.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + _lifetimeTicks, due) != due)
        {
            return;
        }

        foreach (var (tenantId, generation) in _tenants)
        {
            foreach (var (key, entry) in generation.Entries)
            {
                if (entry.ExpiresAt <= now)
                {
                    generation.Entries.TryRemove(key, out _);
                }
            }

            if (generation.Entries.IsEmpty && now - generation.Since >= _settleTicks)
            {
                _tenants.TryRemove(new KeyValuePair<Guid, Generation>(tenantId, generation));
            }
        }
    }

    private readonly record struct Key(string StaffIds, long Start, long End);

    private sealed record Entry(IReadOnlyList<StaffAvailability> Value, long ExpiresAt);

    /// <summary>A tenant's answers since its last change (at <see cref="Since"/>, a timestamp).</summary>
    private sealed class Generation(long since)
    {
        public long Since { get; } = since;

        public ConcurrentDictionary<Key, Entry> Entries { get; } = new();
    }
}
