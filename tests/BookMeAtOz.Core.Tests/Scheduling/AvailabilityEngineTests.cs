using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using Microsoft.Extensions.Time.Testing;
using static BookMeAtOz.Core.Tests.Scheduling.Scenario;

namespace BookMeAtOz.Core.Tests.Scheduling;

/// <summary>
/// SPEC §3.1 and §3.3–3.6 on ordinary days (Sydney in June, +10:00 all month; 7 June 2027 is a Monday).
/// Every scenario is also checked against <see cref="BruteForceOracle"/>.
/// </summary>
public sealed class AvailabilityEngineTests
{
    private const string Sydney = "Australia/Sydney";
    private static readonly StaffMember Alice = Staff(1, Sydney);
    private static readonly StaffMember Bob = Staff(2, Sydney);
    private static readonly StaffSchedule NineToFive = EveryDay(Hours("09:00", "17:00"));
    private static readonly Service OtherService = Service(60, before: 15, after: 30, id: Id(200));

    [Fact]
    public void FindSlots_IntervalsTouchingAtMidnight_StepAcrossMidnight()
    {
        var schedule = Weekly((DayOfWeek.Monday, [Hours("22:00", "24:00")]), (DayOfWeek.Tuesday, [Hours("00:00", "02:00")]));

        var slots = Find(Request(Service(60, interval: 45), LocalDays(Sydney, "2027-06-07", 2), [Availability(Alice, schedule)]));

        Assert.Equal(
            ["2027-06-07T22:00:00+10:00", "2027-06-07T22:45:00+10:00", "2027-06-07T23:30:00+10:00", "2027-06-08T00:15:00+10:00", "2027-06-08T01:00:00+10:00"],
            Starts(slots));
    }

    [Fact]
    public void FindSlots_WindowStartingInsideASpan_KeepsTheSpansAlignment()
    {
        var schedule = Weekly((DayOfWeek.Monday, [Hours("22:00", "24:00")]), (DayOfWeek.Tuesday, [Hours("00:00", "02:00")]));

        var slots = Find(Request(Service(60, interval: 45), LocalDays(Sydney, "2027-06-08"), [Availability(Alice, schedule)]));

        Assert.Equal(["2027-06-08T00:15:00+10:00", "2027-06-08T01:00:00+10:00"], Starts(slots));
    }

    [Fact]
    public void FindSlots_SpanBegunDaysBeforeTheWindow_StaysAlignedToItsStart()
    {
        // One span from Monday 09:00 to Thursday 17:00; Wednesday 10:00 is 2,940 minutes in, so the
        // 50-minute grid from Monday 09:00 puts starts at 10:10, 11:00 and 11:50.
        var schedule = Weekly(
            (DayOfWeek.Monday, [Hours("09:00", "24:00")]),
            (DayOfWeek.Tuesday, [Hours("00:00", "24:00")]),
            (DayOfWeek.Wednesday, [Hours("00:00", "24:00")]),
            (DayOfWeek.Thursday, [Hours("00:00", "17:00")]));
        var window = (At("2027-06-09T10:00:00+10:00"), At("2027-06-09T12:00:00+10:00"));

        var slots = Find(Request(Service(50), window, [Availability(Alice, schedule)]));

        Assert.Equal(["2027-06-09T10:10:00+10:00", "2027-06-09T11:00:00+10:00", "2027-06-09T11:50:00+10:00"], Starts(slots));
    }

    [Fact]
    public void FindSlots_WorkingRoundTheClock_StepsOnAGridAnchoredAtTheUnixEpoch()
    {
        // A span longer than the lookback has no start to align to: 2027-06-07T00:00Z is 30,205,440
        // minutes after the epoch (40 past a multiple of 50), so the 50-minute grid gives 00:10, 01:00, 01:50.
        var staff = Staff(1, "UTC");
        var service = Service(50);
        var early = Find(Request(service, (At("2027-06-07T00:00:00+00:00"), At("2027-06-07T02:00:00+00:00")), [Availability(staff, EveryDay(Hours("00:00", "24:00")))]));
        var late = Find(Request(service, (At("2027-06-07T00:30:00+00:00"), At("2027-06-07T02:00:00+00:00")), [Availability(staff, EveryDay(Hours("00:00", "24:00")))]));

        Assert.Equal(["2027-06-07T00:10:00+00:00", "2027-06-07T01:00:00+00:00", "2027-06-07T01:50:00+00:00"], Starts(early));
        Assert.Equal(Starts(early).Skip(1), Starts(late));
    }

