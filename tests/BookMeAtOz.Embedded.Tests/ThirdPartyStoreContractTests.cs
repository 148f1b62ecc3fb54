using System.Collections.Concurrent;
using BookMeAtOz.Auth;
using BookMeAtOz.Bookings;
using Microsoft.Extensions.DependencyInjection;
using BookMeAtOz.Persistence;
using BookMeAtOz.Persistence.InMemory;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using BookMeAtOz.Testing;

namespace BookMeAtOz.Embedded.Tests;

/// <summary>
/// A store of a host's own (here one that counts every call before handing it to the in-memory store) runs the very
/// contract suite the in-memory and PostgreSQL stores pass, from the BookMeAtOz.Testing package.
/// </summary>
public sealed class ThirdPartyStoreContractTests : BookingStoreContractTests
{
    private readonly CountingBookingStore _store;

    private readonly IUserStore _users = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddBookMeAtOz().Services
        .BuildServiceProvider().GetRequiredService<IUserStore>();

    public ThirdPartyStoreContractTests() => _store = new CountingBookingStore(new InMemoryBookingStore(Clock, _users));

    protected override IBookingStore Store => _store;

    // It keeps the interface's default for capped creates: count, then add.
    protected override bool CountsCapsAtomically => false;

    protected override IUserStore Users => _users;
}

/// <summary>Counts the calls of each kind, then delegates.</summary>
public sealed class CountingBookingStore(IBookingStore inner) : IBookingStore
{
    public ConcurrentDictionary<string, int> Calls { get; } = new();

    public Task CreateTenantAsync(Tenant tenant, CancellationToken cancellationToken) => Count(nameof(CreateTenantAsync), inner.CreateTenantAsync(tenant, cancellationToken));

    public Task CreateTenantAsync(Tenant tenant, BookMeAtOz.Auth.User owner, BookMeAtOz.Audit.AuditEntry audit, CancellationToken cancellationToken) =>
        Count(nameof(CreateTenantAsync), inner.CreateTenantAsync(tenant, owner, audit, cancellationToken));

    public Task<Tenant?> FindTenantAsync(Guid tenantId, CancellationToken cancellationToken) => Count(nameof(FindTenantAsync), inner.FindTenantAsync(tenantId, cancellationToken));

    public Task<Tenant?> FindTenantBySlugAsync(string slug, CancellationToken cancellationToken) => Count(nameof(FindTenantBySlugAsync), inner.FindTenantBySlugAsync(slug, cancellationToken));

    public Task<bool> UpdateTenantAsync(Tenant tenant, CancellationToken cancellationToken) => Count(nameof(UpdateTenantAsync), inner.UpdateTenantAsync(tenant, cancellationToken));

    public Task CreateServiceAsync(Service service, CancellationToken cancellationToken) => Count(nameof(CreateServiceAsync), inner.CreateServiceAsync(service, cancellationToken));

    public Task<Service?> FindServiceAsync(Guid tenantId, Guid serviceId, CancellationToken cancellationToken) => Count(nameof(FindServiceAsync), inner.FindServiceAsync(tenantId, serviceId, cancellationToken));

    public Task<IReadOnlyList<Service>> ListServicesAsync(Guid tenantId, CancellationToken cancellationToken) => Count(nameof(ListServicesAsync), inner.ListServicesAsync(tenantId, cancellationToken));

    public Task<bool> UpdateServiceAsync(Service service, CancellationToken cancellationToken) => Count(nameof(UpdateServiceAsync), inner.UpdateServiceAsync(service, cancellationToken));

    public Task<bool> DeleteServiceAsync(Guid tenantId, Guid serviceId, CancellationToken cancellationToken) => Count(nameof(DeleteServiceAsync), inner.DeleteServiceAsync(tenantId, serviceId, cancellationToken));

    public Task CreateStaffAsync(StaffMember staff, CancellationToken cancellationToken) => Count(nameof(CreateStaffAsync), inner.CreateStaffAsync(staff, cancellationToken));

