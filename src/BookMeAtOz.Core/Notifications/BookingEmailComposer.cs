using System.Globalization;
using System.Net;
using System.Text;
using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using Microsoft.Extensions.Options;
using NodaTime;

namespace BookMeAtOz.Notifications;

/// <summary>
/// Writes a notification's e-mail from the booking as it is now (read from the store, never from a cache): plain
/// text and HTML, in the tenant's name and time zone, in the booking's language (<see cref="EmailLanguages.Choose"/>:
/// the customer's, else the tenant's default, else English) with dates and times written as that language does, with the manage link and, for every change the customer is told of,
/// the booking's event as an <c>.ics</c> attachment (see <see cref="CarriesEvent"/>). The Message-ID is the notification's, so a retried send is recognisably the
/// same message.
/// </summary>
internal sealed class BookingEmailComposer(
    IBookingStore store, ManageTokenIssuer tokens, IOptions<NotificationOptions> options, TimeProvider timeProvider, AccountEmailComposer? accounts = null,
    Waitlist.IWaitlistStore? waitlist = null)
{
    /// <summary>The message, or why there is none to send (a stale reminder, a booking that is gone).</summary>
    public async Task<(EmailMessage? Message, string? Skipped)> ComposeAsync(NotificationWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.Kind is NotificationKind.PasswordReset or NotificationKind.Invitation)
        {
            return accounts is null ? (null, "Account e-mails are not set up.") : await accounts.ComposeAsync(work, cancellationToken).ConfigureAwait(false);
        }

        var tenant = await store.FindTenantAsync(work.TenantId, cancellationToken).ConfigureAwait(false);
        var booking = tenant is null ? null : await store.FindBookingAsync(work.TenantId, work.BookingId, cancellationToken).ConfigureAwait(false);
        if (tenant is null || booking is null)
        {
            return (null, "The booking no longer exists.");
        }

        if (work.Kind == NotificationKind.WaitlistOffer)
        {
            return await ComposeOfferAsync(work, tenant, booking, cancellationToken).ConfigureAwait(false);
        }

        if (work.Kind == NotificationKind.Reminder && (booking.Status != BookingStatus.Confirmed || booking.Start != work.Details.Start))
        {
            return (null, "The booking was cancelled or moved.");
        }

        var service = await store.FindServiceAsync(work.TenantId, booking.ServiceId, cancellationToken).ConfigureAwait(false);
        var staff = await store.FindStaffAsync(work.TenantId, booking.StaffId, cancellationToken).ConfigureAwait(false);
        if (work.Details.SeriesId is { } seriesId)
        {
            // A series' one e-mail: every occurrence still booked, in one message and one calendar file.
            var occurrences = (await store.ListSeriesBookingsAsync(work.TenantId, seriesId, cancellationToken).ConfigureAwait(false))
                .Where(b => b.IsActive).ToList();
            if (occurrences.Count == 0)
            {
                return (null, "The series was cancelled.");
            }

            var seriesTexts = BookingEmailTexts.For(EmailLanguages.Choose(occurrences[0].Locale, tenant.DefaultLanguage));
            return (BuildSeries(work, tenant, seriesId, occurrences, service?.Name ?? seriesTexts["yourAppointment"], staff?.Name, service?.Location, seriesTexts), null);
        }

        var texts = BookingEmailTexts.For(EmailLanguages.Choose(booking.Locale, tenant.DefaultLanguage));
        return (Build(work, tenant, booking, service?.Name ?? texts["yourAppointment"], staff?.Name, service?.Location, texts), null);
    }

    /// <summary>
    /// A waitlist offer, to the entry's customer: the slot held for them, until when, and the link that books it
    /// (<see cref="NotificationOptions.AccountLinkBaseUrl"/> + <c>/?service={id}&amp;holdId={id}</c>, which the web app's
    /// checkout takes). Not sent once the hold lapsed, was released or was booked.
    /// </summary>
    private async Task<(EmailMessage? Message, string? Skipped)> ComposeOfferAsync(NotificationWork work, Tenant tenant, Booking hold, CancellationToken cancellationToken)
    {
        var entry = waitlist is null || work.Details.WaitlistEntryId is not { } entryId
            ? null
            : await waitlist.FindAsync(work.TenantId, entryId, cancellationToken).ConfigureAwait(false);
        if (entry is null || entry.HoldId != hold.Id || entry.Status != Waitlist.WaitlistStatuses.Offered)
        {
            return (null, "The waitlist offer is no longer open.");
        }

        if (hold.Status != BookingStatus.Held || !hold.OccupiesAt(timeProvider.GetUtcNow()))
        {
            return (null, "The offered hold lapsed or was released.");
        }

        if (options.Value.AccountLinkBaseUrl is not { } baseUrl)
        {
            return (null, "No link base URL is configured (BookMeAtOz:Notifications:AccountLinkBaseUrl).");
        }

        var service = await store.FindServiceAsync(work.TenantId, hold.ServiceId, cancellationToken).ConfigureAwait(false);
        var staff = await store.FindStaffAsync(work.TenantId, hold.StaffId, cancellationToken).ConfigureAwait(false);
        var serviceName = service?.Name ?? "Your appointment";
        var zone = TimeZones.Get(tenant.TimeZone);
        var link = baseUrl.Replace("{tenant}", Uri.EscapeDataString(tenant.Slug), StringComparison.Ordinal).TrimEnd('/')
            + $"/?service={hold.ServiceId}&holdId={hold.Id}";
        // In English for now: a waitlist entry keeps no language of its own (the booking e-mails' texts are localized).
        var l = BookingEmailTexts.For("en");
        var rows = Rows(("What", serviceName), ("When", Range(hold.Start, hold.End, zone, l)), ("With", staff?.Name), ("Where", Where(service?.Location, l)),
            ("Held until", hold.ExpiresAt is { } until ? Moment(until, zone, l) : null));
        var subject = $"A time is free: {serviceName}, {Short(hold.Start, zone, l)}";
        var lead = $"A time you were waiting for with {tenant.Name} is free, and we are holding it for you. The first to book it gets it.";
        const string closing = "If you do not book it before the hold ends, it passes to the next person waiting.";
        static string E(string s) => WebUtility.HtmlEncode(s);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Hi {entry.Customer.Name},\n\n{lead}\n\n");
        foreach (var (label, value) in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {(label + ":").PadRight(11)}{value}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nTo book it: {link}\n\n{closing}\n\n{tenant.Name}\n");
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5\"><p>Hi {E(entry.Customer.Name)},</p><p>{E(lead)}</p><table>");
        foreach (var (label, value) in rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\" style=\"padding-right:1em\">{E(label)}</th><td>{E(value)}</td></tr>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</table><p><a href=\"{E(link)}\">Book this time</a></p><p>{E(closing)}</p><p>{E(tenant.Name)}</p></body></html>");
        return (new EmailMessage(
            work.Id,
            tenant.Name,
            new EmailAddress(entry.Customer.Name, entry.Customer.Email),
            subject,
            text.ToString(),
            html.ToString(),
            timeProvider.GetUtcNow(),
            [],
            new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated", ["X-BookMeAtOz-Notification"] = work.Id.ToString() }), null);
    }

    private EmailMessage BuildSeries(
        NotificationWork work, Tenant tenant, Guid seriesId, List<Booking> occurrences, string serviceName, string? staffName, ServiceLocation? location,
        BookingEmailTexts l)
    {
        var first = occurrences[0];
        var zone = TimeZones.Get(tenant.TimeZone);
        var pending = work.Kind == NotificationKind.Received;
        var dates = string.Join("; ", occurrences.Select(b => Short(b.Start, zone, l)));
        var rows = Rows([(l["what"], serviceName), (l["first"], Range(first.Start, first.End, zone, l)),
            (l["sessions"], $"{occurrences.Count.ToString(l.Culture)}: {dates}"),
            (l["with"], staffName), (l["where"], Where(location, l)), .. AnswerRows(first)]);
        var subject = l.Format(pending ? "series.subject.received" : "series.subject.confirmed",
            service: serviceName, count: occurrences.Count, when: Short(first.Start, zone, l));
        var lead = l.Format(pending ? "series.lead.received" : "series.lead.confirmed", tenant: tenant.Name, count: occurrences.Count);
        var token = tokens.Rederive(first);
        var link = options.Value.ManageUrl?
            .Replace("{tenant}", Uri.EscapeDataString(tenant.Slug), StringComparison.Ordinal)
            .Replace("{booking}", first.Id.ToString(), StringComparison.Ordinal)
            .Replace("{token}", token is null ? string.Empty : Uri.EscapeDataString(token), StringComparison.Ordinal);
        var closing = l["series.closing"];
        var ics = SeriesIcsCalendar.For(seriesId, occurrences, $"{serviceName} ({tenant.Name})", tenant.Name, options.Value.OrganizerEmail,
            location?.Where, tenant.TimeZone, timeProvider.GetUtcNow());
        return new EmailMessage(
            work.Id,
            tenant.Name,
            new EmailAddress(first.Customer.Name, first.Customer.Email),
            subject,
            Text(first.Customer.Name, lead, rows, link, work.Kind, closing, tenant.Name, l),
            Html(first.Customer.Name, lead, rows, link, work.Kind, closing, tenant.Name, l),
            timeProvider.GetUtcNow(),
            [new EmailAttachment("series.ics", "text/calendar", Encoding.UTF8.GetBytes(ics))
            {
                Parameters = new Dictionary<string, string> { ["charset"] = "utf-8", ["method"] = "PUBLISH" },
            }],
            new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated", ["X-BookMeAtOz-Notification"] = work.Id.ToString() });
    }

    private EmailMessage Build(
        NotificationWork work, Tenant tenant, Booking booking, string serviceName, string? staffName, ServiceLocation? location, BookingEmailTexts l)
    {
        var where = Where(location, l);
        var zone = TimeZones.Get(tenant.TimeZone);
        var when = Range(booking.Start, booking.End, zone, l);
        var start = Short(booking.Start, zone, l);
        var token = tokens.Rederive(booking);
        var link = options.Value.ManageUrl?
            .Replace("{tenant}", Uri.EscapeDataString(tenant.Slug), StringComparison.Ordinal)
            .Replace("{booking}", booking.Id.ToString(), StringComparison.Ordinal)
            .Replace("{token}", token is null ? string.Empty : Uri.EscapeDataString(token), StringComparison.Ordinal);

        var kind = work.Kind switch
        {
            NotificationKind.Confirmation => "confirmation",
            NotificationKind.Received => "received",
            NotificationKind.Declined => "declined",
            NotificationKind.Expired => "expired",
            NotificationKind.Cancellation => "cancellation",
            NotificationKind.Reschedule => "reschedule",
            _ => "reminder",
        };
        var subject = l.Format($"subject.{kind}", service: serviceName, when: start);
        var lead = l.Format($"lead.{kind}", tenant: tenant.Name);
        var (rows, closing) = work.Kind switch
        {
            NotificationKind.Confirmation => (
                Rows([(l["what"], serviceName), (l["when"], when), (l["with"], staffName), (l["where"], where), .. AnswerRows(booking)]),
                l["closing.attached"]),
            NotificationKind.Received => (
                Rows([(l["what"], serviceName), (l["when"], when), (l["with"], staffName), (l["where"], where),
                    (l["decisionBy"], booking.ExpiresAt is { } deadline ? Moment(deadline, zone, l) : null), .. AnswerRows(booking)]),
                l["closing.lapses"]),
            NotificationKind.Declined => (
                Rows((l["what"], serviceName), (l["when"], when), (l["with"], staffName), (l["reason"], booking.CancelReason)),
                l["closing.anotherTime"]),
            NotificationKind.Expired => (
                Rows((l["what"], serviceName), (l["when"], when), (l["with"], staffName)),
                l["closing.bookAgain"]),
            NotificationKind.Cancellation => (
                Rows((l["what"], serviceName), (l["when"], when), (l["with"], staffName), (l["reason"], booking.CancelReason)),
                l["closing.anotherTime"]),
            NotificationKind.Reschedule => (
                Rows([(l["what"], serviceName), (l["now"], when),
                    (l["was"], work.Details is { PreviousStart: { } ps, PreviousEnd: { } pe } ? Range(ps, pe, zone, l) : null), (l["with"], staffName),
                    (l["where"], where), .. AnswerRows(booking)]),
                l["closing.attached"]),
            _ => (
                Rows([(l["what"], serviceName), (l["when"], when), (l["with"], staffName), (l["where"], where), .. AnswerRows(booking)]),
                l["closing.seeYou"]),
        };

        var attachments = new List<EmailAttachment>();
        if (CarriesEvent(work.Kind))
        {
            var (method, ics) = Calendar(booking, $"{serviceName} ({tenant.Name})", tenant.Name, location?.Where);
            attachments.Add(new EmailAttachment("booking.ics", "text/calendar", Encoding.UTF8.GetBytes(ics))
            {
                Parameters = new Dictionary<string, string> { ["charset"] = "utf-8", ["method"] = method },
            });
        }

        return new EmailMessage(
            work.Id,
            tenant.Name,
            new EmailAddress(booking.Customer.Name, booking.Customer.Email),
            subject,
            Text(booking.Customer.Name, lead, rows, link, work.Kind, closing, tenant.Name, l),
            Html(booking.Customer.Name, lead, rows, link, work.Kind, closing, tenant.Name, l),
            timeProvider.GetUtcNow(),
            attachments,
            new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated", ["X-BookMeAtOz-Notification"] = work.Id.ToString() });
    }

    /// <summary>
    /// Every e-mail that tells the customer of a change carries the event, so that their calendar follows the booking: the
    /// request received (tentative), the confirmation, a move, and the cancellation, decline or expiry that removes it. A
    /// reminder changes nothing and carries none.
    /// </summary>
    internal static bool CarriesEvent(NotificationKind kind) => kind is NotificationKind.Confirmation or NotificationKind.Received
        or NotificationKind.Reschedule or NotificationKind.Cancellation or NotificationKind.Declined or NotificationKind.Expired;

    /// <summary>
    /// The booking's event as it is now, whatever the e-mail's kind (an e-mail sent late never brings back an older state):
    /// a <c>REQUEST</c> while it holds its time (or was a no-show), a <c>CANCEL</c> once it no longer does, each with the
    /// booking's <c>UID</c>, its current <c>SEQUENCE</c> and a fresh <c>DTSTAMP</c>. iTIP needs an organizer: without an
    /// organizer address it is a <c>PUBLISH</c> with the status, which calendars that match by <c>UID</c> still follow.
    /// </summary>
    private (string Method, string Text) Calendar(Booking booking, string summary, string business, string? where)
    {
        var organizer = options.Value.OrganizerEmail;
        var live = booking.IsActive || booking.Status == BookingStatus.NoShow;
        var method = organizer is null ? IcsMethod.Publish : live ? IcsMethod.Request : IcsMethod.Cancel;
        var ics = IcsCalendar.For(booking, new IcsEventOptions(summary, business, timeProvider.GetUtcNow())
        {
            OrganizerEmail = organizer,
            Location = where,
            Method = method,
            AttendeeName = organizer is null ? null : booking.Customer.Name,
            AttendeeEmail = organizer is null ? null : booking.Customer.Email,
        });
        return (method switch { IcsMethod.Request => "REQUEST", IcsMethod.Cancel => "CANCEL", _ => "PUBLISH" }, ics);
    }

    private static List<(string Label, string Value)> Rows(params (string Label, string? Value)[] rows) =>
        [.. rows.Where(r => !string.IsNullOrWhiteSpace(r.Value)).Select(r => (r.Label, r.Value!))];

    /// <summary>"12 Example St, Sydney", "By phone: 02 9999 0000" or "Video call: https://…", in the e-mail's language.</summary>
    private static string? Where(ServiceLocation? location, BookingEmailTexts l) => location switch
    {
        null => null,
        { Kind: LocationKind.InPerson } => location.Address,
        { Kind: LocationKind.Phone } => l.Format("byPhone", value: location.Phone),
        _ => l.Format("videoCall", value: location.Url),
    };

    /// <summary>The booking's answers, labelled as they were asked.</summary>
    private static IEnumerable<(string Label, string? Value)> AnswerRows(Booking booking) =>
        booking.Answers.Select(a => ((string Label, string? Value))(a.Label, a.DisplayValue));

    private static string Text(
        string customer, string lead, List<(string Label, string Value)> rows, string? link, NotificationKind kind, string closing, string tenant, BookingEmailTexts l)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{l.Format("hi", value: customer)}\n\n{lead}\n\n");
        foreach (var (label, value) in rows)
        {
            // Short labels line up; an answer's longer label (as asked) gets a space instead.
            var head = label + ":";
            text.Append(CultureInfo.InvariantCulture, $"  {(head.Length < 8 ? head.PadRight(8) : head + " ")}{value}\n");
        }

        text.Append('\n');
        if (kind is not (NotificationKind.Cancellation or NotificationKind.Declined or NotificationKind.Expired) && link is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"{l.Format("manageText", value: link)}\n\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"{closing}\n\n{tenant}\n");
        return text.ToString();
    }

    private static string Html(
        string customer, string lead, List<(string Label, string Value)> rows, string? link, NotificationKind kind, string closing, string tenant, BookingEmailTexts l)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{l.Language}\"><body style=\"font-family:sans-serif;line-height:1.5\">");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(l.Format("hi", value: customer))}</p><p>{E(lead)}</p><table>");
        foreach (var (label, value) in rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th align=\"left\" style=\"padding-right:1em\">{E(label)}</th><td>{E(value)}</td></tr>");
        }

        html.Append("</table>");
        if (kind is not (NotificationKind.Cancellation or NotificationKind.Declined or NotificationKind.Expired) && link is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(link)}\">{E(l["manageHtml"])}</a></p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>{E(closing)}</p><p>{E(tenant)}</p></body></html>");
        return html.ToString();
    }

    /// <summary>"Tuesday 4 May 2027, 10:00 am – 10:30 am (AEST)" in the zone ("Dienstag, 4. Mai 2027, 10:00 – 10:30 (AEST)" in German).</summary>
    private static string Range(DateTimeOffset start, DateTimeOffset end, DateTimeZone zone, BookingEmailTexts l)
    {
        var s = Instant.FromDateTimeOffset(start).InZone(zone);
        var e = Instant.FromDateTimeOffset(end).InZone(zone);
        var day = s.LocalDateTime.ToString(l.DayFormat, l.Culture);
        var endText = e.Date == s.Date
            ? e.LocalDateTime.ToString(l.TimeFormat, l.Culture)
            : e.LocalDateTime.ToString($"{l.DayFormat}, {l.TimeFormat}", l.Culture);
        return $"{day}, {s.LocalDateTime.ToString(l.TimeFormat, l.Culture)} – {endText} ({zone.GetZoneInterval(s.ToInstant()).Name})";
    }

    /// <summary>"Tuesday 4 May 2027, 10:00 am (AEST)" in the zone.</summary>
    private static string Moment(DateTimeOffset instant, DateTimeZone zone, BookingEmailTexts l)
    {
        var local = Instant.FromDateTimeOffset(instant).InZone(zone);
        return $"{local.LocalDateTime.ToString($"{l.DayFormat}, {l.TimeFormat}", l.Culture)} ({zone.GetZoneInterval(local.ToInstant()).Name})";
    }

    /// <summary>"Tue 4 May, 10:00 am" in the zone.</summary>
    private static string Short(DateTimeOffset start, DateTimeZone zone, BookingEmailTexts l) =>
        Instant.FromDateTimeOffset(start).InZone(zone).LocalDateTime.ToString(l.ShortFormat, l.Culture);
}
