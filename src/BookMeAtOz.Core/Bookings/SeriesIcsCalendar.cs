using System.Globalization;
using System.Text;
using BookMeAtOz.Scheduling;
using NodaTime;
using NodaTime.TimeZones;

namespace BookMeAtOz.Bookings;

/// <summary>
/// A recurring series as one RFC 5545 calendar: when its occurrences are regular (every week, fortnight or month at the
/// same local time and length, none missing) one <c>VEVENT</c> with an <c>RRULE</c>, in the tenant's zone (with a
/// <c>VTIMEZONE</c> listing the zone's changes over the series, so that 10:00 stays 10:00 across DST); otherwise one
/// <c>VEVENT</c> per occurrence (times in UTC, as the single booking's file writes them).
/// </summary>
internal static class SeriesIcsCalendar
{
    /// <summary>The calendar's text.</summary>
    /// <param name="seriesId">The series (the recurring event's UID).</param>
    /// <param name="occurrences">The occurrences to show, by start.</param>
    /// <param name="summary">The events' title.</param>
    /// <param name="organizerName">The organizer's name (the business).</param>
    /// <param name="organizerEmail">The organizer's address; null leaves the organizer out.</param>
    /// <param name="location">The <c>LOCATION</c>; null or blank leaves it out.</param>
    /// <param name="timeZone">The IANA zone whose local time the occurrences keep.</param>
    /// <param name="stamp">When the file is made.</param>
    public static string For(
        Guid seriesId, IReadOnlyList<Booking> occurrences, string summary, string organizerName, string? organizerEmail, string? location,
        string timeZone, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(occurrences);
        if (occurrences.Count == 0)
        {
            throw new ArgumentException("A series calendar needs an occurrence.", nameof(occurrences));
        }

        var zone = TimeZones.Get(timeZone);
        var lines = new List<string> { "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//BookMeAtOz//API v1//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH" };
        if (RuleFor(occurrences, zone) is { } rule)
        {
            var first = occurrences[0];
            var start = Instant.FromDateTimeOffset(first.Start).InZone(zone).LocalDateTime;
            var end = Instant.FromDateTimeOffset(first.End).InZone(zone).LocalDateTime;
            AddTimeZone(lines, zone, timeZone, first.Start, occurrences[^1].End);
            lines.Add("BEGIN:VEVENT");
            lines.Add($"UID:{seriesId}@bookmeatoz");
            lines.Add($"DTSTAMP:{Utc(stamp)}");
            lines.Add($"CREATED:{Utc(first.CreatedAt)}");
            lines.Add($"DTSTART;TZID={timeZone}:{Local(start)}");
            lines.Add($"DTEND;TZID={timeZone}:{Local(end)}");
            lines.Add($"RRULE:{rule}");
            AddDetails(lines, first, summary, organizerName, organizerEmail, location);
            lines.Add("END:VEVENT");
        }
        else
        {
            foreach (var booking in occurrences)
            {
                lines.Add("BEGIN:VEVENT");
                lines.Add($"UID:{booking.Id}@bookmeatoz");
                lines.Add($"DTSTAMP:{Utc(stamp)}");
                lines.Add($"CREATED:{Utc(booking.CreatedAt)}");
                lines.Add($"DTSTART:{Utc(booking.Start)}");
                lines.Add($"DTEND:{Utc(booking.End)}");
                AddDetails(lines, booking, summary, organizerName, organizerEmail, location);
                lines.Add("END:VEVENT");
            }
        }

        lines.Add("END:VCALENDAR");
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            IcsText.Fold(line, text);
        }

