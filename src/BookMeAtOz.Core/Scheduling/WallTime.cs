using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace BookMeAtOz.Scheduling;

/// <summary>
/// A local wall-clock time of day with minute precision, from <c>00:00</c> to <c>24:00</c>
/// (the end of the day, allowed only as an interval's end).
/// </summary>
public readonly record struct WallTime : IComparable<WallTime>
{
    /// <summary>Midnight at the start of the day.</summary>
    public static readonly WallTime Midnight = new(0);
    /// <summary><c>24:00</c>, the end of the day.</summary>
    public static readonly WallTime EndOfDay = new(MinutesPerDay);

    private const int MinutesPerDay = 24 * 60;

    /// <summary>Creates a time from minutes since midnight (0–1440).</summary>
    public WallTime(int minuteOfDay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minuteOfDay);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minuteOfDay, MinutesPerDay);
        MinuteOfDay = minuteOfDay;
    }

    /// <summary>Creates a time from hours (0–24) and minutes (0–59).</summary>
    public WallTime(int hour, int minute)
        : this(hour * 60 + minute)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minute);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minute, 59);
    }

    /// <summary>Minutes since midnight, 0–1440.</summary>
    public int MinuteOfDay { get; }

    /// <summary>Whether this is <c>24:00</c>.</summary>
    public bool IsEndOfDay => MinuteOfDay == MinutesPerDay;

    /// <summary>Parses <c>HH:mm</c> (<c>00:00</c>–<c>24:00</c>).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out WallTime time)
    {
        time = default;
        if (text is not { Length: 5 } || text[2] != ':'
            || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || m > 59 || h > 24 || (h == 24 && m != 0))
        {
            return false;
        }

        time = new WallTime(h * 60 + m);
        return true;
    }

    /// <summary>Parses <c>HH:mm</c>.</summary>
    /// <exception cref="FormatException">The text is not a time of day.</exception>
    public static WallTime Parse(string text) =>
        TryParse(text, out var t) ? t : throw new FormatException($"'{text}' is not a time of day (HH:mm).");

    /// <inheritdoc />
    public int CompareTo(WallTime other) => MinuteOfDay.CompareTo(other.MinuteOfDay);

    /// <summary>Compares two times.</summary>
    public static bool operator <(WallTime left, WallTime right) => left.MinuteOfDay < right.MinuteOfDay;
    /// <summary>Compares two times.</summary>
    public static bool operator >(WallTime left, WallTime right) => left.MinuteOfDay > right.MinuteOfDay;
    /// <summary>Compares two times.</summary>
    public static bool operator <=(WallTime left, WallTime right) => left.MinuteOfDay <= right.MinuteOfDay;
    /// <summary>Compares two times.</summary>
    public static bool operator >=(WallTime left, WallTime right) => left.MinuteOfDay >= right.MinuteOfDay;

    /// <summary>The time as <c>HH:mm</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{MinuteOfDay / 60:00}:{MinuteOfDay % 60:00}");
}

/// <summary>A local working interval <c>[Start, End)</c> within one day; <c>End</c> may be <c>24:00</c>.</summary>
/// <param name="Start">The first working minute.</param>
/// <param name="End">The end, exclusive.</param>
public readonly record struct WorkInterval(WallTime Start, WallTime End)
{
    /// <summary>Parses <c>("09:00", "17:00")</c>.</summary>
    public static WorkInterval Parse(string start, string end) => new(WallTime.Parse(start), WallTime.Parse(end));

    /// <summary>The interval as <c>HH:mm–HH:mm</c>.</summary>
    public override string ToString() => $"{Start}–{End}";
}