    [Fact]
    public void FindSlots_IntervalEndingAt2400_EndsAtTheNextMidnight()
    {
        var schedule = Weekly((DayOfWeek.Monday, [Hours("20:00", "24:00")]));

        var slots = Find(Request(Service(60), LocalDays(Sydney, "2027-06-07", 2), [Availability(Alice, schedule)]));

        Assert.Equal(["2027-06-07T20:00:00+10:00", "2027-06-07T21:00:00+10:00", "2027-06-07T22:00:00+10:00", "2027-06-07T23:00:00+10:00"], Starts(slots));
        Assert.Equal("2027-06-08T00:00:00+10:00", Iso(slots[^1].End));
    }

    [Fact]
    public void FindSlots_DateOverride_ReplacesOnlyThatDate()
    {
        var schedule = Weekly((DayOfWeek.Monday, [Hours("09:00", "12:00")])) with
        {
            Overrides = [new DateOverride(new DateOnly(2027, 6, 7), [Hours("13:00", "15:00")])],
        };

        var slots = Find(Request(Service(60), LocalDays(Sydney, "2027-06-07", 8), [Availability(Alice, schedule)]));

        Assert.Equal(
            ["2027-06-07T13:00:00+10:00", "2027-06-07T14:00:00+10:00", "2027-06-14T09:00:00+10:00", "2027-06-14T10:00:00+10:00", "2027-06-14T11:00:00+10:00"],
            Starts(slots));
    }

    [Fact]
    public void FindSlots_EmptyDateOverride_IsADayOff()
    {
        var schedule = EveryDay(Hours("09:00", "11:00")) with { Overrides = [new DateOverride(new DateOnly(2027, 6, 8), [])] };

        var slots = Find(Request(Service(60), LocalDays(Sydney, "2027-06-07", 3), [Availability(Alice, schedule)]));

        Assert.Equal(
            ["2027-06-07T09:00:00+10:00", "2027-06-07T10:00:00+10:00", "2027-06-09T09:00:00+10:00", "2027-06-09T10:00:00+10:00"],
            Starts(slots));
    }

    [Fact]
    public void FindSlots_Closure_OffersNoStartOnItsDatesInTheClosureZone_WhateverTheDisplayZone()
    {
        var roundTheClock = EveryDay(Hours("00:00", "24:00"));
        var closure = new Closure(Id(301), TenantId, new DateOnly(2027, 6, 8), new DateOnly(2027, 6, 8), "Stocktake");
        var request = Request(Service(60), LocalDays(Sydney, "2027-06-07", 3), [Availability(Alice, roundTheClock)], display: "Australia/Perth")
            with { Closures = [closure], ClosureTimeZone = Sydney };

        var starts = Find(request).Select(s => s.Start).ToList();

        var (closedFrom, closedTo) = LocalDays(Sydney, "2027-06-08");
        Assert.DoesNotContain(starts, s => s >= closedFrom && s < closedTo);
        Assert.Contains(closedFrom.AddHours(-1), starts);
        Assert.Contains(closedTo, starts);
        Assert.Equal(48, starts.Count);
        Assert.All(starts, s => Assert.Equal(TimeSpan.FromHours(8), s.Offset));
        Assert.Equal(72, Find(request with { Closures = [] }).Count);
    }

