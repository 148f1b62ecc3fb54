using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using BookMeAtOz.Audit;
using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;

namespace BookMeAtOz.Calendars;

/// <summary>A staff member's feed as iCalendar text, with its entity tag.</summary>
/// <param name="TenantId">The tenant the feed belongs to.</param>
/// <param name="Text">The <c>text/calendar</c> body.</param>
/// <param name="ETag">A strong entity tag of the body (quoted): the same body, the same tag.</param>
public sealed record CalendarFeedDocument(Guid TenantId, string Text, string ETag);

/// <summary>
/// Staff calendar feeds (product specification §11.3): a secret subscription URL per staff member whose body lists their
/// bookings that hold time (confirmed, and pending as tentative) from <see cref="PastDays"/> days ago to
/// <see cref="FutureDays"/> days ahead, at most <see cref="MaxEvents"/> of them. The token is 48 random-looking bytes in
/// base64url: the tenant's id, then 32 random bytes; only its SHA-256 is stored, so the tenant is known from the token
/// alone and the feed is found within it.
/// </summary>
public sealed class CalendarFeedService(IBookingStore store, ICalendarFeedStore feeds, TimeProvider timeProvider)
{
    /// <summary>How far back the feed reaches: 30 days.</summary>
    public const int PastDays = 30;

    /// <summary>How far ahead the feed reaches: 366 days.</summary>
    public const int FutureDays = 366;

    /// <summary>The most events a feed lists (the earliest first): 2,000, which keeps a body under 2 MiB.</summary>
    public const int MaxEvents = 2000;

    private const int TokenBytes = 48;

    /// <summary>Issues the staff member a new feed token, replacing (and so revoking) the one they had.</summary>
    /// <returns>The token, shown only now.</returns>
    /// <exception cref="NotFoundException">No such staff member in the tenant.</exception>
    public async Task<string> IssueAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken)
    {
        var bytes = new byte[TokenBytes];
        tenantId.TryWriteBytes(bytes);
        RandomNumberGenerator.Fill(bytes.AsSpan(16));
        var token = Base64Url.EncodeToString(bytes);
        // To the microsecond, as PostgreSQL keeps it: the revocation's entry names this same instant.
        var now = timeProvider.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % 10));
        var audit = CalendarFeedAudit.IssuedEntry(tenantId, staffId, AuditActor.Current, now);
        if (!await feeds.SetFeedAsync(new CalendarFeed(tenantId, staffId, Hash(token), now), audit, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException("staff member");
        }

        return token;
    }

    /// <summary>Removes the staff member's feed, if they have one: its URL stops working at once.</summary>
    /// <exception cref="NotFoundException">No such staff member in the tenant.</exception>
    public async Task RevokeAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken)
    {
        if (await store.FindStaffAsync(tenantId, staffId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new NotFoundException("staff member");
        }

        var actor = AuditActor.Current;
        await feeds.DeleteFeedAsync(tenantId, staffId, feed => CalendarFeedAudit.RevokedEntry(tenantId, staffId, feed.CreatedAt, actor, timeProvider.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant a token names, or null when it is not a feed token's shape.</summary>
    public static Guid? TenantOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        // Base64Url throws on characters outside its alphabet (its Try is about the destination's size): checked first.
        Span<byte> bytes = stackalloc byte[TokenBytes];
        return token.Length == Base64Url.GetEncodedLength(TokenBytes)
            && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            && Base64Url.TryDecodeFromChars(token, bytes, out var written) && written == TokenBytes
            ? new Guid(bytes[..16])
            : null;
    }

    /// <summary>The feed of a token, or null when the token is unknown, revoked or replaced (or its staff member gone).</summary>
    public async Task<CalendarFeedDocument?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        if (TenantOf(token) is not { } tenantId)
        {
            return null;
        }

        var feed = await feeds.FindFeedAsync(tenantId, Hash(token), cancellationToken).ConfigureAwait(false);
        if (feed is null)
        {
            return null;
        }

        var tenant = await store.FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var staff = tenant is null ? null : await store.FindStaffAsync(tenantId, feed.StaffId, cancellationToken).ConfigureAwait(false);
        if (tenant is null || staff is null)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var bookings = new List<Booking>();
        (DateTimeOffset Start, Guid Id)? after = null;
        while (bookings.Count < MaxEvents)
        {
            var page = await store.ListBookingsAsync(
                new BookingQuery(tenantId, now.AddDays(-PastDays), now.AddDays(FutureDays), staff.Id, null, after, 200), cancellationToken).ConfigureAwait(false);
            bookings.AddRange(page.Where(b => b.Status is BookingStatus.Confirmed or BookingStatus.Pending).Take(MaxEvents - bookings.Count));
            if (page.Count < 200)
            {
                break;
            }

            after = (page[^1].Start, page[^1].Id);
        }

        var services = (await store.ListServicesAsync(tenantId, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Id);
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//BookMeAtOz//Calendar feed//EN",
            "CALSCALE:GREGORIAN",
            $"X-WR-CALNAME:{IcsCalendar.Text($"{staff.Name} – {tenant.Name}")}",
            // How often a subscriber should look again (RFC 7986, and the older name calendars still read).
            "REFRESH-INTERVAL;VALUE=DURATION:PT15M",
            "X-PUBLISHED-TTL:PT15M",
        };
        foreach (var booking in bookings)
        {
            var service = services.GetValueOrDefault(booking.ServiceId);
            var description = new StringBuilder(tenant.Name);
            description.Append(CultureInfoInvariant, $"\nCustomer: {booking.Customer.Name} <{booking.Customer.Email}>");
            if (booking.Customer.Phone is { } phone)
            {
                description.Append(CultureInfoInvariant, $", {phone}");
            }

            if (!string.IsNullOrEmpty(booking.Notes))
            {
                description.Append(CultureInfoInvariant, $"\nNotes: {booking.Notes}");
            }

            // A feed is a snapshot, not a message: DTSTAMP is the booking's own (its SEQUENCE tells revisions apart), so the
            // body, and its entity tag, change only when a booking does.
            IcsCalendar.AppendEvent(lines, booking, $"{service?.Name ?? "Appointment"}: {booking.Customer.Name} ({tenant.Name})",
                tenant.Name, organizerEmail: null, service?.Location?.Where, booking.CreatedAt, IcsCalendar.Status(booking.Status),
                attendee: null, description.ToString());
        }

        lines.Add("END:VCALENDAR");
        var text = IcsCalendar.Write(lines);
        var tag = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 18));
        return new CalendarFeedDocument(tenantId, text, $"\"{tag}\"");
    }

    private static readonly IFormatProvider CultureInfoInvariant = System.Globalization.CultureInfo.InvariantCulture;

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
