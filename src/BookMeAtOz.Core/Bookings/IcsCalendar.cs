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
    public static string For(Booking booking, string summary, string organizerName, string? organizerEmail, string? location, DateTimeOffset stamp) =>
        For(booking, new IcsEventOptions(summary, organizerName, stamp) { OrganizerEmail = organizerEmail, Location = location });

    /// <summary>
    /// The booking as an iCalendar file's text, as an iTIP message (RFC 5546) when <see cref="IcsEventOptions.Method"/> says
    /// so: the event's <c>UID</c> is the booking's, its <c>SEQUENCE</c> the booking's <see cref="Booking.Sequence"/>, its
    /// <c>DTSTAMP</c> the options' stamp; a <see cref="IcsMethod.Cancel"/> is <c>STATUS:CANCELLED</c>.
    /// </summary>
    /// <param name="booking">The booking.</param>
    /// <param name="options">What to write besides the booking.</param>
    /// <exception cref="ArgumentException">A request or cancellation without an organizer address (RFC 5546 requires one).</exception>
    public static string For(Booking booking, IcsEventOptions options)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Method != IcsMethod.Publish && options.OrganizerEmail is null)
        {
            throw new ArgumentException("A request or a cancellation needs the organizer's address.", nameof(options));
        }

        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//BookMeAtOz//API v1//EN",
            "CALSCALE:GREGORIAN",
            $"METHOD:{Method(options.Method)}",
        };
        AppendEvent(lines, booking, options.Summary, options.OrganizerName, options.OrganizerEmail, options.Location, options.Stamp,
            options.Method == IcsMethod.Cancel ? "CANCELLED" : Status(booking.Status),
            options.AttendeeEmail is null ? null : (options.AttendeeName, options.AttendeeEmail),
            description: booking.Notes);
        lines.Add("END:VCALENDAR");
        return Write(lines);
    }

    /// <summary>
    /// Appends a booking's <c>VEVENT</c> (times in UTC): its <c>UID</c>, <c>SEQUENCE</c>, the given <c>DTSTAMP</c>, and the
    /// organizer, attendee, location and description when given.
    /// </summary>
    internal static void AppendEvent(
        List<string> lines, Booking booking, string summary, string organizerName, string? organizerEmail, string? location, DateTimeOffset stamp,
        string status, (string? Name, string Email)? attendee, string? description)
    {
        lines.Add("BEGIN:VEVENT");
        lines.Add($"UID:{booking.Id}@bookmeatoz");
        lines.Add($"SEQUENCE:{booking.Sequence.ToString(CultureInfo.InvariantCulture)}");
        lines.Add($"DTSTAMP:{Utc(stamp)}");
        lines.Add($"CREATED:{Utc(booking.CreatedAt)}");
        lines.Add($"DTSTART:{Utc(booking.Start)}");
        lines.Add($"DTEND:{Utc(booking.End)}");
        lines.Add($"SUMMARY:{Escape(summary)}");
        lines.Add($"STATUS:{status}");
        if (organizerEmail is not null)
        {
            lines.Add($"ORGANIZER;CN={Quoted(organizerName)}:mailto:{organizerEmail}");
        }

        if (attendee is { } a)
        {
            // The customer asked for it, so it is accepted, and no reply is asked for: a reply would reach the organizer's
            // address, not the booking (the manage link moves or cancels it).
            var name = string.IsNullOrWhiteSpace(a.Name) ? string.Empty : $";CN={Quoted(a.Name)}";
            lines.Add($"ATTENDEE{name};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:{a.Email}");
        }

        if (!string.IsNullOrWhiteSpace(location))
        {
            lines.Add($"LOCATION:{Escape(location)}");
        }

        if (!string.IsNullOrEmpty(description))
        {
            lines.Add($"DESCRIPTION:{Escape(description)}");
        }

        lines.Add("END:VEVENT");
    }

    /// <summary>The lines as iCalendar text: CRLF line ends, folded at 75 octets.</summary>
    internal static string Write(List<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(line, text);
        }

        return text.ToString();
    }

    /// <summary>A calendar property's text value, escaped (RFC 5545 §3.3.11).</summary>
    internal static string Text(string value) => Escape(value);

    private static string Method(IcsMethod method) => method switch
    {
        IcsMethod.Request => "REQUEST",
        IcsMethod.Cancel => "CANCEL",
        _ => "PUBLISH",
    };

    internal static string Utc(DateTimeOffset instant) =>
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
    internal static string Status(BookingStatus status) => status switch
    {
        BookingStatus.Pending or BookingStatus.Held => "TENTATIVE",
        BookingStatus.Confirmed or BookingStatus.NoShow => "CONFIRMED",
        _ => "CANCELLED",
    };
}

/// <summary>What an iCalendar file asks of the calendar that reads it (RFC 5546 <c>METHOD</c>).</summary>
public enum IcsMethod
{
    /// <summary><c>PUBLISH</c>: a copy to keep; no organizer is needed, and updates are matched by <c>UID</c> only where the client does.</summary>
    Publish,
    /// <summary><c>REQUEST</c>: the organizer's current version of the event; a higher <c>SEQUENCE</c> of the same <c>UID</c> replaces the one a calendar has.</summary>
    Request,
    /// <summary><c>CANCEL</c>: the organizer called the event off; calendars remove (or strike out) the event of that <c>UID</c>.</summary>
    Cancel,
}

/// <summary>What <see cref="IcsCalendar.For(Booking, IcsEventOptions)"/> writes besides the booking.</summary>
/// <param name="Summary">The event's title.</param>
/// <param name="OrganizerName">The organizer's name (the business).</param>
/// <param name="Stamp">When the file is made: its <c>DTSTAMP</c>.</param>
public sealed record IcsEventOptions(string Summary, string OrganizerName, DateTimeOffset Stamp)
{
    /// <summary>The organizer's address; null leaves the organizer out (only with <see cref="IcsMethod.Publish"/>).</summary>
    public string? OrganizerEmail { get; init; }

    /// <summary>The <c>LOCATION</c>: an address, a phone number or a link; null or blank leaves it out.</summary>
    public string? Location { get; init; }

    /// <summary>The file's <c>METHOD</c>. Default <see cref="IcsMethod.Publish"/>.</summary>
    public IcsMethod Method { get; init; } = IcsMethod.Publish;

    /// <summary>The attendee's name (the customer), shown with <see cref="AttendeeEmail"/>.</summary>
    public string? AttendeeName { get; init; }

    /// <summary>The attendee's address (the customer); null leaves the attendee out.</summary>
    public string? AttendeeEmail { get; init; }
}
