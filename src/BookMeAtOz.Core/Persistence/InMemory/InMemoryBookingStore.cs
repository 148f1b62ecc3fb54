using BookMeAtOz.Audit;
using BookMeAtOz.Auth;
using BookMeAtOz.Bookings;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;

namespace BookMeAtOz.Persistence.InMemory;

/// <summary>
/// The embedded store: everything in process memory, lost on restart. Each tenant's data sits behind
/// its own lock, so every write (and its invariant check) is atomic and tenants never contend.
/// </summary>
public sealed partial class InMemoryBookingStore(TimeProvider timeProvider) : IBookingStore
{
    private readonly Lock _tenantsLock = new();
    private readonly Dictionary<Guid, TenantData> _tenants = [];
    private readonly Dictionary<string, Guid> _slugs = new(StringComparer.Ordinal);
    private readonly IUserStore? _users;

    /// <summary>Creates a store on the system clock.</summary>
    public InMemoryBookingStore()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates a store whose sign-ups (<see cref="CreateTenantAsync(Tenant, User, AuditEntry, CancellationToken)"/>) add the owner to <paramref name="users"/>.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="users">Where the owners of signed-up tenants go.</param>
    public InMemoryBookingStore(TimeProvider timeProvider, IUserStore users)
        : this(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(users);
        _users = users;
        _auditLog = (users as InMemoryUserStore)?.AuditLog ?? _auditLog;
    }

    private sealed class TenantData(Tenant tenant)
    {
        public Lock Gate { get; } = new();
        public Tenant Tenant { get; set; } = tenant;
        public Dictionary<Guid, Service> Services { get; } = [];
        public Dictionary<Guid, StaffMember> Staff { get; } = [];
        public Dictionary<Guid, StaffSchedule> Schedules { get; } = [];
        public Dictionary<Guid, TimeOff> TimeOff { get; } = [];
        public Dictionary<Guid, Closure> Closures { get; } = [];
        public Dictionary<Guid, Resource> Resources { get; } = [];
        public Dictionary<Guid, IReadOnlyList<ResourceRequirement>> Claims { get; } = [];
        public TrackedBookings Bookings { get; } = new();
        public Dictionary<Guid, List<Guid>> BookingsByStaff { get; } = [];
        public Dictionary<string, (IdempotencyRecord Record, DateTimeOffset ExpiresAt)> Idempotency { get; } = new(StringComparer.Ordinal);
        public Dictionary<Guid, BookingSeries> Series { get; } = [];
    }