    [Fact]
    public void FindSlots_TimeOff_BlocksEveryOverlappingSlot()
    {
        var timeOff = new TimeOff(Id(300), TenantId, Alice.Id, At("2027-06-07T10:30:00+10:00"), At("2027-06-07T12:00:00+10:00"), "Dentist");

        var slots = Find(Request(Service(60), LocalDays(Sydney, "2027-06-07"), [Availability(Alice, NineToFive, BusyRange.FromTimeOff(timeOff))]));

        Assert.Equal(
            ["2027-06-07T09:00:00+10:00", "2027-06-07T12:00:00+10:00", "2027-06-07T13:00:00+10:00", "2027-06-07T14:00:00+10:00", "2027-06-07T15:00:00+10:00", "2027-06-07T16:00:00+10:00"],
            Starts(slots));
    }

    [Fact]
    public void FindSlots_BookingWithBuffers_BlocksItsBuffersToo()
    {
        // The booking blocks 10:45–12:30: its own service's 15 minutes before and 30 after.
        var booking = Booking(OtherService, At("2027-06-07T11:00:00+10:00"));

        var slots = Find(Request(Service(60, interval: 30), LocalDays(Sydney, "2027-06-07"), [Availability(Alice, NineToFive, booking)]));

        Assert.Equal(
            [
                "2027-06-07T09:00:00+10:00", "2027-06-07T09:30:00+10:00", "2027-06-07T12:30:00+10:00", "2027-06-07T13:00:00+10:00", "2027-06-07T13:30:00+10:00",
                "2027-06-07T14:00:00+10:00", "2027-06-07T14:30:00+10:00", "2027-06-07T15:00:00+10:00", "2027-06-07T15:30:00+10:00", "2027-06-07T16:00:00+10:00",
            ],
            Starts(slots));
    }

    [Fact]
    public void FindSlots_CandidateWithBuffers_KeepsItsDistanceAndMayBufferOutsideWorkingTime()
    {
        // The candidate blocks [start − 15, end + 15): free before 09:45 and from 12:15 on. Its
        // buffers may fall outside 09:00–17:00 (09:00 and 16:00 are offered); the appointment may not.
        var booking = Booking(Service(60, id: Id(201)), At("2027-06-07T11:00:00+10:00"));

        var slots = Find(Request(Service(60, interval: 30, before: 15, after: 15), LocalDays(Sydney, "2027-06-07"), [Availability(Alice, NineToFive, booking)]));

        Assert.Equal(
            [
                "2027-06-07T09:00:00+10:00", "2027-06-07T09:30:00+10:00", "2027-06-07T12:30:00+10:00", "2027-06-07T13:00:00+10:00", "2027-06-07T13:30:00+10:00",
                "2027-06-07T14:00:00+10:00", "2027-06-07T14:30:00+10:00", "2027-06-07T15:00:00+10:00", "2027-06-07T15:30:00+10:00", "2027-06-07T16:00:00+10:00",
            ],
            Starts(slots));
    }

    [Fact]
    public void FindSlots_GroupSessionPartlyBooked_OffersTheRemainingSeats()
    {
        var yoga = Service(60, interval: 30, capacity: 3);
        var ten = At("2027-06-07T10:00:00+10:00");

        var slots = Find(Request(yoga, LocalDays(Sydney, "2027-06-07"), [Availability(Alice, EveryDay(Hours("09:00", "13:00")), Booking(yoga, ten), Booking(yoga, ten))]));

        // 09:30 and 10:30 would overlap the 10:00 session without being it.
        Assert.Equal(
            [
                "2027-06-07T09:00:00+10:00..2027-06-07T10:00:00+10:00 seats=3 staff=[0001]",
                "2027-06-07T10:00:00+10:00..2027-06-07T11:00:00+10:00 seats=1 staff=[0001]",
                "2027-06-07T11:00:00+10:00..2027-06-07T12:00:00+10:00 seats=3 staff=[0001]",
                "2027-06-07T11:30:00+10:00..2027-06-07T12:30:00+10:00 seats=3 staff=[0001]",
                "2027-06-07T12:00:00+10:00..2027-06-07T13:00:00+10:00 seats=3 staff=[0001]",
            ],
            Describe(slots));
    }

