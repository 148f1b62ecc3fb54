using BookMeAtOz.Scheduling;
using static BookMeAtOz.Core.Tests.Scheduling.Scenario;
using static BookMeAtOz.Core.Tests.Scheduling.ValidationAssert;

namespace BookMeAtOz.Core.Tests.Scheduling;

public sealed class StaffScheduleTests
{
    private static readonly DateOnly June7 = new(2027, 6, 7);

    [Fact]
    public void Validate_TouchingIntervalsAnd2400End_AreValid()
    {
        var schedule = Weekly((DayOfWeek.Monday, [Hours("00:00", "12:00"), Hours("12:00", "24:00")]), (DayOfWeek.Sunday, []));

        Assert.Empty(Fields(e => schedule.Validate(e)));
    }

    [Fact]
    public void Validate_EmptyOverride_IsAValidDayOff()
    {
        var schedule = EveryDay(Hours("09:00", "17:00")) with { Overrides = [new DateOverride(June7, [])] };

        Assert.Empty(Fields(e => schedule.Validate(e)));
    }

    [Fact]
    public void Validate_StartAt2400_IsAStartError()
    {
        var schedule = Weekly((DayOfWeek.Monday, [new WorkInterval(WallTime.EndOfDay, WallTime.EndOfDay)]));

        var errors = Errors(e => schedule.Validate(e));

        Assert.Equal(["24:00 is allowed only as an end."], errors["weekly.monday[0].start"]);
    }

    [Theory]
    [InlineData("10:00", "09:00")]
    [InlineData("10:00", "10:00")]
    [InlineData("00:00", "00:00")]
    public void Validate_EndNotAfterStart_IsAnEndError(string start, string end)
    {
        var schedule = Weekly((DayOfWeek.Tuesday, [Hours(start, end)]));

        Assert.Equal(["weekly.tuesday[0].end"], Fields(e => schedule.Validate(e)));
    }

    [Fact]
    public void Validate_OverlappingIntervals_IsAnErrorOnTheLaterOne()
    {
        var schedule = Weekly((DayOfWeek.Wednesday, [Hours("11:00", "13:00"), Hours("09:00", "12:00")]));

        Assert.Equal(["weekly.wednesday[0]"], Fields(e => schedule.Validate(e)));
    }

    [Fact]
    public void Validate_SeveralIntervalsInsideALongOne_FlagsEachOfThem()
    {
        // 12:00–13:00 does not overlap its sorted neighbour 10:00–11:00, but it does overlap 09:00–17:00.
        var schedule = Weekly((DayOfWeek.Thursday, [Hours("09:00", "17:00"), Hours("10:00", "11:00"), Hours("12:00", "13:00")]));

        Assert.Equal(["weekly.thursday[1]", "weekly.thursday[2]"], Fields(e => schedule.Validate(e)));
    }

    [Fact]
    public void Validate_IdenticalIntervals_Overlap()
    {
        var schedule = Weekly((DayOfWeek.Friday, [Hours("09:00", "12:00"), Hours("09:00", "12:00")]));

        Assert.Single(Fields(e => schedule.Validate(e)), f => f.StartsWith("weekly.friday[", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MoreThan48IntervalsADay_IsAnErrorOnTheDay()
    {
        var intervals = Enumerable.Range(0, 49).Select(i => new WorkInterval(new WallTime(i * 20), new WallTime(i * 20 + 10))).ToArray();
        var schedule = Weekly((DayOfWeek.Saturday, intervals));

        Assert.Equal(["weekly.saturday"], Fields(e => schedule.Validate(e)));
    }

    [Fact]
    public void Validate_DuplicateOverrideDate_IsAnErrorOnTheSecond()
    {
        var schedule = StaffSchedule.Empty with
        {
            Overrides = [new DateOverride(June7, [Hours("09:00", "10:00")]), new DateOverride(June7.AddDays(1), []), new DateOverride(June7, [])],
        };

        Assert.Equal(["overrides[2].date"], Fields(e => schedule.Validate(e)));
    }

    [Fact]
    public void Validate_InvalidOverrideIntervals_AreErrorsUnderTheOverride()
    {
        var schedule = StaffSchedule.Empty with
        {
            Overrides = [new DateOverride(June7, [Hours("12:00", "11:00")]), new DateOverride(June7.AddDays(1), null!)],
        };

        Assert.Equal(["overrides[0].intervals[0].end", "overrides[1].intervals"], Fields(e => schedule.Validate(e)));
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryFieldAtOnce()
    {
        var schedule = Weekly(
            (DayOfWeek.Monday, [Hours("09:00", "08:00")]),
            (DayOfWeek.Tuesday, [Hours("09:00", "12:00"), Hours("10:00", "11:00")]),
            (DayOfWeek.Wednesday, [new WorkInterval(WallTime.EndOfDay, WallTime.EndOfDay)])) with
        {
            Overrides = [new DateOverride(June7, []), new DateOverride(June7, [Hours("13:00", "12:00")])],
        };

        Assert.Equal(
            [
                "schedule.overrides[1].date", "schedule.overrides[1].intervals[0].end", "schedule.weekly.monday[0].end",
                "schedule.weekly.tuesday[1]", "schedule.weekly.wednesday[0].end", "schedule.weekly.wednesday[0].start",
            ],
            Fields(e => schedule.Validate(e, "schedule.")));
    }
}
