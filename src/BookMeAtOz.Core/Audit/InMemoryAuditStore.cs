namespace BookMeAtOz.Audit;

/// <summary>The audit log of the in-memory store: lost on restart, like everything else of it; thread-safe.</summary>
internal sealed class InMemoryAuditStore : IAuditStore
{
    private readonly Lock _gate = new();
    private readonly List<AuditEntry> _entries = [];

    /// <summary>Adds an entry; called by the in-memory stores while they hold the lock of the change it records.</summary>
    public void Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }

    /// <summary>A tenant's entries about any of <paramref name="entityIds"/>, newest first.</summary>
    public IReadOnlyList<AuditEntry> ListAbout(Guid tenantId, IReadOnlySet<Guid> entityIds)
    {
        lock (_gate)
        {
            return [.. _entries.Where(e => e.TenantId == tenantId && entityIds.Contains(e.EntityId))
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)];
        }
    }

    /// <summary>Replaces the tenant's entries about any of <paramref name="entityIds"/> by what <paramref name="change"/> makes of them (erasure only).</summary>
    public void Rewrite(Guid tenantId, IReadOnlySet<Guid> entityIds, Func<AuditEntry, AuditEntry> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                if (_entries[i].TenantId == tenantId && entityIds.Contains(_entries[i].EntityId))
                {
                    _entries[i] = change(_entries[i]);
                }
            }
        }
    }

    /// <summary>Forgets every entry of a tenant (its purge).</summary>
    public void RemoveTenant(Guid tenantId)
    {
        lock (_gate)
        {
            _entries.RemoveAll(e => e.TenantId == tenantId);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IEnumerable<AuditEntry> matches = _entries.Where(e => e.TenantId == query.TenantId
                && (query.Entity is null || e.EntityId == query.Entity)
                && (query.Actor is null || e.ActorId == query.Actor)
                && (query.From is null || e.At >= query.From)
                && (query.To is null || e.At < query.To));
            if (query.Before is { } b)
            {
                matches = matches.Where(e => e.At < b.At || (e.At == b.At && e.Id.CompareTo(b.Id) < 0));
            }

            return Task.FromResult<IReadOnlyList<AuditEntry>>([.. matches.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(query.Limit)]);
        }
    }
}
