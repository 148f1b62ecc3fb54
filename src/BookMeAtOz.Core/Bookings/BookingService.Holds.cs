using System.Text.Json;
using BookMeAtOz.Persistence;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using BookMeAtOz.Validation;

namespace BookMeAtOz.Bookings;

// Checkout holds (SPEC §9.1): a hold is made by the booking path itself (the same slot rules, staff choice and staff
// day limits) as a row with status held, no customer and an expiry; booking it converts that row in place.
public sealed partial class BookingService
{
    /// <summary>Who a hold's row names until it is booked: nobody (empty name and e-mail, never matched by a customer's limit or list).</summary>
    private static readonly Customer NoCustomerYet = new(string.Empty, string.Empty, null);

    /// <summary>
    /// Holds an offered slot for the tenant's <see cref="TenantPolicy.HoldMinutes"/> (SPEC §9.1): the same rules as a
    /// booking (notice, advance, closures, hours, the staff member's daily limit), checked now; the hold then blocks
    /// everyone else until it lapses or is released or booked, and never after it lapsed. Rules of your own
    /// (<see cref="IBookingRule"/>) are asked when the hold is booked, with the customer.
    /// </summary>
    /// <returns>The hold: its id, service, staff member, time and <see cref="Booking.ExpiresAt"/>.</returns>
    /// <exception cref="BookMeAtOzValidationException">The request is invalid.</exception>
    /// <exception cref="NotFoundException">The tenant, service or named staff member does not exist.</exception>
    /// <exception cref="BookMeAtOzException"><c>slot_unavailable</c> when the time is not offered or taken; <c>booking_limit_reached</c> when the staff member's day is full.</exception>
    public async Task<Booking> CreateHoldAsync(Guid tenantId, CreateHoldRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        errors.Require(request.ServiceId != Guid.Empty, "serviceId", "Is required.");
        errors.Require(request.Start != default, "start", "Is required.");
        errors.Require(request.Start == default || DateBounds.Contains(request.Start), "start", DateBounds.Message);
        errors.Require(request.Start.Second == 0 && request.Start.Millisecond == 0 && request.Start.Microsecond == 0, "start", "Must be a whole minute.");
        errors.Require(request.StaffId != Guid.Empty, "staffId", "Must be a staff member's id.");
        errors.ThrowIfAny();

        var now = timeProvider.GetUtcNow();
        var tenant = await RequireTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var service = await store.FindServiceAsync(tenantId, request.ServiceId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("service");
        if (request.StaffId is { } named && await store.FindStaffAsync(tenantId, named, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new NotFoundException("staff member");
        }

        var (staffOrder, dayLimits) = await FreeStaffInLoadOrderAsync(
            tenant, service, request.StaffId, request.Start, ignoreBookingId: null, preferred: null, cancellationToken).ConfigureAwait(false);
        var id = Guid.CreateVersion7(now);
        var start = request.Start.ToUniversalTime();
        var expiresAt = now.AddMinutes(tenant.Policy.HoldMinutes);
        var candidates = Teams(service, staffOrder, request.StaffId).Select(team => new Booking(
            id, tenantId, service.Id, team.StaffId, start, start.AddMinutes(service.DurationMinutes),
            service.BufferBeforeMinutes, service.BufferAfterMinutes, BookingStatus.Held,
            NoCustomerYet, null, now, null, null, []) { ExpiresAt = expiresAt, AdditionalStaffIds = team.Additional }).ToList();
        if (candidates.Count == 0)
        {
            BookMeAtOzDiagnostics.BookingConflicts.Add(1);
            throw SlotTaken();
        }

        var limits = new BookingLimits { StaffDays = dayLimits, Now = now };
        var result = await store.CreateBookingAsync(
            new CreateBookingCommand(candidates, service.Capacity, null) { Limits = limits.IsEmpty ? null : limits }, cancellationToken).ConfigureAwait(false);
        if (result.Booking is { } hold)
        {
            return hold;
        }

        BookMeAtOzDiagnostics.BookingConflicts.Add(1);
        throw result.LimitReached
            ? new BookMeAtOzException(ErrorCodes.BookingLimitReached, "The staff member is fully booked that day.")
            : SlotTaken();
    }

    /// <summary>
    /// Releases a hold at once, freeing its time. Idempotent: an unknown, released, lapsed or booked hold changes nothing
    /// (and is not an error, so that a client can always let go of what it held).
    /// </summary>
    /// <returns>Whether a held hold was released by this call.</returns>
    public async Task<bool> ReleaseHoldAsync(Guid tenantId, Guid holdId, CancellationToken cancellationToken) =>
        await store.ReleaseHoldAsync(tenantId, holdId, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Books <paramref name="holdId"/> with the customer's details of <paramref name="request"/>; see <see cref="CreateBookingAsync"/>.</summary>
    private async Task<CreateBookingOutcome> BookHoldAsync(
        Guid tenantId, Guid holdId, CreateBookingRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
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
        var hold = await store.FindBookingAsync(tenantId, holdId, cancellationToken).ConfigureAwait(false);
        if (hold is not { IsHold: true })
        {
            // Unknown (or purged), or already booked: either way this hold can no longer be booked.
            return HoldExpired();
        }

        // The request must repeat what was held: it books exactly that.
        var errors = new ValidationErrors();
        errors.Require(request.ServiceId == hold.ServiceId, "serviceId", "Must be the held service.");
        errors.Require(request.Start == hold.Start, "start", "Must be the held start.");
        errors.Require(request.StaffId is null || request.StaffId == hold.StaffId, "staffId", "Must be the held staff member, or left out.");
        errors.ThrowIfAny();
        if (!hold.OccupiesAt(now) || hold.Status != BookingStatus.Held)
        {
            return HoldExpired();
        }

        var service = await store.FindServiceAsync(tenantId, hold.ServiceId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("service");
        var answerErrors = new ValidationErrors();
        var answers = BookingAnswers.Check(service, request.Answers, answerErrors);
        answerErrors.ThrowIfAny();
        await CheckRulesAsync(new BookingRuleContext(tenant, service, [hold.StaffId], hold.Start, hold.End, request.Customer, request.Notes, null), cancellationToken)
            .ConfigureAwait(false);

        var (token, hash) = _tokens.Create(tenantId, hold.Id);
        var (status, expiresAt) = InitialState(tenant, service, hold.Start, now);
        var booking = hold with
        {
            Status = status,
            Customer = request.Customer,
            Notes = request.Notes,
            CreatedAt = now,
            ManageTokenHash = hash,
            Answers = answers,
            ExpiresAt = expiresAt,
            Locale = Notifications.EmailLanguages.Normalize(request.Locale),
        };
        var idempotency = idempotencyKey is null ? null : new IdempotencyEntry(
            tenantId, idempotencyKey, fingerprint!, now + IdempotencyLifetime,
            made => JsonSerializer.Serialize(made is null ? HoldExpired() : Made(made, token), StoredJson));
        var limits = tenant.Policy.MaxActiveBookings is { } max ? new BookingLimits { MaxActiveBookingsPerCustomer = max, Now = now } : null;
        var result = await store.BookHoldAsync(new BookHoldCommand(booking, idempotency, now) { Limits = limits }, cancellationToken).ConfigureAwait(false);
        if (result.Existing is not null)
        {
            return Replay(result.Existing, fingerprint!);
        }

        if (result.LimitReached)
        {
            BookMeAtOzDiagnostics.BookingConflicts.Add(1);
            return new CreateBookingOutcome(null, null, ErrorCodes.BookingLimitReached,
                "A booking limit is reached: you hold as many upcoming bookings as this business allows.", Replayed: false);
        }

        if (result.Booking is not { } made)
        {
            return HoldExpired();
        }

        BookMeAtOzDiagnostics.BookingsCreated.Add(1);
        return Made(made, token);
    }

    private static BookMeAtOzException SlotTaken() => new(ErrorCodes.SlotUnavailable, "That time is not available. Please choose another.");

    private static CreateBookingOutcome HoldExpired() => new(null, null, ErrorCodes.HoldExpired,
        "The hold has expired, was released or was already booked. Please choose a time again.", Replayed: false);
}