    [Fact]
    public void FindSlots_GroupSessionFull_IsNotOffered()
    {
        var yoga = Service(60, capacity: 3);
        var ten = At("2027-06-07T10:00:00+10:00");

        var slots = Find(Request(yoga, LocalDays(Sydney, "2027-06-07"), [Availability(Alice, EveryDay(Hours("09:00", "12:00")), Booking(yoga, ten), Booking(yoga, ten), Booking(yoga, ten))]));

        Assert.Equal(["2027-06-07T09:00:00+10:00", "2027-06-07T11:00:00+10:00"], Starts(slots));
    }

    [Fact]
    public void FindSlots_GroupCandidateOverlappingAnotherServiceAtTheSameStart_IsBlocked()
    {
        var yoga = Service(60, capacity: 3);
        var booking = Booking(Service(60, id: Id(202)), At("2027-06-07T10:00:00+10:00"));

        var slots = Find(Request(yoga, LocalDays(Sydney, "2027-06-07"), [Availability(Alice, EveryDay(Hours("09:00", "12:00")), booking)]));

        Assert.Equal(["2027-06-07T09:00:00+10:00", "2027-06-07T11:00:00+10:00"], Starts(slots));
    }

    [Fact]
    public void FindSlots_GroupBookingAtAnotherStart_BlocksOverlapsAndKeepsItsOwnSession()
    {
        var yoga = Service(60, interval: 30, capacity: 3);
        var booking = Booking(yoga, At("2027-06-07T10:30:00+10:00"));

        var slots = Find(Request(yoga, LocalDays(Sydney, "2027-06-07"), [Availability(Alice, EveryDay(Hours("09:00", "12:00")), booking)]));

        Assert.Equal(
            [
                "2027-06-07T09:00:00+10:00..2027-06-07T10:00:00+10:00 seats=3 staff=[0001]",
                "2027-06-07T09:30:00+10:00..2027-06-07T10:30:00+10:00 seats=3 staff=[0001]",
                "2027-06-07T10:30:00+10:00..2027-06-07T11:30:00+10:00 seats=2 staff=[0001]",
            ],
            Describe(slots));
    }

    [Fact]
    public void FindSlots_GroupSessionWithBuffers_SharesItsSessionButBlocksItsNeighbours()
    {
        var yoga = Service(60, after: 15, capacity: 3);
        var ten = At("2027-06-07T10:00:00+10:00");

        var slots = Find(Request(yoga, LocalDays(Sydney, "2027-06-07"), [Availability(Alice, EveryDay(Hours("09:00", "13:00")), Booking(yoga, ten))]));

        // 09:00 blocks until 10:15 and 11:00 from 11:00: both meet the session's 10:00–11:15.
        Assert.Equal(
            ["2027-06-07T10:00:00+10:00..2027-06-07T11:00:00+10:00 seats=2 staff=[0001]", "2027-06-07T12:00:00+10:00..2027-06-07T13:00:00+10:00 seats=3 staff=[0001]"],
            Describe(slots));
    }

    [Fact]
    public void FindSlots_MinimumNoticeAndMaximumAdvance_FollowTheClock()
    {
        var clock = new FakeTimeProvider(At("2027-06-08T09:10:00+10:00"));
        var policy = new TenantPolicy(MinNoticeMinutes: 60, MaxAdvanceDays: 1);
        AvailabilityRequest RequestNow() =>
            Request(Service(60, interval: 30), LocalDays(Sydney, "2027-06-08", 3), [Availability(Alice, NineToFive)], policy: policy, now: clock.GetUtcNow());

        var first = Find(RequestNow());
        clock.Advance(TimeSpan.FromHours(1));
        var later = Find(RequestNow());

        // Starts from now + 60 minutes, up to (excluding) now + 1 day.
        Assert.Equal(("2027-06-08T10:30:00+10:00", "2027-06-09T09:00:00+10:00", 13), (Iso(first[0].Start), Iso(first[^1].Start), first.Count));
        Assert.Equal(("2027-06-08T11:30:00+10:00", "2027-06-09T10:00:00+10:00", 13), (Iso(later[0].Start), Iso(later[^1].Start), later.Count));
    }

