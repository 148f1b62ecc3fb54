using System.Text.Json.Serialization;

namespace BookMeAtOz.Contracts;

/// <summary>A service's free slots.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="TimeZone">The zone of the dates and of the slots' offsets.</param>
/// <param name="Slots">One entry per start instant, by start.</param>
public sealed record AvailabilityResponse(Guid ServiceId, string TimeZone, IReadOnlyList<SlotResponse> Slots);

/// <summary>A bookable start.</summary>
/// <param name="Start">The start, with an offset.</param>
/// <param name="End">The end (start + duration).</param>
/// <param name="StaffIds">The staff free then.</param>
/// <param name="SeatsLeft">Bookings still possible at this start.</param>
public sealed record SlotResponse(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<Guid> StaffIds, int SeatsLeft);

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
public sealed record CreateBookingRequest(Guid? ServiceId, DateTimeOffset? Start, Guid? StaffId, CustomerDto? Customer, string? Notes);

/// <summary>A booking.</summary>
/// <param name="Id">The booking's id.</param>
/// <param name="ServiceId">The service.</param>
/// <param name="StaffId">Who performs it.</param>
/// <param name="Start">The start, in the tenant's (or requested) zone.</param>
/// <param name="End">The end.</param>
/// <param name="Status"><c>confirmed</c> or <c>cancelled</c>.</param>
/// <param name="Customer">Who booked.</param>
/// <param name="Notes">The notes.</param>
/// <param name="CreatedAt">When it was booked.</param>
/// <param name="CancelledAt">When it was cancelled.</param>
/// <param name="CancelReason">Why it was cancelled.</param>
/// <param name="ManageToken">The guest's secret for managing the booking: only in the create response.</param>
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ManageToken);

/// <summary>A cancellation.</summary>
/// <param name="Reason">An optional reason (up to 2000 characters).</param>
public sealed record CancelBookingRequest(string? Reason);

/// <summary>A move to another offered start.</summary>
/// <param name="Start">The new start, with an offset.</param>
/// <param name="StaffId">A staff member; absent = the current one if free, else anyone free.</param>
public sealed record RescheduleBookingRequest(DateTimeOffset? Start, Guid? StaffId);
