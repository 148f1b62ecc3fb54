using BookMeAtOz.Scheduling;
using NodaTime;

namespace BookMeAtOz.Core.Tests.Scheduling;

/// <summary>
/// A deliberately naive reference for <see cref="AvailabilityEngine.FindSlots"/>, written from SPEC §3
/// without any of the engine's code (no <c>AvailabilityEngine</c>, <c>WorkingTime</c> or
/// <c>LocalTimeResolver</c>, no NodaTime resolvers): local times are mapped to instants by scanning
/// minutes and asking the zone for its offset, working time is a per-minute boolean, and every
/// candidate is checked against every busy range. Slow on purpose; obviously right is the point.
/// </summary>
/// <remarks>Every instant it is given (window, clock, busy ranges) must be a whole minute.</remarks>
public static class BruteForceOracle
{
    /// <summary>
    /// How far before the window a continuous span is followed back: the engine's documented rule
    /// (<c>WorkingTime.Lookback</c>), restated here so the oracle shares no code with it; a test pins the two together.
    /// </summary>
    public const int LookbackMinutes = 8 * MinutesPerDay;

    private const int MinutesPerDay = 24 * 60;
    private static readonly LocalDate UnixEpochDate = new(1970, 1, 1);

    /// <summary>The slots SPEC §3 defines for the request, in the engine's output shape.</summary>
    public static IReadOnlyList<AvailableSlot> FindSlots(AvailabilityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var service = request.Service;
        var display = DateTimeZoneProviders.Tzdb[request.DisplayTimeZone];
        if (!service.Active || request.To <= request.From)
        {
            return [];
        }

        var window = new Window(
            From: ToMinute(request.From),
            To: ToMinute(request.To),
            Earliest: ToMinute(request.Now) + request.Policy.MinNoticeMinutes,
            Latest: ToMinute(request.Now) + (long)request.Policy.MaxAdvanceDays * MinutesPerDay);

        var byStart = new SortedDictionary<long, (List<Guid> StaffIds, int Seats)>();
        var counted = new HashSet<Guid>();
        foreach (var staff in request.Staff)
        {
            if (!staff.Staff.Active || !service.StaffIds.Contains(staff.Staff.Id) || !counted.Add(staff.Staff.Id))
            {
                continue;
            }

            foreach (var (start, seats) in FreeStarts(staff, service, request.Policy.SlotIntervalMinutes, window))
            {
                if (!byStart.TryGetValue(start, out var entry))
                {
                    entry = ([], 0);
                }

                entry.StaffIds.Add(staff.Staff.Id);
                byStart[start] = (entry.StaffIds, entry.Seats + seats);
            }
        }

        // Closures, by the local date of each start in the closure zone (the tenant's); then the resources, minute by minute.
        var closureZone = DateTimeZoneProviders.Tzdb[request.ClosureTimeZone ?? request.DisplayTimeZone];
        return [.. byStart.Where(e => !request.Closures.Any(c => c.Covers(DateOnly.FromDateTime(InZone(closureZone, e.Key).DateTime))))
            .Select(e => new AvailableSlot(
            InZone(display, e.Key),
            InZone(display, e.Key + service.DurationMinutes),
            e.Value.StaffIds,
            Math.Min(CollectiveSeats(service, e.Value.StaffIds.Count, e.Value.Seats), ResourceSeats(request, FromMinute(e.Key)) ?? int.MaxValue)))
            .Where(s => s.SeatsLeft > 0)];
    }

    /// <summary>
    /// SPEC §10.3: a collective service needs <c>StaffRequired</c> of its staff free together, so a start offers as many
    /// bookings as teams of that size can be made from the free staff (none when fewer are free); otherwise the seats as counted.
    /// </summary>
    private static int CollectiveSeats(Service service, int freeStaff, int seats) =>
        service.StaffRequired <= 1 ? seats : freeStaff / service.StaffRequired;

