using System.Text.Json.Serialization;

namespace BookMeAtOz.Bookings;

/// <summary>How often a series recurs (SPEC §10.2).</summary>
public enum SeriesFrequency
{
    /// <summary>Every week, on the first occurrence's weekday.</summary>
    Weekly,
    /// <summary>Every other week.</summary>
    Fortnightly,
    /// <summary>Every month, on the first occurrence's day of the month (a month without that day is skipped with <c>no_such_date</c>).</summary>
    Monthly,
}

/// <summary>What a series books when some occurrences are not available.</summary>
public enum SeriesMode
{
    /// <summary>Every occurrence in one transaction, or none (<c>409 slot_unavailable</c> listing the failures).</summary>
    AllOrNothing,
    /// <summary>The free occurrences; the others are listed as skipped.</summary>
    Available,
}

/// <summary>When a series recurs: exactly one of <see cref="Count"/> and <see cref="Until"/>.</summary>
/// <param name="Frequency">How often.</param>
/// <param name="Count">How many occurrences (1–52), the first included; dates a month lacks count too.</param>
/// <param name="Until">The last local date an occurrence may fall on (inclusive), in the tenant's zone; at most 52 occurrences.</param>
public sealed record SeriesRecurrence(SeriesFrequency Frequency, int? Count, DateOnly? Until);

/// <summary>A request to book a recurring series: the fields of a single booking, the recurrence and the mode.</summary>
/// <param name="Booking">The first occurrence, as a single booking request (no hold).</param>
/// <param name="Recurrence">When it recurs.</param>
/// <param name="Mode">All or nothing, or the available ones.</param>
public sealed record CreateSeriesRequest(CreateBookingRequest Booking, SeriesRecurrence Recurrence, SeriesMode Mode);

/// <summary>A recurring series: the occurrences share its id, and its manage token manages them all.</summary>
/// <param name="Id">The series' id.</param>
/// <param name="TenantId">The owning tenant.</param>
/// <param name="ManageTokenHash">SHA-256 of the series manage token; the token itself is never stored.</param>
/// <param name="CreatedAt">When it was booked.</param>
public sealed record BookingSeries(Guid Id, Guid TenantId, byte[] ManageTokenHash, DateTimeOffset CreatedAt)
{
    /// <summary>Whether <paramref name="token"/> is the series' manage token (constant time).</summary>
    public bool Verify(string? token) =>
        !string.IsNullOrEmpty(token)
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(ManageTokens.Hash(token), ManageTokenHash);
}

/// <summary>An occurrence a series did not book, and why.</summary>
/// <param name="Start">The occurrence's start (for <c>no_such_date</c>: the first occurrence's local time on the month's last day, as a marker).</param>
/// <param name="Code"><c>slot_unavailable</c>, <c>booking_limit_reached</c>, <c>no_such_date</c> or a booking rule's code.</param>
public sealed record SeriesSkip(DateTimeOffset Start, string Code);

/// <summary>A booking made by a series, with its own manage token (only ever in this outcome).</summary>
/// <param name="Booking">The booking.</param>
/// <param name="ManageToken">Its manage token.</param>
public sealed record SeriesBooking(Booking Booking, string ManageToken);

/// <summary>
/// The outcome of a series: the series and its bookings, or the refusal (<see cref="ErrorCode"/>) with the occurrences
/// that failed. A replay of an idempotency key gives back the first outcome with <see cref="Replayed"/> set.
/// </summary>
/// <param name="Series">The series made, if any occurrence was booked.</param>
/// <param name="SeriesManageToken">The series' manage token (only ever in this outcome).</param>
/// <param name="Bookings">The occurrences booked, by start.</param>
/// <param name="Skipped">The occurrences not booked, by start.</param>
/// <param name="ErrorCode">The refusal's code (<c>slot_unavailable</c>), if nothing was booked.</param>
/// <param name="ErrorMessage">The refusal's explanation.</param>
/// <param name="Replayed">Whether this is a recorded outcome returned again for a repeated idempotency key.</param>
public sealed record CreateSeriesOutcome(
    BookingSeries? Series,
    string? SeriesManageToken,
    IReadOnlyList<SeriesBooking> Bookings,
    IReadOnlyList<SeriesSkip> Skipped,
    string? ErrorCode,
    string? ErrorMessage,
    bool Replayed)
{
    /// <summary>Whether a series was made.</summary>
    [JsonIgnore]
    public bool Succeeded => Series is not null;
}

