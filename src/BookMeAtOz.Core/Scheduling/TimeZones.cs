using NodaTime;

namespace BookMeAtOz.Scheduling;

/// <summary>
/// IANA time zones from the TZDB embedded in NodaTime, so every machine computes the same
/// offsets whatever its operating system's zone data.
/// </summary>
public static class TimeZones
{
    /// <summary>Whether <paramref name="zoneId"/> is a known IANA time zone id (for example <c>Australia/Sydney</c>).</summary>
    public static bool IsValid(string? zoneId) =>
        !string.IsNullOrWhiteSpace(zoneId) && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is not null;

    /// <summary>The zone for an IANA id.</summary>
    /// <exception cref="BookMeAtOzValidationException">The id is unknown.</exception>
    public static DateTimeZone Get(string zoneId, string field = "timeZone") =>
        (string.IsNullOrWhiteSpace(zoneId) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId))
        ?? throw BookMeAtOzValidationException.For(field, $"'{zoneId}' is not a known IANA time zone.");
}
