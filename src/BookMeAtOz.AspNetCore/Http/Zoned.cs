using BookMeAtOz.Scheduling;
using NodaTime;

namespace BookMeAtOz.AspNetCore.Http;

/// <summary>Shows instants with the offset of a time zone (responses give times in the tenant's or requested zone).</summary>
internal readonly struct Zoned(string zoneId)
{
    private readonly DateTimeZone _zone = TimeZones.Get(zoneId);

    public DateTimeOffset Show(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(_zone).ToDateTimeOffset();

    public DateTimeOffset? Show(DateTimeOffset? instant) => instant is { } i ? Show(i) : null;
}
