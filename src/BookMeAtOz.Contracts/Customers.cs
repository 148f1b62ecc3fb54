namespace BookMeAtOz.Contracts;

/// <summary>
/// A customer: everyone who booked with one e-mail address (compared case-insensitively), with the name and phone of
/// their most recently made booking.
/// </summary>
/// <param name="Email">The address (as the latest booking gave it); the customer's key in the routes.</param>
/// <param name="Name">The name the latest booking gave.</param>
/// <param name="Phone">The phone the latest booking gave, if any.</param>
/// <param name="BookingCounts">Bookings by status (<c>confirmed</c>, <c>cancelled</c>, …, <c>no_show</c>; zero included).</param>
/// <param name="LastBooking">The booking with the latest start.</param>
public sealed record CustomerResponse(
    string Email, string Name, string? Phone, IReadOnlyDictionary<string, int> BookingCounts, CustomerLastBookingDto LastBooking);

/// <summary>A customer's booking with the latest start.</summary>
/// <param name="Id">The booking.</param>
/// <param name="ServiceId">Its service.</param>
/// <param name="Start">Its start.</param>
/// <param name="Status">Its status.</param>
public sealed record CustomerLastBookingDto(Guid Id, Guid ServiceId, DateTimeOffset Start, string Status);

/// <summary>A customer with their booking history.</summary>
/// <param name="Customer">The customer.</param>
/// <param name="Bookings">Every booking of theirs, latest start first, with answers.</param>
public sealed record CustomerDetailResponse(CustomerResponse Customer, IReadOnlyList<BookingResponse> Bookings);

/// <summary>Everything kept about one customer (data portability).</summary>
/// <param name="ExportedAt">When the export was made.</param>
/// <param name="Customer">The customer.</param>
/// <param name="Bookings">Every booking of theirs, latest start first, with answers.</param>
/// <param name="Audit">The audit entries about those bookings, newest first.</param>
/// <param name="Notifications">The e-mail notifications about those bookings, newest first.</param>
public sealed record CustomerExportResponse(
    DateTimeOffset ExportedAt,
    CustomerResponse Customer,
    IReadOnlyList<BookingResponse> Bookings,
    IReadOnlyList<AuditEntryResponse> Audit,
    IReadOnlyList<NotificationResponse> Notifications);