        return text.ToString();
    }

    /// <summary>
    /// The <c>RRULE</c> that gives exactly these occurrences (weekly, fortnightly or monthly on the first one's day, with its
    /// count), when one does: same local time of day, same length and same status throughout; else null.
    /// </summary>
    internal static string? RuleFor(IReadOnlyList<Booking> occurrences, DateTimeZone zone)
    {
        var first = occurrences[0];
        var local = occurrences.Select(b => Instant.FromDateTimeOffset(b.Start).InZone(zone).LocalDateTime).ToList();
        if (occurrences.Any(b => b.End - b.Start != first.End - first.Start || b.Status != first.Status)
            || local.Any(l => l.TimeOfDay != local[0].TimeOfDay))
        {
            return null;
        }

        // Each occurrence must resolve to the instant its local time gives (none shifted out of a DST gap).
        if (occurrences.Zip(local).Any(p => zone.AtLeniently(p.Second).ToDateTimeOffset() != p.First.Start))
        {
            return null;
        }

        var count = occurrences.Count;
        if (count == 1)
        {
            return "FREQ=DAILY;COUNT=1";
        }

        var dates = local.Select(l => l.Date).ToList();
        if (Steps(dates, d => d.PlusWeeks(1)))
        {
            return $"FREQ=WEEKLY;COUNT={count}";
        }

        if (Steps(dates, d => d.PlusWeeks(2)))
        {
            return $"FREQ=WEEKLY;INTERVAL=2;COUNT={count}";
        }

        // Monthly on a day of the month: months without that day have no occurrence (RFC 5545 ignores invalid dates).
        var day = dates[0].Day;
        if (Steps(dates, d => NextMonthWith(d, day)))
        {
            return $"FREQ=MONTHLY;BYMONTHDAY={day};COUNT={count}";
        }

        return null;
    }

    private static bool Steps(List<LocalDate> dates, Func<LocalDate, LocalDate> next)
    {
        for (var i = 1; i < dates.Count; i++)
        {
            if (next(dates[i - 1]) != dates[i])
            {
                return false;
            }
        }

        return true;
    }

    private static LocalDate NextMonthWith(LocalDate date, int day)
    {
        var month = new LocalDate(date.Year, date.Month, 1);
        for (var i = 0; i < 12; i++)
        {
            month = month.PlusMonths(1);
            if (day <= CalendarSystem.Iso.GetDaysInMonth(month.Year, month.Month))
            {
                return new LocalDate(month.Year, month.Month, day);
            }
        }

        return date;
    }

    /// <summary>
    /// The zone as a <c>VTIMEZONE</c>: one observance per offset in force over the series (each from its onset, without a
    /// rule), which is all a reader needs to place the local times of this file.
    /// </summary>
    private static void AddTimeZone(List<string> lines, DateTimeZone zone, string timeZone, DateTimeOffset from, DateTimeOffset to)
    {
        lines.Add("BEGIN:VTIMEZONE");
        lines.Add($"TZID:{timeZone}");
        var intervals = zone.GetZoneIntervals(Instant.FromDateTimeOffset(from), Instant.FromDateTimeOffset(to).Plus(Duration.FromDays(1))).ToList();
        ZoneInterval? previous = null;
        foreach (var interval in intervals)
        {
            var kind = interval.Savings != Offset.Zero ? "DAYLIGHT" : "STANDARD";
            var onset = previous is null
                // The first observance's onset: its own start when known, else a date well before the series.
                ? (interval.HasStart ? interval.IsoLocalStart : new LocalDateTime(1970, 1, 1, 0, 0))
                : interval.IsoLocalStart;
            var before = previous?.WallOffset ?? (interval.HasStart ? zone.GetUtcOffset(interval.Start - Duration.Epsilon) : interval.WallOffset);
            lines.Add($"BEGIN:{kind}");
            lines.Add($"DTSTART:{Local(onset)}");
            lines.Add($"TZOFFSETFROM:{OffsetText(before)}");
            lines.Add($"TZOFFSETTO:{OffsetText(interval.WallOffset)}");
            lines.Add($"TZNAME:{IcsText.Escape(interval.Name)}");
            lines.Add($"END:{kind}");
            previous = interval;
        }

        lines.Add("END:VTIMEZONE");
    }

    private static void AddDetails(List<string> lines, Booking booking, string summary, string organizerName, string? organizerEmail, string? location)
    {
        lines.Add($"SUMMARY:{IcsText.Escape(summary)}");
        lines.Add($"STATUS:{(booking.Status is BookingStatus.Pending ? "TENTATIVE" : booking.IsActive ? "CONFIRMED" : "CANCELLED")}");
        if (organizerEmail is not null)
        {
            lines.Add($"ORGANIZER;CN={IcsText.Quoted(organizerName)}:mailto:{organizerEmail}");
        }

        if (!string.IsNullOrWhiteSpace(location))
        {
            lines.Add($"LOCATION:{IcsText.Escape(location)}");
        }

        if (!string.IsNullOrEmpty(booking.Notes))
        {
            lines.Add($"DESCRIPTION:{IcsText.Escape(booking.Notes)}");
        }
    }

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Local(LocalDateTime local) => local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string OffsetText(Offset offset)
    {
        var seconds = offset.Seconds;
        var sign = seconds < 0 ? "-" : "+";
        seconds = Math.Abs(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds / 3600:00}{seconds / 60 % 60:00}");
    }
}

/// <summary>RFC 5545 text escaping, parameter quoting and line folding (as <see cref="IcsCalendar"/> writes them).</summary>
internal static class IcsText
{
    public static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    public static string Quoted(string value) => $"\"{new string([.. value.Where(c => c != '"' && !char.IsControl(c))])}\"";

    public static void Fold(string line, StringBuilder output)
    {
        var bytes = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (bytes + size > 75)
            {
                output.Append("\r\n ");
                bytes = 1;
            }

            output.Append(rune.ToString());
            bytes += size;
        }

        output.Append("\r\n");
    }
}
