using BookMeAtOz.Scheduling;
using NodaTime;
using static BookMeAtOz.Core.Tests.Scheduling.Scenario;

namespace BookMeAtOz.Core.Tests.Scheduling;

/// <summary>
/// Exact slot lists on the 2027 transition days (SPEC §3.1–3.3). In 2027 Australian DST ends on
/// Sunday 4 April and starts on Sunday 3 October; Lord Howe shifts by 30 minutes, Eucla has no DST.
/// </summary>
public sealed class AvailabilityEngineDstTests
{
    private const string Sydney = "Australia/Sydney";
    private const string LordHowe = "Australia/Lord_Howe";
    private const string Adelaide = "Australia/Adelaide";
    private const string Eucla = "Australia/Eucla";
    private const string SpringForward = "2027-10-03";
    private const string FallBack = "2027-04-04";

    [Theory]
    [InlineData(Sydney, FallBack, 2027, 4, 3, 16, 0)]
    [InlineData(Sydney, SpringForward, 2027, 10, 2, 16, 0)]
    [InlineData(LordHowe, FallBack, 2027, 4, 3, 15, 0)]
    [InlineData(LordHowe, SpringForward, 2027, 10, 2, 15, 30)]
    [InlineData(Adelaide, FallBack, 2027, 4, 3, 16, 30)]
    [InlineData(Adelaide, SpringForward, 2027, 10, 2, 16, 30)]
    public void Tzdb_AustralianTransitions2027_AreOnTheFirstSundays(string zone, string localDate, int year, int month, int day, int hour, int minute)
    {
        var (from, to) = LocalDays(zone, localDate);
        var transitions = DateTimeZoneProviders.Tzdb[zone]
            .GetZoneIntervals(Instant.FromDateTimeOffset(from), Instant.FromDateTimeOffset(to))
            .Skip(1)
            .Select(i => i.Start)
            .ToList();

        Assert.Equal([Instant.FromUtc(year, month, day, hour, minute)], transitions);
    }

    [Fact]
    public void Tzdb_Eucla2027_HasNoTransitions()
    {
        var intervals = DateTimeZoneProviders.Tzdb[Eucla].GetZoneIntervals(Instant.FromUtc(2027, 1, 1, 0, 0), Instant.FromUtc(2028, 1, 1, 0, 0));

        Assert.Equal(Offset.FromHoursAndMinutes(8, 45), Assert.Single(intervals).WallOffset);
    }

    [Fact]
    public void FindSlots_SydneySpringForwardMidnightToSix_GivesFiveRealHours()
    {
        var slots = MidnightToSix(Sydney, SpringForward);

        Assert.Equal(
            ["2027-10-03T00:00:00+10:00", "2027-10-03T01:00:00+10:00", "2027-10-03T03:00:00+11:00", "2027-10-03T04:00:00+11:00", "2027-10-03T05:00:00+11:00"],
            Starts(slots));
        Assert.Equal("2027-10-03T06:00:00+11:00", Iso(slots[^1].End));
    }

    [Fact]
    public void FindSlots_SydneyFallBackMidnightToSix_GivesSevenRealHours()
    {
        var slots = MidnightToSix(Sydney, FallBack);

        Assert.Equal(
            [
                "2027-04-04T00:00:00+11:00", "2027-04-04T01:00:00+11:00", "2027-04-04T02:00:00+11:00",
                "2027-04-04T02:00:00+10:00", "2027-04-04T03:00:00+10:00", "2027-04-04T04:00:00+10:00", "2027-04-04T05:00:00+10:00",
            ],
            Starts(slots));
        // The hour from 02:00+11:00 ends at the repeated 02:00.
        Assert.Equal("2027-04-04T02:00:00+10:00", Iso(slots[2].End));
    }

