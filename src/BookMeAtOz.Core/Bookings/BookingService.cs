using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BookMeAtOz.Persistence;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using BookMeAtOz.Validation;
using NodaTime;

namespace BookMeAtOz.Bookings;

/// <summary>
/// The booking rules of SPEC §3 over a store: availability queries, create (only offered slots, any
/// staff with load spreading and fallback), cancel, reschedule and idempotency keys. The store
/// enforces the invariants atomically; this class decides what to ask of it.
/// </summary>
public sealed partial class BookingService(IBookingStore store, TimeProvider timeProvider)
{
    private readonly ManageTokenIssuer _tokens = new();
    private readonly AvailabilityCache? _availability;
    private readonly IBusyTimeSource[] _busySources = [];
    private readonly IBookingRule[] _rules = [];

    /// <summary>
    /// A booking service whose manage tokens come from <paramref name="tokens"/> (so e-mails can carry them), whose
    /// availability listings reuse store answers kept in <paramref name="availability"/>, if given, and which subtracts
    /// the busy time of <paramref name="busySources"/> and asks <paramref name="rules"/> before booking.
    /// </summary>
    internal BookingService(
        IBookingStore store, TimeProvider timeProvider, ManageTokenIssuer tokens, AvailabilityCache? availability = null,
        IEnumerable<IBusyTimeSource>? busySources = null, IEnumerable<IBookingRule>? rules = null)
        : this(store, timeProvider)
    {
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _availability = availability;
        _busySources = [.. busySources ?? []];
        _rules = [.. rules ?? []];
    }

    /// <summary>The longest availability window, in local days.</summary>
    public const int MaxAvailabilityDays = 62;

    /// <summary>How long an idempotency key's outcome is kept.</summary>
    public static readonly TimeSpan IdempotencyLifetime = TimeSpan.FromHours(24);

    /// <summary>The longest idempotency key accepted.</summary>
    public const int MaxIdempotencyKeyLength = 200;