    public Task<StaffMember?> FindStaffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) => Count(nameof(FindStaffAsync), inner.FindStaffAsync(tenantId, staffId, cancellationToken));

    public Task<IReadOnlyList<StaffMember>> ListStaffAsync(Guid tenantId, CancellationToken cancellationToken) => Count(nameof(ListStaffAsync), inner.ListStaffAsync(tenantId, cancellationToken));

    public Task<bool> UpdateStaffAsync(StaffMember staff, CancellationToken cancellationToken) => Count(nameof(UpdateStaffAsync), inner.UpdateStaffAsync(staff, cancellationToken));

    public Task<bool> DeleteStaffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) => Count(nameof(DeleteStaffAsync), inner.DeleteStaffAsync(tenantId, staffId, cancellationToken));

    public Task<StaffSchedule?> GetScheduleAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) => Count(nameof(GetScheduleAsync), inner.GetScheduleAsync(tenantId, staffId, cancellationToken));

    public Task<bool> SetScheduleAsync(Guid tenantId, Guid staffId, StaffSchedule schedule, CancellationToken cancellationToken) => Count(nameof(SetScheduleAsync), inner.SetScheduleAsync(tenantId, staffId, schedule, cancellationToken));

    public Task<bool> AddTimeOffAsync(TimeOff timeOff, CancellationToken cancellationToken) => Count(nameof(AddTimeOffAsync), inner.AddTimeOffAsync(timeOff, cancellationToken));

    public Task<IReadOnlyList<TimeOff>> ListTimeOffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) => Count(nameof(ListTimeOffAsync), inner.ListTimeOffAsync(tenantId, staffId, cancellationToken));

    public Task<bool> DeleteTimeOffAsync(Guid tenantId, Guid staffId, Guid timeOffId, CancellationToken cancellationToken) => Count(nameof(DeleteTimeOffAsync), inner.DeleteTimeOffAsync(tenantId, staffId, timeOffId, cancellationToken));

    public Task<bool> TryAddClosureAsync(Closure closure, int maxClosures, CancellationToken cancellationToken) => Count(nameof(TryAddClosureAsync), inner.TryAddClosureAsync(closure, maxClosures, cancellationToken));

    public Task<IReadOnlyList<Closure>> ListClosuresAsync(Guid tenantId, CancellationToken cancellationToken) => Count(nameof(ListClosuresAsync), inner.ListClosuresAsync(tenantId, cancellationToken));

    public Task<bool> DeleteClosureAsync(Guid tenantId, Guid closureId, CancellationToken cancellationToken) => Count(nameof(DeleteClosureAsync), inner.DeleteClosureAsync(tenantId, closureId, cancellationToken));

    public Task<bool> TryCreateResourceAsync(Resource resource, int maxResources, CancellationToken cancellationToken) => Count(nameof(TryCreateResourceAsync), inner.TryCreateResourceAsync(resource, maxResources, cancellationToken));

    public Task<Resource?> FindResourceAsync(Guid tenantId, Guid resourceId, CancellationToken cancellationToken) => Count(nameof(FindResourceAsync), inner.FindResourceAsync(tenantId, resourceId, cancellationToken));

    public Task<IReadOnlyList<Resource>> ListResourcesAsync(Guid tenantId, CancellationToken cancellationToken) => Count(nameof(ListResourcesAsync), inner.ListResourcesAsync(tenantId, cancellationToken));

    public Task<ResourceWrite> UpdateResourceAsync(Resource resource, DateTimeOffset now, CancellationToken cancellationToken) => Count(nameof(UpdateResourceAsync), inner.UpdateResourceAsync(resource, now, cancellationToken));

    public Task<ResourceWrite> DeleteResourceAsync(Guid tenantId, Guid resourceId, CancellationToken cancellationToken) => Count(nameof(DeleteResourceAsync), inner.DeleteResourceAsync(tenantId, resourceId, cancellationToken));

    public Task<IReadOnlyList<ResourceAvailability>> LoadResourceAvailabilityAsync(
        Guid tenantId, IReadOnlyList<Guid> resourceIds, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, ReadFrom readFrom, CancellationToken cancellationToken) =>
        Count(nameof(LoadResourceAvailabilityAsync), inner.LoadResourceAvailabilityAsync(tenantId, resourceIds, rangeStart, rangeEnd, readFrom, cancellationToken));

    public Task<IReadOnlyList<StaffAvailability>> LoadAvailabilityAsync( Guid tenantId, IReadOnlyList<Guid> staffIds, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, ReadFrom readFrom, BusyDetail detail, CancellationToken cancellationToken) => Count(nameof(LoadAvailabilityAsync), inner.LoadAvailabilityAsync(tenantId, staffIds, rangeStart, rangeEnd, readFrom, detail, cancellationToken));

    public Task<CreateBookingResult> CreateBookingAsync(CreateBookingCommand command, CancellationToken cancellationToken) => Count(nameof(CreateBookingAsync), inner.CreateBookingAsync(command, cancellationToken));

    public Task<IdempotencyRecord?> FindIdempotencyRecordAsync(Guid tenantId, string key, DateTimeOffset now, CancellationToken cancellationToken) => Count(nameof(FindIdempotencyRecordAsync), inner.FindIdempotencyRecordAsync(tenantId, key, now, cancellationToken));

    public Task<Booking?> FindBookingAsync(Guid tenantId, Guid bookingId, CancellationToken cancellationToken) => Count(nameof(FindBookingAsync), inner.FindBookingAsync(tenantId, bookingId, cancellationToken));

    public Task<IReadOnlyList<Booking>> ListBookingsAsync(BookingQuery query, CancellationToken cancellationToken) => Count(nameof(ListBookingsAsync), inner.ListBookingsAsync(query, cancellationToken));

    public Task<Booking?> CancelBookingAsync(Guid tenantId, Guid bookingId, DateTimeOffset cancelledAt, string? reason, CancellationToken cancellationToken) => Count(nameof(CancelBookingAsync), inner.CancelBookingAsync(tenantId, bookingId, cancelledAt, reason, cancellationToken));

    public Task<RescheduleResult> RescheduleBookingAsync(RescheduleCommand command, CancellationToken cancellationToken) => Count(nameof(RescheduleBookingAsync), inner.RescheduleBookingAsync(command, cancellationToken));

    public Task<CreateBookingResult> BookHoldAsync(BookHoldCommand command, CancellationToken cancellationToken) => Count(nameof(BookHoldAsync), inner.BookHoldAsync(command, cancellationToken));

    public Task<Booking?> ReleaseHoldAsync(Guid tenantId, Guid holdId, CancellationToken cancellationToken) => Count(nameof(ReleaseHoldAsync), inner.ReleaseHoldAsync(tenantId, holdId, cancellationToken));

    public Task<IReadOnlyList<Booking>> ExpireLapsedHoldsAsync(DateTimeOffset now, DateTimeOffset purgeBefore, int limit, CancellationToken cancellationToken) =>
        Count(nameof(ExpireLapsedHoldsAsync), inner.ExpireLapsedHoldsAsync(now, purgeBefore, limit, cancellationToken));

    public Task<BookMeAtOz.Bookings.TransitionResult> TransitionBookingAsync(BookMeAtOz.Bookings.BookingTransition transition, CancellationToken cancellationToken) =>
        Count(nameof(TransitionBookingAsync), inner.TransitionBookingAsync(transition, cancellationToken));

    public Task<IReadOnlyList<BookMeAtOz.Bookings.BookingKey>> FindLapsedApprovalsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Count(nameof(FindLapsedApprovalsAsync), inner.FindLapsedApprovalsAsync(now, limit, cancellationToken));

    public Task<CreateSeriesResult> CreateSeriesAsync(CreateSeriesCommand command, CancellationToken cancellationToken) =>
        Count(nameof(CreateSeriesAsync), inner.CreateSeriesAsync(command, cancellationToken));

    public Task<BookMeAtOz.Bookings.BookingSeries?> FindSeriesAsync(Guid tenantId, Guid seriesId, CancellationToken cancellationToken) =>
        Count(nameof(FindSeriesAsync), inner.FindSeriesAsync(tenantId, seriesId, cancellationToken));

    public Task<IReadOnlyList<Booking>> ListSeriesBookingsAsync(Guid tenantId, Guid seriesId, CancellationToken cancellationToken) =>
        Count(nameof(ListSeriesBookingsAsync), inner.ListSeriesBookingsAsync(tenantId, seriesId, cancellationToken));

    public Task<IReadOnlyList<Booking>> CancelBookingsAsync(
        Guid tenantId, IReadOnlyList<Guid> bookingIds, DateTimeOffset cancelledAt, string? reason, CancellationToken cancellationToken) =>
        Count(nameof(CancelBookingsAsync), inner.CancelBookingsAsync(tenantId, bookingIds, cancelledAt, reason, cancellationToken));

    public Task<RescheduleManyResult> RescheduleBookingsAsync(IReadOnlyList<RescheduleCommand> commands, CancellationToken cancellationToken) =>
        Count(nameof(RescheduleBookingsAsync), inner.RescheduleBookingsAsync(commands, cancellationToken));

    private T Count<T>(string name, T result)
    {
        Calls.AddOrUpdate(name, 1, (_, n) => n + 1);
        return result;
    }
}
