using BookMeAtOz.Persistence;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Validation;

namespace BookMeAtOz.Catalog;

/// <summary>
/// Manages what a tenant offers: services, staff, their schedules and time off. Every write is validated
/// in full (all field errors at once) and every id is checked to belong to the tenant; creates past the tenant's caps
/// (<see cref="CatalogLimitsOptions"/>) are refused with <c>quota_exceeded</c>.
/// </summary>
/// <param name="store">Where the catalog lives.</param>
/// <param name="limits">The per-tenant caps.</param>
public sealed class CatalogService(IBookingStore store, CatalogLimitsOptions limits)
{
    private readonly CatalogLimitsOptions _limits = limits ?? throw new ArgumentNullException(nameof(limits));

    /// <summary>A catalog service with the default caps.</summary>
    /// <param name="store">Where the catalog lives.</param>
    public CatalogService(IBookingStore store)
        : this(store, new CatalogLimitsOptions())
    {
    }

    /// <summary>The tenant's services, by name; only active ones unless <paramref name="includeInactive"/>.</summary>
    public async Task<IReadOnlyList<Service>> ListServicesAsync(Guid tenantId, bool includeInactive, CancellationToken cancellationToken)
    {
        var services = await store.ListServicesAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return includeInactive ? services : [.. services.Where(s => s.Active)];
    }

