using BookMeAtOz.Audit;
using BookMeAtOz.Auth;
using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;

namespace BookMeAtOz.Changes;

/// <summary>
/// The store as the booking, catalog and tenant services use it: every call goes to the real store, and every write
/// that succeeded is reported to the <see cref="IChangeSink"/> with what changed. A write that failed (or changed
/// nothing) reports nothing. Reads pass straight through: nothing here caches.
/// </summary>
internal sealed class ChangeTrackingBookingStore(IBookingStore inner, IChangeSink sink) : IBookingStore
{
    public IBookingStore Inner { get; } = inner;

    public Task CreateTenantAsync(Tenant tenant, CancellationToken cancellationToken) => Inner.CreateTenantAsync(tenant, cancellationToken);

    public Task CreateTenantAsync(Tenant tenant, User owner, AuditEntry audit, CancellationToken cancellationToken) =>
        Inner.CreateTenantAsync(tenant, owner, audit, cancellationToken);

    public Task<Tenant?> FindTenantAsync(Guid tenantId, CancellationToken cancellationToken) => Inner.FindTenantAsync(tenantId, cancellationToken);

    public Task<Tenant?> FindTenantBySlugAsync(string slug, CancellationToken cancellationToken) => Inner.FindTenantBySlugAsync(slug, cancellationToken);

