using BookMeAtOz.Bookings;
using Ical.Net;

namespace BookMeAtOz.Core.Tests.Bookings;

/// <summary>The series' calendar file, read back by a real iCalendar parser (Ical.Net) and expanded.</summary>
public sealed class SeriesIcsCalendarTests
{
    private const string Zone = "Australia/Sydney";
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById(Zone);
    private static readonly Guid SeriesId = Guid.Parse("5e000000-0000-0000-0000-000000000001");
    private static readonly DateTimeOffset Stamp = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(DateOnly day, int hour = 10)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, Sydney.GetUtcOffset(local));
    }

    private static Booking Occurrence(DateTimeOffset start, int minutes = 60) => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), start.ToUniversalTime(), start.ToUniversalTime().AddMinutes(minutes), 0, 0,
        BookingStatus.Confirmed, new Customer("Jamie", "jamie@example.com", null), "Bring a towel", Stamp, null, null, [1]) { SeriesId = SeriesId };

    private static List<DateTime> Expanded(string ics)
    {
        var calendar = Calendar.Load(ics)!;
        return [.. calendar.GetOccurrences().Select(o => o.Period.StartTime.AsUtc).Order()];
    }

    [Fact]
    public void For_WeeklyAcrossTheEndOfDaylightSaving_IsOneRecurringEvent_ThatExpandsTo10amLocalEachWeek()
    {
        // 20 March 2027 to 10 April 2027: Sydney leaves daylight saving on 4 April.
        List<Booking> occurrences = [.. Enumerable.Range(0, 4).Select(k => Occurrence(At(new DateOnly(2027, 3, 20).AddDays(7 * k))))];

        var ics = SeriesIcsCalendar.For(SeriesId, occurrences, "Lesson (Studio)", "Studio", "hello@studio.example", "1 Main St", Zone, Stamp);

        var calendar = Calendar.Load(ics)!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal($"{SeriesId}@bookmeatoz", e.Uid);
        Assert.Contains("RRULE:FREQ=WEEKLY;COUNT=4", ics, StringComparison.Ordinal);
        Assert.Equal(occurrences.Select(o => o.Start.UtcDateTime).ToList(), Expanded(ics));
        Assert.Equal(TimeSpan.FromHours(11), occurrences[0].Start.ToOffset(Sydney.GetUtcOffset(occurrences[0].Start)).Offset);
        Assert.Equal((occurrences[0].Start.UtcDateTime, occurrences[0].End.UtcDateTime), (e.Start!.AsUtc, e.End!.AsUtc));
    }

    [Fact]
    public void For_WithAnOccurrenceMissing_WritesOneEventPerOccurrence()
    {
        List<Booking> occurrences = [.. new[] { 0, 7, 21 }.Select(d => Occurrence(At(new DateOnly(2027, 3, 20).AddDays(d))))];

        var ics = SeriesIcsCalendar.For(SeriesId, occurrences, "Lesson", "Studio", null, null, Zone, Stamp);

        var calendar = Calendar.Load(ics)!;
        Assert.DoesNotContain("RRULE", ics, StringComparison.Ordinal);
        Assert.Equal(occurrences.Select(o => $"{o.Id}@bookmeatoz"), calendar.Events.Select(e => e.Uid));
        Assert.Equal(occurrences.Select(o => o.Start.UtcDateTime).ToList(), Expanded(ics));
    }

    [Fact]
    public void For_MonthlyOnThe31st_RecursOnlyInMonthsThatHaveIt()
    {
        List<Booking> occurrences = [.. new[] { new DateOnly(2027, 1, 31), new DateOnly(2027, 3, 31), new DateOnly(2027, 5, 31) }.Select(d => Occurrence(At(d)))];

        var ics = SeriesIcsCalendar.For(SeriesId, occurrences, "Lesson", "Studio", null, null, Zone, Stamp);

        Assert.Contains("RRULE:FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3", ics, StringComparison.Ordinal);
        Assert.Equal(occurrences.Select(o => o.Start.UtcDateTime).ToList(), Expanded(ics));
    }

    [Fact]
    public void For_FortnightlyWithDifferentTimes_IsNotOneRule()
    {
        var first = new DateOnly(2027, 6, 1);
        List<Booking> regular = [.. Enumerable.Range(0, 3).Select(k => Occurrence(At(first.AddDays(14 * k))))];
        Assert.Contains("RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=3", SeriesIcsCalendar.For(SeriesId, regular, "L", "S", null, null, Zone, Stamp), StringComparison.Ordinal);

        List<Booking> moved = [regular[0], Occurrence(At(first.AddDays(14), 15)), regular[2]];
        var ics = SeriesIcsCalendar.For(SeriesId, moved, "L", "S", null, null, Zone, Stamp);
        Assert.Equal(3, Calendar.Load(ics)!.Events.Count);
        Assert.Equal(moved.Select(o => o.Start.UtcDateTime).ToList(), Expanded(ics));
    }
}
