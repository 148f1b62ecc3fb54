using System.Globalization;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using NodaTime;

namespace BookMeAtOz.Core.Tests.Scheduling;

/// <summary>Builders that keep the engine tests about the rule under test rather than about record plumbing.</summary>
internal static class Scenario
{
    public static readonly Guid TenantId = Guid.Parse("7e000000-0000-0000-0000-000000000001");

    /// <summary>No notice, ten years ahead: the policy never hides a slot unless a test says so.</summary>
    public static readonly TenantPolicy OpenPolicy = new(MinNoticeMinutes: 0, MaxAdvanceDays: 3650);

    /// <summary>A clock reading well before every window used in these tests.</summary>
    public static readonly DateTimeOffset LongAgo = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly Guid ServiceId = Id(100);

    public static Guid Id(int n) => Guid.Parse($"00000000-0000-0000-0000-{n:D12}");

    public static StaffMember Staff(int n, string zone, bool active = true) =>
        new(Id(n), TenantId, $"Staff {n}", null, zone, active);

    public static Service Service(
        int duration,
        int? interval = null,
        int before = 0,
        int after = 0,
        int capacity = 1,
        bool active = true,
        Guid? id = null,
        IReadOnlyList<Guid>? staffIds = null) =>
        new(id ?? ServiceId, TenantId, "Service", duration, before, after, 0, capacity, interval, staffIds ?? [Id(1), Id(2), Id(3)], active);

    public static WorkInterval Hours(string start, string end) => WorkInterval.Parse(start, end);

    public static StaffSchedule EveryDay(params WorkInterval[] intervals) =>
        StaffSchedule.WeeklyOn(Enum.GetValues<DayOfWeek>(), intervals);

    public static StaffSchedule Weekly(params (DayOfWeek Day, WorkInterval[] Intervals)[] days) =>
        new(days.ToDictionary(d => d.Day, d => (IReadOnlyList<WorkInterval>)d.Intervals), []);

    public static StaffAvailability Availability(StaffMember staff, StaffSchedule schedule, params BusyRange[] busy) =>
        new(staff, schedule, busy);

    /// <summary>Local midnight of <paramref name="date"/> to local midnight <paramref name="days"/> later, in <paramref name="zone"/>.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) LocalDays(string zone, string date, int days = 1)
    {
        var z = DateTimeZoneProviders.Tzdb[zone];
        var d = LocalDate.FromDateOnly(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        return (z.AtStartOfDay(d).ToDateTimeOffset(), z.AtStartOfDay(d.PlusDays(days)).ToDateTimeOffset());
    }

    public static DateTimeOffset At(string isoWithOffset) =>
        DateTimeOffset.ParseExact(isoWithOffset, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static AvailabilityRequest Request(
        Service service,
        (DateTimeOffset From, DateTimeOffset To) window,
        IReadOnlyList<StaffAvailability> staff,
        string? display = null,
        TenantPolicy? policy = null,
        DateTimeOffset? now = null) =>
        new(service, policy ?? OpenPolicy, window.From, window.To, now ?? LongAgo, staff, display ?? staff[0].Staff.TimeZone);

    /// <summary>A confirmed booking of <paramref name="service"/> as the engine sees it: its own buffers around it.</summary>
    public static BusyRange Booking(Service service, DateTimeOffset start, int? duration = null) =>
        new(
            start.AddMinutes(-service.BufferBeforeMinutes),
            start.AddMinutes((duration ?? service.DurationMinutes) + service.BufferAfterMinutes),
            service.Id,
            start,
            Guid.NewGuid());

    public static string Iso(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string[] Starts(IEnumerable<AvailableSlot> slots) => [.. slots.Select(s => Iso(s.Start))];

    /// <summary>Every observable field of a slot, so two slot lists compare in full.</summary>
    public static string Describe(AvailableSlot slot) =>
        $"{Iso(slot.Start)}..{Iso(slot.End)} seats={slot.SeatsLeft.ToString(CultureInfo.InvariantCulture)} staff=[{string.Join(",", slot.StaffIds.Select(ShortId))}]";

    public static string[] Describe(IEnumerable<AvailableSlot> slots) => [.. slots.Select(Describe)];

    private static string ShortId(Guid id) => id.ToString()[^4..];
}
