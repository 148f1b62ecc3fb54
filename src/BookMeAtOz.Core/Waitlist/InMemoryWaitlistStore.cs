using System.Collections.Concurrent;
using BookMeAtOz.Audit;

namespace BookMeAtOz.Waitlist;

/// <summary>The embedded waitlist: one lock over the entries; offer processing serialized per tenant by a semaphore.</summary>
internal sealed class InMemoryWaitlistStore(InMemoryAuditStore audit) : IWaitlistStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(Guid Tenant, Guid Entry), WaitlistEntry> _entries = [];
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _tenantLocks = new();

    public Task JoinAsync(WaitlistEntry entry, AuditEntry auditEntry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            _entries.Add((entry.TenantId, entry.Id), entry);
            audit.Append(auditEntry);
        }

        return Task.CompletedTask;
    }

    public Task<WaitlistEntry?> FindAsync(Guid tenantId, Guid entryId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_entries.GetValueOrDefault((tenantId, entryId)));
        }
    }

    public Task<IReadOnlyList<WaitlistEntry>> ListAsync(WaitlistQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            // Join order (join time, then id), as on PostgreSQL; the cursor is the last entry's id, and an unknown one ends the list.
            WaitlistEntry? cursor = null;
            if (query.After is { } after && !_entries.TryGetValue((query.TenantId, after), out cursor))
            {
                return Task.FromResult<IReadOnlyList<WaitlistEntry>>([]);
            }

            IReadOnlyList<WaitlistEntry> page = [.. _entries.Values
                .Where(e => e.TenantId == query.TenantId
                    && (query.ServiceId is null || e.ServiceId == query.ServiceId)
                    && (query.Status is null || e.Status == query.Status)
                    && (cursor is null || e.CreatedAt > cursor.CreatedAt || (e.CreatedAt == cursor.CreatedAt && e.Id.CompareTo(cursor.Id) > 0)))
                .OrderBy(e => e.CreatedAt)
                .ThenBy(e => e.Id)
                .Take(query.Limit)];
            return Task.FromResult(page);
        }
    }

    public Task<IReadOnlyList<WaitlistEntry>> ListActiveAsync(Guid tenantId, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<WaitlistEntry> active = [.. _entries.Values
                .Where(e => e.TenantId == tenantId && e.Status is WaitlistStatuses.Waiting or WaitlistStatuses.Offered)
                .OrderBy(e => e.CreatedAt)
                .ThenBy(e => e.Id)
                .Take(limit)];
            return Task.FromResult(active);
        }
    }

    public Task<IReadOnlyList<Guid>> ListActiveTenantsAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<Guid> tenants = [.. _entries.Values
                .Where(e => e.Status is WaitlistStatuses.Waiting or WaitlistStatuses.Offered)
                .Select(e => e.TenantId)
                .Distinct()
                .Take(limit)];
            return Task.FromResult(tenants);
        }
    }

    public Task<bool> TransitionAsync(Guid tenantId, Guid entryId, string fromStatus, string toStatus, DateTimeOffset now, AuditEntry? auditEntry, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue((tenantId, entryId), out var entry) || entry.Status != fromStatus)
            {
                return Task.FromResult(false);
            }

            _entries[(tenantId, entryId)] = entry with { Status = toStatus, UpdatedAt = now };
            if (auditEntry is not null)
            {
                audit.Append(auditEntry);
            }

            return Task.FromResult(true);
        }
    }

    public Task<bool> OfferAsync(WaitlistEntry offered, AuditEntry auditEntry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offered);
        lock (_lock)
        {
            if (!_entries.TryGetValue((offered.TenantId, offered.Id), out var entry) || entry.Status != WaitlistStatuses.Waiting
                || _entries.Values.Any(e => e.TenantId == offered.TenantId && e.HoldId == offered.HoldId))
            {
                return Task.FromResult(false);
            }

            _entries[(offered.TenantId, offered.Id)] = entry with
            {
                Status = WaitlistStatuses.Offered,
                HoldId = offered.HoldId,
                OfferStart = offered.OfferStart,
                OfferExpiresAt = offered.OfferExpiresAt,
                UpdatedAt = offered.UpdatedAt,
            };
            audit.Append(auditEntry);
            return Task.FromResult(true);
        }
    }

    public async Task<IAsyncDisposable?> TryLockTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var gate = _tenantLocks.GetOrAdd(tenantId, _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(0, cancellationToken).ConfigureAwait(false) ? new Release(gate) : null;
    }

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}