    [Fact]
    public void FindSlots_LordHoweSpringForward_GivesTheSpecExample()
    {
        Assert.Equal(
            ["2027-10-03T00:00:00+10:30", "2027-10-03T01:00:00+10:30", "2027-10-03T02:30:00+11:00", "2027-10-03T03:30:00+11:00", "2027-10-03T04:30:00+11:00"],
            Starts(MidnightToSix(LordHowe, SpringForward)));
    }

    [Fact]
    public void FindSlots_LordHoweFallBack_GivesSixAndAHalfRealHours()
    {
        // 01:30–02:00 happens twice; 00:00+11:00 to 06:00+10:30 is 6.5 hours, room for six 60-minute slots.
        Assert.Equal(
            [
                "2027-04-04T00:00:00+11:00", "2027-04-04T01:00:00+11:00", "2027-04-04T01:30:00+10:30",
                "2027-04-04T02:30:00+10:30", "2027-04-04T03:30:00+10:30", "2027-04-04T04:30:00+10:30",
            ],
            Starts(MidnightToSix(LordHowe, FallBack)));
    }

    [Fact]
    public void FindSlots_AdelaideSpringForward_GivesFiveRealHours()
    {
        Assert.Equal(
            ["2027-10-03T00:00:00+09:30", "2027-10-03T01:00:00+09:30", "2027-10-03T03:00:00+10:30", "2027-10-03T04:00:00+10:30", "2027-10-03T05:00:00+10:30"],
            Starts(MidnightToSix(Adelaide, SpringForward)));
    }

    [Fact]
    public void FindSlots_AdelaideFallBack_GivesSevenRealHours()
    {
        Assert.Equal(
            [
                "2027-04-04T00:00:00+10:30", "2027-04-04T01:00:00+10:30", "2027-04-04T02:00:00+10:30",
                "2027-04-04T02:00:00+09:30", "2027-04-04T03:00:00+09:30", "2027-04-04T04:00:00+09:30", "2027-04-04T05:00:00+09:30",
            ],
            Starts(MidnightToSix(Adelaide, FallBack)));
    }

    [Theory]
    [InlineData(SpringForward)]
    [InlineData(FallBack)]
    public void FindSlots_EuclaOnAustralianTransitionDays_GivesSixPlainHours(string date)
    {
        Assert.Equal(
            [.. Enumerable.Range(0, 6).Select(h => $"{date}T0{h}:00:00+08:45")],
            Starts(MidnightToSix(Eucla, date)));
    }

    [Fact]
    public void FindSlots_SydneyStartInsideGap_StartsAfterShiftingForward()
    {
        // 02:30 does not exist on the spring-forward day: it becomes 03:30+11:00 (SPEC §3.2).
        var slots = OneDay(Sydney, SpringForward, Hours("02:30", "05:00"), duration: 30);

        Assert.Equal(["2027-10-03T03:30:00+11:00", "2027-10-03T04:00:00+11:00", "2027-10-03T04:30:00+11:00"], Starts(slots));
    }

    [Fact]
    public void FindSlots_SydneyEndInsideGap_EndsAfterShiftingForward()
    {
        // The end 02:30 becomes 03:30+11:00, two and a half hours after midnight.
        var slots = OneDay(Sydney, SpringForward, Hours("00:00", "02:30"), duration: 30);

        Assert.Equal(
            ["2027-10-03T00:00:00+10:00", "2027-10-03T00:30:00+10:00", "2027-10-03T01:00:00+10:00", "2027-10-03T01:30:00+10:00", "2027-10-03T03:00:00+11:00"],
            Starts(slots));
        Assert.Equal("2027-10-03T03:30:00+11:00", Iso(slots[^1].End));
    }

    [Fact]
    public void FindSlots_SydneyIntervalWhollyInsideGap_StillGivesItsLength()
    {
        // 02:00–02:45 becomes 03:00+11:00–03:45+11:00: both ends shift by the gap's hour.
        var slots = OneDay(Sydney, SpringForward, Hours("02:00", "02:45"), duration: 15);

        Assert.Equal(["2027-10-03T03:00:00+11:00", "2027-10-03T03:15:00+11:00", "2027-10-03T03:30:00+11:00"], Starts(slots));
    }

