using BenchmarkDotNet.Attributes;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;

namespace BookMeAtOz.Benchmarks;

/// <summary>
/// The availability engine for a team of 20 over 31 days (3000 bookings), with and without the service requiring one of
/// 3 rooms whose units other bookings already use (up to all 3 at once). Target: resources cost less than 1.5× the same
/// request without them. Run with
/// <c>dotnet run -c Release --project benchmarks/BookMeAtOz.Benchmarks -- --filter '*ResourceAvailability*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class ResourceAvailabilityBenchmarks
{
    private const string Sydney = "Australia/Sydney";
    private static readonly Guid TenantId = Guid.Parse("7e000000-0000-0000-0000-000000000001");
    private static readonly Guid ServiceId = Guid.Parse("5e000000-0000-0000-0000-000000000001");
    private static readonly Guid OtherServiceId = Guid.Parse("5e000000-0000-0000-0000-000000000002");
    private static readonly Guid RoomId = Guid.Parse("7a000000-0000-0000-0000-000000000001");

    private static readonly DateTimeOffset From = new(2027, 9, 20, 0, 0, 0, TimeSpan.FromHours(10));
    private static readonly DateTimeOffset To = new(2027, 10, 21, 0, 0, 0, TimeSpan.FromHours(11));
    private static readonly DateTimeOffset Now = new(2027, 9, 1, 0, 0, 0, TimeSpan.FromHours(10));
    private static readonly TenantPolicy Policy = new(MinNoticeMinutes: 0, MaxAdvanceDays: 365);

    private AvailabilityRequest _team = null!;
    private AvailabilityRequest _teamWithRooms = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20271003);
        _team = Request(random);
        _teamWithRooms = _team with
        {
            Service = _team.Service with { Resources = [new ResourceRequirement(RoomId, 1)] },
            Resources = [new ResourceAvailability(new Resource(RoomId, TenantId, "Rooms", "room", 3, Active: true), RoomUses(random))],
        };
        Console.WriteLine($"// team of 20: {AvailabilityEngine.FindSlots(_team).Count} slots; with 3 rooms: {AvailabilityEngine.FindSlots(_teamWithRooms).Count} slots");
    }

    [Benchmark(Baseline = true, Description = "Engine: 20 staff, 31 days, 3000 bookings")]
    public IReadOnlyList<AvailableSlot> Team() => AvailabilityEngine.FindSlots(_team);

    [Benchmark(Description = "Engine: same, needing 1 of 3 rooms")]
    public IReadOnlyList<AvailableSlot> TeamWithRooms() => AvailabilityEngine.FindSlots(_teamWithRooms);

    private static AvailabilityRequest Request(Random random)
    {
        var staffIds = Enumerable.Range(1, 20).Select(i => Guid.Parse($"00000000-0000-0000-0000-{i:D12}")).ToArray();
        var service = new Service(ServiceId, TenantId, "Massage", 30, 0, 0, 4500, 1, 15, staffIds, Active: true);
        var staff = new List<StaffAvailability>();
        for (var i = 0; i < staffIds.Length; i++)
        {
            var startHour = 7 + (i % 5);
            var hours = new WorkInterval(new WallTime(startHour, 0), new WallTime(startHour + 8, 0));
            var schedule = StaffSchedule.WeeklyOn(
                [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], hours);
            var member = new StaffMember(staffIds[i], TenantId, $"Staff {i + 1}", null, Sydney, Active: true);
            var busy = HalfHours(startHour, 16)
                .OrderBy(_ => random.Next())
                .Take(150)
                .Select(start => new BusyRange(start, start.AddMinutes(30), random.Next(3) == 0 ? OtherServiceId : ServiceId, start, Guid.NewGuid()))
                .ToArray();
            staff.Add(new StaffAvailability(member, schedule, busy));
        }

        return new AvailabilityRequest(service, Policy, From, To, Now, staff, Sydney);
    }

    /// <summary>0–3 units in use in each weekday half-hour from 07:00 to 19:00, in random order.</summary>
    private static ResourceUse[] RoomUses(Random random) =>
        [.. HalfHours(7, 24)
            .SelectMany(start => Enumerable.Range(0, random.Next(4)).Select(_ => new ResourceUse(start, start.AddMinutes(30), 1, Guid.NewGuid())))
            .OrderBy(_ => random.Next())];

    private static List<DateTimeOffset> HalfHours(int startHour, int count)
    {
        var zone = NodaTime.DateTimeZoneProviders.Tzdb[Sydney];
        var halfHours = new List<DateTimeOffset>();
        for (var day = NodaTime.LocalDate.FromDateOnly(DateOnly.FromDateTime(From.Date)); day < NodaTime.LocalDate.FromDateOnly(DateOnly.FromDateTime(To.Date)); day = day.PlusDays(1))
        {
            if (day.DayOfWeek is NodaTime.IsoDayOfWeek.Saturday or NodaTime.IsoDayOfWeek.Sunday)
            {
                continue;
            }

            for (var k = 0; k < count; k++)
            {
                halfHours.Add(zone.AtStrictly(day.At(new NodaTime.LocalTime(startHour, 0)).PlusMinutes(30 * k)).ToDateTimeOffset());
            }
        }

        return halfHours;
    }
}
