using System.Globalization;
using System.Text;
using BookMeAtOz.Bookings;

namespace BookMeAtOz.CalDav.Internals;

/// <summary>A booking as the iCalendar event written to the staff member's calendar (times in UTC; the UID names the booking).</summary>
internal static class BookingEvent
{
    public static string FileName(Guid bookingId) => $"bookmeatoz-{bookingId:N}.ics";

    public static bool IsOurs(string href) => href.Contains("/bookmeatoz-", StringComparison.Ordinal) || href.StartsWith("bookmeatoz-", StringComparison.Ordinal);

    public static string Write(Booking booking, string? serviceName, DateTimeOffset stamp)
    {
        var text = new StringBuilder();
        Line(text, "BEGIN:VCALENDAR");
        Line(text, "VERSION:2.0");
        Line(text, "PRODID:-//BookMeAtOz//CalDAV sync//EN");
        Line(text, "BEGIN:VEVENT");
        Line(text, $"UID:{booking.Id:D}@bookmeatoz");
        Line(text, $"DTSTAMP:{Utc(stamp)}");
        Line(text, $"DTSTART:{Utc(booking.Start)}");
        Line(text, $"DTEND:{Utc(booking.End)}");
        // Grows with every write, as a changed event must (RFC 5545 §3.8.7.4).
        Line(text, $"SEQUENCE:{(long)Math.Max(0, (stamp - booking.CreatedAt).TotalSeconds)}");
        Line(text, "SUMMARY:" + Escape($"{serviceName ?? "Booking"}: {booking.Customer.Name}"));
        Line(text, booking.Status == BookingStatus.Pending ? "STATUS:TENTATIVE" : "STATUS:CONFIRMED");
        Line(text, "TRANSP:OPAQUE");
        Line(text, $"{CalendarExpander.BookingProperty}:{booking.Id:D}");
        Line(text, "END:VEVENT");
        Line(text, "END:VCALENDAR");
        return text.ToString();
    }

    private static string Utc(DateTimeOffset value) => value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static void Line(StringBuilder text, string line)
    {
        // RFC 5545 §3.1: lines longer than 75 octets are folded.
        var bytes = Encoding.UTF8.GetByteCount(line);
        if (bytes <= 75)
        {
            text.Append(line).Append("\r\n");
            return;
        }

        var count = 0;
        var first = true;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (count + size > (first ? 75 : 74))
            {
                text.Append("\r\n ");
                count = 0;
                first = false;
            }

            text.Append(rune.ToString());
            count += size;
        }

        text.Append("\r\n");
    }
}
