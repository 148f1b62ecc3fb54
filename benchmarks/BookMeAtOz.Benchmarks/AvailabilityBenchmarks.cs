using BenchmarkDotNet.Attributes;
using BookMeAtOz.Core.Tests.Scheduling;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;

namespace BookMeAtOz.Benchmarks;

/// <summary>
/// The availability engine on a month that crosses Sydney's October 2027 spring-forward, with the
/// brute-force oracle from the tests as the baseline. Run with
/// <c>dotnet run -c Release --project benchmarks/BookMeAtOz.Benchmarks -- --filter '*Availability*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class AvailabilityBenchmarks
{
    private const string Sydney = "Australia/Sydney";
    private static readonly Guid TenantId = Guid.Parse("7e000000-0000-0000-0000-000000000001");
    private static readonly Guid ServiceId = Guid.Parse("5e000000-0000-0000-0000-000000000001");
    private static readonly Guid OtherServiceId = Guid.Parse("5e000000-0000-0000-0000-000000000002");

    // 31 days from Monday 20 September 2027; Sydney moves to +11:00 on Sunday 3 October.
    private static readonly DateTimeOffset From = new(2027, 9, 20, 0, 0, 0, TimeSpan.FromHours(10));
    private static readonly DateTimeOffset To = new(2027, 10, 21, 0, 0, 0, TimeSpan.FromHours(11));
    private static readonly DateTimeOffset Now = new(2027, 9, 1, 0, 0, 0, TimeSpan.FromHours(10));
    private static readonly TenantPolicy Policy = new(MinNoticeMinutes: 0, MaxAdvanceDays: 365);

    private AvailabilityRequest _oneStaff = null!;
    private AvailabilityRequest _team = null!;

    /// <summary>Slots the one-staff request returns (for reading allocations per slot).</summary>
    public int OneStaffSlots { get; private set; }

    /// <summary>Slots the team request returns.</summary>
    public int TeamSlots { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        // A 30-minute service offered every 15 minutes.
        var random = new Random(20271003);
        _oneStaff = Request(staffCount: 1, bookingsPerStaff: 300, random);
        _team = Request(staffCount: 20, bookingsPerStaff: 150, random);
        OneStaffSlots = AvailabilityEngine.FindSlots(_oneStaff).Count;
        TeamSlots = AvailabilityEngine.FindSlots(_team).Count;
        Console.WriteLine($"// one staff: {OneStaffSlots} slots; team of 20: {TeamSlots} slots");
    }

    [Benchmark(Baseline = true, Description = "Oracle: 1 staff, 31 days, 300 bookings")]
    public IReadOnlyList<AvailableSlot> OracleOneStaff() => BruteForceOracle.FindSlots(_oneStaff);

    [Benchmark(Description = "Engine: 1 staff, 31 days, 300 bookings")]
    public IReadOnlyList<AvailableSlot> EngineOneStaff() => AvailabilityEngine.FindSlots(_oneStaff);

    [Benchmark(Description = "Engine: 20 staff, 31 days, 3000 bookings")]
    public IReadOnlyList<AvailableSlot> EngineTeam() => AvailabilityEngine.FindSlots(_team);

    private static AvailabilityRequest Request(int staffCount, int bookingsPerStaff, Random random)
    {
        var staffIds = Enumerable.Range(1, staffCount).Select(i => Guid.Parse($"00000000-0000-0000-0000-{i:D12}")).ToArray();
        var service = new Service(ServiceId, TenantId, "Cut", 30, 0, 0, 4500, 1, 15, staffIds, Active: true);
        var staff = new List<StaffAvailability>();
        for (var i = 0; i < staffCount; i++)
        {
            // Staggered weekday hours so the team's lists interleave: 07:00–15:00 … 11:00–19:00.
            var startHour = staffCount == 1 ? 9 : 7 + (i % 5);
            var hours = new WorkInterval(new WallTime(startHour, 0), new WallTime(startHour + 8, 0));
            var schedule = StaffSchedule.WeeklyOn(
                [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], hours);
            var member = new StaffMember(staffIds[i], TenantId, $"Staff {i + 1}", null, Sydney, Active: true);
            staff.Add(new StaffAvailability(member, schedule, Bookings(startHour, bookingsPerStaff, random)));
        }

        return new AvailabilityRequest(service, Policy, From, To, Now, staff, Sydney);
    }

    /// <summary>Bookings on distinct half-hours of the staff member's working time, in random order as a store might return them.</summary>
    private static BusyRange[] Bookings(int startHour, int count, Random random)
    {
        var zone = NodaTime.DateTimeZoneProviders.Tzdb[Sydney];
        var halfHours = new List<DateTimeOffset>();
        for (var day = NodaTime.LocalDate.FromDateOnly(DateOnly.FromDateTime(From.Date)); day < NodaTime.LocalDate.FromDateOnly(DateOnly.FromDateTime(To.Date)); day = day.PlusDays(1))
        {
            if (day.DayOfWeek is NodaTime.IsoDayOfWeek.Saturday or NodaTime.IsoDayOfWeek.Sunday)
            {
                continue;
            }

            for (var k = 0; k < 16; k++)
            {
                halfHours.Add(zone.AtStrictly(day.At(new NodaTime.LocalTime(startHour, 0)).PlusMinutes(30 * k)).ToDateTimeOffset());
            }
        }

        return [.. halfHours
            .OrderBy(_ => random.Next())
            .Take(count)
            .Select(start => new BusyRange(start, start.AddMinutes(30), random.Next(3) == 0 ? OtherServiceId : ServiceId, start, Guid.NewGuid()))];
    }
}
