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
