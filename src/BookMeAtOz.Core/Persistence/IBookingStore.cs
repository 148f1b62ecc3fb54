using BookMeAtOz.Audit;
using BookMeAtOz.Auth;
using BookMeAtOz.Bookings;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;

namespace BookMeAtOz.Persistence;

/// <summary>
/// Where tenants, services, staff, schedules and bookings live. Every implementation enforces the
/// booking invariants itself, atomically, under any number of concurrent callers (SPEC §3.8): no two
/// active bookings of a staff member overlap in their blocked ranges, except bookings of the same
/// group service at the same start (one session), and a session never holds more bookings than the
/// capacity it is given. Every method is scoped to one tenant; nothing of another tenant is visible.
/// </summary>
/// <remarks>Failures to reach the store surface as <see cref="StoreUnavailableException"/>.</remarks>
public interface IBookingStore
{
    /// <summary>Adds a tenant.</summary>
    /// <exception cref="BookMeAtOzException">With code <c>slug_taken</c> when the slug is used.</exception>
    Task CreateTenantAsync(Tenant tenant, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a tenant with its first owner (sign-up), recording <paramref name="audit"/>, in one atomic step: when any
    /// part fails, nothing is left behind (the slug stays free for a retry), and the tenant is never visible without
    /// its owner. A store that keeps users elsewhere than tenants must still give this guarantee.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="owner">Its owner: a user of <paramref name="tenant"/> with the owner role.</param>
    /// <param name="audit">The audit entry of the owner's creation.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="BookMeAtOzException">With code <c>slug_taken</c> when the slug is used.</exception>
    Task CreateTenantAsync(Tenant tenant, User owner, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>A tenant by id, or null.</summary>
    Task<Tenant?> FindTenantAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>A tenant by slug, or null.</summary>
    Task<Tenant?> FindTenantBySlugAsync(string slug, CancellationToken cancellationToken);

    /// <summary>Replaces a tenant's name, zone, currency and policy (not its slug); false when it does not exist.</summary>
    Task<bool> UpdateTenantAsync(Tenant tenant, CancellationToken cancellationToken);

    /// <summary>Adds a service.</summary>
    Task CreateServiceAsync(Service service, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a service unless the tenant already has <paramref name="maxServices"/> services (not deleted): then it
    /// answers false and writes nothing. The built-in stores count and add as one step, so concurrent creates never pass
    /// the cap; this default counts, then adds, so concurrent creates may pass it by at most their number.
    /// </summary>
    /// <param name="service">The service.</param>
    /// <param name="maxServices">The tenant's cap.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Whether it was added.</returns>
    async Task<bool> TryCreateServiceAsync(Service service, int maxServices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        if ((await ListServicesAsync(service.TenantId, cancellationToken).ConfigureAwait(false)).Count >= maxServices)
        {
            return false;
        }

        await CreateServiceAsync(service, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A service of the tenant, or null (also when deleted).</summary>
    Task<Service?> FindServiceAsync(Guid tenantId, Guid serviceId, CancellationToken cancellationToken);

    /// <summary>The tenant's services (not deleted), by name.</summary>
    Task<IReadOnlyList<Service>> ListServicesAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>Replaces a service; false when it does not exist.</summary>
    Task<bool> UpdateServiceAsync(Service service, CancellationToken cancellationToken);

    /// <summary>Deletes a service (its bookings stay); false when it does not exist.</summary>
    Task<bool> DeleteServiceAsync(Guid tenantId, Guid serviceId, CancellationToken cancellationToken);

    /// <summary>Adds a staff member with an empty schedule.</summary>
    Task CreateStaffAsync(StaffMember staff, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a staff member with an empty schedule unless the tenant already has <paramref name="maxStaff"/> staff members
    /// (not deleted): then it answers false and writes nothing. The built-in stores count and add as one step, so
    /// concurrent creates never pass the cap; this default counts, then adds, so concurrent creates may pass it by at most
    /// their number.
    /// </summary>
    /// <param name="staff">The staff member.</param>
    /// <param name="maxStaff">The tenant's cap.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Whether they were added.</returns>
    async Task<bool> TryCreateStaffAsync(StaffMember staff, int maxStaff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        if ((await ListStaffAsync(staff.TenantId, cancellationToken).ConfigureAwait(false)).Count >= maxStaff)
        {
            return false;
        }

        await CreateStaffAsync(staff, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A staff member of the tenant, or null (also when deleted).</summary>
    Task<StaffMember?> FindStaffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken);

    /// <summary>The tenant's staff (not deleted), by name.</summary>
    Task<IReadOnlyList<StaffMember>> ListStaffAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>Replaces a staff member; false when they do not exist.</summary>
    Task<bool> UpdateStaffAsync(StaffMember staff, CancellationToken cancellationToken);

    /// <summary>Deletes a staff member (their bookings stay); false when they do not exist.</summary>
    Task<bool> DeleteStaffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken);

    /// <summary>A staff member's schedule (empty if never set), or null when the staff member does not exist.</summary>
    Task<StaffSchedule?> GetScheduleAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken);

    /// <summary>Replaces a staff member's schedule; false when they do not exist.</summary>
    Task<bool> SetScheduleAsync(Guid tenantId, Guid staffId, StaffSchedule schedule, CancellationToken cancellationToken);

    /// <summary>Adds time off; false when the staff member does not exist.</summary>
    Task<bool> AddTimeOffAsync(TimeOff timeOff, CancellationToken cancellationToken);

    /// <summary>A staff member's time off, by start.</summary>
    Task<IReadOnlyList<TimeOff>> ListTimeOffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken);

    /// <summary>Removes time off; false when it does not exist.</summary>
    Task<bool> DeleteTimeOffAsync(Guid tenantId, Guid staffId, Guid timeOffId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a tenant-wide closure unless the tenant already has <paramref name="maxClosures"/>: then it answers false and
    /// writes nothing. Counting and adding are one atomic step.
    /// </summary>
    /// <param name="closure">The closure.</param>
    /// <param name="maxClosures">The tenant's cap.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Whether it was added.</returns>
    /// <exception cref="NotFoundException">The tenant does not exist.</exception>
    Task<bool> TryAddClosureAsync(Closure closure, int maxClosures, CancellationToken cancellationToken);

    /// <summary>The tenant's closures, by first date then id.</summary>
    Task<IReadOnlyList<Closure>> ListClosuresAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>Removes a closure; false when it does not exist.</summary>
    Task<bool> DeleteClosureAsync(Guid tenantId, Guid closureId, CancellationToken cancellationToken);

    /// <summary>Adds a resource unless the tenant already has <paramref name="maxResources"/>.</summary>
    /// <returns>Whether it was added.</returns>
    /// <exception cref="NotFoundException">The tenant does not exist.</exception>
    Task<bool> TryCreateResourceAsync(Resource resource, int maxResources, CancellationToken cancellationToken);

    /// <summary>A resource of the tenant; null when it does not exist (or was deleted).</summary>
    Task<Resource?> FindResourceAsync(Guid tenantId, Guid resourceId, CancellationToken cancellationToken);

    /// <summary>The tenant's resources, by name then id.</summary>
    Task<IReadOnlyList<Resource>> ListResourcesAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a resource. A lower quantity is refused (<see cref="ResourceWrite.InUse"/>) while an active booking that has
    /// not ended uses the resource: the units it took must stay.
    /// </summary>
    Task<ResourceWrite> UpdateResourceAsync(Resource resource, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a resource; refused (<see cref="ResourceWrite.InUse"/>) while a service requires it. Bookings made keep the
    /// units they took.
    /// </summary>
    Task<ResourceWrite> DeleteResourceAsync(Guid tenantId, Guid resourceId, CancellationToken cancellationToken);

    /// <summary>
    /// The engine's inputs for the named resources (deleted or unknown ones left out): each with the units that active
    /// bookings (an unexpired hold, a pending or a confirmed booking) use in blocked ranges overlapping
    /// <c>[rangeStart, rangeEnd)</c>.
    /// </summary>
    Task<IReadOnlyList<ResourceAvailability>> LoadResourceAvailabilityAsync(
        Guid tenantId, IReadOnlyList<Guid> resourceIds, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, ReadFrom readFrom,
        CancellationToken cancellationToken);

    /// <summary>
    /// The engine's inputs for the given staff: each existing staff member with their schedule and the
    /// active bookings and time off whose ranges overlap <c>[rangeStart, rangeEnd)</c>.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="staffIds">The staff to load; unknown ids are skipped.</param>
    /// <param name="rangeStart">Start of the range.</param>
    /// <param name="rangeEnd">End of the range, exclusive.</param>
    /// <param name="readFrom">Whether a standby that may lag slightly is acceptable.</param>
    /// <param name="detail">One range per booking, or busy time merged where the engine's answer allows.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<StaffAvailability>> LoadAvailabilityAsync(
        Guid tenantId, IReadOnlyList<Guid> staffIds, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, ReadFrom readFrom, BusyDetail detail,
        CancellationToken cancellationToken);

    /// <summary>
    /// Books the first candidate (in order) that the invariants allow, atomically with the idempotency
    /// record when one is given. With an idempotency key already recorded (also by a concurrent caller,
    /// whose outcome this call waits for), nothing is booked and the recorded entry is returned. With
    /// <see cref="CreateBookingCommand.Limits"/>, a candidate whose staff member's day is full is skipped, and a
    /// customer at their limit books nothing; these are checked atomically with the write (concurrent bookings never
    /// pass a limit). When a limit stopped the booking, nothing is written (not even the idempotency record) and
    /// <see cref="CreateBookingResult.LimitReached"/> is set.
    /// </summary>
    Task<CreateBookingResult> CreateBookingAsync(CreateBookingCommand command, CancellationToken cancellationToken);

    /// <summary>The recorded outcome of an idempotency key that has not expired, or null.</summary>
    Task<IdempotencyRecord?> FindIdempotencyRecordAsync(Guid tenantId, string key, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A booking of the tenant, or null.</summary>
    Task<Booking?> FindBookingAsync(Guid tenantId, Guid bookingId, CancellationToken cancellationToken);

    /// <summary>Bookings starting in <c>[From, To)</c>, by start then id, after the cursor.</summary>
    Task<IReadOnlyList<Booking>> ListBookingsAsync(BookingQuery query, CancellationToken cancellationToken);

    /// <summary>Cancels a booking, freeing its time at once; cancelling a cancelled booking changes nothing. Null when it does not exist.</summary>
    Task<Booking?> CancelBookingAsync(Guid tenantId, Guid bookingId, DateTimeOffset cancelledAt, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// Moves an active booking to the first candidate time the invariants allow, taking the new time and
    /// releasing the old in one atomic step; nothing changes when no candidate fits. The staff day limits of
    /// <see cref="RescheduleCommand.Limits"/> (not counting the booking itself) and
    /// <see cref="RescheduleCommand.MaxCustomerReschedules"/> are checked atomically with the move; a move
    /// <see cref="RescheduleCommand.ByCustomer"/> adds one to <see cref="Booking.CustomerReschedules"/>.
    /// </summary>
    Task<RescheduleResult> RescheduleBookingAsync(RescheduleCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// Books a hold in place, atomically: the row <see cref="BookHoldCommand.Booking"/> names (by id) must still be held,
    /// unexpired at <see cref="BookHoldCommand.Now"/>, and of the same service, staff member and start; it then takes the
    /// booking's status, customer, notes, answers, manage token, creation time and expiry, with the idempotency record when
    /// one is given. Otherwise nothing is written (not even the idempotency record) and the result's booking is null. A
    /// recorded idempotency key answers as in <see cref="CreateBookingAsync"/>. The customer limit of
    /// <see cref="BookHoldCommand.Limits"/> is checked atomically with the write (the staff day limits were checked when
    /// the hold was made, and the hold already counts).
    /// </summary>
    Task<CreateBookingResult> BookHoldAsync(BookHoldCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// Releases a hold at once (it becomes <see cref="BookingStatus.Expired"/>, its seat given back). Null when there is
    /// no such hold still held (unknown, already released or lapsed and swept, or booked): nothing changes.
    /// </summary>
    Task<Booking?> ReleaseHoldAsync(Guid tenantId, Guid holdId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks up to <paramref name="limit"/> lapsed holds (expiry at or before <paramref name="now"/>) of every tenant
    /// expired, giving their seats back, and forgets up to <paramref name="limit"/> expired holds that were never booked
    /// and lapsed before <paramref name="purgeBefore"/>. A lapsed hold blocks nothing even before this runs.
    /// </summary>
    /// <returns>The holds marked expired.</returns>
    Task<IReadOnlyList<Booking>> ExpireLapsedHoldsAsync(DateTimeOffset now, DateTimeOffset purgeBefore, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Changes a booking's status as one compare-and-set under the booking's lock: only when the booking meets every
    /// condition of <paramref name="transition"/> (<see cref="BookingTransition.Allows"/>) does it change, and a status that
    /// frees time gives back its seat in the same step, so that concurrent transitions, cancels and reschedules of one
    /// booking change it at most once. A store with an outbox writes the transition's event
    /// (<see cref="BookingTransition.EventType"/>) in the same transaction.
    /// </summary>
    /// <param name="transition">What to change, and when it is allowed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The outcome with the booking as it is afterwards.</returns>
    Task<TransitionResult> TransitionBookingAsync(BookingTransition transition, CancellationToken cancellationToken);

    /// <summary>
    /// Pending bookings of every tenant whose approval deadline (<see cref="Booking.ExpiresAt"/>) is at or before
    /// <paramref name="now"/>, oldest deadline first, at most <paramref name="limit"/>: what the expiry sweep turns
    /// <c>expired</c>. The only read across tenants; it names bookings and nothing else.
    /// </summary>
    /// <param name="now">The sweep's clock.</param>
    /// <param name="limit">The most to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<BookingKey>> FindLapsedApprovalsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Books the occurrences of a recurring series in one atomic step (SPEC §10.2), each to the first of its candidates
    /// that the invariants and its limits allow, as <see cref="CreateBookingAsync"/> books one. With
    /// <see cref="CreateSeriesCommand.AllOrNothing"/>, a single occurrence that cannot be booked (or was refused before,
    /// <see cref="SeriesOccurrence.RefusedCode"/>) books nothing at all. The series row is written only when something
    /// was booked; the idempotency record (if any) always, with the outcome. A recorded key answers as in
    /// <see cref="CreateBookingAsync"/>.
    /// </summary>
    /// <param name="command">The series, its occurrences and how to book them.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>What was booked and what was not.</returns>
    Task<CreateSeriesResult> CreateSeriesAsync(CreateSeriesCommand command, CancellationToken cancellationToken);

    /// <summary>A series of the tenant, or null.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="seriesId">The series.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<BookingSeries?> FindSeriesAsync(Guid tenantId, Guid seriesId, CancellationToken cancellationToken);

    /// <summary>Every booking of a series (whatever its status), by start then id.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="seriesId">The series.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<Booking>> ListSeriesBookingsAsync(Guid tenantId, Guid seriesId, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels several bookings in one atomic step, as <see cref="CancelBookingAsync"/> cancels one (an inactive one is
    /// left as it is). Answers every booking named that exists, as it is afterwards.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="bookingIds">The bookings.</param>
    /// <param name="cancelledAt">When.</param>
    /// <param name="reason">Why, if said.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<IReadOnlyList<Booking>> CancelBookingsAsync(
        Guid tenantId, IReadOnlyList<Guid> bookingIds, DateTimeOffset cancelledAt, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// Moves several bookings in one atomic step, each as <see cref="RescheduleBookingAsync"/> moves one, in the order
    /// given: either every move succeeds, or nothing changes and the result names the first that failed.
    /// </summary>
    /// <param name="commands">The moves, in the order to make them (a move never conflicts with a booking moved later in the list only if the caller orders them so).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<RescheduleManyResult> RescheduleBookingsAsync(IReadOnlyList<RescheduleCommand> commands, CancellationToken cancellationToken);
}

/// <summary>A request to book a hold in place (<see cref="IBookingStore.BookHoldAsync"/>).</summary>
/// <param name="Booking">The booking as it is to be: the hold's id, service, staff member and start, with everything a booking adds.</param>
/// <param name="Idempotency">The idempotency record to write with the booking, if the caller sent a key.</param>
/// <param name="Now">The hold must not have lapsed at this instant.</param>
public sealed record BookHoldCommand(Booking Booking, IdempotencyEntry? Idempotency, DateTimeOffset Now)
{
    /// <summary>The customer limit to stay within (<see cref="BookingLimits.MaxActiveBookingsPerCustomer"/>); null = none.</summary>
    public BookingLimits? Limits { get; init; }
}

/// <summary>The outcome of a resource update or delete.</summary>
public enum ResourceWrite
{
    /// <summary>Written.</summary>
    Done,

    /// <summary>The resource does not exist.</summary>
    NotFound,

    /// <summary>Refused: bookings or services still rely on it.</summary>
    InUse,
}

/// <summary>Which copy of the data a read may use.</summary>
public enum ReadFrom
{
    /// <summary>The primary: reads see every committed write. The booking path always uses it.</summary>
    Primary,
    /// <summary>A standby if one is configured (it may lag by milliseconds), else the primary.</summary>
    PreferStandby,
}

/// <summary>How <see cref="IBookingStore.LoadAvailabilityAsync"/> reports a staff member's busy time.</summary>
public enum BusyDetail
{
    /// <summary>One range per booking (with its service, start and id) and one per time off.</summary>
    PerBooking,

    /// <summary>
    /// Bookings of group services (capacity above 1) one by one, as a session can be joined; every other
    /// booking and all time off merged into the fewest ranges (overlapping or touching ranges become one),
    /// without booking details. The engine finds the same slots from either form; this one is what a
    /// busy calendar costs to read and send. Not for callers that count or skip individual bookings.
    /// </summary>
    Merged,
}

/// <summary>A request to book one of several candidates (the same appointment with different staff).</summary>
/// <param name="Candidates">Bookings to try in order; all of the same tenant, service and start.</param>
/// <param name="Capacity">Seats per session of the service (1 = one-to-one).</param>
/// <param name="Idempotency">The idempotency record to write with the outcome, if the caller sent a key.</param>
public sealed record CreateBookingCommand(IReadOnlyList<Booking> Candidates, int Capacity, IdempotencyEntry? Idempotency)
{
    /// <summary>Limits the booking must stay within, checked by the store atomically with the write; null = none.</summary>
    public BookingLimits? Limits { get; init; }
}

/// <summary>Limits a new or moved booking must stay within (SPEC §9.5), enforced by the store.</summary>
public sealed record BookingLimits
{
    /// <summary>Per candidate staff member with a daily limit: the most active bookings starting within their local day of the candidate's start.</summary>
    public IReadOnlyList<StaffDayLimit> StaffDays { get; init; } = [];

    /// <summary>The most active bookings starting after <see cref="Now"/> one customer e-mail (case-insensitive) may hold; null = unlimited.</summary>
    public int? MaxActiveBookingsPerCustomer { get; init; }

    /// <summary>Bookings starting after this count towards the customer's limit.</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>Whether there is anything to check.</summary>
    public bool IsEmpty => StaffDays.Count == 0 && MaxActiveBookingsPerCustomer is null;
}

/// <summary>A staff member's daily booking limit on the local day of a candidate.</summary>
/// <param name="StaffId">The staff member.</param>
/// <param name="Max">The most active bookings starting in <c>[DayStart, DayEnd)</c>.</param>
/// <param name="DayStart">The start of their local day.</param>
/// <param name="DayEnd">The start of the next local day.</param>
public sealed record StaffDayLimit(Guid StaffId, int Max, DateTimeOffset DayStart, DateTimeOffset DayEnd);

/// <summary>An idempotency key to record with a booking outcome.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Key">The client's key.</param>
/// <param name="Fingerprint">A hash of the request body.</param>
/// <param name="ExpiresAt">When the record may be forgotten.</param>
/// <param name="Response">The response to record: for the booking made, or for null when no candidate fitted.</param>
public sealed record IdempotencyEntry(Guid TenantId, string Key, string Fingerprint, DateTimeOffset ExpiresAt, Func<Booking?, string> Response);

/// <summary>A recorded idempotency key.</summary>
/// <param name="Fingerprint">The hash of the first request's body.</param>
/// <param name="Response">The first request's recorded response.</param>
public sealed record IdempotencyRecord(string Fingerprint, string Response);

/// <summary>The outcome of <see cref="IBookingStore.CreateBookingAsync"/>.</summary>
/// <param name="Booking">The booking made, or null when no candidate fitted or the key was already recorded.</param>
/// <param name="Existing">The earlier outcome recorded for the same idempotency key, if any.</param>
public sealed record CreateBookingResult(Booking? Booking, IdempotencyRecord? Existing)
{
    /// <summary>Whether a limit of <see cref="CreateBookingCommand.Limits"/> stopped the booking (nothing was written).</summary>
    public bool LimitReached { get; init; }
}

/// <summary>A request to move a booking.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="BookingId">The booking.</param>
/// <param name="Candidates">The new (staff, start, end, buffers) to try in order; other fields are ignored.</param>
/// <param name="Capacity">Seats per session of the service.</param>
public sealed record RescheduleCommand(Guid TenantId, Guid BookingId, IReadOnlyList<Booking> Candidates, int Capacity)
{
    /// <summary>Staff day limits the move must stay within (the booking itself not counted); null = none.</summary>
    public BookingLimits? Limits { get; init; }

    /// <summary>Whether the customer moves it (counted in <see cref="Booking.CustomerReschedules"/>).</summary>
    public bool ByCustomer { get; init; }

    /// <summary>With <see cref="ByCustomer"/>: refuse when the booking was already moved this often by its customer; null = unlimited.</summary>
    public int? MaxCustomerReschedules { get; init; }
}

/// <summary>The outcome of a reschedule.</summary>
public enum RescheduleStatus
{
    /// <summary>Moved.</summary>
    Rescheduled,
    /// <summary>No candidate fitted; nothing changed.</summary>
    Conflict,
    /// <summary>The booking does not exist.</summary>
    NotFound,
    /// <summary>The booking is cancelled; nothing changed.</summary>
    NotActive,
    /// <summary>Every candidate that was otherwise free is at its staff member's daily limit; nothing changed.</summary>
    LimitReached,
    /// <summary>The customer has moved the booking <see cref="RescheduleCommand.MaxCustomerReschedules"/> times; nothing changed.</summary>
    MaxReschedulesReached,
}

/// <summary>The outcome of <see cref="IBookingStore.RescheduleBookingAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Booking">The booking as it now is (null when not found).</param>
public sealed record RescheduleResult(RescheduleStatus Status, Booking? Booking);

/// <summary>A page request for bookings.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="From">Bookings starting at or after this instant.</param>
/// <param name="To">Bookings starting before this instant.</param>
/// <param name="StaffId">Only this staff member's, if given.</param>
/// <param name="Status">Only this status, if given.</param>
/// <param name="After">Keyset cursor: only bookings after this (start, id).</param>
/// <param name="Limit">At most this many.</param>
public sealed record BookingQuery(
    Guid TenantId,
    DateTimeOffset From,
    DateTimeOffset To,
    Guid? StaffId,
    BookingStatus? Status,
    (DateTimeOffset Start, Guid Id)? After,
    int Limit);
