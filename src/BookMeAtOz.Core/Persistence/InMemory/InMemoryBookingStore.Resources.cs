using BookMeAtOz.Audit;
using BookMeAtOz.Bookings;
using BookMeAtOz.Scheduling;

namespace BookMeAtOz.Persistence.InMemory;

// Resources (product specification §10.1). A booking of a service that requires resources claims the service's units when
// it is added (booked, held or moved), under the tenant's lock; Fits refuses it when any required resource would have
// more units in use than exist at some instant of its blocked range. A booking stops using its units when it stops
// occupying time (cancelled, declined, expired, no-show, or a lapsed hold), like its staff member's time.
public sealed partial class InMemoryBookingStore
{
    /// <inheritdoc />
    public Task<bool> TryCreateResourceAsync(Resource resource, int maxResources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Task.FromResult(Write(resource.TenantId, d =>
            d.Resources.Count < maxResources && (d.Resources.TryAdd(resource.Id, resource) ? true : throw Duplicate("resource"))
            && RecordCatalog(resource.TenantId, CatalogAudit.ResourceEntity, resource.Id, AuditActions.ResourceCreated, null, CatalogAudit.Snapshot(resource)),
            mustExist: true));
    }

    /// <inheritdoc />
    public Task<Resource?> FindResourceAsync(Guid tenantId, Guid resourceId, CancellationToken cancellationToken) =>
        Task.FromResult(Query(tenantId, d => d.Resources.GetValueOrDefault(resourceId)));

    /// <inheritdoc />
    public Task<IReadOnlyList<Resource>> ListResourcesAsync(Guid tenantId, CancellationToken cancellationToken) =>
        Task.FromResult(Query(tenantId, d => (IReadOnlyList<Resource>)[.. d.Resources.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Id)]) ?? []);

    /// <inheritdoc />
    public Task<ResourceWrite> UpdateResourceAsync(Resource resource, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Task.FromResult(Data(resource.TenantId) is null ? ResourceWrite.NotFound : Write(resource.TenantId, d =>
        {
            if (!d.Resources.TryGetValue(resource.Id, out var before))
            {
                return ResourceWrite.NotFound;
            }

            if (resource.Quantity < before.Quantity && ClaimsOf(d, resource.Id, now).Any(c => c.Booking.BlockedEnd > now))
            {
                return ResourceWrite.InUse;
            }

            d.Resources[resource.Id] = resource;
            RecordCatalog(resource.TenantId, CatalogAudit.ResourceEntity, resource.Id, AuditActions.ResourceUpdated, CatalogAudit.Snapshot(before), CatalogAudit.Snapshot(resource));
            return ResourceWrite.Done;
        }));
    }

    /// <inheritdoc />
    public Task<ResourceWrite> DeleteResourceAsync(Guid tenantId, Guid resourceId, CancellationToken cancellationToken) =>
        Task.FromResult(Data(tenantId) is null ? ResourceWrite.NotFound : Write(tenantId, d =>
        {
            if (!d.Resources.TryGetValue(resourceId, out var before))
            {
                return ResourceWrite.NotFound;
            }

            if (d.Services.Values.Any(s => s.Resources.Any(r => r.ResourceId == resourceId)))
            {
                return ResourceWrite.InUse;
            }

            d.Resources.Remove(resourceId);
            RecordCatalog(tenantId, CatalogAudit.ResourceEntity, resourceId, AuditActions.ResourceDeleted, CatalogAudit.Snapshot(before), null);
            return ResourceWrite.Done;
        }));

    /// <inheritdoc />
    public Task<IReadOnlyList<ResourceAvailability>> LoadResourceAvailabilityAsync(
        Guid tenantId, IReadOnlyList<Guid> resourceIds, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, ReadFrom readFrom,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resourceIds);
        var now = timeProvider.GetUtcNow();
        return Task.FromResult(Query(tenantId, d =>
        {
            var result = new List<ResourceAvailability>(resourceIds.Count);
            foreach (var id in resourceIds.Distinct())
            {
                if (d.Resources.TryGetValue(id, out var resource))
                {
                    result.Add(new ResourceAvailability(resource, [.. ClaimsOf(d, id, now)
                        .Where(c => c.Booking.BlockedStart < rangeEnd && c.Booking.BlockedEnd > rangeStart)
                        .Select(c => new ResourceUse(c.Booking.BlockedStart, c.Booking.BlockedEnd, c.Units, c.Booking.Id))]));
                }
            }

            return (IReadOnlyList<ResourceAvailability>)result;
        }) ?? []);
    }

    /// <summary>Whether every resource the candidate's service requires has enough units free over its whole blocked range.</summary>
    private static bool ResourcesFit(TenantData d, Booking candidate, Guid? ignoreBookingId, DateTimeOffset now)
    {
        if (!d.Services.TryGetValue(candidate.ServiceId, out var service) || service.Resources.Count == 0)
        {
            return true;
        }

        foreach (var need in service.Resources)
        {
            if (!d.Resources.TryGetValue(need.ResourceId, out var resource) || !resource.Active || need.Units > resource.Quantity)
            {
                return false;
            }

            var changes = new List<(DateTimeOffset At, int Delta)>();
            foreach (var (booking, units) in ClaimsOf(d, need.ResourceId, now))
            {
                if (booking.Id != ignoreBookingId && booking.BlockedStart < candidate.BlockedEnd && booking.BlockedEnd > candidate.BlockedStart)
                {
                    changes.Add((booking.BlockedStart, units));
                    changes.Add((booking.BlockedEnd, -units));
                }
            }

            // Ends before starts at the same instant: ranges are half-open.
            changes.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Delta.CompareTo(b.Delta));
            var level = 0;
            foreach (var change in changes)
            {
                level += change.Delta;
                if (level + need.Units > resource.Quantity)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Records the units the booking's service requires now as the booking's (replacing what it held).</summary>
    private static void Claim(TenantData d, Booking booking)
    {
        if (d.Services.TryGetValue(booking.ServiceId, out var service) && service.Resources.Count > 0)
        {
            d.Claims[booking.Id] = service.Resources;
        }
        else
        {
            d.Claims.Remove(booking.Id);
        }
    }

    /// <summary>The units of the resource that bookings occupying time at <paramref name="now"/> use.</summary>
    private static IEnumerable<(Booking Booking, int Units)> ClaimsOf(TenantData d, Guid resourceId, DateTimeOffset now)
    {
        foreach (var (bookingId, claims) in d.Claims)
        {
            if (d.Bookings.TryGetValue(bookingId, out var booking) && booking.OccupiesAt(now))
            {
                foreach (var claim in claims)
                {
                    if (claim.ResourceId == resourceId)
                    {
                        yield return (booking, claim.Units);
                    }
                }
            }
        }
    }
}