    /// <summary>A service of the tenant.</summary>
    /// <exception cref="NotFoundException">It does not exist.</exception>
    public async Task<Service> GetServiceAsync(Guid tenantId, Guid serviceId, CancellationToken cancellationToken) =>
        await store.FindServiceAsync(tenantId, serviceId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("service");

    /// <summary>Adds a service; its staff must be staff members of the tenant.</summary>
    /// <exception cref="BookMeAtOzValidationException">A field is invalid or a staff id unknown.</exception>
    /// <exception cref="BookMeAtOzException"><c>quota_exceeded</c>: the tenant has as many services as it may, or the service lists more staff than one may.</exception>
    public Task<Service> CreateServiceAsync(Service service, CancellationToken cancellationToken) =>
        CreateServiceAsync(service, new ValidationErrors(), cancellationToken);

    /// <summary>
    /// Adds a service, reporting its field errors together with <paramref name="errors"/> already found by the
    /// caller (for example while parsing the request), so the client learns them all at once.
    /// </summary>
    /// <exception cref="BookMeAtOzValidationException">A field is invalid or a staff id unknown.</exception>
    /// <exception cref="BookMeAtOzException"><c>quota_exceeded</c>: the tenant has as many services as it may, or the service lists more staff than one may.</exception>
    public async Task<Service> CreateServiceAsync(Service service, ValidationErrors errors, CancellationToken cancellationToken)
    {
        await ValidateAsync(service, errors, cancellationToken).ConfigureAwait(false);
        if (!await store.TryCreateServiceAsync(service, _limits.MaxServices, cancellationToken).ConfigureAwait(false))
        {
            throw new BookMeAtOzException(
                ErrorCodes.QuotaExceeded, $"A business can have at most {_limits.MaxServices} services; delete one before adding another.");
        }

        return service;
    }

    /// <summary>Replaces a service.</summary>
    /// <exception cref="BookMeAtOzValidationException">A field is invalid or a staff id unknown.</exception>
    /// <exception cref="NotFoundException">It does not exist.</exception>
    public Task<Service> UpdateServiceAsync(Service service, CancellationToken cancellationToken) =>
        UpdateServiceAsync(service, new ValidationErrors(), cancellationToken);

    /// <summary>Replaces a service, reporting its field errors together with <paramref name="errors"/> already found by the caller.</summary>
    /// <exception cref="BookMeAtOzValidationException">A field is invalid or a staff id unknown.</exception>
    /// <exception cref="BookMeAtOzException"><c>quota_exceeded</c>: the service lists more staff than one may.</exception>
    /// <exception cref="NotFoundException">It does not exist.</exception>
    public async Task<Service> UpdateServiceAsync(Service service, ValidationErrors errors, CancellationToken cancellationToken)
    {
        await ValidateAsync(service, errors, cancellationToken).ConfigureAwait(false);
        if (!await store.UpdateServiceAsync(service, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException("service");
        }

        return service;
    }

    /// <summary>Deletes a service; its bookings stay.</summary>
    /// <exception cref="NotFoundException">It does not exist.</exception>
    public async Task DeleteServiceAsync(Guid tenantId, Guid serviceId, CancellationToken cancellationToken)
    {
        if (!await store.DeleteServiceAsync(tenantId, serviceId, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException("service");
        }
    }

    /// <summary>The tenant's staff, by name.</summary>
    public Task<IReadOnlyList<StaffMember>> ListStaffAsync(Guid tenantId, CancellationToken cancellationToken) =>
        store.ListStaffAsync(tenantId, cancellationToken);

    /// <summary>A staff member of the tenant.</summary>
    /// <exception cref="NotFoundException">They do not exist.</exception>
    public async Task<StaffMember> GetStaffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        await store.FindStaffAsync(tenantId, staffId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("staff member");

    /// <summary>Adds a staff member with an empty schedule.</summary>
    /// <exception cref="BookMeAtOzValidationException">A field is invalid.</exception>
    /// <exception cref="BookMeAtOzException"><c>quota_exceeded</c>: the tenant has as many staff members as it may.</exception>
    public async Task<StaffMember> CreateStaffAsync(StaffMember staff, CancellationToken cancellationToken)
    {
        Validate(staff);
        if (!await store.TryCreateStaffAsync(staff, _limits.MaxStaff, cancellationToken).ConfigureAwait(false))
        {
            throw new BookMeAtOzException(
                ErrorCodes.QuotaExceeded, $"A business can have at most {_limits.MaxStaff} staff members; delete one before adding another.");
        }

        return staff;
    }

    /// <summary>Replaces a staff member.</summary>
    /// <exception cref="BookMeAtOzValidationException">A field is invalid.</exception>
    /// <exception cref="NotFoundException">They do not exist.</exception>
    public async Task<StaffMember> UpdateStaffAsync(StaffMember staff, CancellationToken cancellationToken)
    {
        Validate(staff);
        if (!await store.UpdateStaffAsync(staff, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException("staff member");
        }

        return staff;
    }

    /// <summary>Deletes a staff member and takes them off every service; their bookings stay.</summary>
    /// <exception cref="NotFoundException">They do not exist.</exception>
    public async Task DeleteStaffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken)
    {
        if (!await store.DeleteStaffAsync(tenantId, staffId, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException("staff member");
        }

        foreach (var service in await store.ListServicesAsync(tenantId, cancellationToken).ConfigureAwait(false))
        {
            if (service.StaffIds.Contains(staffId))
            {
                await store.UpdateServiceAsync(service with { StaffIds = [.. service.StaffIds.Where(id => id != staffId)] }, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    /// <summary>A staff member's schedule (empty if never set).</summary>
    /// <exception cref="NotFoundException">They do not exist.</exception>
    public async Task<StaffSchedule> GetScheduleAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        await store.GetScheduleAsync(tenantId, staffId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("staff member");

    /// <summary>Replaces a staff member's schedule.</summary>
    /// <exception cref="BookMeAtOzValidationException">Intervals are invalid or overlap, or a date repeats.</exception>
    /// <exception cref="NotFoundException">They do not exist.</exception>
    public async Task<StaffSchedule> SetScheduleAsync(Guid tenantId, Guid staffId, StaffSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var errors = new ValidationErrors();
        schedule.Validate(errors);
        errors.ThrowIfAny();
        if (!await store.SetScheduleAsync(tenantId, staffId, schedule, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException("staff member");
        }

        return schedule;
    }

    /// <summary>A staff member's time off, by start.</summary>
    /// <exception cref="NotFoundException">They do not exist.</exception>
    public async Task<IReadOnlyList<TimeOff>> ListTimeOffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken)
    {
        await GetStaffAsync(tenantId, staffId, cancellationToken).ConfigureAwait(false);
        return await store.ListTimeOffAsync(tenantId, staffId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds time off.</summary>
    /// <exception cref="BookMeAtOzValidationException">The range is invalid.</exception>
    /// <exception cref="NotFoundException">The staff member does not exist.</exception>
    public async Task<TimeOff> AddTimeOffAsync(TimeOff timeOff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeOff);
        var errors = new ValidationErrors();
        timeOff.Validate(errors);
        errors.ThrowIfAny();
        if (!await store.AddTimeOffAsync(timeOff, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException("staff member");
        }

        return timeOff;
    }

    /// <summary>Removes time off.</summary>
    /// <exception cref="NotFoundException">It does not exist.</exception>
    public async Task DeleteTimeOffAsync(Guid tenantId, Guid staffId, Guid timeOffId, CancellationToken cancellationToken)
    {
        if (!await store.DeleteTimeOffAsync(tenantId, staffId, timeOffId, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException("time off");
        }
    }

    /// <summary>The tenant's closures, by first date.</summary>
    public Task<IReadOnlyList<Closure>> ListClosuresAsync(Guid tenantId, CancellationToken cancellationToken) =>
        store.ListClosuresAsync(tenantId, cancellationToken);

    /// <summary>
    /// Adds a tenant-wide closure. Bookings already made on its dates are not cancelled: the answer lists the first
    /// <paramref name="maxAffected"/> of them (active, by start) so that an admin can act.
    /// </summary>
    /// <param name="closure">The closure.</param>
    /// <param name="timeZone">The tenant's zone, which the closure's dates are in.</param>
    /// <param name="maxAffected">How many affected bookings to list at most.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="BookMeAtOzValidationException">A field is invalid.</exception>
    /// <exception cref="BookMeAtOzException"><c>quota_exceeded</c>: the tenant has <see cref="Closure.MaxPerTenant"/> closures.</exception>
    public async Task<ClosureAdded> AddClosureAsync(Closure closure, string timeZone, int maxAffected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closure);
        var errors = new ValidationErrors();
        closure.Validate(errors);
        errors.ThrowIfAny();
        if (!await store.TryAddClosureAsync(closure, Closure.MaxPerTenant, cancellationToken).ConfigureAwait(false))
        {
            throw new BookMeAtOzException(
                ErrorCodes.QuotaExceeded, $"A business can have at most {Closure.MaxPerTenant} closures; delete one before adding another.");
        }

        var (from, to) = closure.Range(timeZone);
        var affected = await store.ListBookingsAsync(
            new BookingQuery(closure.TenantId, from, to, null, Bookings.BookingStatus.Confirmed, null, maxAffected + 1), cancellationToken).ConfigureAwait(false);
        return new ClosureAdded(closure, [.. affected.Take(maxAffected)], affected.Count > maxAffected);
    }

    /// <summary>Removes a closure.</summary>
    /// <exception cref="NotFoundException">It does not exist.</exception>
    public async Task DeleteClosureAsync(Guid tenantId, Guid closureId, CancellationToken cancellationToken)
    {
        if (!await store.DeleteClosureAsync(tenantId, closureId, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException("closure");
        }
    }

    /// <summary>The tenant's resources, by name.</summary>
    public Task<IReadOnlyList<Resource>> ListResourcesAsync(Guid tenantId, CancellationToken cancellationToken) =>
        store.ListResourcesAsync(tenantId, cancellationToken);

    /// <summary>A resource of the tenant.</summary>
    /// <exception cref="NotFoundException">It does not exist.</exception>
    public async Task<Resource> GetResourceAsync(Guid tenantId, Guid resourceId, CancellationToken cancellationToken) =>
        await store.FindResourceAsync(tenantId, resourceId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("resource");

    /// <summary>Adds a resource.</summary>
    /// <exception cref="BookMeAtOzValidationException">A field is invalid.</exception>
    /// <exception cref="BookMeAtOzException"><c>quota_exceeded</c>: the tenant has <see cref="Resource.MaxPerTenant"/> resources.</exception>
    public async Task<Resource> CreateResourceAsync(Resource resource, CancellationToken cancellationToken)
    {
        Validate(resource);
        if (!await store.TryCreateResourceAsync(resource, Resource.MaxPerTenant, cancellationToken).ConfigureAwait(false))
        {
            throw new BookMeAtOzException(
                ErrorCodes.QuotaExceeded, $"A business can have at most {Resource.MaxPerTenant} resources; delete one before adding another.");
        }

        return resource;
    }

    /// <summary>
    /// Replaces a resource. Its quantity may not go below the units a service requires, nor go down at all while an active
    /// booking that has not ended uses it.
    /// </summary>
    /// <exception cref="BookMeAtOzValidationException">A field is invalid, or a service requires more units than the new quantity.</exception>
    /// <exception cref="BookMeAtOzException"><c>conflict</c>: bookings use the resource and the quantity goes down.</exception>
    /// <exception cref="NotFoundException">It does not exist.</exception>
    public async Task<Resource> UpdateResourceAsync(Resource resource, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var errors = new ValidationErrors();
        resource.Validate(errors);
        if (errors.IsEmpty)
        {
            var services = await store.ListServicesAsync(resource.TenantId, cancellationToken).ConfigureAwait(false);
            var most = services.SelectMany(s => s.Resources).Where(r => r.ResourceId == resource.Id).Select(r => r.Units).DefaultIfEmpty(0).Max();
            errors.Require(resource.Quantity >= most, "quantity", $"A service requires {most} units of this resource.");
        }

        errors.ThrowIfAny();
        switch (await store.UpdateResourceAsync(resource, now, cancellationToken).ConfigureAwait(false))
        {
            case ResourceWrite.NotFound:
                throw new NotFoundException("resource");
            case ResourceWrite.InUse:
                throw new BookMeAtOzException(
                    ErrorCodes.Conflict, "Bookings that have not ended use this resource: its quantity cannot go down until they end or are cancelled.");
            default:
                return resource;
        }
    }

    /// <summary>Deletes a resource; bookings made keep the units they took.</summary>
    /// <exception cref="BookMeAtOzException"><c>conflict</c>: a service requires it.</exception>
    /// <exception cref="NotFoundException">It does not exist.</exception>
    public async Task DeleteResourceAsync(Guid tenantId, Guid resourceId, CancellationToken cancellationToken)
    {
        switch (await store.DeleteResourceAsync(tenantId, resourceId, cancellationToken).ConfigureAwait(false))
        {
            case ResourceWrite.NotFound:
                throw new NotFoundException("resource");
            case ResourceWrite.InUse:
                throw new BookMeAtOzException(ErrorCodes.Conflict, "A service requires this resource: remove it from the service first.");
        }
    }

    private static void Validate(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var errors = new ValidationErrors();
        resource.Validate(errors);
        errors.ThrowIfAny();
    }

    private static void Validate(StaffMember staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var errors = new ValidationErrors();
        staff.Validate(errors);
        errors.ThrowIfAny();
    }

    private async Task ValidateAsync(Service service, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(errors);
        service.Validate(errors);
        if (service.StaffIds is { Count: > 0 })
        {
            var known = (await store.ListStaffAsync(service.TenantId, cancellationToken).ConfigureAwait(false)).Select(s => s.Id).ToHashSet();
            for (var i = 0; i < service.StaffIds.Count; i++)
            {
                errors.Require(known.Contains(service.StaffIds[i]), $"staffIds[{i}]", "Is not a staff member of this tenant.");
            }
        }

        if (service.Resources is { Count: > 0 and <= ResourceRequirement.MaxPerService })
        {
            var resources = (await store.ListResourcesAsync(service.TenantId, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Id);
            for (var i = 0; i < service.Resources.Count; i++)
            {
                if (service.Resources[i] is not { } need || need.ResourceId == Guid.Empty)
                {
                    continue;
                }

                if (!resources.TryGetValue(need.ResourceId, out var resource))
                {
                    errors.Add($"resources[{i}].resourceId", "Is not a resource of this tenant.");
                }
                else
                {
                    errors.Require(need.Units <= resource.Quantity, $"resources[{i}].units", $"The resource has {resource.Quantity} units.");
                }
            }
        }

        errors.ThrowIfAny();
        if (service.StaffIds.Count > _limits.MaxStaffPerService)
        {
            throw new BookMeAtOzException(
                ErrorCodes.QuotaExceeded, $"A service can list at most {_limits.MaxStaffPerService} staff members.");
        }
    }
}

/// <summary>A closure just added, with the active bookings already made on its dates.</summary>
/// <param name="Closure">The closure.</param>
/// <param name="AffectedBookings">Active bookings starting on its dates, by start (at most the number asked for).</param>
/// <param name="MoreAffected">Whether more bookings are affected than listed.</param>
public sealed record ClosureAdded(Closure Closure, IReadOnlyList<Bookings.Booking> AffectedBookings, bool MoreAffected);