    /// <summary>
    /// How many bookings starting at <paramref name="start"/> every required resource still has units for, checking each
    /// minute of the blocked range: (quantity − units in use that minute) / units per booking, at its lowest. Null when the
    /// service requires none; 0 when a required resource is missing, inactive or has fewer units than required.
    /// </summary>
    public static int? ResourceSeats(AvailabilityRequest request, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(request);
        var service = request.Service;
        if (service.Resources.Count == 0)
        {
            return null;
        }

        var first = ToMinute(start) - service.BufferBeforeMinutes;
        var last = ToMinute(start) + service.DurationMinutes + service.BufferAfterMinutes;
        var seats = int.MaxValue;
        foreach (var need in service.Resources)
        {
            var found = request.Resources.FirstOrDefault(r => r.Resource.Id == need.ResourceId);
            if (found is null || !found.Resource.Active || need.Units > found.Resource.Quantity)
            {
                return 0;
            }

            for (var minute = first; minute < last; minute++)
            {
                var at = FromMinute(minute);
                var used = found.Uses.Where(u => u.Start <= at && at < u.End).Sum(u => u.Units);
                seats = Math.Min(seats, Math.Max(0, found.Resource.Quantity - used) / need.Units);
            }
        }

        return seats;
    }

    /// <summary>
    /// The continuous runs of working time of a schedule that overlap <c>[from, to)</c>, as
    /// <c>[start, end)</c> instants, clipped to the range.
    /// </summary>
    public static IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> WorkingRuns(
        string zoneId, StaffSchedule schedule, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var first = ToMinute(from);
        return [.. Runs(zone, schedule, first, ToMinute(to))
            .Select(r => (FromMinute(r.Start), FromMinute(r.End)))];
    }

    private readonly record struct Window(long From, long To, long Earliest, long Latest);

    private readonly record struct Run(long Start, long End);

    private static IEnumerable<(long Start, int Seats)> FreeStarts(
        StaffAvailability staff, Service service, int? policyInterval, Window window)
    {
        var zone = DateTimeZoneProviders.Tzdb[staff.Staff.TimeZone];
        var duration = service.DurationMinutes;
        var step = service.SlotIntervalMinutes ?? policyInterval ?? duration;

        // An appointment starting before the window's end finishes before window.To + duration, so
        // working time beyond that never matters.
        var boundary = window.From - LookbackMinutes;
        foreach (var run in Runs(zone, staff.Schedule, boundary, window.To + duration))
        {
            // A run already working at the lookback boundary began too long ago to follow: its starts
            // sit on a grid anchored at the Unix epoch.
            var first = run.Start == boundary ? CeilingToMultiple(boundary, step) : run.Start;
            for (var start = first; start + duration <= run.End; start += step)
            {
                if (start < window.From || start >= window.To || start < window.Earliest || start >= window.Latest)
                {
                    continue;
                }

                var seats = SeatsLeft(staff.Busy, service, start);
                if (seats > 0)
                {
                    yield return (start, seats);
                }
            }
        }
    }

    /// <summary>SPEC §3.4–3.5, checked against every busy range.</summary>
    private static int SeatsLeft(IReadOnlyList<BusyRange> busy, Service service, long start)
    {
        var appointmentStart = FromMinute(start);
        var blockedStart = FromMinute(start - service.BufferBeforeMinutes);
        var blockedEnd = FromMinute(start + service.DurationMinutes + service.BufferAfterMinutes);
        var sameSession = 0;
        foreach (var range in busy)
        {
            if (range.End <= range.Start || range.End <= blockedStart || range.Start >= blockedEnd)
            {
                continue;
            }

            if (service.Capacity > 1 && range.ServiceId == service.Id && range.AppointmentStart == appointmentStart)
            {
                sameSession++;
            }
            else
            {
                return 0;
            }
        }

        return service.Capacity - sameSession;
    }

