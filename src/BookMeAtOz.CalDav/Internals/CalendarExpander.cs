using BookMeAtOz.Calendars;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using NodaTime;

namespace BookMeAtOz.CalDav.Internals;

/// <summary>
/// One calendar resource (an event with its RRULE, EXDATEs and RECURRENCE-ID overrides) expanded into busy ranges
/// over a window, with Ical.Net. Times with a TZID keep their zone (IANA names, and the Windows names Outlook uses);
/// floating times and all-day dates are read in the staff member's zone. Transparent (free) and cancelled events
/// block nothing, nor do the events BookMeAtOz wrote itself (they are bookings, which already block their time).
/// </summary>
internal static class CalendarExpander
{
    /// <summary>The property that marks an event as a booking BookMeAtOz wrote.</summary>
    public const string BookingProperty = "X-BOOKMEATOZ-BOOKING";

    public static IReadOnlyList<CalendarBusyRange> Expand(string ics, DateTimeOffset from, DateTimeOffset until, DateTimeZone localZone)
    {
        var calendar = Calendar.Load(ics) ?? throw new FormatException("Not an iCalendar object.");
        if (calendar.Events.Any(e => e.Properties.ContainsKey(BookingProperty)))
        {
            return [];
        }

        var result = new List<CalendarBusyRange>();
        // A day of margin either side: all-day and floating occurrences are placed in the local zone afterwards.
        var start = new CalDateTime(from.UtcDateTime.AddDays(-2), "UTC");
        var end = new CalDateTime(until.UtcDateTime.AddDays(2), "UTC");
        foreach (var occurrence in calendar.GetOccurrences<CalendarEvent>(start).TakeWhileBefore(end))
        {
            if (occurrence.Source is not CalendarEvent e || IsFree(e))
            {
                continue;
            }

            var period = occurrence.Period;
            var s = ToInstant(period.StartTime, localZone);
            var finish = period.EffectiveEndTime is { } effectiveEnd ? ToInstant(effectiveEnd, localZone)
                : period.StartTime.HasTime ? s : ToInstant(period.StartTime.AddDays(1), localZone);
            if (finish <= s)
            {
                // A zero-length event (a reminder) blocks nothing.
                continue;
            }

            if (s < until && finish > from)
            {
                result.Add(new CalendarBusyRange(s, finish));
            }
        }

        return result;
    }

    private static bool IsFree(CalendarEvent e) =>
        string.Equals(e.Transparency, TransparencyType.Transparent, StringComparison.OrdinalIgnoreCase)
        || string.Equals(e.Status, EventStatus.Cancelled, StringComparison.OrdinalIgnoreCase);

    private static DateTimeOffset ToInstant(CalDateTime value, DateTimeZone localZone)
    {
        if (value.HasTime && !value.IsFloating)
        {
            return new DateTimeOffset(value.AsUtc, TimeSpan.Zero);
        }

        var local = LocalDateTime.FromDateTime(value.Value);
        return localZone.AtLeniently(local).ToDateTimeOffset().ToUniversalTime();
    }
}
