using System.Text.Json;
using System.Text.Json.Serialization;
using BookMeAtOz.Scheduling;

namespace BookMeAtOz.Bookings;

/// <summary>A request for the slots of a service over local dates.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="From">The first local date, inclusive.</param>
/// <param name="To">The last local date, inclusive; at most 62 days in all.</param>
/// <param name="StaffId">Only this staff member's slots, if given.</param>
/// <param name="TimeZone">The IANA zone the dates are in and the slots are shown in; the tenant's by default.</param>
public sealed record AvailabilityQuery(Guid ServiceId, DateOnly From, DateOnly To, Guid? StaffId = null, string? TimeZone = null);

/// <summary>The slots of a service, computed one local date at a time as <see cref="Days"/> is enumerated.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="TimeZone">The zone the dates are in and the slots are shown in.</param>
/// <param name="Staff">
/// The staff the answer considers, whether or not they are free in the window: the active staff members who perform the
/// service (or just the one asked for), each once, in the service's order. Every slot's staff are among them.
/// </param>
/// <param name="Days">
/// Every local date of the window in order, each with its slots (one entry per start instant, by start). Computed as it
/// is enumerated, again on each enumeration; stopping early stops the work.
/// </param>
public sealed record AvailabilityResult(Guid ServiceId, string TimeZone, IReadOnlyList<StaffMember> Staff, IEnumerable<AvailabilityDay> Days)
{
    /// <summary>Every slot of the window, by start: computes every date (for a bounded answer, enumerate <see cref="Days"/>).</summary>
    /// <returns>One entry per start instant, by start.</returns>
    public IReadOnlyList<AvailableSlot> ToSlots() => [.. Days.SelectMany(day => day.Slots)];
}

/// <summary>A guest's booking request.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="Start">The start: one the service's availability offers.</param>
/// <param name="StaffId">A staff member; null = anyone free.</param>
/// <param name="Customer">Who books.</param>
/// <param name="Notes">Optional notes (up to 2000 characters).</param>
public sealed record CreateBookingRequest(Guid ServiceId, DateTimeOffset Start, Guid? StaffId, Customer Customer, string? Notes)
{
    /// <summary>
    /// The answers to the service's questions by question id (absent = none): a string, an array of strings, a boolean or a
    /// number as the question's type says. Left out of the idempotency fingerprint when absent, so a key recorded before
    /// questions existed still matches.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, JsonElement>? Answers { get; init; }

    /// <summary>
    /// A hold (<see cref="BookingService.CreateHoldAsync"/>) to book: the request must repeat its service and start (and,
    /// if it names one, its staff member), and books exactly that. Left out of the idempotency fingerprint when absent.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? HoldId { get; init; }

    /// <summary>
    /// The language the customer books in, a BCP 47 tag (<c>de</c>, <c>fr-CA</c>): their e-mails are written in it when
    /// there are e-mails in that language, else in the tenant's default language, else in English. Left out of the
    /// idempotency fingerprint when absent.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Locale { get; init; }
}

/// <summary>A request to move a booking.</summary>
/// <param name="Start">The new start: one availability offers.</param>
/// <param name="StaffId">A staff member; null = the current one if free, else anyone free.</param>
public sealed record RescheduleBookingRequest(DateTimeOffset Start, Guid? StaffId);

/// <summary>Who acts on a booking: the guest (bound by the cancellation notice) or the business.</summary>
public enum BookingActor
{
    /// <summary>The guest, with the manage token.</summary>
    Customer,
    /// <summary>An owner, admin or staff member.</summary>
    Business,
}

/// <summary>
/// The outcome of a create: the booking and its manage token, or the error that refused it. A replay of
/// an idempotency key gives back the first outcome with <see cref="Replayed"/> set.
/// </summary>
/// <param name="Booking">The booking made, if any.</param>
/// <param name="ManageToken">The booking's manage token (only ever in this outcome).</param>
/// <param name="ErrorCode">The refusal's code (<c>slot_unavailable</c>), if refused.</param>
/// <param name="ErrorMessage">The refusal's explanation.</param>
/// <param name="Replayed">Whether this is a recorded outcome returned again for a repeated idempotency key.</param>
public sealed record CreateBookingOutcome(Booking? Booking, string? ManageToken, string? ErrorCode, string? ErrorMessage, bool Replayed)
{
    /// <summary>Whether a booking was made.</summary>
    public bool Succeeded => Booking is not null;
}

/// <summary>A page of bookings.</summary>
/// <param name="Items">The bookings, by start then id.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record BookingPage(IReadOnlyList<Booking> Items, string? NextCursor);

/// <summary>Filters for listing bookings.</summary>
/// <param name="From">First local date (inclusive), in <paramref name="TimeZone"/>; none = no lower bound.</param>
/// <param name="To">Last local date (inclusive); none = no upper bound.</param>
/// <param name="StaffId">Only this staff member's.</param>
/// <param name="Status">Only this status.</param>
/// <param name="Cursor">From a previous page's <c>NextCursor</c>.</param>
/// <param name="Limit">Page size, 1–200 (default 50).</param>
/// <param name="TimeZone">The zone of the dates; the tenant's by default.</param>
public sealed record BookingListQuery(
    DateOnly? From = null,
    DateOnly? To = null,
    Guid? StaffId = null,
    BookingStatus? Status = null,
    string? Cursor = null,
    int Limit = 50,
    string? TimeZone = null);