    /// <summary>Maximal runs of working minutes in <c>[from, to)</c>; a run touching either end is cut there.</summary>
    private static List<Run> Runs(DateTimeZone zone, StaffSchedule schedule, long from, long to)
    {
        // Every date whose intervals could reach the range, with a margin for offsets and 24:00.
        var intervals = new List<Run>();
        for (var date = LocalDateOf(zone, from).PlusDays(-2); date <= LocalDateOf(zone, to).PlusDays(2); date = date.PlusDays(1))
        {
            foreach (var interval in IntervalsOn(schedule, date))
            {
                intervals.Add(new Run(
                    Resolve(zone, date, interval.Start, isIntervalStart: true),
                    Resolve(zone, date, interval.End, isIntervalStart: false)));
            }
        }

        var runs = new List<Run>();
        long? runStart = null;
        for (var minute = from; minute < to; minute++)
        {
            var working = intervals.Exists(i => i.Start <= minute && minute < i.End);
            if (working && runStart is null)
            {
                runStart = minute;
            }
            else if (!working && runStart is { } s)
            {
                runs.Add(new Run(s, minute));
                runStart = null;
            }
        }

        if (runStart is { } open)
        {
            runs.Add(new Run(open, to));
        }

        return runs;
    }

    private static IReadOnlyList<WorkInterval> IntervalsOn(StaffSchedule schedule, LocalDate date)
    {
        var day = date.ToDateOnly();
        foreach (var o in schedule.Overrides)
        {
            if (o.Date == day)
            {
                return o.Intervals;
            }
        }

        return schedule.Weekly.TryGetValue(day.DayOfWeek, out var weekly) ? weekly : [];
    }

    /// <summary>
    /// SPEC §3.2 by brute force: every minute within a day either side whose wall clock reads the
    /// wanted local time. None: a gap, so use the offset in force just before it (which moves the
    /// time forward by the gap's length). Several: the earliest for a start, the latest for an end.
    /// </summary>
    private static long Resolve(DateTimeZone zone, LocalDate date, WallTime time, bool isIntervalStart)
    {
        // 24:00 is 1440 minutes after the date's midnight: the next date's midnight.
        var local = (long)Period.Between(UnixEpochDate, date, PeriodUnits.Days).Days * MinutesPerDay + time.MinuteOfDay;
        long? earliest = null, latest = null;
        var lastBefore = long.MinValue;
        for (var minute = local - MinutesPerDay; minute <= local + MinutesPerDay; minute++)
        {
            var wall = minute + OffsetMinutes(zone, minute);
            if (wall == local)
            {
                earliest ??= minute;
                latest = minute;
            }
            else if (wall < local)
            {
                lastBefore = minute;
            }
        }

        if (earliest is null)
        {
            return local - OffsetMinutes(zone, lastBefore);
        }

        return isIntervalStart ? earliest.Value : latest!.Value;
    }

    private static LocalDate LocalDateOf(DateTimeZone zone, long minute) =>
        UnixEpochDate.PlusDays((int)Math.Floor((minute + OffsetMinutes(zone, minute)) / (double)MinutesPerDay));

    private static long OffsetMinutes(DateTimeZone zone, long minute) =>
        zone.GetUtcOffset(Instant.FromUnixTimeSeconds(minute * 60)).Seconds / 60;

    private static long CeilingToMultiple(long minute, long step) =>
        (long)Math.Ceiling(minute / (double)step) * step;

    private static DateTimeOffset InZone(DateTimeZone zone, long minute) =>
        FromMinute(minute).ToOffset(TimeSpan.FromMinutes(OffsetMinutes(zone, minute)));

    private static DateTimeOffset FromMinute(long minute) => DateTimeOffset.UnixEpoch.AddMinutes(minute);

    private static long ToMinute(DateTimeOffset value)
    {
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        if (ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new ArgumentException($"The oracle works in whole minutes; {value:O} is not one.", nameof(value));
        }

        return ticks / TimeSpan.TicksPerMinute;
    }
}
