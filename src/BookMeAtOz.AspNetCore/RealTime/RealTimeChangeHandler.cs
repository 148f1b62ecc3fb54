using BookMeAtOz.AspNetCore.Caching;
using BookMeAtOz.Changes;
using BookMeAtOz.Contracts;
using BookMeAtOz.Persistence;
using BookMeAtOz.Scheduling;
using Microsoft.AspNetCore.SignalR;
using NodaTime;

namespace BookMeAtOz.AspNetCore.RealTime;

/// <summary>
/// Turns committed changes into hub events. A change to a staff member's time (a booking, time off, hours) alters
/// what every service they perform offers, so each such service's subscribers hear of it; a service change reaches
/// that service's; a tenant change (its policy) all of them. Booking changes also go to the tenant's admins and to the
/// staff member concerned. Instants are given in the tenant's time zone. A booking of a collective service occupies several
/// staff members: the services of every staff member of that service hear of it, and its booking event goes to each staff
/// member who serves it (read from the store: the change names only the first).
/// </summary>
internal sealed class RealTimeChangeHandler(IHubContext<AvailabilityHub> hub, CatalogCache catalog, IBookingStore store) : IChangeSubscriber
{
    public async Task HandleAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken)
    {
        foreach (var tenantChanges in changes.GroupBy(c => c.TenantId))
        {
            var tenantId = tenantChanges.Key;
            var tenant = await catalog.FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
            if (tenant is null)
            {
                continue;
            }

            var zone = TimeZones.Get(tenant.TimeZone);
            var services = await catalog.ListServicesAsync(tenantId, cancellationToken).ConfigureAwait(false);
            var sends = new List<Task>();
            foreach (var change in tenantChanges)
            {
                foreach (var (serviceId, message) in AvailabilityMessages(change, services, zone))
                {
                    sends.Add(hub.Clients.Group(HubGroups.Service(tenantId, serviceId)).SendAsync(RealTimeNames.AvailabilityChanged, message, cancellationToken));
                }

                if (change is { Type: ChangeTypes.WaitlistOffered, WaitlistEntryId: { } entryId, BookingId: { } holdId, ServiceId: { } offeredService })
                {
                    sends.Add(hub.Clients.Group(HubGroups.Admins(tenantId)).SendAsync(RealTimeNames.WaitlistOffered,
                        new WaitlistOfferedEvent(entryId, holdId, offeredService, change.StaffId, InZone(change.Start, zone), InZone(change.End, zone),
                            InZone(change.ExpiresAt, zone)), cancellationToken));
                }

                if (change is { IsBooking: true, BookingId: { } bookingId })
                {
                    var groups = new List<string> { HubGroups.Admins(tenantId) };
                    if (change.StaffId is { } staffId)
                    {
                        groups.Add(HubGroups.Staff(tenantId, staffId));
                    }

                    if (change.PreviousStaffId is { } previous && previous != change.StaffId)
                    {
                        groups.Add(HubGroups.Staff(tenantId, previous));
                    }

                    if (services.FirstOrDefault(s => s.Id == change.ServiceId) is { IsCollective: true }
                        && await store.FindBookingAsync(tenantId, bookingId, cancellationToken).ConfigureAwait(false) is { } booking)
                    {
                        groups.AddRange(booking.AdditionalStaffIds.Select(id => HubGroups.Staff(tenantId, id)));
                    }

                    sends.Add(hub.Clients.Groups(groups).SendAsync(
                        RealTimeNames.BookingChanged, new BookingChangedEvent(bookingId, change.Status ?? "confirmed"), cancellationToken));
                }
            }

            await Task.WhenAll(sends).ConfigureAwait(false);
        }
    }

    private static IEnumerable<(Guid ServiceId, AvailabilityChangedEvent Message)> AvailabilityMessages(
        ChangeEvent change, IReadOnlyList<Service> services, DateTimeZone zone)
    {
        switch (change.Type)
        {
            case ChangeTypes.ServiceCreated or ChangeTypes.ServiceUpdated or ChangeTypes.ServiceDeleted when change.ServiceId is { } serviceId:
                yield return (serviceId, new AvailabilityChangedEvent(serviceId, null, null, null));
                break;
            case ChangeTypes.ResourceChanged when change.ResourceId is { } resourceId:
                foreach (var service in services.Where(s => s.Resources.Any(r => r.ResourceId == resourceId)))
                {
                    yield return (service.Id, new AvailabilityChangedEvent(service.Id, null, null, null));
                }

                break;
            case ChangeTypes.TenantUpdated or ChangeTypes.ClosuresChanged:
                foreach (var service in services)
                {
                    yield return (service.Id, new AvailabilityChangedEvent(service.Id, null, null, null));
                }

                break;
            default:
                if (change.StaffId is not { } staffId)
                {
                    break;
                }

                var affected = services.Where(s => s.StaffIds.Contains(staffId)).Select(s => s.Id).ToHashSet();
                if (change.ServiceId is { } own)
                {
                    affected.Add(own);

                    // A collective booking also takes (or gives back) the time of staff the change does not name: every
                    // service of any of the collective service's staff may change.
                    if (services.FirstOrDefault(s => s.Id == own) is { IsCollective: true } collective)
                    {
                        foreach (var service in services.Where(s => s.Id != own && s.StaffIds.Any(collective.StaffIds.Contains)))
                        {
                            yield return (service.Id, new AvailabilityChangedEvent(service.Id, null, InZone(change.Start, zone), InZone(change.End, zone)));
                        }
                    }

                    // A booking's units of a resource are taken from (or given back to) every service requiring it.
                    if (services.FirstOrDefault(s => s.Id == own) is { Resources.Count: > 0 } booked)
                    {
                        affected.UnionWith(services
                            .Where(s => s.Resources.Any(r => booked.Resources.Any(b => b.ResourceId == r.ResourceId)))
                            .Select(s => s.Id));
                    }
                }

                foreach (var serviceId in affected)
                {
                    yield return (serviceId, new AvailabilityChangedEvent(serviceId, staffId, InZone(change.Start, zone), InZone(change.End, zone)));
                }

                if (change is { PreviousStaffId: { } previousStaff, PreviousStart: { } previousStart })
                {
                    var before = services.Where(s => s.StaffIds.Contains(previousStaff)).Select(s => s.Id).ToHashSet();
                    if (change.ServiceId is { } serviceOfBooking)
                    {
                        before.Add(serviceOfBooking);
                    }

                    foreach (var serviceId in before)
                    {
                        yield return (serviceId, new AvailabilityChangedEvent(serviceId, previousStaff, InZone(previousStart, zone), InZone(change.PreviousEnd, zone)));
                    }
                }

                break;
        }
    }

    private static DateTimeOffset? InZone(DateTimeOffset? instant, DateTimeZone zone) =>
        instant is { } i ? Instant.FromDateTimeOffset(i).InZone(zone).ToDateTimeOffset() : null;
}