    public async Task<bool> UpdateTenantAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var changed = await Inner.UpdateTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        await ReportIfAsync(changed, new ChangeEvent(tenant.Id, ChangeTypes.TenantUpdated), cancellationToken).ConfigureAwait(false);
        return changed;
    }

    public async Task CreateServiceAsync(Service service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        await Inner.CreateServiceAsync(service, cancellationToken).ConfigureAwait(false);
        await ReportAsync(new ChangeEvent(service.TenantId, ChangeTypes.ServiceCreated, ServiceId: service.Id), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryCreateServiceAsync(Service service, int maxServices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        var created = await Inner.TryCreateServiceAsync(service, maxServices, cancellationToken).ConfigureAwait(false);
        await ReportIfAsync(created, new ChangeEvent(service.TenantId, ChangeTypes.ServiceCreated, ServiceId: service.Id), cancellationToken).ConfigureAwait(false);
        return created;
    }

    public Task<Service?> FindServiceAsync(Guid tenantId, Guid serviceId, CancellationToken cancellationToken) =>
        Inner.FindServiceAsync(tenantId, serviceId, cancellationToken);

    public Task<IReadOnlyList<Service>> ListServicesAsync(Guid tenantId, CancellationToken cancellationToken) =>
        Inner.ListServicesAsync(tenantId, cancellationToken);

    public async Task<bool> UpdateServiceAsync(Service service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        var changed = await Inner.UpdateServiceAsync(service, cancellationToken).ConfigureAwait(false);
        await ReportIfAsync(changed, new ChangeEvent(service.TenantId, ChangeTypes.ServiceUpdated, ServiceId: service.Id), cancellationToken).ConfigureAwait(false);
        return changed;
    }

    public async Task<bool> DeleteServiceAsync(Guid tenantId, Guid serviceId, CancellationToken cancellationToken)
    {
        var changed = await Inner.DeleteServiceAsync(tenantId, serviceId, cancellationToken).ConfigureAwait(false);
        await ReportIfAsync(changed, new ChangeEvent(tenantId, ChangeTypes.ServiceDeleted, ServiceId: serviceId), cancellationToken).ConfigureAwait(false);
        return changed;
    }

    public async Task CreateStaffAsync(StaffMember staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        await Inner.CreateStaffAsync(staff, cancellationToken).ConfigureAwait(false);
        await ReportAsync(new ChangeEvent(staff.TenantId, ChangeTypes.StaffCreated, StaffId: staff.Id), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryCreateStaffAsync(StaffMember staff, int maxStaff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var created = await Inner.TryCreateStaffAsync(staff, maxStaff, cancellationToken).ConfigureAwait(false);
        await ReportIfAsync(created, new ChangeEvent(staff.TenantId, ChangeTypes.StaffCreated, StaffId: staff.Id), cancellationToken).ConfigureAwait(false);
        return created;
    }

    public Task<StaffMember?> FindStaffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        Inner.FindStaffAsync(tenantId, staffId, cancellationToken);

    public Task<IReadOnlyList<StaffMember>> ListStaffAsync(Guid tenantId, CancellationToken cancellationToken) =>
        Inner.ListStaffAsync(tenantId, cancellationToken);

    public async Task<bool> UpdateStaffAsync(StaffMember staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var changed = await Inner.UpdateStaffAsync(staff, cancellationToken).ConfigureAwait(false);
        await ReportIfAsync(changed, new ChangeEvent(staff.TenantId, ChangeTypes.StaffUpdated, StaffId: staff.Id), cancellationToken).ConfigureAwait(false);
        return changed;
    }

    public async Task<bool> DeleteStaffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken)
    {
        var changed = await Inner.DeleteStaffAsync(tenantId, staffId, cancellationToken).ConfigureAwait(false);
        await ReportIfAsync(changed, new ChangeEvent(tenantId, ChangeTypes.StaffDeleted, StaffId: staffId), cancellationToken).ConfigureAwait(false);
        return changed;
    }

    public Task<StaffSchedule?> GetScheduleAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        Inner.GetScheduleAsync(tenantId, staffId, cancellationToken);

    public async Task<bool> SetScheduleAsync(Guid tenantId, Guid staffId, StaffSchedule schedule, CancellationToken cancellationToken)
    {
        var changed = await Inner.SetScheduleAsync(tenantId, staffId, schedule, cancellationToken).ConfigureAwait(false);
        await ReportIfAsync(changed, new ChangeEvent(tenantId, ChangeTypes.ScheduleChanged, StaffId: staffId), cancellationToken).ConfigureAwait(false);
        return changed;
    }

    public async Task<bool> AddTimeOffAsync(TimeOff timeOff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeOff);
        var changed = await Inner.AddTimeOffAsync(timeOff, cancellationToken).ConfigureAwait(false);
        await ReportIfAsync(changed, new ChangeEvent(timeOff.TenantId, ChangeTypes.TimeOffAdded, StaffId: timeOff.StaffId, Start: timeOff.Start, End: timeOff.End),
            cancellationToken).ConfigureAwait(false);
        return changed;
    }

    public Task<IReadOnlyList<TimeOff>> ListTimeOffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        Inner.ListTimeOffAsync(tenantId, staffId, cancellationToken);

    public async Task<bool> DeleteTimeOffAsync(Guid tenantId, Guid staffId, Guid timeOffId, CancellationToken cancellationToken)
    {
        TimeOff? before = null;
        if (sink.NeedsFullEvents)
        {
            before = (await Inner.ListTimeOffAsync(tenantId, staffId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(t => t.Id == timeOffId);
        }

        var changed = await Inner.DeleteTimeOffAsync(tenantId, staffId, timeOffId, cancellationToken).ConfigureAwait(false);
        await ReportIfAsync(changed, new ChangeEvent(tenantId, ChangeTypes.TimeOffDeleted, StaffId: staffId, Start: before?.Start, End: before?.End),
            cancellationToken).ConfigureAwait(false);
        return changed;
    }

    public Task<IReadOnlyList<StaffAvailability>> LoadAvailabilityAsync(
        Guid tenantId, IReadOnlyList<Guid> staffIds, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, ReadFrom readFrom, BusyDetail detail,
        CancellationToken cancellationToken) =>
        Inner.LoadAvailabilityAsync(tenantId, staffIds, rangeStart, rangeEnd, readFrom, detail, cancellationToken);

    public async Task<CreateBookingResult> CreateBookingAsync(CreateBookingCommand command, CancellationToken cancellationToken)
    {
        var result = await Inner.CreateBookingAsync(command, cancellationToken).ConfigureAwait(false);
        if (result.Booking is { } made)
        {
            var change = made.Status == BookingStatus.Held
                ? BookingEvent(ChangeTypes.HoldCreated, made)
                : await WithLocationAsync(BookingEvent(ChangeTypes.BookingCreated, made), cancellationToken).ConfigureAwait(false);
            await ReportAsync(change, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public async Task<CreateBookingResult> BookHoldAsync(BookHoldCommand command, CancellationToken cancellationToken)
    {
        var result = await Inner.BookHoldAsync(command, cancellationToken).ConfigureAwait(false);
        if (result.Booking is { } made)
        {
            await ReportAsync(await WithLocationAsync(BookingEvent(ChangeTypes.BookingCreated, made), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public async Task<Booking?> ReleaseHoldAsync(Guid tenantId, Guid holdId, CancellationToken cancellationToken)
    {
        var released = await Inner.ReleaseHoldAsync(tenantId, holdId, cancellationToken).ConfigureAwait(false);
        if (released is not null)
        {
            await ReportAsync(BookingEvent(ChangeTypes.HoldReleased, released), cancellationToken).ConfigureAwait(false);
        }

        return released;
    }

    public async Task<IReadOnlyList<Booking>> ExpireLapsedHoldsAsync(DateTimeOffset now, DateTimeOffset purgeBefore, int limit, CancellationToken cancellationToken)
    {
        var expired = await Inner.ExpireLapsedHoldsAsync(now, purgeBefore, limit, cancellationToken).ConfigureAwait(false);
        if (expired.Count > 0)
        {
            await sink.OnCommittedAsync([.. expired.Select(hold => BookingEvent(ChangeTypes.HoldReleased, hold))], cancellationToken).ConfigureAwait(false);
        }

        return expired;
    }

    public async Task<bool> TryAddClosureAsync(Closure closure, int maxClosures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closure);
        var added = await Inner.TryAddClosureAsync(closure, maxClosures, cancellationToken).ConfigureAwait(false);
        await ReportIfAsync(added, new ChangeEvent(closure.TenantId, ChangeTypes.ClosuresChanged), cancellationToken).ConfigureAwait(false);
        return added;
    }

    public Task<IReadOnlyList<Closure>> ListClosuresAsync(Guid tenantId, CancellationToken cancellationToken) =>
        Inner.ListClosuresAsync(tenantId, cancellationToken);

    public async Task<bool> DeleteClosureAsync(Guid tenantId, Guid closureId, CancellationToken cancellationToken)
    {
        var deleted = await Inner.DeleteClosureAsync(tenantId, closureId, cancellationToken).ConfigureAwait(false);
        await ReportIfAsync(deleted, new ChangeEvent(tenantId, ChangeTypes.ClosuresChanged), cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    public async Task<bool> TryCreateResourceAsync(Resource resource, int maxResources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var created = await Inner.TryCreateResourceAsync(resource, maxResources, cancellationToken).ConfigureAwait(false);
        await ReportIfAsync(created, ResourceEvent(resource.TenantId, resource.Id), cancellationToken).ConfigureAwait(false);
        return created;
    }

    public Task<Resource?> FindResourceAsync(Guid tenantId, Guid resourceId, CancellationToken cancellationToken) =>
        Inner.FindResourceAsync(tenantId, resourceId, cancellationToken);

    public Task<IReadOnlyList<Resource>> ListResourcesAsync(Guid tenantId, CancellationToken cancellationToken) =>
        Inner.ListResourcesAsync(tenantId, cancellationToken);

    public async Task<ResourceWrite> UpdateResourceAsync(Resource resource, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var written = await Inner.UpdateResourceAsync(resource, now, cancellationToken).ConfigureAwait(false);
        await ReportIfAsync(written == ResourceWrite.Done, ResourceEvent(resource.TenantId, resource.Id), cancellationToken).ConfigureAwait(false);
        return written;
    }

    public async Task<ResourceWrite> DeleteResourceAsync(Guid tenantId, Guid resourceId, CancellationToken cancellationToken)
    {
        var written = await Inner.DeleteResourceAsync(tenantId, resourceId, cancellationToken).ConfigureAwait(false);
        await ReportIfAsync(written == ResourceWrite.Done, ResourceEvent(tenantId, resourceId), cancellationToken).ConfigureAwait(false);
        return written;
    }

    public Task<IReadOnlyList<ResourceAvailability>> LoadResourceAvailabilityAsync(
        Guid tenantId, IReadOnlyList<Guid> resourceIds, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, ReadFrom readFrom,
        CancellationToken cancellationToken) =>
        Inner.LoadResourceAvailabilityAsync(tenantId, resourceIds, rangeStart, rangeEnd, readFrom, cancellationToken);

    private static ChangeEvent ResourceEvent(Guid tenantId, Guid resourceId) =>
        new(tenantId, ChangeTypes.ResourceChanged) { ResourceId = resourceId };

    public Task<IdempotencyRecord?> FindIdempotencyRecordAsync(Guid tenantId, string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        Inner.FindIdempotencyRecordAsync(tenantId, key, now, cancellationToken);

    public Task<Booking?> FindBookingAsync(Guid tenantId, Guid bookingId, CancellationToken cancellationToken) =>
        Inner.FindBookingAsync(tenantId, bookingId, cancellationToken);

    public Task<IReadOnlyList<Booking>> ListBookingsAsync(BookingQuery query, CancellationToken cancellationToken) =>
        Inner.ListBookingsAsync(query, cancellationToken);

    public async Task<Booking?> CancelBookingAsync(Guid tenantId, Guid bookingId, DateTimeOffset cancelledAt, string? reason, CancellationToken cancellationToken)
    {
        // Cancelling is idempotent: only a call that found the booking active changed it. A store with an outbox
        // records that itself (an idempotent repeat writes no event); then a repeat only wakes the relay for nothing.
        var before = sink.NeedsFullEvents ? await Inner.FindBookingAsync(tenantId, bookingId, cancellationToken).ConfigureAwait(false) : null;
        var after = await Inner.CancelBookingAsync(tenantId, bookingId, cancelledAt, reason, cancellationToken).ConfigureAwait(false);
        if (after is { IsActive: false } && (!sink.NeedsFullEvents || before is { IsActive: true }))
        {
            await ReportAsync(await WithLocationAsync(BookingEvent(ChangeTypes.BookingCancelled, after), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        return after;
    }

    public async Task<RescheduleResult> RescheduleBookingAsync(RescheduleCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var before = sink.NeedsFullEvents ? await Inner.FindBookingAsync(command.TenantId, command.BookingId, cancellationToken).ConfigureAwait(false) : null;
        var result = await Inner.RescheduleBookingAsync(command, cancellationToken).ConfigureAwait(false);
        if (result is { Status: RescheduleStatus.Rescheduled, Booking: { } moved })
        {
            await ReportAsync(await WithLocationAsync(BookingEvent(ChangeTypes.BookingRescheduled, moved), cancellationToken).ConfigureAwait(false) with
            {
                PreviousStaffId = before?.StaffId,
                PreviousStart = before?.Start,
                PreviousEnd = before?.End,
            }, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public async Task<TransitionResult> TransitionBookingAsync(BookingTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var result = await Inner.TransitionBookingAsync(transition, cancellationToken).ConfigureAwait(false);
        if (result is { Status: TransitionStatus.Transitioned, Booking: { } changed })
        {
            var change = await WithLocationAsync(BookingEvent(BookingTransition.EventType(transition.To), changed), cancellationToken).ConfigureAwait(false);
            await ReportAsync(change with { Reason = transition.Reason }, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public Task<IReadOnlyList<BookingKey>> FindLapsedApprovalsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Inner.FindLapsedApprovalsAsync(now, limit, cancellationToken);

    public async Task<CreateSeriesResult> CreateSeriesAsync(CreateSeriesCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = await Inner.CreateSeriesAsync(command, cancellationToken).ConfigureAwait(false);
        if (result.Booked.Count > 0)
        {
            var changes = new List<ChangeEvent>(result.Booked.Count + 1);
            foreach (var made in result.Booked)
            {
                changes.Add(await WithLocationAsync(BookingEvent(ChangeTypes.BookingCreated, made), cancellationToken).ConfigureAwait(false));
            }

            // After its bookings, as the PostgreSQL store writes it: the one e-mail that describes the series.
            var first = result.Booked.MinBy(b => b.Start)!;
            changes.Add(new ChangeEvent(first.TenantId, ChangeTypes.SeriesCreated, first.Id, first.ServiceId, first.StaffId, first.Start, first.End,
                BookingStatusNames.Name(first.Status)) { SeriesId = command.Series.Id });
            await sink.OnCommittedAsync(changes, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public Task<BookingSeries?> FindSeriesAsync(Guid tenantId, Guid seriesId, CancellationToken cancellationToken) =>
        Inner.FindSeriesAsync(tenantId, seriesId, cancellationToken);

    public Task<IReadOnlyList<Booking>> ListSeriesBookingsAsync(Guid tenantId, Guid seriesId, CancellationToken cancellationToken) =>
        Inner.ListSeriesBookingsAsync(tenantId, seriesId, cancellationToken);

    public async Task<IReadOnlyList<Booking>> CancelBookingsAsync(
        Guid tenantId, IReadOnlyList<Guid> bookingIds, DateTimeOffset cancelledAt, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bookingIds);
        var before = new Dictionary<Guid, Booking>();
        if (sink.NeedsFullEvents)
        {
            foreach (var id in bookingIds)
            {
                if (await Inner.FindBookingAsync(tenantId, id, cancellationToken).ConfigureAwait(false) is { } found)
                {
                    before[id] = found;
                }
            }
        }

        var after = await Inner.CancelBookingsAsync(tenantId, bookingIds, cancelledAt, reason, cancellationToken).ConfigureAwait(false);
        var changes = new List<ChangeEvent>();
        foreach (var booking in after.Where(b => !b.IsActive && (!sink.NeedsFullEvents || before.GetValueOrDefault(b.Id) is { IsActive: true })))
        {
            changes.Add(await WithLocationAsync(BookingEvent(ChangeTypes.BookingCancelled, booking), cancellationToken).ConfigureAwait(false));
        }

        if (changes.Count > 0)
        {
            await sink.OnCommittedAsync(changes, cancellationToken).ConfigureAwait(false);
        }

        return after;
    }

    public async Task<RescheduleManyResult> RescheduleBookingsAsync(IReadOnlyList<RescheduleCommand> commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var before = new Dictionary<Guid, Booking>();
        if (sink.NeedsFullEvents)
        {
            foreach (var command in commands)
            {
                if (await Inner.FindBookingAsync(command.TenantId, command.BookingId, cancellationToken).ConfigureAwait(false) is { } found)
                {
                    before[found.Id] = found;
                }
            }
        }

        var result = await Inner.RescheduleBookingsAsync(commands, cancellationToken).ConfigureAwait(false);
        if (result.Failed is null && result.Moved.Count > 0)
        {
            var changes = new List<ChangeEvent>(result.Moved.Count);
            foreach (var moved in result.Moved)
            {
                var old = before.GetValueOrDefault(moved.Id);
                changes.Add(await WithLocationAsync(BookingEvent(ChangeTypes.BookingRescheduled, moved), cancellationToken).ConfigureAwait(false) with
                {
                    PreviousStaffId = old?.StaffId,
                    PreviousStart = old?.Start,
                    PreviousEnd = old?.End,
                });
            }

            await sink.OnCommittedAsync(changes, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private static ChangeEvent BookingEvent(string type, Booking booking) => new(
        booking.TenantId, type, booking.Id, booking.ServiceId, booking.StaffId, booking.Start, booking.End,
        BookingStatusNames.Name(booking.Status))
    {
        Answers = booking.Answers,
        SeriesId = booking.SeriesId,
    };

    /// <summary>
    /// The event with the service's location as it is now. Only for a sink that needs full events: a store with an outbox
    /// wrote the location into its event itself, in the change's transaction.
    /// </summary>
    private async Task<ChangeEvent> WithLocationAsync(ChangeEvent change, CancellationToken cancellationToken) =>
        sink.NeedsFullEvents && change.ServiceId is { } serviceId
            ? change with { Location = (await Inner.FindServiceAsync(change.TenantId, serviceId, cancellationToken).ConfigureAwait(false))?.Location }
            : change;

    private Task ReportIfAsync(bool changed, ChangeEvent change, CancellationToken cancellationToken) =>
        changed ? ReportAsync(change, cancellationToken) : Task.CompletedTask;

    private Task ReportAsync(ChangeEvent change, CancellationToken cancellationToken) => sink.OnCommittedAsync([change], cancellationToken);
}
