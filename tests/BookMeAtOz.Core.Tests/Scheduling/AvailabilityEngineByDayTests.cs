using BookMeAtOz.Scheduling;
using static BookMeAtOz.Core.Tests.Scheduling.Scenario;

namespace BookMeAtOz.Core.Tests.Scheduling;

/// <summary>
/// <see cref="AvailabilityEngine.FindSlotsByDay"/>: one local date at a time, the same slots as the whole window (the
/// oracle computes the window at once), and no work past the dates taken.
/// </summary>
public sealed class AvailabilityEngineByDayTests
{
    private const string Sydney = "Australia/Sydney";
    private static readonly StaffMember Alice = Staff(1, Sydney);
    private static readonly StaffMember Bob = Staff(2, "Asia/Kolkata");

    /// <summary>
    /// Working without a break from Tuesday 8 June 2027 00:07 for three weeks: the span begins after the lookback of the
    /// window's start but more than the lookback before its last days, which must stay on the grid from 00:07, as the
    /// whole window computes them, not fall back to the epoch grid a window of their own date would use.
    /// </summary>
    [Fact]
    public void FindSlotsByDay_SpanLongerThanTheLookback_StaysOnTheGridOfItsStart()
    {
        var schedule = new StaffSchedule(
            Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (IReadOnlyList<WorkInterval>)[Hours("00:00", "24:00")]),
            [new DateOverride(new DateOnly(2027, 6, 7), []), new DateOverride(new DateOnly(2027, 6, 8), [Hours("00:07", "24:00")])]);
        var request = Request(Service(60, interval: 15), LocalDays(Sydney, "2027-06-07", 21), [Availability(Alice, schedule)]);

        var days = AvailabilityEngine.FindSlotsByDay(request).ToList();

        Assert.Equal(21, days.Count);
        Assert.Equal(Enumerable.Range(0, 21).Select(i => new DateOnly(2027, 6, 7).AddDays(i)), days.Select(d => d.Date));
        Assert.Empty(days[0].Slots);
        Assert.All(days.Skip(1).SelectMany(d => d.Slots), s => Assert.Equal(7, s.Start.Minute % 15));
        Assert.Equal(Describe(BruteForceOracle.FindSlots(request)), Describe(days.SelectMany(d => d.Slots)));
    }

    [Fact]
    public void FindSlotsByDay_TwoZones_PutsEachSlotOnTheDisplayDateItStartsOn()
    {
        var service = Service(30, interval: 30, staffIds: [Alice.Id, Bob.Id]);
        var request = Request(service, LocalDays(Sydney, "2027-06-07", 3),
            [Availability(Alice, EveryDay(Hours("08:00", "20:00"))), Availability(Bob, EveryDay(Hours("06:00", "22:00")))]);

        var days = AvailabilityEngine.FindSlotsByDay(request).ToList();

        Assert.Equal(3, days.Count);
        foreach (var day in days)
        {
            Assert.NotEmpty(day.Slots);
            Assert.All(day.Slots, s => Assert.Equal(day.Date, DateOnly.FromDateTime(s.Start.DateTime)));
        }

        Assert.Equal(Describe(BruteForceOracle.FindSlots(request)), Describe(days.SelectMany(d => d.Slots)));
    }

    [Fact]
    public void FindSlotsByDay_StoppedEarly_ComputesNoLaterDate()
    {
        var request = Request(Service(60), LocalDays(Sydney, "2027-06-07", 62), [Availability(Alice, EveryDay(Hours("09:00", "17:00")))]);
        var taken = new List<DateOnly>();

        foreach (var day in AvailabilityEngine.FindSlotsByDay(request))
        {
            taken.Add(day.Date);
            if (taken.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([new DateOnly(2027, 6, 7), new DateOnly(2027, 6, 8)], taken);
    }

    [Fact]
    public void FindSlotsByDay_InactiveService_AnswersEveryDateWithoutSlots()
    {
        var request = Request(Service(60, active: false), LocalDays(Sydney, "2027-06-07", 3), [Availability(Alice, EveryDay(Hours("09:00", "17:00")))]);

        var days = AvailabilityEngine.FindSlotsByDay(request).ToList();

        Assert.Equal(3, days.Count);
        Assert.All(days, d => Assert.Empty(d.Slots));
    }
}
