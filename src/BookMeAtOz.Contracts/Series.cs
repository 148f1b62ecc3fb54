using System.Text.Json;
using System.Text.Json.Serialization;

namespace BookMeAtOz.Contracts;

/// <summary>
/// A recurring series (<c>POST /api/v1/bookings/series</c>): the fields of a booking for its first occurrence, how it
/// recurs, and what to do when some occurrences are not available.
/// </summary>
/// <param name="ServiceId">The service.</param>
/// <param name="Start">The first occurrence's start, with an offset; every occurrence keeps its local time of day in the tenant's zone.</param>
/// <param name="StaffId">A staff member; absent = anyone free (the first occurrence's staff member is preferred for the others).</param>
/// <param name="Customer">Who books.</param>
/// <param name="Notes">Optional notes (up to 2000 characters).</param>
/// <param name="Recurrence">How it recurs.</param>
/// <param name="Mode"><c>allOrNothing</c> (every occurrence or none: <c>409 slot_unavailable</c> listing <c>skipped</c>) or <c>available</c> (the free ones).</param>
/// <param name="Answers">The answers to the service's questions, as for a booking; every occurrence keeps them.</param>
public sealed record CreateSeriesRequest(
    Guid? ServiceId,
    DateTimeOffset? Start,
    Guid? StaffId,
    CustomerDto? Customer,
    string? Notes,
    RecurrenceDto? Recurrence,
    string? Mode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, JsonElement>? Answers = null);

/// <summary>How a series recurs: exactly one of <paramref name="Count"/> and <paramref name="Until"/>.</summary>
/// <param name="Frequency"><c>weekly</c>, <c>fortnightly</c> or <c>monthly</c> (a month without the first occurrence's day is skipped with <c>no_such_date</c>).</param>
/// <param name="Count">How many occurrences, 1–52, the first included.</param>
/// <param name="Until">The last local date (inclusive, tenant's zone) an occurrence may fall on; at most 52 occurrences.</param>
public sealed record RecurrenceDto(
    string? Frequency,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Count = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? Until = null);

/// <summary>A series booked.</summary>
/// <param name="SeriesId">The series' id (each booking's <c>seriesId</c>).</param>
/// <param name="SeriesManageToken">The secret that manages the whole series (<c>X-Manage-Token</c> on the series routes): only in the create response.</param>
/// <param name="Bookings">The occurrences booked, by start, each with its own <c>manageToken</c>.</param>
/// <param name="Skipped">The occurrences not booked, by start, with why.</param>
public sealed record SeriesResponse(Guid SeriesId, string? SeriesManageToken, IReadOnlyList<BookingResponse> Bookings, IReadOnlyList<SeriesSkipResponse> Skipped);

/// <summary>An occurrence a series did not book.</summary>
/// <param name="Start">Its start.</param>
/// <param name="Code"><c>slot_unavailable</c>, <c>booking_limit_reached</c>, <c>no_such_date</c> or a booking rule's code.</param>
public sealed record SeriesSkipResponse(DateTimeOffset Start, string Code);

/// <summary>A cancellation of occurrences of a series (<c>POST /api/v1/series/{id}/cancel</c>).</summary>
/// <param name="Scope"><c>one</c> (the booking named), <c>following</c> (it and the later ones) or <c>all</c>.</param>
/// <param name="BookingId">The occurrence <c>one</c> and <c>following</c> start from.</param>
/// <param name="Reason">An optional reason (up to 2000 characters).</param>
public sealed record CancelSeriesRequest(string? Scope, Guid? BookingId = null, string? Reason = null);

/// <summary>
/// A move of occurrences of a series (<c>POST /api/v1/series/{id}/reschedule</c>). The anchor (<paramref name="BookingId"/>;
/// for <c>all</c> without one, the first upcoming occurrence) moves to <paramref name="Start"/>; every other occurrence in
/// scope moves by the same number of local days to the same new local time of day (tenant's zone). All move, or none does.
/// </summary>
/// <param name="Scope"><c>one</c>, <c>following</c> or <c>all</c>.</param>
/// <param name="BookingId">The anchor occurrence (required for <c>one</c> and <c>following</c>).</param>
/// <param name="Start">The anchor's new start, with an offset.</param>
/// <param name="StaffId">A staff member for every occurrence moved; absent = each keeps theirs if free, else anyone free.</param>
public sealed record RescheduleSeriesRequest(string? Scope, Guid? BookingId, DateTimeOffset? Start, Guid? StaffId = null);
