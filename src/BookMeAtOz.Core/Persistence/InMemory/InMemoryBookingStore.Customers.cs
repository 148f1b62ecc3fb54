using BookMeAtOz.Audit;
using BookMeAtOz.Auth;
using BookMeAtOz.Bookings;
using BookMeAtOz.Customers;
using BookMeAtOz.Notifications;
using BookMeAtOz.Tenancy;

namespace BookMeAtOz.Persistence.InMemory;

// Customers (listing, export, erasure) and closing a tenant, for InMemoryCustomerStore and InMemoryTenantLifecycleStore:
// each runs under the tenant's lock, like every write of this store.
public sealed partial class InMemoryBookingStore
{
    private readonly Dictionary<Guid, DateTimeOffset> _closedUntil = [];

    private bool IsClosed(Guid tenantId)
    {
        lock (_tenantsLock)
        {
            return _closedUntil.ContainsKey(tenantId);
        }
    }

    internal IReadOnlyList<CustomerSummary> ListCustomers(CustomerQuery query) =>
        Query(query.TenantId, d => (IReadOnlyList<CustomerSummary>)[.. d.Bookings.Values
            .Where(CustomerSummary.IsCustomerBooking)
            .GroupBy(b => CustomerSummary.Key(b.Customer.Email), StringComparer.Ordinal)
            .Where(g => (query.After is null || string.CompareOrdinal(g.Key, query.After) > 0)
                && (query.Search is null || g.Any(b => CustomerSummary.Matches(b, query.Search))))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Take(query.Limit)
            .Select(g => CustomerSummary.Of([.. g]))]) ?? [];

    internal (CustomerSummary Customer, IReadOnlyList<Booking> Bookings)? FindCustomer(Guid tenantId, string email) =>
        Query(tenantId, d => CustomerBookings(d, email) is { Count: > 0 } bookings
            ? (CustomerSummary.Of(bookings), bookings)
            : ((CustomerSummary, IReadOnlyList<Booking>)?)null);

    internal CustomerExport? ExportCustomer(Guid tenantId, string email, DateTimeOffset now, InMemoryNotificationStore notifications) =>
        Write(tenantId, d =>
        {
            var bookings = CustomerBookings(d, email);
            if (bookings.Count == 0)
            {
                return null;
            }

            var ids = bookings.Select(b => b.Id).ToHashSet();
            var export = new CustomerExport(
                CustomerSummary.Of(bookings), bookings, _auditLog.ListAbout(tenantId, ids), notifications.ListForBookings(tenantId, ids));
            _auditLog.Append(CustomerAudit.Exported(tenantId, [.. ids], now));
            return export;
        });

    internal CustomerErasure? EraseCustomer(Guid tenantId, string email, DateTimeOffset now, InMemoryNotificationStore notifications) =>
        Write(tenantId, d =>
        {
            var bookings = CustomerBookings(d, email);
            if (bookings.Count == 0)
            {
                return null;
            }

            var erasureId = Guid.CreateVersion7(now);
            var placeholder = CustomerErasure.PlaceholderFor(erasureId);
            var ids = bookings.Select(b => b.Id).ToHashSet();
            foreach (var b in bookings)
            {
                d.Bookings[b.Id] = CustomerErasure.Erase(b, placeholder);
            }

            foreach (var (key, (record, expiresAt)) in d.Idempotency.ToList())
            {
                if (record.Response.Contains(email, StringComparison.OrdinalIgnoreCase))
                {
                    d.Idempotency[key] = (record with { Response = CustomerErasure.Scrub(record.Response, email, placeholder) }, expiresAt);
                }
            }

            _auditLog.Rewrite(tenantId, ids, e => e with
            {
                Before = e.Before is null ? null : CustomerErasure.Scrub(e.Before, email, placeholder),
                After = e.After is null ? null : CustomerErasure.Scrub(e.After, email, placeholder),
            });
            notifications.EraseForBookings(tenantId, ids);
            var erasure = new CustomerErasure(erasureId, placeholder, [.. ids.Order()]);
            _auditLog.Append(CustomerAudit.Erased(tenantId, erasure, now));
            return erasure;
        });