    /// <inheritdoc />
    public Task CreateTenantAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        lock (_tenantsLock)
        {
            if (_slugs.ContainsKey(tenant.Slug) || _tenants.ContainsKey(tenant.Id))
            {
                throw new BookMeAtOzException(ErrorCodes.SlugTaken, $"The slug '{tenant.Slug}' is taken.");
            }

            _tenants[tenant.Id] = new TenantData(tenant);
            _slugs[tenant.Slug] = tenant.Id;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The slug is reserved first (a reserved slug is taken, but its tenant is not found), then the owner is added, and
    /// only then the tenant appears; when adding the owner fails, the reservation is dropped.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The store was created without a user store.</exception>
    public async Task CreateTenantAsync(Tenant tenant, User owner, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(audit);
        var users = _users ?? throw new InvalidOperationException("This in-memory store has no user store: create it with one to sign tenants up.");
        if (owner.TenantId != tenant.Id || owner.Role != UserRole.Owner)
        {
            throw new ArgumentException("The owner must be an owner of the new tenant.", nameof(owner));
        }

        lock (_tenantsLock)
        {
            if (_slugs.ContainsKey(tenant.Slug) || _tenants.ContainsKey(tenant.Id))
            {
                throw new BookMeAtOzException(ErrorCodes.SlugTaken, $"The slug '{tenant.Slug}' is taken.");
            }

            _slugs[tenant.Slug] = tenant.Id;
        }

        try
        {
            await users.CreateUserAsync(owner, audit, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_tenantsLock)
            {
                _slugs.Remove(tenant.Slug);
            }

            throw;
        }

        lock (_tenantsLock)
        {
            _tenants[tenant.Id] = new TenantData(tenant);
        }
    }

    /// <inheritdoc />
    public Task<Tenant?> FindTenantAsync(Guid tenantId, CancellationToken cancellationToken) =>
        Task.FromResult(Data(tenantId) is { } d && !IsClosed(tenantId) ? Read(d, () => d.Tenant) : null);

    /// <inheritdoc />
    public Task<Tenant?> FindTenantBySlugAsync(string slug, CancellationToken cancellationToken)
    {
        Guid id;
        lock (_tenantsLock)
        {
            if (!_slugs.TryGetValue(slug, out id))
            {
                return Task.FromResult<Tenant?>(null);
            }
        }

        return FindTenantAsync(id, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> UpdateTenantAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return Task.FromResult(Write(tenant.Id, d =>
        {
            var before = CatalogAudit.Snapshot(d.Tenant);
            d.Tenant = tenant with { Slug = d.Tenant.Slug };
            return RecordCatalog(tenant.Id, CatalogAudit.TenantEntity, tenant.Id, AuditActions.TenantUpdated, before, CatalogAudit.Snapshot(d.Tenant));
        }));
    }

    /// <inheritdoc />
    public Task CreateServiceAsync(Service service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        Write(service.TenantId, d => d.Services.TryAdd(service.Id, service) ? ServiceCreated(service) : throw Duplicate("service"), mustExist: true);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> TryCreateServiceAsync(Service service, int maxServices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        return Task.FromResult(Write(service.TenantId, d =>
            d.Services.Count < maxServices && (d.Services.TryAdd(service.Id, service) ? ServiceCreated(service) : throw Duplicate("service")), mustExist: true));
    }

    /// <inheritdoc />
    public Task<Service?> FindServiceAsync(Guid tenantId, Guid serviceId, CancellationToken cancellationToken) =>
        Task.FromResult(Query(tenantId, d => d.Services.GetValueOrDefault(serviceId)));

    /// <inheritdoc />
    public Task<IReadOnlyList<Service>> ListServicesAsync(Guid tenantId, CancellationToken cancellationToken) =>
        Task.FromResult(Query(tenantId, d => (IReadOnlyList<Service>)[.. d.Services.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Id)]) ?? []);

    /// <inheritdoc />
    public Task<bool> UpdateServiceAsync(Service service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        return Task.FromResult(Write(service.TenantId, d =>
            d.Services.TryGetValue(service.Id, out var before) && Replace(d.Services, service.Id, service)
            && RecordCatalog(service.TenantId, CatalogAudit.ServiceEntity, service.Id, AuditActions.ServiceUpdated, CatalogAudit.Snapshot(before), CatalogAudit.Snapshot(service))));
    }

    /// <inheritdoc />
    public Task<bool> DeleteServiceAsync(Guid tenantId, Guid serviceId, CancellationToken cancellationToken) =>
        Task.FromResult(Write(tenantId, d => d.Services.Remove(serviceId, out var before)
            && RecordCatalog(tenantId, CatalogAudit.ServiceEntity, serviceId, AuditActions.ServiceDeleted, CatalogAudit.Snapshot(before), null)));

    /// <inheritdoc />
    public Task CreateStaffAsync(StaffMember staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        Write(staff.TenantId, d => d.Staff.TryAdd(staff.Id, staff) ? StaffCreated(staff) : throw Duplicate("staff member"), mustExist: true);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> TryCreateStaffAsync(StaffMember staff, int maxStaff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return Task.FromResult(Write(staff.TenantId, d =>
            d.Staff.Count < maxStaff && (d.Staff.TryAdd(staff.Id, staff) ? StaffCreated(staff) : throw Duplicate("staff member")), mustExist: true));
    }

    /// <inheritdoc />
    public Task<StaffMember?> FindStaffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        Task.FromResult(Query(tenantId, d => d.Staff.GetValueOrDefault(staffId)));

    /// <inheritdoc />
    public Task<IReadOnlyList<StaffMember>> ListStaffAsync(Guid tenantId, CancellationToken cancellationToken) =>
        Task.FromResult(Query(tenantId, d => (IReadOnlyList<StaffMember>)[.. d.Staff.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Id)]) ?? []);

    /// <inheritdoc />
    public Task<bool> UpdateStaffAsync(StaffMember staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return Task.FromResult(Write(staff.TenantId, d =>
            d.Staff.TryGetValue(staff.Id, out var before) && Replace(d.Staff, staff.Id, staff)
            && RecordCatalog(staff.TenantId, CatalogAudit.StaffEntity, staff.Id, AuditActions.StaffUpdated, CatalogAudit.Snapshot(before), CatalogAudit.Snapshot(staff))));
    }

    /// <inheritdoc />
    public Task<bool> DeleteStaffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        Task.FromResult(Write(tenantId, d => d.Staff.Remove(staffId, out var before)
            && RecordCatalog(tenantId, CatalogAudit.StaffEntity, staffId, AuditActions.StaffDeleted, CatalogAudit.Snapshot(before), null)));

    /// <inheritdoc />
    public Task<StaffSchedule?> GetScheduleAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        Task.FromResult(Query(tenantId, d => d.Staff.ContainsKey(staffId) ? d.Schedules.GetValueOrDefault(staffId, StaffSchedule.Empty) : null));

    /// <inheritdoc />
    public Task<bool> SetScheduleAsync(Guid tenantId, Guid staffId, StaffSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return Task.FromResult(Write(tenantId, d =>
        {
            if (!d.Staff.ContainsKey(staffId))
            {
                return false;
            }

            var before = d.Schedules.TryGetValue(staffId, out var old) ? CatalogAudit.Snapshot(staffId, old) : null;
            d.Schedules[staffId] = schedule;
            return RecordCatalog(tenantId, CatalogAudit.ScheduleEntity, staffId, AuditActions.ScheduleUpdated, before, CatalogAudit.Snapshot(staffId, schedule));
        }));
    }

    /// <inheritdoc />
    public Task<bool> AddTimeOffAsync(TimeOff timeOff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeOff);
        return Task.FromResult(Write(timeOff.TenantId, d => d.Staff.ContainsKey(timeOff.StaffId) && d.TimeOff.TryAdd(timeOff.Id, timeOff)
            && RecordCatalog(timeOff.TenantId, CatalogAudit.TimeOffEntity, timeOff.Id, AuditActions.TimeOffAdded, null, CatalogAudit.Snapshot(timeOff))));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TimeOff>> ListTimeOffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        Task.FromResult(Query(tenantId, d => (IReadOnlyList<TimeOff>)[.. d.TimeOff.Values.Where(t => t.StaffId == staffId).OrderBy(t => t.Start).ThenBy(t => t.Id)]) ?? []);

    /// <inheritdoc />
    public Task<bool> DeleteTimeOffAsync(Guid tenantId, Guid staffId, Guid timeOffId, CancellationToken cancellationToken) =>
        Task.FromResult(Write(tenantId, d => d.TimeOff.TryGetValue(timeOffId, out var t) && t.StaffId == staffId && d.TimeOff.Remove(timeOffId)
            && RecordCatalog(tenantId, CatalogAudit.TimeOffEntity, timeOffId, AuditActions.TimeOffRemoved, CatalogAudit.Snapshot(t), null)));

    /// <inheritdoc />
    public Task<bool> TryAddClosureAsync(Closure closure, int maxClosures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closure);
        return Task.FromResult(Write(closure.TenantId, d =>
            d.Closures.Count < maxClosures && (d.Closures.TryAdd(closure.Id, closure)
                ? RecordCatalog(closure.TenantId, CatalogAudit.ClosureEntity, closure.Id, AuditActions.ClosureAdded, null, CatalogAudit.Snapshot(closure))
                : throw Duplicate("closure")), mustExist: true));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Closure>> ListClosuresAsync(Guid tenantId, CancellationToken cancellationToken) =>
        Task.FromResult(Query(tenantId, d => (IReadOnlyList<Closure>)[.. d.Closures.Values.OrderBy(c => c.From).ThenBy(c => c.Id)]) ?? []);

    /// <inheritdoc />
    public Task<bool> DeleteClosureAsync(Guid tenantId, Guid closureId, CancellationToken cancellationToken) =>
        Task.FromResult(Write(tenantId, d => d.Closures.Remove(closureId, out var before)
            && RecordCatalog(tenantId, CatalogAudit.ClosureEntity, closureId, AuditActions.ClosureRemoved, CatalogAudit.Snapshot(before), null)));

    /// <inheritdoc />
    public Task<IReadOnlyList<StaffAvailability>> LoadAvailabilityAsync(
        Guid tenantId, IReadOnlyList<Guid> staffIds, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, ReadFrom readFrom, BusyDetail detail,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staffIds);
        var now = timeProvider.GetUtcNow();
        return Task.FromResult(Query(tenantId, d =>
        {
            var result = new List<StaffAvailability>(staffIds.Count);
            foreach (var id in staffIds)
            {
                if (!d.Staff.TryGetValue(id, out var staff))
                {
                    continue;
                }

                var busy = new List<BusyRange>();
                var plain = new List<BusyRange>();
                foreach (var b in ActiveBookingsOf(d, id, now))
                {
                    if (b.BlockedStart < rangeEnd && b.BlockedEnd > rangeStart)
                    {
                        var shareable = d.Services.TryGetValue(b.ServiceId, out var service) && service.Capacity > 1;
                        (detail == BusyDetail.Merged && !shareable ? plain : busy).Add(BusyRange.FromBooking(b));
                    }
                }

                foreach (var t in d.TimeOff.Values)
                {
                    if (t.StaffId == id && t.Start < rangeEnd && t.End > rangeStart)
                    {
                        (detail == BusyDetail.Merged ? plain : busy).Add(BusyRange.FromTimeOff(t));
                    }
                }

                AddMerged(plain, busy);
                result.Add(new StaffAvailability(staff, d.Schedules.GetValueOrDefault(id, StaffSchedule.Empty), busy));
            }

            return (IReadOnlyList<StaffAvailability>)result;
        }) ?? []);
    }

    /// <inheritdoc />
    public Task<CreateBookingResult> CreateBookingAsync(CreateBookingCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = command.Idempotency?.TenantId ?? (command.Candidates.Count > 0 ? command.Candidates[0].TenantId : (Guid?)null)
            ?? throw new ArgumentException("A command needs candidates or an idempotency entry.", nameof(command));
        var now = timeProvider.GetUtcNow();
        return Task.FromResult(Write(tenantId, d =>
        {
            var idem = command.Idempotency;
            if (idem is not null && d.Idempotency.TryGetValue(idem.Key, out var existing) && existing.ExpiresAt > now)
            {
                return new CreateBookingResult(null, existing.Record);
            }

            Booking? made = null;
            var limitReached = command.Limits is { MaxActiveBookingsPerCustomer: { } maxActive } limits && command.Candidates.Count > 0
                && ActiveBookingsOfCustomer(d, command.Candidates[0].Customer.Email, limits.Now) >= maxActive;
            IReadOnlyList<Booking> toTry = limitReached ? [] : command.Candidates;
            foreach (var candidate in toTry)
            {
                if (candidate.TenantId != tenantId)
                {
                    throw new ArgumentException("Every candidate must belong to the command's tenant.", nameof(command));
                }

                if (Fits(d, candidate, command.Capacity, ignoreBookingId: null, now))
                {
                    if (DayIsFull(d, command.Limits, candidate, ignoreBookingId: null, now))
                    {
                        limitReached = true;
                        continue;
                    }

                    Add(d, candidate);
                    made = candidate;
                    break;
                }
            }

            if (made is null && limitReached)
            {
                // A limit refusal writes nothing, not even the idempotency record: a retry is judged afresh.
                return new CreateBookingResult(null, null) { LimitReached = true };
            }

            if (idem is not null)
            {
                d.Idempotency[idem.Key] = (new IdempotencyRecord(idem.Fingerprint, idem.Response(made)), idem.ExpiresAt);
            }

            return new CreateBookingResult(made, null);
        }) ?? new CreateBookingResult(null, null));
    }

    /// <inheritdoc />
    public Task<IdempotencyRecord?> FindIdempotencyRecordAsync(Guid tenantId, string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(Query(tenantId, d => d.Idempotency.TryGetValue(key, out var r) && r.ExpiresAt > now ? r.Record : null));

    /// <inheritdoc />
    public Task<Booking?> FindBookingAsync(Guid tenantId, Guid bookingId, CancellationToken cancellationToken) =>
        Task.FromResult(Query(tenantId, d => d.Bookings.GetValueOrDefault(bookingId)));

    /// <inheritdoc />
    public Task<IReadOnlyList<Booking>> ListBookingsAsync(BookingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Task.FromResult(Query(query.TenantId, d => (IReadOnlyList<Booking>)[.. d.Bookings.Values
            .Where(b => !b.IsHold && b.Start >= query.From && b.Start < query.To
                && (query.StaffId is not { } staffId || b.IsAssignedTo(staffId))
                && (query.Status is null || b.Status == query.Status)
                && (query.After is not { } after || b.Start > after.Start || (b.Start == after.Start && b.Id.CompareTo(after.Id) > 0)))
            .OrderBy(b => b.Start).ThenBy(b => b.Id)
            .Take(query.Limit)]) ?? []);
    }

    /// <inheritdoc />
    public Task<Booking?> CancelBookingAsync(Guid tenantId, Guid bookingId, DateTimeOffset cancelledAt, string? reason, CancellationToken cancellationToken) =>
        Task.FromResult(Write(tenantId, d =>
        {
            if (!d.Bookings.TryGetValue(bookingId, out var b))
            {
                return null;
            }

            if (b.Status is BookingStatus.Pending or BookingStatus.Confirmed)
            {
                d.Bookings[bookingId] = b with { Status = BookingStatus.Cancelled, CancelledAt = cancelledAt, CancelReason = reason };
            }

            return d.Bookings[bookingId];
        }));

    /// <inheritdoc />
    public Task<RescheduleResult> RescheduleBookingAsync(RescheduleCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = timeProvider.GetUtcNow();
        return Task.FromResult(Write(command.TenantId, d => MoveOne(d, command, now)) ?? new RescheduleResult(RescheduleStatus.NotFound, null));
    }

    /// <summary>Moves a booking under the tenant's lock (<see cref="RescheduleBookingAsync"/>).</summary>
    private static RescheduleResult MoveOne(TenantData d, RescheduleCommand command, DateTimeOffset now)
    {
        {
            if (!d.Bookings.TryGetValue(command.BookingId, out var current))
            {
                return new RescheduleResult(RescheduleStatus.NotFound, null);
            }

            if (!current.IsActive || current.Status == BookingStatus.Held)
            {
                return new RescheduleResult(RescheduleStatus.NotActive, current);
            }

            if (command.ByCustomer && command.MaxCustomerReschedules is { } max && current.CustomerReschedules >= max)
            {
                return new RescheduleResult(RescheduleStatus.MaxReschedulesReached, current);
            }

            var limitReached = false;
            foreach (var candidate in command.Candidates)
            {
                var moved = current with
                {
                    StaffId = candidate.StaffId,
                    AdditionalStaffIds = candidate.AdditionalStaffIds,
                    Start = candidate.Start,
                    End = candidate.End,
                    BufferBeforeMinutes = candidate.BufferBeforeMinutes,
                    BufferAfterMinutes = candidate.BufferAfterMinutes,
                    CustomerReschedules = current.CustomerReschedules + (command.ByCustomer ? 1 : 0),
                };
                if (Fits(d, moved, command.Capacity, ignoreBookingId: current.Id, now))
                {
                    if (DayIsFull(d, command.Limits, moved, ignoreBookingId: current.Id, now))
                    {
                        limitReached = true;
                        continue;
                    }

                    Unindex(d, current);
                    d.Bookings.Remove(current.Id);
                    Add(d, moved);
                    return new RescheduleResult(RescheduleStatus.Rescheduled, d.Bookings[moved.Id]);
                }
            }

            return new RescheduleResult(limitReached ? RescheduleStatus.LimitReached : RescheduleStatus.Conflict, current);
        }
    }

    /// <summary>Whether any staff member <paramref name="booking"/> would occupy has their day in <paramref name="limits"/> full.</summary>
    private static bool DayIsFull(TenantData d, BookingLimits? limits, Booking booking, Guid? ignoreBookingId, DateTimeOffset now) =>
        booking.AssignedStaffIds.Any(staffId => DayIsFull(d, limits, staffId, ignoreBookingId, now));

    /// <summary>Whether the staff member's local day in <paramref name="limits"/> already holds their daily maximum of active bookings.</summary>
    private static bool DayIsFull(TenantData d, BookingLimits? limits, Guid staffId, Guid? ignoreBookingId, DateTimeOffset now)
    {
        if (limits?.StaffDays.FirstOrDefault(l => l.StaffId == staffId) is not { } day)
        {
            return false;
        }

        return ActiveBookingsOf(d, staffId, now).Count(b => b.Id != ignoreBookingId && b.Start >= day.DayStart && b.Start < day.DayEnd) >= day.Max;
    }

    private static int ActiveBookingsOfCustomer(TenantData d, string email, DateTimeOffset now) =>
        d.Bookings.Values.Count(b => b.OccupiesAt(now) && b.Start > now && string.Equals(b.Customer.Email, email, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds the union of <paramref name="ranges"/> to <paramref name="into"/> as the fewest bare ranges.</summary>
    private static void AddMerged(List<BusyRange> ranges, List<BusyRange> into)
    {
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var i = 0;
        while (i < ranges.Count)
        {
            var (start, end) = (ranges[i].Start, ranges[i].End);
            for (i++; i < ranges.Count && ranges[i].Start <= end; i++)
            {
                end = ranges[i].End > end ? ranges[i].End : end;
            }

            into.Add(new BusyRange(start, end));
        }
    }

    private static bool Fits(TenantData d, Booking candidate, int capacity, Guid? ignoreBookingId, DateTimeOffset now)
    {
        if (!ResourcesFit(d, candidate, ignoreBookingId, now))
        {
            return false;
        }

        // A collective booking's other staff must be as free as a one-to-one booking's staff member (product specification §10.3).
        foreach (var extra in candidate.AdditionalStaffIds)
        {
            if (extra == candidate.StaffId || ActiveBookingsOf(d, extra, now).Any(other =>
                other.Id != ignoreBookingId && other.BlockedStart < candidate.BlockedEnd && other.BlockedEnd > candidate.BlockedStart))
            {
                return false;
            }
        }

        var seatsTaken = 0;
        foreach (var other in ActiveBookingsOf(d, candidate.StaffId, now))
        {
            if (other.Id == ignoreBookingId || other.BlockedStart >= candidate.BlockedEnd || other.BlockedEnd <= candidate.BlockedStart)
            {
                continue;
            }

            // Overlap is allowed only within one session of a group service.
            if (capacity > 1 && other.ServiceId == candidate.ServiceId && other.Start == candidate.Start)
            {
                seatsTaken++;
            }
            else
            {
                return false;
            }
        }

        return seatsTaken < capacity;
    }

    private static void Add(TenantData d, Booking booking)
    {
        d.Bookings[booking.Id] = booking;
        Claim(d, booking);
        foreach (var staffId in booking.AssignedStaffIds)
        {
            if (!d.BookingsByStaff.TryGetValue(staffId, out var list))
            {
                list = [];
                d.BookingsByStaff[staffId] = list;
            }

            list.Add(booking.Id);
        }
    }

    /// <summary>Takes a booking out of the index of every staff member it occupies.</summary>
    private static void Unindex(TenantData d, Booking booking)
    {
        foreach (var staffId in booking.AssignedStaffIds)
        {
            if (d.BookingsByStaff.TryGetValue(staffId, out var list))
            {
                list.Remove(booking.Id);
            }
        }
    }

    /// <summary>
    /// The bookings that occupy the staff member's time at <paramref name="now"/> (a lapsed hold does not, swept or not), those of
    /// collective services they serve as one of the additional staff included.
    /// </summary>
    private static IEnumerable<Booking> ActiveBookingsOf(TenantData d, Guid staffId, DateTimeOffset now)
    {
        if (d.BookingsByStaff.TryGetValue(staffId, out var ids))
        {
            foreach (var id in ids)
            {
                var b = d.Bookings[id];
                if (b.OccupiesAt(now))
                {
                    yield return b;
                }
            }
        }
    }

    private static bool Replace<T>(Dictionary<Guid, T> map, Guid id, T value)
    {
        if (!map.ContainsKey(id))
        {
            return false;
        }

        map[id] = value;
        return true;
    }

    private bool ServiceCreated(Service service) =>
        RecordCatalog(service.TenantId, CatalogAudit.ServiceEntity, service.Id, AuditActions.ServiceCreated, null, CatalogAudit.Snapshot(service));

    private bool StaffCreated(StaffMember staff) =>
        RecordCatalog(staff.TenantId, CatalogAudit.StaffEntity, staff.Id, AuditActions.StaffCreated, null, CatalogAudit.Snapshot(staff));

    private static InvalidOperationException Duplicate(string what) => new($"A {what} with this id already exists.");

    private TenantData? Data(Guid tenantId)
    {
        lock (_tenantsLock)
        {
            return _tenants.GetValueOrDefault(tenantId);
        }
    }

    private static T Read<T>(TenantData d, Func<T> read)
    {
        lock (d.Gate)
        {
            return read();
        }
    }

    private T? Query<T>(Guid tenantId, Func<TenantData, T?> read) =>
        Data(tenantId) is { } d ? Read(d, () => read(d)) : default;

    private T? Write<T>(Guid tenantId, Func<TenantData, T> write, bool mustExist = false) =>
        Data(tenantId) is { } d ? Read(d, () => Audited(d, write))
        : mustExist ? throw new NotFoundException("tenant") : default;
}