/// <summary>Which occurrences a series change applies to.</summary>
public enum SeriesScope
{
    /// <summary>The one booking named.</summary>
    One,
    /// <summary>The booking named and every later occurrence.</summary>
    Following,
    /// <summary>Every occurrence.</summary>
    All,
}

/// <summary>A cancellation of some occurrences of a series.</summary>
/// <param name="Scope">Which occurrences.</param>
/// <param name="BookingId">The occurrence <see cref="SeriesScope.One"/> and <see cref="SeriesScope.Following"/> start from.</param>
/// <param name="Reason">An optional reason (up to 2000 characters).</param>
public sealed record CancelSeriesRequest(SeriesScope Scope, Guid? BookingId, string? Reason);

/// <summary>
/// A move of some occurrences of a series. The anchor (<see cref="BookingId"/>, or for <see cref="SeriesScope.All"/> without
/// one the first active occurrence) moves to <see cref="Start"/>; every other occurrence in scope moves by the same number of
/// local days and to the same new local time of day, in the tenant's zone (so 10:00 → 14:00 stays 14:00 across DST).
/// Either every occurrence in scope moves, or none does.
/// </summary>
/// <param name="Scope">Which occurrences.</param>
/// <param name="BookingId">The anchor occurrence (required for <see cref="SeriesScope.One"/> and <see cref="SeriesScope.Following"/>).</param>
/// <param name="Start">The anchor's new start.</param>
/// <param name="StaffId">A staff member for every occurrence moved; null = each keeps theirs if free, else anyone free.</param>
public sealed record RescheduleSeriesRequest(SeriesScope Scope, Guid? BookingId, DateTimeOffset Start, Guid? StaffId);

/// <summary>Wire names of <see cref="SeriesFrequency"/>, <see cref="SeriesMode"/> and <see cref="SeriesScope"/>.</summary>
public static class SeriesNames
{
    /// <summary>The code of an occurrence on a date its month lacks (the 31st in a 30-day month).</summary>
    public const string NoSuchDate = "no_such_date";

    /// <summary>The most occurrences a series may have.</summary>
    public const int MaxOccurrences = 52;

    /// <summary><c>weekly</c>, <c>fortnightly</c>, <c>monthly</c>, or null.</summary>
    public static SeriesFrequency? ParseFrequency(string? name) => name switch
    {
        "weekly" => SeriesFrequency.Weekly,
        "fortnightly" => SeriesFrequency.Fortnightly,
        "monthly" => SeriesFrequency.Monthly,
        _ => null,
    };

    /// <summary><c>allOrNothing</c>, <c>available</c>, or null.</summary>
    public static SeriesMode? ParseMode(string? name) => name switch
    {
        "allOrNothing" => SeriesMode.AllOrNothing,
        "available" => SeriesMode.Available,
        _ => null,
    };

    /// <summary><c>one</c>, <c>following</c>, <c>all</c>, or null.</summary>
    public static SeriesScope? ParseScope(string? name) => name switch
    {
        "one" => SeriesScope.One,
        "following" => SeriesScope.Following,
        "all" => SeriesScope.All,
        _ => null,
    };

    /// <summary>The wire name of a frequency.</summary>
    public static string Name(SeriesFrequency frequency) => frequency switch
    {
        SeriesFrequency.Weekly => "weekly",
        SeriesFrequency.Fortnightly => "fortnightly",
        _ => "monthly",
    };
}
