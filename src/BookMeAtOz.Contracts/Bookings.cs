using System.Text.Json;
using System.Text.Json.Serialization;

namespace BookMeAtOz.Contracts;

/// <summary>
/// A service's free slots (<c>GET /api/v1/availability</c>): the staff listed once, each slot naming its free staff by
/// their index in <c>staff</c>. At most 2 MiB: a window that would be larger is answered up to and including the local
/// date <c>truncatedAfter</c>; ask again from the day after it for the rest.
/// </summary>
/// <param name="ServiceId">The service.</param>
/// <param name="TimeZone">The zone of the dates and of the slots' offsets.</param>
/// <param name="Staff">The staff the answer considers (active, performing the service, or just the one asked for), in the service's order.</param>
/// <param name="Slots">One entry per start instant, by start.</param>
/// <param name="TruncatedAfter">The last local date answered when the window did not fit; absent (null) when the answer is complete.</param>
public sealed record AvailabilityResponse(
    Guid ServiceId,
    string TimeZone,
    IReadOnlyList<AvailabilityStaffResponse> Staff,
    IReadOnlyList<SlotResponse> Slots,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? TruncatedAfter = null)
{
    /// <summary>The staff free at a slot of this answer.</summary>
    /// <param name="slot">One of <see cref="Slots"/>.</param>
    /// <returns>Its staff, resolved from their indexes.</returns>
    public IEnumerable<AvailabilityStaffResponse> StaffOf(SlotResponse slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return slot.Staff.Select(index => Staff[index]);
    }
}

/// <summary>A staff member as an availability answer lists them.</summary>
/// <param name="Id">The staff member's id.</param>
/// <param name="Name">Their name.</param>
public sealed record AvailabilityStaffResponse(Guid Id, string Name);

/// <summary>A bookable start.</summary>
/// <param name="Start">The start, with an offset.</param>
/// <param name="End">The end (start + duration).</param>
/// <param name="Staff">The staff free then: indexes into the answer's <c>staff</c>.</param>
/// <param name="SeatsLeft">Bookings still possible at this start.</param>
public sealed record SlotResponse(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<int> Staff, int SeatsLeft);

/// <summary>The guest who books.</summary>
/// <param name="Name">Their name.</param>
/// <param name="Email">Their email.</param>
/// <param name="Phone">An optional phone number.</param>
public sealed record CustomerDto(string? Name, string? Email, string? Phone);

/// <summary>A booking request (<c>POST /api/v1/bookings</c>).</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="Start">An offered start, with an offset.</param>
/// <param name="StaffId">A staff member; absent = anyone free.</param>
/// <param name="Customer">Who books.</param>
/// <param name="Notes">Optional notes (up to 2000 characters).</param>
/// <param name="Answers">
/// The answers to the service's questions by question id: a string for <c>text</c>, <c>longText</c>, <c>choice</c>,
/// <c>phone</c> and <c>email</c>; an array of strings for <c>multiChoice</c>; a boolean for <c>checkbox</c>; a number for
/// <c>number</c>. An optional question may be left out (or be null, blank or an empty array).
/// </param>
public sealed record CreateBookingRequest(
    Guid? ServiceId,
    DateTimeOffset? Start,
    Guid? StaffId,
    CustomerDto? Customer,
    string? Notes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, JsonElement>? Answers = null)
{
    /// <summary>
    /// A hold to book (from <c>POST /api/v1/holds</c>): the request repeats its <c>serviceId</c> and <c>start</c> and books
    /// exactly the held service, start and staff member. A lapsed, released, already booked or unknown hold answers
    /// <c>409 hold_expired</c>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? HoldId { get; init; }

    /// <summary>
    /// The language the customer books in, a BCP 47 tag such as <c>de</c> or <c>fr-CA</c>: their e-mails are in it when
    /// there are e-mails in that language (<c>en</c>, <c>de</c>, <c>fr</c>), else in the tenant's default language, else in
    /// English. A tag that is not one is <c>400</c>.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Locale { get; init; }
}

/// <summary>A booking.</summary>
/// <param name="Id">The booking's id.</param>
/// <param name="ServiceId">The service.</param>
/// <param name="StaffId">Who performs it.</param>
/// <param name="Start">The start, in the tenant's (or requested) zone.</param>
/// <param name="End">The end.</param>
/// <param name="Status"><c>pending</c> (awaiting approval), <c>confirmed</c>, <c>cancelled</c>, <c>declined</c>, <c>expired</c> or <c>no_show</c>.</param>
/// <param name="Customer">Who booked.</param>
/// <param name="Notes">The notes.</param>
/// <param name="CreatedAt">When it was booked.</param>
/// <param name="CancelledAt">When it stopped holding its time: cancelled, declined or expired.</param>
/// <param name="CancelReason">Why it was cancelled or declined.</param>
/// <param name="ManageToken">The guest's secret for managing the booking: only in the create response.</param>
/// <param name="Answers">The answers given when it was booked, in the questions' order, each with the question as it was asked then.</param>
/// <param name="ExpiresAt">For a pending (or expired) booking: its approval deadline; absent otherwise.</param>
public sealed record BookingResponse(
    Guid Id,
    Guid ServiceId,
    Guid StaffId,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Status,
    CustomerDto Customer,
    string? Notes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CancelledAt,
    string? CancelReason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ManageToken,
    IReadOnlyList<BookingAnswerDto>? Answers = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ExpiresAt = null)
{
    /// <summary>The recurring series this booking is an occurrence of; absent for a single booking.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? SeriesId { get; init; }

    /// <summary>
    /// Every staff member who serves the booking: <see cref="StaffId"/> first, then, for a collective service, the others who
    /// serve it together (each of their calendars is blocked alike).
    /// </summary>
    public IReadOnlyList<Guid>? StaffIds { get; init; }
}

/// <summary>An answer kept with a booking, with the question as it was asked (a later edit of the question doesn't change it).</summary>
/// <param name="QuestionId">The question's id.</param>
/// <param name="Label">The question's label when the booking was made.</param>
/// <param name="Type">The question's type then.</param>
/// <param name="Value">The answer: a string, an array of strings, a boolean or a number, as the type says.</param>
public sealed record BookingAnswerDto(Guid QuestionId, string Label, string Type, JsonElement Value);

/// <summary>A decline of a pending booking.</summary>
/// <param name="Reason">An optional reason (up to 2000 characters), told to the customer.</param>
public sealed record DeclineBookingRequest(string? Reason);

/// <summary>A cancellation.</summary>
/// <param name="Reason">An optional reason (up to 2000 characters).</param>
public sealed record CancelBookingRequest(string? Reason);

/// <summary>A move to another offered start.</summary>
/// <param name="Start">The new start, with an offset.</param>
/// <param name="StaffId">A staff member; absent = the current one if free, else anyone free.</param>
public sealed record RescheduleBookingRequest(DateTimeOffset? Start, Guid? StaffId);