    [Fact]
    public void FindSlots_StartExactlyAtTheNoticeLimit_IsOffered()
    {
        var policy = new TenantPolicy(MinNoticeMinutes: 30, MaxAdvanceDays: 1);

        var slots = Find(Request(Service(60), LocalDays(Sydney, "2027-06-07"), [Availability(Alice, NineToFive)], policy: policy, now: At("2027-06-07T08:30:00+10:00")));

        Assert.Equal("2027-06-07T09:00:00+10:00", Iso(slots[0].Start));
    }

    [Fact]
    public void FindSlots_StartExactlyAtTheAdvanceLimit_IsNotOffered()
    {
        // now + minNotice ≤ start < now + maxAdvanceDays (SPEC §3.6): tomorrow's 09:00 is one day away.
        var policy = new TenantPolicy(MinNoticeMinutes: 0, MaxAdvanceDays: 1);

        var slots = Find(Request(Service(60), LocalDays(Sydney, "2027-06-07", 3), [Availability(Alice, NineToFive)], policy: policy, now: At("2027-06-07T09:00:00+10:00")));

        Assert.Equal(("2027-06-07T09:00:00+10:00", "2027-06-07T16:00:00+10:00", 8), (Iso(slots[0].Start), Iso(slots[^1].Start), slots.Count));
    }

    [Fact]
    public void FindSlots_DisplayZoneOtherThanTheStaffs_UsesTheDisplayZonesOffsets()
    {
        // Sydney (+11:00) on 28 March 2027, shown in London, which springs forward at 01:00 UTC that day.
        var slots = Find(Request(Service(60), LocalDays(Sydney, "2027-03-28"), [Availability(Alice, NineToFive)], display: "Europe/London"));

        Assert.Equal(
            [
                "2027-03-27T22:00:00+00:00", "2027-03-27T23:00:00+00:00", "2027-03-28T00:00:00+00:00", "2027-03-28T02:00:00+01:00",
                "2027-03-28T03:00:00+01:00", "2027-03-28T04:00:00+01:00", "2027-03-28T05:00:00+01:00", "2027-03-28T06:00:00+01:00",
            ],
            Starts(slots));
        Assert.Equal("2027-03-28T02:00:00+01:00", Iso(slots[2].End));
    }

    [Fact]
    public void FindSlots_SeveralStaff_MergesIntoOneEntryPerStart()
    {
        var slots = Find(Request(
            Service(60),
            LocalDays(Sydney, "2027-06-07"),
            [Availability(Alice, EveryDay(Hours("09:00", "12:00"))), Availability(Bob, EveryDay(Hours("10:00", "13:00")))]));

        Assert.Equal(
            [
                "2027-06-07T09:00:00+10:00..2027-06-07T10:00:00+10:00 seats=1 staff=[0001]",
                "2027-06-07T10:00:00+10:00..2027-06-07T11:00:00+10:00 seats=2 staff=[0001,0002]",
                "2027-06-07T11:00:00+10:00..2027-06-07T12:00:00+10:00 seats=2 staff=[0001,0002]",
                "2027-06-07T12:00:00+10:00..2027-06-07T13:00:00+10:00 seats=1 staff=[0002]",
            ],
            Describe(slots));
    }

    [Fact]
    public void FindSlots_StaffInDifferentZones_MergeByInstant()
    {
        // Brisbane is +10:00 like Sydney in June; Adelaide's 09:00 is 09:30 in Sydney.
        var slots = Find(Request(
            Service(60),
            LocalDays(Sydney, "2027-06-07"),
            [
                Availability(Alice, EveryDay(Hours("09:00", "11:00"))),
                Availability(Staff(2, "Australia/Brisbane"), EveryDay(Hours("09:00", "11:00"))),
                Availability(Staff(3, "Australia/Adelaide"), EveryDay(Hours("09:00", "11:00"))),
            ]));

        Assert.Equal(
            [
                "2027-06-07T09:00:00+10:00..2027-06-07T10:00:00+10:00 seats=2 staff=[0001,0002]",
                "2027-06-07T09:30:00+10:00..2027-06-07T10:30:00+10:00 seats=1 staff=[0003]",
                "2027-06-07T10:00:00+10:00..2027-06-07T11:00:00+10:00 seats=2 staff=[0001,0002]",
                "2027-06-07T10:30:00+10:00..2027-06-07T11:30:00+10:00 seats=1 staff=[0003]",
            ],
            Describe(slots));
    }