    // Busy time that can touch a candidate lies within a day (duration ≤ 24 h, buffers ≤ 4 h) of it.
    private static readonly TimeSpan LoadMarginBefore = TimeSpan.FromDays(1);
    private static readonly TimeSpan LoadMarginAfter = TimeSpan.FromDays(2);

    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The slots a service offers between two local dates (SPEC §3, rules 1–7). The store is read before this returns;
    /// the slots are computed one local date at a time as <see cref="AvailabilityResult.Days"/> is enumerated, so a
    /// listing that must stay small stops enumerating once it has enough.
    /// </summary>
    /// <exception cref="BookMeAtOzValidationException">Bad dates, range or time zone.</exception>
    /// <exception cref="NotFoundException">The tenant or service does not exist.</exception>
    public async Task<AvailabilityResult> GetAvailabilityAsync(Guid tenantId, AvailabilityQuery query, CancellationToken cancellationToken)
    {
        Validate(query);
        var tenant = await RequireTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return await FindAvailabilityAsync(tenant, (id, ct) => store.FindServiceAsync(tenantId, id, ct), query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="GetAvailabilityAsync(Guid, AvailabilityQuery, CancellationToken)"/> for a host that has the tenant at hand and
    /// keeps services in a cache of its own (a listing may use them; the booking path reads the store).
    /// </summary>
    /// <param name="tenant">The tenant, already found.</param>
    /// <param name="findService">Finds a service of the tenant (null when there is none).</param>
    /// <param name="query">What to list.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    public async Task<AvailabilityResult> GetAvailabilityAsync(
        Tenant tenant, Func<Guid, CancellationToken, Task<Service?>> findService, AvailabilityQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(findService);
        Validate(query);
        return await FindAvailabilityAsync(tenant, findService, query, cancellationToken).ConfigureAwait(false);
    }

    private static void Validate(AvailabilityQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new ValidationErrors();
        errors.Require(query.ServiceId != Guid.Empty, "serviceId", "Is required.");
        errors.Require(DateBounds.Contains(query.From), "from", DateBounds.Message);
        errors.Require(DateBounds.Contains(query.To), "to", DateBounds.Message);
        errors.Require(query.To >= query.From, "to", "Must not be before from.");
        errors.Require(query.To.DayNumber - query.From.DayNumber < MaxAvailabilityDays, "to", $"The range may span at most {MaxAvailabilityDays} days.");
        errors.Require(query.TimeZone is null || TimeZones.IsValid(query.TimeZone), "timeZone", "Must be a known IANA time zone.");
        errors.ThrowIfAny();
    }

    private async Task<AvailabilityResult> FindAvailabilityAsync(
        Tenant tenant, Func<Guid, CancellationToken, Task<Service?>> findService, AvailabilityQuery query, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var service = await findService(query.ServiceId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("service");
        var zoneId = query.TimeZone ?? tenant.TimeZone;
        var zone = TimeZones.Get(zoneId);
        var from = zone.AtStartOfDay(LocalDate.FromDateOnly(query.From)).ToDateTimeOffset();
        var to = zone.AtStartOfDay(LocalDate.FromDateOnly(query.To).PlusDays(1)).ToDateTimeOffset();

        var loaded = await LoadListingStaffAsync(tenant, service, query.StaffId, from, to, cancellationToken).ConfigureAwait(false);

        // In the service's order: the answer lists them so, and each slot's staff come in the same order.
        var position = new Dictionary<Guid, int>(service.StaffIds.Count);
        for (var i = service.StaffIds.Count - 1; i >= 0; i--)
        {
            position[service.StaffIds[i]] = i;
        }

        IReadOnlyList<StaffAvailability> staff = [.. loaded.OrderBy(s => position.GetValueOrDefault(s.Staff.Id, int.MaxValue))];
        var closures = loaded.Count == 0 ? [] : await store.ListClosuresAsync(tenant.Id, cancellationToken).ConfigureAwait(false);
        var resources = loaded.Count == 0 ? [] : await LoadResourcesAsync(tenant.Id, service, from, to, ReadFrom.PreferStandby, null, cancellationToken).ConfigureAwait(false);
        var request = new AvailabilityRequest(service, tenant.Policy, from, to, timeProvider.GetUtcNow(), staff, zoneId)
        {
            Closures = closures,
            ClosureTimeZone = tenant.TimeZone,
            Resources = resources,
        };
        var listed = AvailabilityEngine.Eligible(request);
        var days = AvailabilityEngine.FindSlotsByDay(request);
        if (service.IsCollective && query.StaffId is { } named)
        {
            // A collective slot needs the whole team free: the engine saw every staff member; only the slots the named one
            // can serve (with enough of the others) are this answer's.
            listed = listed.FindAll(s => s.Staff.Id == named);
            days = days.Select(d => d with { Slots = [.. d.Slots.Where(slot => slot.StaffIds.Contains(named)).Select(slot => slot with { StaffIds = [named], SeatsLeft = 1 })] });
        }

        return new AvailabilityResult(service.Id, zoneId, [.. listed.Select(s => s.Staff)], Timed(days, started));
    }

    /// <summary>The days as they are computed; the duration recorded once the listing has taken what it wanted.</summary>
    private static IEnumerable<AvailabilityDay> Timed(IEnumerable<AvailabilityDay> days, long started)
    {
        try
        {
            foreach (var day in days)
            {
                yield return day;
            }
        }
        finally
        {
            BookMeAtOzDiagnostics.AvailabilityDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>
    /// Books an offered slot (SPEC §3.7–§3.9, §3.11). A refused request is an outcome, not an exception,
    /// so that it can be recorded under its idempotency key and replayed as it was.
    /// </summary>
    /// <exception cref="BookMeAtOzValidationException">The request is invalid; nothing is recorded.</exception>
    /// <exception cref="NotFoundException">The tenant, service or named staff member does not exist.</exception>
    /// <exception cref="BookMeAtOzException"><c>idempotency_key_reused</c>: the key was used with another request.</exception>
    public async Task<CreateBookingOutcome> CreateBookingAsync(
        Guid tenantId, CreateBookingRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request, idempotencyKey);
        if (request.HoldId is { } holdId)
        {
            return await BookHoldAsync(tenantId, holdId, request, idempotencyKey, cancellationToken).ConfigureAwait(false);
        }

        var now = timeProvider.GetUtcNow();
        var fingerprint = idempotencyKey is null ? null : Fingerprint(request);
        if (idempotencyKey is not null)
        {
            var recorded = await store.FindIdempotencyRecordAsync(tenantId, idempotencyKey, now, cancellationToken).ConfigureAwait(false);
            if (recorded is not null)
            {
                return Replay(recorded, fingerprint!);
            }
        }

        var tenant = await RequireTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var service = await store.FindServiceAsync(tenantId, request.ServiceId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("service");
        var answerErrors = new ValidationErrors();
        var answers = BookingAnswers.Check(service, request.Answers, answerErrors);
        answerErrors.ThrowIfAny();
        if (request.StaffId is { } named && await store.FindStaffAsync(tenantId, named, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new NotFoundException("staff member");
        }

        var (staffOrder, dayLimits) = await FreeStaffInLoadOrderAsync(
            tenant, service, request.StaffId, request.Start, ignoreBookingId: null, preferred: null, cancellationToken).ConfigureAwait(false);

        if (staffOrder.Count > 0)
        {
            await CheckRulesAsync(new BookingRuleContext(tenant, service, staffOrder, request.Start, request.Start.AddMinutes(service.DurationMinutes),
                request.Customer, request.Notes, null), cancellationToken).ConfigureAwait(false);
        }

        var id = Guid.CreateVersion7(now);
        var (token, hash) = _tokens.Create(tenantId, id);
        var (status, expiresAt) = InitialState(tenant, service, request.Start, now);
        var candidates = Teams(service, staffOrder, request.StaffId).Select(team => new Booking(
            id, tenantId, service.Id, team.StaffId, request.Start.ToUniversalTime(), request.Start.ToUniversalTime().AddMinutes(service.DurationMinutes),
            service.BufferBeforeMinutes, service.BufferAfterMinutes, status,
            request.Customer, request.Notes, now, null, null, hash)
        {
            Answers = answers,
            ExpiresAt = expiresAt,
            Locale = Notifications.EmailLanguages.Normalize(request.Locale),
            AdditionalStaffIds = team.Additional,
        }).ToList();

        var idempotency = idempotencyKey is null ? null : new IdempotencyEntry(
            tenantId, idempotencyKey, fingerprint!, now + IdempotencyLifetime,
            made => JsonSerializer.Serialize(made is null ? Refused() : Made(made, token), StoredJson));

        if (candidates.Count == 0 && idempotency is null)
        {
            BookMeAtOzDiagnostics.BookingConflicts.Add(1);
            return Refused();
        }

        var limits = new BookingLimits { StaffDays = dayLimits, MaxActiveBookingsPerCustomer = tenant.Policy.MaxActiveBookings, Now = now };
        var command = new CreateBookingCommand(candidates, service.Capacity, idempotency) { Limits = limits.IsEmpty ? null : limits };
        var result = await store.CreateBookingAsync(command, cancellationToken).ConfigureAwait(false);
        if (result.Existing is not null)
        {
            return Replay(result.Existing, fingerprint!);
        }

        if (result.LimitReached)
        {
            BookMeAtOzDiagnostics.BookingConflicts.Add(1);
            return new CreateBookingOutcome(null, null, ErrorCodes.BookingLimitReached,
                "A booking limit is reached: the staff member is fully booked that day, or you hold as many upcoming bookings as this business allows.",
                Replayed: false);
        }

        if (result.Booking is null)
        {
            BookMeAtOzDiagnostics.BookingConflicts.Add(1);
            return Refused();
        }

        BookMeAtOzDiagnostics.BookingsCreated.Add(1);
        return Made(result.Booking, token);
    }

    /// <summary>
    /// A booking of the tenant (never a hold). A pending booking whose approval deadline has passed is expired here first
    /// (as the background sweep would), so that whoever reads or acts on one booking never sees it pending past its deadline.
    /// </summary>
    /// <exception cref="NotFoundException">It does not exist, or it is a hold.</exception>
    public async Task<Booking> GetBookingAsync(Guid tenantId, Guid bookingId, CancellationToken cancellationToken)
    {
        var booking = await store.FindBookingAsync(tenantId, bookingId, cancellationToken).ConfigureAwait(false) is { IsHold: false } found
            ? found
            : throw new NotFoundException("booking");
        return await ExpireIfLapsedAsync(booking, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A page of the tenant's bookings, by start.</summary>
    public async Task<BookingPage> ListBookingsAsync(Guid tenantId, BookingListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new ValidationErrors();
        errors.Require(query.Limit is >= 1 and <= 200, "limit", "Must be between 1 and 200.");
        errors.Require(query.From is not { } f0 || DateBounds.Contains(f0), "from", DateBounds.Message);
        errors.Require(query.To is not { } t0 || DateBounds.Contains(t0), "to", DateBounds.Message);
        errors.Require(query.From is null || query.To is null || query.To >= query.From, "to", "Must not be before from.");
        errors.Require(query.TimeZone is null || TimeZones.IsValid(query.TimeZone), "timeZone", "Must be a known IANA time zone.");
        var after = query.Cursor is null ? null : DecodeCursor(query.Cursor);
        errors.Require(query.Cursor is null || after is not null, "cursor", "Is not a cursor from a previous page.");
        errors.ThrowIfAny();

        var tenant = await RequireTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var zone = TimeZones.Get(query.TimeZone ?? tenant.TimeZone);
        var from = query.From is { } f ? zone.AtStartOfDay(LocalDate.FromDateOnly(f)).ToDateTimeOffset() : DateTimeOffset.MinValue;
        var to = query.To is { } t ? zone.AtStartOfDay(LocalDate.FromDateOnly(t).PlusDays(1)).ToDateTimeOffset() : DateTimeOffset.MaxValue;
        var items = await store.ListBookingsAsync(
            new BookingQuery(tenantId, from, to, query.StaffId, query.Status, after, query.Limit + 1), cancellationToken).ConfigureAwait(false);
        if (items.Count <= query.Limit)
        {
            return new BookingPage(items, null);
        }

        var page = items.Take(query.Limit).ToList();
        return new BookingPage(page, EncodeCursor(page[^1]));
    }

    /// <summary>
    /// Cancels a booking, freeing its time at once. Cancelling again changes nothing. A customer may cancel
    /// only up to the tenant's cancellation notice before the start.
    /// </summary>
    /// <exception cref="NotFoundException">It does not exist.</exception>
    /// <exception cref="BookMeAtOzException"><c>cancellation_window_passed</c> for a customer too close to the start.</exception>
    public async Task<Booking> CancelBookingAsync(
        Guid tenantId, Guid bookingId, string? reason, BookingActor actor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        Text.ValidateOptional(reason, errors, "reason", Text.NotesMaxLength);
        errors.ThrowIfAny();

        var booking = await GetBookingAsync(tenantId, bookingId, cancellationToken).ConfigureAwait(false);
        if (!booking.IsActive)
        {
            return booking;
        }

        await EnsureWithinCancellationWindowAsync(tenantId, booking, actor, cancellationToken).ConfigureAwait(false);
        var cancelled = await store.CancelBookingAsync(tenantId, bookingId, timeProvider.GetUtcNow(), reason, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("booking");
        BookMeAtOzDiagnostics.BookingsCancelled.Add(1);

        return cancelled;
    }

    /// <summary>
    /// Moves a booking to another offered slot in one atomic step: the new time is taken and the old one
    /// released together, or nothing changes.
    /// </summary>
    /// <exception cref="NotFoundException">The booking or named staff member does not exist.</exception>
    /// <exception cref="BookMeAtOzException">
    /// <c>slot_unavailable</c> when the new time is not free (or on a closed date); <c>booking_limit_reached</c> when the staff member's
    /// day is full; for a customer, <c>reschedule_window_passed</c> too close to the current start and <c>max_reschedules_reached</c>
    /// past the policy's count (staff and admins are limited by neither).
    /// </exception>
    public async Task<Booking> RescheduleBookingAsync(
        Guid tenantId, Guid bookingId, RescheduleBookingRequest request, BookingActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        errors.Require(request.Start != default, "start", "Is required.");
        errors.Require(request.Start == default || DateBounds.Contains(request.Start), "start", DateBounds.Message);
        errors.Require(request.StaffId != Guid.Empty, "staffId", "Must be a staff member's id.");
        errors.ThrowIfAny();

        var booking = await GetBookingAsync(tenantId, bookingId, cancellationToken).ConfigureAwait(false);
        if (!booking.IsActive)
        {
            throw new BookMeAtOzException(ErrorCodes.SlotUnavailable, "A cancelled booking cannot be rescheduled.");
        }

        var tenant = await RequireTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var byCustomer = actor == BookingActor.Customer;
        if (byCustomer)
        {
            var notice = tenant.Policy.EffectiveRescheduleNoticeMinutes;
            if (timeProvider.GetUtcNow() > booking.Start.AddMinutes(-notice))
            {
                throw new BookMeAtOzException(
                    ErrorCodes.RescheduleWindowPassed,
                    notice == 0
                        ? "The booking has already started."
                        : $"Bookings can be rescheduled online up to {notice} minutes before the start; please contact the business.");
            }

            if (tenant.Policy.MaxReschedules is { } max && booking.CustomerReschedules >= max)
            {
                throw MaxReschedulesReached(max);
            }
        }

        var service = await store.FindServiceAsync(tenantId, booking.ServiceId, cancellationToken).ConfigureAwait(false)
            ?? throw new BookMeAtOzException(ErrorCodes.SlotUnavailable, "The booking's service is no longer offered.");
        if (request.StaffId is { } named && await store.FindStaffAsync(tenantId, named, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new NotFoundException("staff member");
        }

        var (staffOrder, dayLimits) = await FreeStaffInLoadOrderAsync(
            tenant, service, request.StaffId, request.Start, booking.Id, preferred: booking.StaffId, cancellationToken).ConfigureAwait(false);
        if (staffOrder.Count > 0)
        {
            await CheckRulesAsync(new BookingRuleContext(tenant, service, staffOrder, request.Start, request.Start.AddMinutes(service.DurationMinutes),
                booking.Customer, booking.Notes, booking.Id), cancellationToken).ConfigureAwait(false);
        }

        var start = request.Start.ToUniversalTime();
        var candidates = Teams(service, staffOrder, request.StaffId).Select(team => booking with
        {
            StaffId = team.StaffId,
            AdditionalStaffIds = team.Additional,
            Start = start,
            End = start.AddMinutes(service.DurationMinutes),
            BufferBeforeMinutes = service.BufferBeforeMinutes,
            BufferAfterMinutes = service.BufferAfterMinutes,
        }).ToList();

        var command = new RescheduleCommand(tenantId, bookingId, candidates, service.Capacity)
        {
            Limits = dayLimits.Count == 0 ? null : new BookingLimits { StaffDays = dayLimits, Now = timeProvider.GetUtcNow() },
            ByCustomer = byCustomer,
            MaxCustomerReschedules = byCustomer ? tenant.Policy.MaxReschedules : null,
        };
        var result = await store.RescheduleBookingAsync(command, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case RescheduleStatus.Rescheduled:
                BookMeAtOzDiagnostics.BookingsRescheduled.Add(1);
                return result.Booking!;
            case RescheduleStatus.NotFound:
                throw new NotFoundException("booking");
            case RescheduleStatus.NotActive:
                throw new BookMeAtOzException(ErrorCodes.SlotUnavailable, "A cancelled booking cannot be rescheduled.");
            case RescheduleStatus.MaxReschedulesReached:
                throw MaxReschedulesReached(tenant.Policy.MaxReschedules ?? 0);
            case RescheduleStatus.LimitReached:
                BookMeAtOzDiagnostics.BookingConflicts.Add(1);
                throw new BookMeAtOzException(ErrorCodes.BookingLimitReached, "The staff member is fully booked that day.");
            default:
                BookMeAtOzDiagnostics.BookingConflicts.Add(1);
                throw new BookMeAtOzException(ErrorCodes.SlotUnavailable, "That time is not available.");
        }
    }

    private static BookMeAtOzException MaxReschedulesReached(int max) => new(
        ErrorCodes.MaxReschedulesReached,
        max == 0
            ? "Bookings cannot be rescheduled online; please contact the business."
            : $"A booking can be rescheduled online at most {max} times; please contact the business.");

    private async Task<Tenant> RequireTenantAsync(Guid tenantId, CancellationToken cancellationToken) =>
        await store.FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("tenant");

    private async Task<Tenant> EnsureWithinCancellationWindowAsync(Guid tenantId, Booking booking, BookingActor actor, CancellationToken cancellationToken)
    {
        var tenant = await RequireTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (actor == BookingActor.Customer
            && timeProvider.GetUtcNow() > booking.Start.AddMinutes(-tenant.Policy.CancellationNoticeMinutes))
        {
            throw new BookMeAtOzException(
                ErrorCodes.CancellationWindowPassed,
                tenant.Policy.CancellationNoticeMinutes == 0
                    ? "The booking has already started."
                    : $"Bookings can be changed online up to {tenant.Policy.CancellationNoticeMinutes} minutes before the start; please contact the business.");
        }

        return tenant;
    }

    /// <summary>The engine's inputs for a listing: merged busy time (the same slots, at a fraction of the rows on a busy calendar), maybe from the cache.</summary>
    private async Task<IReadOnlyList<StaffAvailability>> LoadListingStaffAsync(
        Tenant tenant, Service service, Guid? staffId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var ids = StaffToLoad(service, staffId);
        if (ids.Count == 0)
        {
            return [];
        }

        var (start, end) = (from - LoadMarginBefore, to + LoadMarginAfter);
        var stored = _availability is { } cache
            ? await cache.GetOrLoadAsync(tenant.Id, ids, start, end,
                ct => store.LoadAvailabilityAsync(tenant.Id, ids, start, end, ReadFrom.PreferStandby, BusyDetail.Merged, ct), cancellationToken).ConfigureAwait(false)
            : await store.LoadAvailabilityAsync(tenant.Id, ids, start, end, ReadFrom.PreferStandby, BusyDetail.Merged, cancellationToken).ConfigureAwait(false);
        return await WithExternalBusyTimeAsync(tenant.Id, stored, start, end, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The staff's busy time with that of every <see cref="IBusyTimeSource"/> added (as time off: it blocks whole).</summary>
    private async Task<IReadOnlyList<StaffAvailability>> WithExternalBusyTimeAsync(
        Guid tenantId, IReadOnlyList<StaffAvailability> staff, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (_busySources.Length == 0 || staff.Count == 0)
        {
            return staff;
        }

        var query = new BusyTimeQuery(tenantId, [.. staff.Select(s => s.Staff.Id)], from, to);
        var extra = new List<ExternalBusyTime>();
        foreach (var source in _busySources)
        {
            extra.AddRange(await source.GetBusyTimeAsync(query, cancellationToken).ConfigureAwait(false));
        }

        var byStaff = extra.Where(b => b.End > b.Start && b.End > from && b.Start < to).ToLookup(b => b.StaffId);
        return [.. staff.Select(s => byStaff[s.Staff.Id].Any()
            ? s with { Busy = [.. s.Busy, .. byStaff[s.Staff.Id].Select(b => new BusyRange(b.Start, b.End))] }
            : s)];
    }

    /// <summary>Asks every <see cref="IBookingRule"/>; the first refusal stops the request.</summary>
    private async Task CheckRulesAsync(BookingRuleContext context, CancellationToken cancellationToken)
    {
        foreach (var rule in _rules)
        {
            var result = await rule.CheckAsync(context, cancellationToken).ConfigureAwait(false);
            if (result.IsRefused)
            {
                throw new BookingRefusedException(result.Code!, result.Message!);
            }
        }
    }

    /// <summary>The engine's inputs for the resources the service requires (none for most services), without one booking if asked.</summary>
    private async Task<IReadOnlyList<ResourceAvailability>> LoadResourcesAsync(
        Guid tenantId, Service service, DateTimeOffset from, DateTimeOffset to, ReadFrom readFrom, Guid? ignoreBookingId, CancellationToken cancellationToken)
    {
        if (service.Resources.Count == 0)
        {
            return [];
        }

        var loaded = await store.LoadResourceAvailabilityAsync(
            tenantId, [.. service.Resources.Select(r => r.ResourceId)], from - LoadMarginBefore, to + LoadMarginAfter, readFrom, cancellationToken).ConfigureAwait(false);
        return ignoreBookingId is { } ignored
            ? [.. loaded.Select(r => r with { Uses = [.. r.Uses.Where(u => u.BookingId != ignored)] })]
            : loaded;
    }

    /// <summary>Whose time an answer needs: the service's staff, or just <paramref name="staffId"/> if they perform it; none if it is inactive.</summary>
    private static IReadOnlyList<Guid> StaffToLoad(Service service, Guid? staffId) =>
        !service.Active ? []
        : staffId is { } only ? !service.StaffIds.Contains(only) ? [] : service.IsCollective ? service.StaffIds : [only]
        : service.StaffIds;

    /// <summary>
    /// The teams to try, in order, from the free staff in load order (<see cref="FreeStaffInLoadOrder"/>): one staff member
    /// each for a service that needs one (today's any-staff assignment); for a collective service, teams of
    /// <see cref="Service.StaffRequired"/> led by the named staff member (when one is named) or the least loaded, the rest
    /// taken in load order, each next team sliding one member further down the order (the store takes the first team still
    /// free when it writes). None when too few are free.
    /// </summary>
    internal static IReadOnlyList<(Guid StaffId, IReadOnlyList<Guid> Additional)> Teams(Service service, IReadOnlyList<Guid> order, Guid? named)
    {
        if (!service.IsCollective)
        {
            return [.. order.Select(id => (id, (IReadOnlyList<Guid>)[]))];
        }

        var need = service.StaffRequired;
        if (order.Count < need || (named is { } n && !order.Contains(n)))
        {
            return [];
        }

        var lead = named ?? order[0];
        var others = order.Where(id => id != lead).ToList();
        var teams = new List<(Guid, IReadOnlyList<Guid>)>();
        for (var i = 0; i + need - 1 <= others.Count; i++)
        {
            teams.Add((lead, others.GetRange(i, need - 1)));
        }

        return teams;
    }

    /// <summary>The engine's inputs for the service's staff (or just <paramref name="staffId"/>), one range per booking, without one booking if asked.</summary>
    private async Task<IReadOnlyList<StaffAvailability>> LoadStaffPerBookingAsync(
        Tenant tenant, Service service, Guid? staffId, DateTimeOffset from, DateTimeOffset to, Guid? ignoreBookingId, CancellationToken cancellationToken)
    {
        var ids = StaffToLoad(service, staffId);
        if (ids.Count == 0)
        {
            return [];
        }

        var stored = await store.LoadAvailabilityAsync(
            tenant.Id, ids, from - LoadMarginBefore, to + LoadMarginAfter, ReadFrom.Primary, BusyDetail.PerBooking, cancellationToken).ConfigureAwait(false);
        var staff = await WithExternalBusyTimeAsync(tenant.Id, stored, from - LoadMarginBefore, to + LoadMarginAfter, cancellationToken).ConfigureAwait(false);
        return ignoreBookingId is { } ignored
            ? [.. staff.Select(s => s with { Busy = [.. s.Busy.Where(b => b.BookingId != ignored)] })]
            : staff;
    }

    /// <summary>
    /// The staff free at <paramref name="start"/> (rule 9: only an offered slot; never on a closed date), the preferred one
    /// first, then by fewest bookings that local day (rule 7), then in the service's order; with the daily limits of
    /// those who have one, on their local day of <paramref name="start"/>.
    /// </summary>
    private async Task<(IReadOnlyList<Guid> Order, IReadOnlyList<StaffDayLimit> DayLimits)> FreeStaffInLoadOrderAsync(
        Tenant tenant, Service service, Guid? staffId, DateTimeOffset start, Guid? ignoreBookingId, Guid? preferred, CancellationToken cancellationToken)
    {
        var end = start.AddTicks(1);
        // Per booking, from the primary: rule 7 counts them, and a reschedule skips the booking being moved.
        var staff = await LoadStaffPerBookingAsync(tenant, service, staffId, start, end, ignoreBookingId, cancellationToken).ConfigureAwait(false);
        if (staff.Count == 0)
        {
            return ([], []);
        }

        var closures = await store.ListClosuresAsync(tenant.Id, cancellationToken).ConfigureAwait(false);
        var resources = await LoadResourcesAsync(tenant.Id, service, start, end, ReadFrom.Primary, ignoreBookingId, cancellationToken).ConfigureAwait(false);
        return FreeStaffInLoadOrder(tenant, service, staff, closures, resources, start, preferred);
    }

    /// <summary>
    /// <see cref="FreeStaffInLoadOrderAsync"/> over staff, closures and resources already loaded (per booking, from the
    /// primary, around <paramref name="start"/>): a series loads its whole span once and asks this for each occurrence.
    /// </summary>
    private (IReadOnlyList<Guid> Order, IReadOnlyList<StaffDayLimit> DayLimits) FreeStaffInLoadOrder(
        Tenant tenant, Service service, IReadOnlyList<StaffAvailability> staff, IReadOnlyList<Closure> closures,
        IReadOnlyList<ResourceAvailability> resources, DateTimeOffset start, Guid? preferred)
    {
        var end = start.AddTicks(1);
        var slots = AvailabilityEngine.FindSlots(new AvailabilityRequest(
            service, tenant.Policy, start, end, timeProvider.GetUtcNow(), staff, tenant.TimeZone)
        {
            Closures = closures,
            ClosureTimeZone = tenant.TimeZone,
            Resources = resources,
        });
        if (slots.Count != 1 || slots[0].Start != start)
        {
            return ([], []);
        }

        var free = staff.Where(s => slots[0].StaffIds.Contains(s.Staff.Id)).ToList();
        var order = service.StaffIds.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        IReadOnlyList<Guid> ordered = [.. free
            .OrderBy(s => s.Staff.Id == preferred ? 0 : 1)
            .ThenBy(s => BookingsOnLocalDay(s, start))
            .ThenBy(s => order.GetValueOrDefault(s.Staff.Id))
            .Select(s => s.Staff.Id)];
        IReadOnlyList<StaffDayLimit> limits = [.. free
            .Where(s => s.Staff.MaxBookingsPerDay is not null)
            .Select(s =>
            {
                var (dayStart, dayEnd) = LocalDay(s.Staff, start);
                return new StaffDayLimit(s.Staff.Id, s.Staff.MaxBookingsPerDay!.Value, dayStart, dayEnd);
            })];
        return (ordered, limits);
    }

    private static int BookingsOnLocalDay(StaffAvailability staff, DateTimeOffset start)
    {
        var (dayStart, dayEnd) = LocalDay(staff.Staff, start);
        return staff.Busy.Count(b => b.AppointmentStart is { } s && s >= dayStart && s < dayEnd);
    }

    /// <summary>The staff member's local day (in their zone) that <paramref name="instant"/> falls on, as instants.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) LocalDay(StaffMember staff, DateTimeOffset instant)
    {
        var zone = TimeZones.Get(staff.TimeZone);
        var day = Instant.FromDateTimeOffset(instant).InZone(zone).Date;
        return (zone.AtStartOfDay(day).ToDateTimeOffset(), zone.AtStartOfDay(day.PlusDays(1)).ToDateTimeOffset());
    }

    private static void Validate(CreateBookingRequest request, string? idempotencyKey)
    {
        var errors = new ValidationErrors();
        errors.Require(request.ServiceId != Guid.Empty, "serviceId", "Is required.");
        errors.Require(request.Start != default, "start", "Is required.");
        errors.Require(request.Start == default || DateBounds.Contains(request.Start), "start", DateBounds.Message);
        errors.Require(request.Start.Second == 0 && request.Start.Millisecond == 0 && request.Start.Microsecond == 0, "start", "Must be a whole minute.");
        errors.Require(request.StaffId != Guid.Empty, "staffId", "Must be a staff member's id.");
        errors.Require(request.HoldId != Guid.Empty, "holdId", "Must be a hold's id.");
        errors.Require(request.Locale is null || Notifications.EmailLanguages.IsTag(request.Locale), "locale", "Must be a language tag such as de or fr-CA.");
        if (request.Customer is null)
        {
            errors.Add("customer", "Is required.");
        }
        else
        {
            request.Customer.Validate(errors);
        }

        Text.ValidateOptional(request.Notes, errors, "notes", Text.NotesMaxLength);
        if (idempotencyKey is not null)
        {
            errors.Require(
                idempotencyKey.Length is > 0 and <= MaxIdempotencyKeyLength && idempotencyKey.All(c => c is >= '!' and <= '~'),
                "Idempotency-Key",
                $"Must be 1–{MaxIdempotencyKeyLength} visible ASCII characters.");
        }

        errors.ThrowIfAny();
    }

    private static string Fingerprint(CreateBookingRequest request)
    {
        // The instant, not its offset: the same time written in two offsets is the same request.
        var canonical = JsonSerializer.Serialize(request with { Start = request.Start.ToUniversalTime() }, StoredJson);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static CreateBookingOutcome Replay(IdempotencyRecord record, string fingerprint)
    {
        if (!string.Equals(record.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            throw new BookMeAtOzException(ErrorCodes.IdempotencyKeyReused, "This Idempotency-Key was used with a different request.");
        }

        var outcome = JsonSerializer.Deserialize<CreateBookingOutcome>(record.Response, StoredJson)
            ?? throw new InvalidOperationException("A recorded idempotent response is empty.");
        return outcome with { Replayed = true };
    }

    private static CreateBookingOutcome Made(Booking booking, string token) => new(booking, token, null, null, Replayed: false);

    private static CreateBookingOutcome Refused() =>
        new(null, null, ErrorCodes.SlotUnavailable, "That time is not available. Please choose another.", Replayed: false);

    private static string EncodeCursor(Booking last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{last.Start.UtcTicks}:{last.Id:N}")));

    private static (DateTimeOffset, Guid)? DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            var parts = text.Split(':');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is >= 0 and <= 3155378975999999999
                && Guid.TryParseExact(parts[1], "N", out var id))
            {
                return (new DateTimeOffset(ticks, TimeSpan.Zero), id);
            }
        }
        catch (FormatException)
        {
        }

        return null;
    }
}
