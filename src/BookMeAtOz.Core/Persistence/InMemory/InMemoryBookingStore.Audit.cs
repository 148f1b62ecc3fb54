using BookMeAtOz.Audit;

namespace BookMeAtOz.Persistence.InMemory;

// The audit of booking changes: every write ends by recording, under the tenant's lock, the changes it made to bookings,
// as BookingAudit maps them (the PostgreSQL trigger applies the same mapping), with the actor of the calling flow.
public sealed partial class InMemoryBookingStore
{
    private InMemoryAuditStore _auditLog = new();

    /// <summary>The audit log this store appends to (the user store's, when it was given one).</summary>
    internal InMemoryAuditStore AuditLog => _auditLog;

    private T Audited<T>(TenantData d, Func<TenantData, T> write)
    {
        T result;
        try
        {
            result = write(d);
        }
        catch
        {
            // A write that fails records nothing (it changes nothing either, by the store's own checks first).
            d.Bookings.TakeChanges();
            throw;
        }

        if (d.Bookings.HasChanges)
        {
            var actor = AuditActor.Current;
            var at = timeProvider.GetUtcNow();
            foreach (var (before, after) in d.Bookings.TakeChanges())
            {
                if (BookingAudit.EntryFor(before, after, actor, at) is { } entry)
                {
                    _auditLog.Append(entry);
                }
            }
        }

        return result;
    }

    // A catalog or settings change, recorded under the tenant's lock right after it is made (CatalogAudit's mapping; the
    // PostgreSQL trigger audit_catalog writes the same). Returns true, for the writes' expressions.
    private bool RecordCatalog(Guid tenantId, string entity, Guid entityId, string action, string? before, string? after)
    {
        if (CatalogAudit.EntryFor(tenantId, entity, entityId, action, before, after, AuditActor.Current, timeProvider.GetUtcNow()) is { } entry)
        {
            _auditLog.Append(entry);
        }

        return true;
    }
}
