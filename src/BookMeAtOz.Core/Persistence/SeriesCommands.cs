using BookMeAtOz.Bookings;

namespace BookMeAtOz.Persistence;

/// <summary>An occurrence of a series to book (<see cref="IBookingStore.CreateSeriesAsync"/>).</summary>
/// <param name="Start">Its start.</param>
/// <param name="Candidates">The same appointment with different staff, to try in order; empty when it was refused before.</param>
/// <param name="StaffDays">The daily limits of the candidates' staff on their local day of <paramref name="Start"/>.</param>
/// <param name="RefusedCode">Why the booking path refused it before the store was asked (no candidate then), if it did.</param>
public sealed record SeriesOccurrence(DateTimeOffset Start, IReadOnlyList<Booking> Candidates, IReadOnlyList<StaffDayLimit> StaffDays, string? RefusedCode);

/// <summary>A series to book in one atomic step.</summary>
/// <param name="Series">The series (its row is written when anything is booked).</param>
/// <param name="Occurrences">Its occurrences, by start; every candidate carries <see cref="Booking.SeriesId"/> = the series' id.</param>
/// <param name="Capacity">Seats per session of the service.</param>
/// <param name="AllOrNothing">Whether one occurrence not booked means none is.</param>
/// <param name="Idempotency">The idempotency record to write with the outcome, if the caller sent a key.</param>
public sealed record CreateSeriesCommand(
    BookingSeries Series, IReadOnlyList<SeriesOccurrence> Occurrences, int Capacity, bool AllOrNothing, SeriesIdempotencyEntry? Idempotency)
{
    /// <summary>The most active future bookings one customer e-mail may hold (the series' own count); null = unlimited.</summary>
    public int? MaxActiveBookingsPerCustomer { get; init; }

    /// <summary>The clock of the limits and of lapsed holds.</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>Whether any limit is to be checked.</summary>
    public bool HasLimits => MaxActiveBookingsPerCustomer is not null || Occurrences.Any(o => o.StaffDays.Count > 0);
}

/// <summary>An idempotency key to record with a series outcome.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Key">The client's key.</param>
/// <param name="Fingerprint">A hash of the request.</param>
/// <param name="ExpiresAt">When the record may be forgotten.</param>
/// <param name="Response">The response to record for the store's result.</param>
public sealed record SeriesIdempotencyEntry(Guid TenantId, string Key, string Fingerprint, DateTimeOffset ExpiresAt, Func<CreateSeriesResult, string> Response);

/// <summary>The outcome of <see cref="IBookingStore.CreateSeriesAsync"/>.</summary>
/// <param name="Booked">The bookings made (none for a refused all-or-nothing series), by start.</param>
/// <param name="Refused">The occurrences not booked, with their codes, by start.</param>
/// <param name="Existing">The earlier outcome recorded for the same idempotency key, if any (then nothing was booked).</param>
public sealed record CreateSeriesResult(IReadOnlyList<Booking> Booked, IReadOnlyList<SeriesSkip> Refused, IdempotencyRecord? Existing);

/// <summary>The outcome of <see cref="IBookingStore.RescheduleBookingsAsync"/>.</summary>
/// <param name="Moved">Every booking moved, as it now is (empty when one failed).</param>
/// <param name="Failed">The first move that failed and how (null when every move succeeded).</param>
public sealed record RescheduleManyResult(IReadOnlyList<Booking> Moved, RescheduleResult? Failed);
