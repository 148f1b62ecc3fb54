namespace BookMeAtOz.Validation;

/// <summary>
/// The dates and instants BookMeAtOz accepts: years 1900 to 2200. Beyond them nothing is bookable, and time zone
/// arithmetic near the edges of .NET's date range would fail (year 9999 plus an offset overflows).
/// </summary>
public static class DateBounds
{
    /// <summary>The first date accepted: 1900-01-01.</summary>
    public static readonly DateOnly First = new(1900, 1, 1);

    /// <summary>The last date accepted: 2200-12-31.</summary>
    public static readonly DateOnly Last = new(2200, 12, 31);

    /// <summary>The message for a value outside the bounds.</summary>
    public const string Message = "Must be between 1900-01-01 and 2200-12-31.";

    /// <summary>Whether a date is within the bounds.</summary>
    public static bool Contains(DateOnly date) => date >= First && date <= Last;

    /// <summary>Whether an instant's UTC date is within the bounds.</summary>
    public static bool Contains(DateTimeOffset instant) => Contains(DateOnly.FromDateTime(instant.UtcDateTime));
}