    [Fact]
    public void FindSlots_GroupServiceWithSeveralStaff_SumsTheirSeats()
    {
        var yoga = Service(60, capacity: 3);
        var nine = At("2027-06-07T09:00:00+10:00");
        var hours = EveryDay(Hours("09:00", "10:00"));

        var slots = Find(Request(yoga, LocalDays(Sydney, "2027-06-07"), [Availability(Alice, hours, Booking(yoga, nine)), Availability(Bob, hours)]));

        Assert.Equal(["2027-06-07T09:00:00+10:00..2027-06-07T10:00:00+10:00 seats=5 staff=[0001,0002]"], Describe(slots));
    }

    [Fact]
    public void FindSlots_BookingOfOneStaffMember_DoesNotBlockAnother()
    {
        var booking = Booking(Service(60), At("2027-06-07T09:00:00+10:00"));
        var hours = EveryDay(Hours("09:00", "10:00"));

        var slots = Find(Request(Service(60), LocalDays(Sydney, "2027-06-07"), [Availability(Alice, hours, booking), Availability(Bob, hours)]));

        Assert.Equal(["2027-06-07T09:00:00+10:00..2027-06-07T10:00:00+10:00 seats=1 staff=[0002]"], Describe(slots));
    }

    [Fact]
    public void FindSlots_InactiveService_OffersNothing()
    {
        var slots = Find(Request(Service(60, active: false), LocalDays(Sydney, "2027-06-07"), [Availability(Alice, NineToFive)]));

        Assert.Empty(slots);
    }

    [Fact]
    public void FindSlots_InactiveStaffAndStaffNotInTheService_AreLeftOut()
    {
        var hours = EveryDay(Hours("09:00", "10:00"));
        var service = Service(60, staffIds: [Id(1), Id(2)]);

        var slots = Find(Request(
            service,
            LocalDays(Sydney, "2027-06-07"),
            [Availability(Staff(1, Sydney, active: false), hours), Availability(Bob, hours), Availability(Staff(3, Sydney), hours)]));

        Assert.Equal(["2027-06-07T09:00:00+10:00..2027-06-07T10:00:00+10:00 seats=1 staff=[0002]"], Describe(slots));
    }

    [Fact]
    public void FindSlots_SameStaffListedTwice_CountsOnce()
    {
        var hours = EveryDay(Hours("09:00", "10:00"));

        var slots = Find(Request(Service(60), LocalDays(Sydney, "2027-06-07"), [Availability(Alice, hours), Availability(Alice, hours)]));

        Assert.Equal(["2027-06-07T09:00:00+10:00..2027-06-07T10:00:00+10:00 seats=1 staff=[0001]"], Describe(slots));
    }

    [Fact]
    public void FindSlots_EmptyWindow_OffersNothing()
    {
        var (from, _) = LocalDays(Sydney, "2027-06-07");

        var slots = Find(Request(Service(60), (from, from), [Availability(Alice, NineToFive)]));

        Assert.Empty(slots);
    }

    [Fact]
    public void FindSlots_UnknownDisplayZone_IsAValidationError()
    {
        var request = Request(Service(60), LocalDays(Sydney, "2027-06-07"), [Availability(Alice, NineToFive)], display: "Mars/Olympus_Mons");

        var error = Assert.Throws<BookMeAtOzValidationException>(() => AvailabilityEngine.FindSlots(request));

        Assert.Equal(["timeZone"], error.Errors.Keys);
    }

    /// <summary>Runs the engine, and checks the oracle agrees before the test looks at the details.</summary>
    private static IReadOnlyList<AvailableSlot> Find(AvailabilityRequest request)
    {
        var slots = AvailabilityEngine.FindSlots(request);
        Assert.Equal(Describe(BruteForceOracle.FindSlots(request)), Describe(slots));
        return slots;
    }
}
