using System.Globalization;
using System.Text;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using CsCheck;
using NodaTime;
using static BookMeAtOz.Core.Tests.Scheduling.Scenario;

namespace BookMeAtOz.Core.Tests.Scheduling;

/// <summary>
/// The engine against <see cref="BruteForceOracle"/> on random schedules, bookings, group sessions,
/// time off, buffers and policies, in zones with odd offsets and DST rules, with windows of up to four
/// days placed around the 2026–2028 transitions.
/// </summary>
public sealed class AvailabilityEnginePropertyTests
{
    private const int Iterations = 400;

    private static readonly string[] Zones =
    [
        "Australia/Lord_Howe", "Australia/Sydney", "Australia/Adelaide", "Australia/Eucla", "America/New_York",
        "Europe/London", "Asia/Kathmandu", "Pacific/Chatham", "America/St_Johns", "UTC",
    ];

    /// <summary>Per zone, the instants windows are placed around: its 2026–2028 transitions, else a spread of dates.</summary>
    private static readonly Dictionary<string, DateTimeOffset[]> Anchors = Zones.ToDictionary(z => z, AnchorsOf);

    private static readonly Guid OtherServiceId = Id(900);

    [Fact]
    public void FindSlots_RandomScenarios_MatchTheBruteForceOracle()
    {
        GenCase.Sample(
            c =>
            {
                var request = c.Build();
                var actual = AvailabilityEngine.FindSlots(request);

                Assert.Equal(Describe(BruteForceOracle.FindSlots(request)), Describe(actual));
            },
            iter: Iterations,
            print: c => c.Print());
    }

    [Fact]
    public void FindSlots_RandomScenarios_OfferOnlyFreeWorkingTimeWithinPolicy()
    {
        GenCase.Sample(
            c =>
            {
                var request = c.Build();
                AssertSlotsAreSound(request, AvailabilityEngine.FindSlots(request));
            },
            iter: Iterations / 2,
            print: c => c.Print());
    }

