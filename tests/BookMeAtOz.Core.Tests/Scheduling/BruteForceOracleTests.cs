using BookMeAtOz.Scheduling;
using static BookMeAtOz.Core.Tests.Scheduling.Scenario;

namespace BookMeAtOz.Core.Tests.Scheduling;

/// <summary>The oracle is only worth comparing against if it is right on its own: pinned here to the SPEC's own examples.</summary>
public sealed class BruteForceOracleTests
{
    [Fact]
    public void LookbackMinutes_IsTheEnginesDocumentedLookback()
    {
        Assert.Equal(WorkingTime.Lookback, TimeSpan.FromMinutes(BruteForceOracle.LookbackMinutes));
    }

    [Fact]
    public void FindSlots_LordHoweSpringForward_GivesTheSpecExample()
    {
        var request = Request(Service(60), LocalDays("Australia/Lord_Howe", "2027-10-03"), [Availability(Staff(1, "Australia/Lord_Howe"), EveryDay(Hours("00:00", "06:00")))]);

        Assert.Equal(
            ["2027-10-03T00:00:00+10:30", "2027-10-03T01:00:00+10:30", "2027-10-03T02:30:00+11:00", "2027-10-03T03:30:00+11:00", "2027-10-03T04:30:00+11:00"],
            Starts(BruteForceOracle.FindSlots(request)));
    }

    [Theory]
    [InlineData("2027-04-04", 7)]
    [InlineData("2027-10-03", 5)]
    public void WorkingRuns_SydneyMidnightToSix_LastTheSpecsRealHours(string date, int hours)
    {
        var (from, to) = LocalDays("Australia/Sydney", date);

        var run = Assert.Single(BruteForceOracle.WorkingRuns("Australia/Sydney", EveryDay(Hours("00:00", "06:00")), from, to));

        Assert.Equal(TimeSpan.FromHours(hours), run.End - run.Start);
    }

    [Fact]
    public void FindSlots_InstantNotOnAWholeMinute_IsRefused()
    {
        var (from, to) = LocalDays("UTC", "2027-06-07");
        var request = Request(Service(60), (from.AddSeconds(30), to), [Availability(Staff(1, "UTC"), EveryDay(Hours("09:00", "17:00")))]);

        Assert.Throws<ArgumentException>(() => BruteForceOracle.FindSlots(request));
    }
}