    [Fact]
    public void FindSlots_SydneyAmbiguousStart_UsesTheEarlierInstant()
    {
        var slots = OneDay(Sydney, FallBack, Hours("02:00", "04:00"), duration: 60);

        Assert.Equal(["2027-04-04T02:00:00+11:00", "2027-04-04T02:00:00+10:00", "2027-04-04T03:00:00+10:00"], Starts(slots));
    }

    [Fact]
    public void FindSlots_SydneyAmbiguousEnd_UsesTheLaterInstant()
    {
        // Ending at the earlier 02:30 would leave no room for the 02:00+11:00 slot.
        var slots = OneDay(Sydney, FallBack, Hours("00:00", "02:30"), duration: 60);

        Assert.Equal(["2027-04-04T00:00:00+11:00", "2027-04-04T01:00:00+11:00", "2027-04-04T02:00:00+11:00"], Starts(slots));
    }

    [Fact]
    public void FindSlots_SydneyTouchingIntervalsAcrossTheRepeatedHour_AreOneSpan()
    {
        // 00:00–02:30 ends at the later 02:30, 02:30–04:00 starts at the earlier: they overlap on
        // the time line, so the union is one span from 00:00+11:00 to 04:00+10:00 (five hours).
        var slots = OneDay(Sydney, FallBack, [Hours("00:00", "02:30"), Hours("02:30", "04:00")], duration: 90);

        Assert.Equal(
            ["2027-04-04T00:00:00+11:00", "2027-04-04T01:30:00+11:00", "2027-04-04T02:00:00+10:00"],
            Starts(slots));
    }

    [Fact]
    public void FindSlots_SydneyOvernightSpanAcrossSpringForward_StepsInElapsedTime()
    {
        // Saturday 22:00–24:00 and Sunday 00:00–04:00 are one span of five real hours.
        var staff = Staff(1, Sydney);
        var schedule = Weekly((DayOfWeek.Saturday, [Hours("22:00", "24:00")]), (DayOfWeek.Sunday, [Hours("00:00", "04:00")]));
        var request = Request(Service(60), LocalDays(Sydney, "2027-10-02", days: 2), [Availability(staff, schedule)]);

        Assert.Equal(
            ["2027-10-02T22:00:00+10:00", "2027-10-02T23:00:00+10:00", "2027-10-03T00:00:00+10:00", "2027-10-03T01:00:00+10:00", "2027-10-03T03:00:00+11:00"],
            Starts(AvailabilityEngine.FindSlots(request)));
    }

    [Fact]
    public void FindSlots_LordHoweWorkingDayOnFallBack_StepsFromTheSpanStart()
    {
        // A normal working day is untouched by the early-morning change: 09:00–12:00 in +10:30.
        var slots = OneDay(LordHowe, FallBack, Hours("09:00", "12:00"), duration: 60);

        Assert.Equal(["2027-04-04T09:00:00+10:30", "2027-04-04T10:00:00+10:30", "2027-04-04T11:00:00+10:30"], Starts(slots));
    }

    private static IReadOnlyList<AvailableSlot> MidnightToSix(string zone, string date) =>
        OneDay(zone, date, Hours("00:00", "06:00"), duration: 60);

    private static IReadOnlyList<AvailableSlot> OneDay(string zone, string date, WorkInterval interval, int duration) =>
        OneDay(zone, date, [interval], duration);

    private static IReadOnlyList<AvailableSlot> OneDay(string zone, string date, WorkInterval[] intervals, int duration)
    {
        var request = Request(Service(duration), LocalDays(zone, date), [Availability(Staff(1, zone), EveryDay(intervals))]);
        var slots = AvailabilityEngine.FindSlots(request);

        // The oracle computes the same list from first principles.
        Assert.Equal(Describe(BruteForceOracle.FindSlots(request)), Describe(slots));
        return slots;
    }
}