    /// <summary>
    /// The invariants every offered slot must hold, checked directly rather than by recomputing the
    /// list: inside one working run of each staff member named, clear of their busy time except its
    /// own session, within the window and policy, with the display zone's offsets.
    /// </summary>
    private static void AssertSlotsAreSound(AvailabilityRequest request, IReadOnlyList<AvailableSlot> slots)
    {
        var service = request.Service;
        var display = DateTimeZoneProviders.Tzdb[request.DisplayTimeZone];
        var runs = request.Staff
            .DistinctBy(s => s.Staff.Id)
            .ToDictionary(
                s => s.Staff.Id,
                s => (Staff: s, Runs: BruteForceOracle.WorkingRuns(s.Staff.TimeZone, s.Schedule, request.From.AddDays(-1), request.To.AddDays(2))));

        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            Assert.True(i == 0 || slots[i - 1].Start < slot.Start, "Slots are sorted by start, one per start.");
            Assert.Equal(TimeSpan.FromMinutes(service.DurationMinutes), slot.End - slot.Start);
            Assert.Equal(display.GetUtcOffset(Instant.FromDateTimeOffset(slot.Start)).ToTimeSpan(), slot.Start.Offset);
            Assert.Equal(display.GetUtcOffset(Instant.FromDateTimeOffset(slot.End)).ToTimeSpan(), slot.End.Offset);
            Assert.InRange(slot.Start, request.From, request.To.AddTicks(-1));
            Assert.InRange(slot.Start, request.Now.AddMinutes(request.Policy.MinNoticeMinutes), request.Now.AddDays(request.Policy.MaxAdvanceDays).AddTicks(-1));
            Assert.NotEmpty(slot.StaffIds);

            var seats = 0;
            foreach (var staffId in slot.StaffIds)
            {
                var (staff, working) = runs[staffId];
                Assert.True(staff.Staff.Active && service.StaffIds.Contains(staffId), "Only active staff who perform the service are offered.");
                Assert.Contains(working, r => r.Start <= slot.Start && slot.End <= r.End);

                var blockedStart = slot.Start.AddMinutes(-service.BufferBeforeMinutes);
                var blockedEnd = slot.End.AddMinutes(service.BufferAfterMinutes);
                var overlapping = staff.Busy.Where(b => b.Start < blockedEnd && blockedStart < b.End).ToList();
                Assert.All(overlapping, b => Assert.True(
                    service.Capacity > 1 && b.ServiceId == service.Id && b.AppointmentStart == slot.Start,
                    $"{Iso(slot.Start)} overlaps busy {Iso(b.Start)}..{Iso(b.End)} outside its own session."));
                Assert.True(overlapping.Count < service.Capacity, "A full session is not offered.");
                seats += service.Capacity - overlapping.Count;
            }

            var resourceSeats = BruteForceOracle.ResourceSeats(request, slot.Start);
            Assert.True(resourceSeats is null or > 0, "A slot is offered only with enough free units of every required resource.");
            if (service.IsCollective)
            {
                // SPEC §10.3: a collective service is offered only where enough of its staff are free together.
                Assert.True(slot.StaffIds.Count >= service.StaffRequired, "A collective slot needs staffRequired free staff at once.");
                seats = slot.StaffIds.Count / service.StaffRequired;
            }

            Assert.Equal(Math.Min(seats, resourceSeats ?? int.MaxValue), slot.SeatsLeft);
        }
    }

    /// <summary>A required resource: its quantity, the units a booking needs, and the units other bookings use.</summary>
    private sealed record ResourceSpec(int Quantity, int Units, bool Active, bool Listed, (bool AtFreeStart, int Pick, int OffsetMinutes, int LengthMinutes, int Units)[] Uses);

    private sealed record BookingSpec(bool AtFreeStart, int Pick, int OffsetMinutes, bool SameService, int DurationMinutes, int BeforeMinutes, int AfterMinutes, int Copies);

    private sealed record StaffSpec(
        string? Zone,
        IReadOnlyList<WorkInterval>[] Week,
        (int DayOffset, IReadOnlyList<WorkInterval> Intervals)[] Overrides,
        BookingSpec[] Bookings,
        (int OffsetMinutes, int LengthMinutes)[] TimeOff,
        bool Active,
        bool Performs);

    private sealed record Case(
        string Zone,
        int AnchorPick,
        int FromOffsetMinutes,
        int LengthMinutes,
        int NowOffsetMinutes,
        int DurationMinutes,
        int? IntervalMinutes,
        int BeforeMinutes,
        int AfterMinutes,
        int Capacity,
        TenantPolicy Policy,
        string Display,
        StaffSpec[] Staff,
        ResourceSpec[] Resources,
        int StaffRequired = 1)
    {
        public AvailabilityRequest Build()
        {
            var anchors = Anchors[Zone];
            var from = anchors[AnchorPick % anchors.Length].AddMinutes(FromOffsetMinutes);
            var to = from.AddMinutes(LengthMinutes);
            var members = Staff.Select((s, i) => new StaffMember(Id(i + 1), TenantId, $"Staff {i + 1}", null, s.Zone ?? Zone, s.Active)).ToArray();
            var service = new Service(
                ServiceId, TenantId, "Service", DurationMinutes, BeforeMinutes, AfterMinutes, 0, Capacity, IntervalMinutes,
                [.. members.Where((_, i) => Staff[i].Performs).Select(m => m.Id)], Active: true)
            {
                Resources = [.. Resources.Select((r, i) => new ResourceRequirement(Id(500 + i), r.Units))],
            };

            // A collective service needs at most as many staff as perform it, and only one-to-one.
            var performing = service.StaffIds.Count;
            service = service with { StaffRequired = Capacity > 1 || performing < 2 ? 1 : Math.Min(StaffRequired, performing) };

            var staff = new List<StaffAvailability>();
            for (var i = 0; i < Staff.Length; i++)
            {
                var spec = Staff[i];
                var schedule = Schedule(spec, members[i].TimeZone, from);
                var busy = new List<BusyRange>();
                var freeStarts = FreeStartsIgnoringBusy(service, members[i], schedule, from, to);
                foreach (var b in spec.Bookings)
                {
                    var start = b.AtFreeStart && freeStarts.Count > 0 ? freeStarts[b.Pick % freeStarts.Count] : from.AddMinutes(b.OffsetMinutes);
                    var (serviceId, duration, before, after, copies) = b.SameService
                        ? (service.Id, service.DurationMinutes, service.BufferBeforeMinutes, service.BufferAfterMinutes, service.Capacity > 1 ? b.Copies : 1)
                        : (OtherServiceId, b.DurationMinutes, b.BeforeMinutes, b.AfterMinutes, 1);
                    for (var k = 0; k < copies; k++)
                    {
                        busy.Add(new BusyRange(start.AddMinutes(-before), start.AddMinutes(duration + after), serviceId, start, Guid.NewGuid()));
                    }
                }

                busy.AddRange(spec.TimeOff.Select(t => new BusyRange(from.AddMinutes(t.OffsetMinutes), from.AddMinutes(t.OffsetMinutes + t.LengthMinutes))));
                staff.Add(new StaffAvailability(members[i], schedule, busy));
            }

            // Resource uses sit on real starts too (so a full resource and its exact edges occur), or anywhere.
            var anyStarts = staff.Count > 0 ? FreeStartsIgnoringBusy(service, staff[0].Staff, staff[0].Schedule, from, to) : [];
            var resources = new List<ResourceAvailability>();
            for (var i = 0; i < Resources.Length; i++)
            {
                var spec = Resources[i];
                if (!spec.Listed)
                {
                    continue;
                }

                var uses = spec.Uses.Select(u =>
                {
                    var start = u.AtFreeStart && anyStarts.Count > 0 ? anyStarts[u.Pick % anyStarts.Count].AddMinutes(-BeforeMinutes) : from.AddMinutes(u.OffsetMinutes);
                    var length = u.AtFreeStart ? BeforeMinutes + DurationMinutes + AfterMinutes : u.LengthMinutes;
                    return new ResourceUse(start, start.AddMinutes(length), Math.Min(u.Units, spec.Quantity), Guid.NewGuid());
                });
                resources.Add(new ResourceAvailability(new Resource(Id(500 + i), TenantId, $"Resource {i}", "room", spec.Quantity, spec.Active), [.. uses]));
            }

            return new AvailabilityRequest(service, Policy, from, to, from.AddMinutes(NowOffsetMinutes), staff, Display) { Resources = resources };
        }

        public string Print()
        {
            var request = Build();
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"window {Iso(request.From)}..{Iso(request.To)} now {Iso(request.Now)} display {Display}\n");
            text.Append(CultureInfo.InvariantCulture, $"service {DurationMinutes}min every {IntervalMinutes?.ToString(CultureInfo.InvariantCulture) ?? "-"} buffers {BeforeMinutes}/{AfterMinutes} capacity {Capacity} staffRequired {request.Service.StaffRequired} staff [{string.Join(",", request.Service.StaffIds.Select(g => g.ToString()[^2..]))}] {request.Policy}\n");
            foreach (var r in request.Resources)
            {
                var units = request.Service.Resources.First(x => x.ResourceId == r.Resource.Id).Units;
                text.Append(CultureInfo.InvariantCulture, $"resource {r.Resource.Id.ToString()[^3..]} quantity {r.Resource.Quantity} needs {units} active={r.Resource.Active}\n");
                foreach (var u in r.Uses)
                {
                    text.Append(CultureInfo.InvariantCulture, $"  uses {u.Units} {Iso(u.Start)}..{Iso(u.End)}\n");
                }
            }

            text.Append(CultureInfo.InvariantCulture, $"resources required {request.Service.Resources.Count}, listed {request.Resources.Count}\n");
            foreach (var s in request.Staff)
            {
                text.Append(CultureInfo.InvariantCulture, $"staff {s.Staff.Id.ToString()[^2..]} {s.Staff.TimeZone} active={s.Staff.Active}\n");
                foreach (var (day, intervals) in s.Schedule.Weekly.OrderBy(d => d.Key))
                {
                    text.Append(CultureInfo.InvariantCulture, $"  {day}: {string.Join(", ", intervals)}\n");
                }

                foreach (var o in s.Schedule.Overrides)
                {
                    text.Append(CultureInfo.InvariantCulture, $"  override {o.Date:yyyy-MM-dd}: [{string.Join(", ", o.Intervals)}]\n");
                }

                foreach (var b in s.Busy)
                {
                    var what = b.ServiceId is null ? "time off" : b.ServiceId == ServiceId ? $"this service at {Iso(b.AppointmentStart!.Value)}" : "other service";
                    text.Append(CultureInfo.InvariantCulture, $"  busy {Iso(b.Start)}..{Iso(b.End)} {what}\n");
                }
            }

            return text.ToString();
        }

        /// <summary>Real starts to put bookings on, so group sessions and exact-boundary cases actually occur.</summary>
        private static List<DateTimeOffset> FreeStartsIgnoringBusy(Service service, StaffMember member, StaffSchedule schedule, DateTimeOffset from, DateTimeOffset to)
        {
            var alone = new AvailabilityRequest(
                service with { StaffIds = [member.Id] }, OpenPolicy, from, to, LongAgo, [new StaffAvailability(member with { Active = true }, schedule, [])], "UTC");
            return [.. AvailabilityEngine.FindSlots(alone).Select(s => s.Start)];
        }

        private StaffSchedule Schedule(StaffSpec spec, string zone, DateTimeOffset from)
        {
            var firstDate = Instant.FromDateTimeOffset(from).InZone(DateTimeZoneProviders.Tzdb[zone]).Date.ToDateOnly();
            var weekly = Enumerable.Range(0, 7).ToDictionary(d => (DayOfWeek)d, d => spec.Week[d]);
            var overrides = spec.Overrides
                .Select(o => new DateOverride(firstDate.AddDays(o.DayOffset), o.Intervals))
                .DistinctBy(o => o.Date)
                .ToList();
            return new StaffSchedule(weekly, overrides);
        }
    }

    /// <summary>One day's intervals: sorted, non-overlapping, often touching, often starting at 00:00 or ending at 24:00.</summary>
    private static readonly Gen<IReadOnlyList<WorkInterval>> GenDay =
        from unit in Gen.OneOf(5, 15, 15, 30)
        from parts in Gen.Select(Gen.Frequency<int>((2, Gen.Const(0)), (3, Gen.Int[1, 40])), Gen.Int[1, 36]).Array[0, 3]
        from toMidnight in Gen.Frequency((1, true), (2, false))
        select (IReadOnlyList<WorkInterval>)BuildDay(unit, parts, toMidnight);

    private static readonly Gen<IReadOnlyList<WorkInterval>> GenDayOrOff =
        Gen.Frequency<IReadOnlyList<WorkInterval>>((1, Gen.Const<IReadOnlyList<WorkInterval>>(Array.Empty<WorkInterval>())), (3, GenDay));

    /// <summary>00:00–24:00, sometimes as two touching intervals: weeks of these make spans longer than the lookback.</summary>
    private static readonly Gen<IReadOnlyList<WorkInterval>> GenRoundTheClock =
        Gen.Int[0, 96].Select(cut => (IReadOnlyList<WorkInterval>)(cut is 0 or 96
            ? [new WorkInterval(WallTime.Midnight, WallTime.EndOfDay)]
            : [new WorkInterval(WallTime.Midnight, new WallTime(cut * 15)), new WorkInterval(new WallTime(cut * 15), WallTime.EndOfDay)]));

    private static readonly Gen<IReadOnlyList<WorkInterval>[]> GenWeek =
        Gen.Frequency<IReadOnlyList<WorkInterval>[]>(
            (2, GenDay.Select(d => Enumerable.Repeat(d, 7).ToArray())),
            (4, GenDay.Array[7]),
            (1, GenRoundTheClock.Select(d => Enumerable.Repeat(d, 7).ToArray())));

    private static readonly Gen<BookingSpec> GenBooking =
        from atFreeStart in Gen.Frequency((2, true), (1, false))
        from pick in Gen.Int[0, 10_000]
        from offset in Gen.Int[-288, 5 * 288]
        from sameService in Gen.Frequency((2, true), (1, false))
        from duration in Gen.OneOf(15, 30, 60, 90)
        from before in Gen.Frequency<int>((3, Gen.Const(0)), (1, Gen.Int[1, 4]))
        from after in Gen.Frequency<int>((3, Gen.Const(0)), (1, Gen.Int[1, 4]))
        from copies in Gen.Int[1, 3]
        select new BookingSpec(atFreeStart, pick, offset * 5, sameService, duration, before * 15, after * 15, copies);

    private static readonly Gen<StaffSpec> GenStaff =
        from zone in Gen.Frequency<string?>((3, Gen.Const((string?)null)), (1, Gen.OneOf<string?>(Zones)))
        from week in GenWeek
        from overrides in Gen.Select(Gen.Int[-10, 5], GenDayOrOff).Array[0, 4]
        from bookings in GenBooking.Array[0, 8]
        from timeOff in Gen.Select(Gen.Int[-288, 5 * 288], Gen.Int[1, 96]).Array[0, 2]
        from active in Gen.Frequency((9, true), (1, false))
        from performs in Gen.Frequency((9, true), (1, false))
        select new StaffSpec(zone, week, overrides, bookings, [.. timeOff.Select(t => (t.Item1 * 5, t.Item2 * 15))], active, performs);

    private static readonly Gen<ResourceSpec> GenResource =
        from quantity in Gen.Frequency<int>((2, Gen.Const(1)), (3, Gen.Int[2, 4]))
        from units in Gen.Frequency<int>((3, Gen.Const(1)), (1, Gen.Int[1, 3]))
        from active in Gen.Frequency((12, true), (1, false))
        from listed in Gen.Frequency((12, true), (1, false))
        from uses in Gen.Select(Gen.Frequency((2, true), (1, false)), Gen.Int[0, 10_000], Gen.Int[-288, 5 * 288], Gen.Int[1, 48], Gen.Int[1, 3]).Array[0, 10]
        select new ResourceSpec(quantity, Math.Min(units, quantity + 1), active, listed, [.. uses.Select(u => (u.Item1, u.Item2, u.Item3 * 5, u.Item4 * 15, u.Item5))]);

    private static readonly Gen<TenantPolicy> GenPolicy =
        from minNotice in Gen.Frequency<int>((2, Gen.Const(0)), (1, Gen.Int[0, 48].Select(x => x * 30)))
        from maxAdvance in Gen.Frequency<int>((3, Gen.Const(3650)), (1, Gen.Int[1, 6]))
        from interval in Gen.Frequency<int?>((4, Gen.Const((int?)null)), (1, Gen.OneOf<int?>(10, 15, 30)))
        select new TenantPolicy(minNotice, maxAdvance, interval);

    private static readonly Gen<Case> GenCase =
        from zone in Gen.OneOf(Zones)
        from anchor in Gen.Int[0, 1000]
        from fromOffset in Gen.Int[-3 * 288, 288]
        from length in Gen.Int[12, 4 * 288]
        from nowOffset in Gen.Int[-3 * 288, 288]
        from duration in Gen.OneOf(5, 10, 15, 20, 25, 30, 45, 60, 75, 90, 120, 180, 240, 480, 720)
        from interval in Gen.Frequency<int?>((2, Gen.Const((int?)null)), (3, Gen.OneOf<int?>(5, 7, 10, 15, 20, 25, 30, 45, 50, 60, 75, 90, 120)))
        from before in Gen.Frequency<int>((3, Gen.Const(0)), (1, Gen.Int[1, 12]))
        from after in Gen.Frequency<int>((3, Gen.Const(0)), (1, Gen.Int[1, 12]))
        from capacity in Gen.Frequency<int>((3, Gen.Const(1)), (2, Gen.Int[2, 4]))
        from policy in GenPolicy
        from display in Gen.OneOf(Zones)
        from staff in GenStaff.Array[1, 4]
        from resources in Gen.Frequency<ResourceSpec[]>((2, Gen.Const(Array.Empty<ResourceSpec>())), (3, GenResource.Array[1, 2]))
        from staffRequired in Gen.Frequency<int>((3, Gen.Const(1)), (2, Gen.Int[2, 4]))
        select new Case(zone, anchor, fromOffset * 5, length * 5, nowOffset * 5, duration, interval, before * 5, after * 5, capacity, policy, display, staff, resources, staffRequired);

    private static List<WorkInterval> BuildDay(int unit, (int Gap, int Length)[] parts, bool toMidnight)
    {
        var intervals = new List<WorkInterval>();
        var position = 0;
        foreach (var (gap, length) in parts)
        {
            var start = position + gap * unit;
            if (start >= 1440)
            {
                break;
            }

            var end = Math.Min(start + length * unit, 1440);
            intervals.Add(new WorkInterval(new WallTime(start), new WallTime(end)));
            position = end;
        }

        if (toMidnight && intervals.Count > 0)
        {
            intervals[^1] = intervals[^1] with { End = WallTime.EndOfDay };
        }

        return intervals;
    }

    private static DateTimeOffset[] AnchorsOf(string zoneId)
    {
        var transitions = DateTimeZoneProviders.Tzdb[zoneId]
            .GetZoneIntervals(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2029, 1, 1, 0, 0))
            .Where(i => i.HasStart && i.Start >= Instant.FromUtc(2026, 1, 1, 0, 0))
            .Select(i => i.Start.ToDateTimeOffset())
            .ToArray();
        return transitions.Length > 0
            ? transitions
            : [new(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), new(2027, 4, 3, 16, 0, 0, TimeSpan.Zero), new(2027, 10, 2, 15, 30, 0, TimeSpan.Zero), new(2028, 2, 29, 0, 0, 0, TimeSpan.Zero)];
    }
}