    /// <summary>Closes the tenant: it no longer resolves, and is purged after <paramref name="purgeAfter"/>. False when there is no open tenant.</summary>
    internal bool CloseTenant(Guid tenantId, DateTimeOffset now, DateTimeOffset purgeAfter)
    {
        if (Data(tenantId) is not { } d)
        {
            return false;
        }

        lock (d.Gate)
        {
            lock (_tenantsLock)
            {
                if (!_closedUntil.TryAdd(tenantId, purgeAfter))
                {
                    return false;
                }
            }

            _auditLog.Append(TenantLifecycle.ClosedEntry(tenantId, now, purgeAfter));
            return true;
        }
    }

    /// <summary>Removes every trace of the tenants whose retention ended by <paramref name="now"/>; their slugs are free again.</summary>
    internal IReadOnlyList<Guid> PurgeClosedTenants(DateTimeOffset now, int limit, InMemoryNotificationStore notifications)
    {
        List<Guid> due;
        lock (_tenantsLock)
        {
            due = [.. _closedUntil.Where(p => p.Value <= now).OrderBy(p => p.Value).Take(limit).Select(p => p.Key)];
        }

        foreach (var tenantId in due)
        {
            (_users as InMemoryUserStore)?.RemoveTenant(tenantId);
            _auditLog.RemoveTenant(tenantId);
            notifications.RemoveTenant(tenantId);
            lock (_tenantsLock)
            {
                if (_tenants.Remove(tenantId, out var d))
                {
                    _slugs.Remove(d.Tenant.Slug);
                }

                _closedUntil.Remove(tenantId);
            }
        }

        return due;
    }

    private static List<Booking> CustomerBookings(TenantData d, string email)
    {
        var key = CustomerSummary.Key(email);
        return [.. d.Bookings.Values
            .Where(b => CustomerSummary.IsCustomerBooking(b) && CustomerSummary.Key(b.Customer.Email) == key)
            .OrderByDescending(b => b.Start).ThenByDescending(b => b.Id)];
    }
}

/// <summary>The in-memory <see cref="ICustomerStore"/>: the booking store's customers, with its audit log and the notification queue.</summary>
internal sealed class InMemoryCustomerStore(InMemoryBookingStore bookings, InMemoryNotificationStore notifications) : ICustomerStore
{
    public Task<IReadOnlyList<CustomerSummary>> ListCustomersAsync(CustomerQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Task.FromResult(bookings.ListCustomers(query));
    }

    public Task<(CustomerSummary Customer, IReadOnlyList<Booking> Bookings)?> FindCustomerAsync(Guid tenantId, string email, CancellationToken cancellationToken) =>
        Task.FromResult(bookings.FindCustomer(tenantId, email));

    public Task<CustomerExport?> ExportCustomerAsync(Guid tenantId, string email, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(bookings.ExportCustomer(tenantId, email, now, notifications));

    public Task<CustomerErasure?> EraseCustomerAsync(Guid tenantId, string email, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(bookings.EraseCustomer(tenantId, email, now, notifications));
}

/// <summary>The in-memory <see cref="ITenantLifecycleStore"/>.</summary>
internal sealed class InMemoryTenantLifecycleStore(InMemoryBookingStore bookings, InMemoryNotificationStore notifications) : ITenantLifecycleStore
{
    public Task<bool> CloseTenantAsync(Guid tenantId, DateTimeOffset now, DateTimeOffset purgeAfter, CancellationToken cancellationToken) =>
        Task.FromResult(bookings.CloseTenant(tenantId, now, purgeAfter));

    public Task<IReadOnlyList<Guid>> PurgeClosedTenantsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(bookings.PurgeClosedTenants(now, limit, notifications));
}
