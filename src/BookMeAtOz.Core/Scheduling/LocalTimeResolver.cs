using NodaTime;
using NodaTime.TimeZones;

namespace BookMeAtOz.Scheduling;

/// <summary>
/// Maps local wall times to instants by the rules of SPEC §3.2: a time in a DST gap moves forward
/// by the gap's length; an ambiguous time is the earlier instant when it starts an interval and the
/// later one when it ends an interval.
/// </summary>
internal static class LocalTimeResolver
{
    private static readonly ZoneLocalMappingResolver StartResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnForwardShifted);

    private static readonly ZoneLocalMappingResolver EndResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnForwardShifted);

    private const long TicksPerMinute = TimeSpan.TicksPerMinute;
    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>The instant (UTC ticks) an interval starting at <paramref name="time"/> on <paramref name="date"/> starts.</summary>
    public static long StartTicks(DateTimeZone zone, LocalDate date, WallTime time) => Resolve(zone, date, time, StartResolver);

    /// <summary>The instant (UTC ticks) an interval ending at <paramref name="time"/> on <paramref name="date"/> ends.</summary>
    public static long EndTicks(DateTimeZone zone, LocalDate date, WallTime time) => Resolve(zone, date, time, EndResolver);

    private static long Resolve(DateTimeZone zone, LocalDate date, WallTime time, ZoneLocalMappingResolver resolver)
    {
        // Fast path, free of allocation: the offset in force around the wall time, if it holds for
        // two days either side of the instant it gives. No offset differs from another by more than
        // 26 hours, so no other instant can show the same wall time: the mapping is unique (neither a
        // gap nor an overlap) and every resolver agrees with it.
        // DateOnly.DayNumber counts from 0001-01-01, as DateTime ticks do.
        var localTicks = date.ToDateOnly().DayNumber * TimeSpan.TicksPerDay + time.MinuteOfDay * TicksPerMinute;
        var around = zone.GetZoneInterval(Instant.FromUnixTimeTicks(localTicks - UnixEpochTicks));
        var instant = localTicks - around.WallOffset.Ticks;
        if ((!around.HasStart || around.Start.ToUnixTimeTicks() + UnixEpochTicks <= instant - UniqueMargin)
            && (!around.HasEnd || around.End.ToUnixTimeTicks() + UnixEpochTicks >= instant + UniqueMargin))
        {
            return instant;
        }

        var local = time.IsEndOfDay
            ? date.PlusDays(1).AtMidnight()
            : date.AtMidnight().PlusMinutes(time.MinuteOfDay);
        return zone.ResolveLocal(local, resolver).ToInstant().ToUnixTimeTicks() + UnixEpochTicks;
    }

    private static readonly long UniqueMargin = TimeSpan.FromDays(2).Ticks;

    /// <summary>The local date of an instant (UTC ticks) in a zone.</summary>
    public static LocalDate DateOf(DateTimeZone zone, long utcTicks) =>
        Instant.FromUnixTimeTicks(utcTicks - UnixEpochTicks).InZone(zone).Date;

    /// <summary>The instant (UTC ticks) of local midnight at the start of a date (gap-shifted if needed).</summary>
    public static long StartOfDayTicks(DateTimeZone zone, LocalDate date) =>
        zone.AtStartOfDay(date).ToInstant().ToUnixTimeTicks() + UnixEpochTicks;

    /// <summary>A UTC-ticks instant as a <see cref="DateTimeOffset"/> with the zone's offset at that instant.</summary>
    public static DateTimeOffset ToOffset(DateTimeZone zone, long utcTicks)
    {
        var instant = Instant.FromUnixTimeTicks(utcTicks - UnixEpochTicks);
        var offset = zone.GetUtcOffset(instant);
        return new DateTimeOffset(utcTicks + offset.Ticks, TimeSpan.FromTicks(offset.Ticks));
    }

    public static long Minutes(int minutes) => minutes * TicksPerMinute;
}
