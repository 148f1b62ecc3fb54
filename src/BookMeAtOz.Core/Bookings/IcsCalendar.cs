using System.Globalization;
using System.Text;

namespace BookMeAtOz.Bookings;

/// <summary>An RFC 5545 calendar with one event for a booking (times in UTC, lines folded at 75 octets).</summary>
public static class IcsCalendar
{
    /// <summary>The booking as an iCalendar file's text.</summary>
    /// <param name="booking">The booking.</param>
    /// <param name="summary">The event's title.</param>
    /// <param name="organizerName">The organizer's name (the business).</param>
    /// <param name="organizerEmail">The organizer's address; null leaves the organizer out.</param>
    /// <param name="stamp">When the file is made.</param>
    public static string For(Booking booking, string summary, string organizerName, string? organizerEmail, DateTimeOffset stamp) =>
        For(booking, summary, organizerName, organizerEmail, location: null, stamp);

    /// <summary>The booking as an iCalendar file's text, with where it takes place.</summary>
    /// <param name="booking">The booking.</param>
    /// <param name="summary">The event's title.</param>
    /// <param name="organizerName">The organizer's name (the business).</param>
    /// <param name="organizerEmail">The organizer's address; null leaves the organizer out.</param>
    /// <param name="location">The <c>LOCATION</c>: an address, a phone number or a link; null or blank leaves it out.</param>
    /// <param name="stamp">When the file is made.</param>
    public static string For(Booking booking, string summary, string organizerName, string? organizerEmail, string? location, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//BookMeAtOz//API v1//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:{booking.Id}@bookmeatoz",
            $"DTSTAMP:{Utc(stamp)}",
            $"CREATED:{Utc(booking.CreatedAt)}",
            $"DTSTART:{Utc(booking.Start)}",
            $"DTEND:{Utc(booking.End)}",
            $"SUMMARY:{Escape(summary)}",
            $"STATUS:{Status(booking.Status)}",
        };
        if (organizerEmail is not null)
        {
            lines.Add($"ORGANIZER;CN={Quoted(organizerName)}:mailto:{organizerEmail}");
        }

        if (!string.IsNullOrWhiteSpace(location))
        {
            lines.Add($"LOCATION:{Escape(location)}");
        }

        if (!string.IsNullOrEmpty(booking.Notes))
        {
            lines.Add($"DESCRIPTION:{Escape(booking.Notes)}");
        }

        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(line, text);
        }

        return text.ToString();
    }

    private static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>
    /// A parameter value (RFC 5545 §3.2): always quoted, since a name may hold <c>:</c>, <c>;</c> or <c>,</c>; a quoted
    /// value cannot hold <c>"</c> or control characters, so they are dropped rather than escaped.
    /// </summary>
    private static string Quoted(string value) => $"\"{new string([.. value.Where(c => c != '"' && !char.IsControl(c))])}\"";

    private static void Fold(string line, StringBuilder output)
    {
        var bytes = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (bytes + size > 75)
            {
                output.Append("\r\n ");
                bytes = 1;
            }

            output.Append(rune.ToString());
            bytes += size;
        }

        output.Append("\r\n");
    }

    /// <summary>Awaiting approval (or a hold) is tentative; a no-show happened as booked; anything else that frees the time is off.</summary>
    private static string Status(BookingStatus status) => status switch
    {
        BookingStatus.Pending or BookingStatus.Held => "TENTATIVE",
        BookingStatus.Confirmed or BookingStatus.NoShow => "CONFIRMED",
        _ => "CANCELLED",
    };
}
