namespace BookMeAtOz.Notifications;

/// <summary>
/// How booking e-mails are planned and delivered, bound from <c>BookMeAtOz:Notifications</c>
/// (<c>BookMeAtOz__Notifications__ReminderLeadTime</c> and so on) and validated at start-up.
/// </summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section: <c>BookMeAtOz:Notifications</c>.</summary>
    public const string SectionName = "BookMeAtOz:Notifications";

    /// <summary>
    /// How long before the start a reminder goes out. Default 24 hours; 1 minute to 30 days. A booking made closer to
    /// its start than this gets no reminder (its confirmation has just gone out).
    /// </summary>
    public TimeSpan ReminderLeadTime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The customer's link to view, move or cancel a booking, with placeholders <c>{tenant}</c> (the slug),
    /// <c>{booking}</c> (the id) and <c>{token}</c> (the manage token; in the fragment it never reaches a server's logs).
    /// Default: none, and e-mails carry no link; BookMeAtOz.AspNetCore derives
    /// <c>https://{tenant}.ROOT/manage/{booking}#token={token}</c> from the first configured root domain other than
    /// <c>localhost</c>.
    /// </summary>
    public string? ManageUrl { get; set; }

    /// <summary>
    /// Where password-reset and invitation links point: an absolute URL to which <c>/reset-password#token=…</c> or
    /// <c>/accept-invitation#token=…</c> is added, with <c>{tenant}</c> standing for the tenant's slug
    /// (<c>https://{tenant}.bookmeatoz.online</c>). Never taken from a request's <c>Host</c> header. Default: none (the
    /// e-mails are not sent); BookMeAtOz.AspNetCore derives <c>https://{tenant}.ROOT</c> from the first configured root
    /// domain other than <c>localhost</c>.
    /// </summary>
    public string? AccountLinkBaseUrl { get; set; }

    /// <summary>
    /// The address named as the organizer of the <c>.ics</c> attached to confirmations and moves. Default: none (no
    /// organizer line); BookMeAtOz.AspNetCore derives <c>noreply@ROOT</c> from the first configured root domain other
    /// than <c>localhost</c>.
    /// </summary>
    public string? OrganizerEmail { get; set; }

    /// <summary>Attempts per e-mail before it is parked as failed. Default 10; 1–100.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// The wait after the first failed attempt; each further failure doubles it (with ±20% jitter), up to
    /// <see cref="RetryMaxDelay"/>. Default 30 seconds; 10 milliseconds to 1 hour.
    /// </summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between attempts. Default 1 hour; at least <see cref="RetryBaseDelay"/>, at most 1 day.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often an idle dispatcher looks for due e-mail. Default 5 seconds; 10 milliseconds to 10 minutes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// E-mails one instance sends for one tenant in a clock hour (UTC); the rest wait, pending, for the next hour. It
    /// bounds what a tenant (or someone booking in its name with other people's addresses) can make the platform send.
    /// Counted per instance. Default 500; 1–1,000,000.
    /// </summary>
    public int MaxEmailsPerTenantPerHour { get; set; } = 500;

    /// <summary>E-mails a dispatcher claims at a time. Default 20; 1–500.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// How long a claimed e-mail stays with its dispatcher; one that dies mid-send gives it back when this passes.
    /// Default 2 minutes; 5 seconds to 1 hour; longer than sending a batch takes.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often the outbox relay looks for events written by other instances (a write on this instance wakes it at
    /// once). Default 1 second; 10 milliseconds to 1 minute.
    /// </summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long delivered outbox events are kept. Default 7 days; 1 hour to 365 days.</summary>
    public TimeSpan OutboxRetention { get; set; } = TimeSpan.FromDays(7);

    internal IEnumerable<string> Validate()
    {
        const string p = "BookMeAtOz__Notifications__";
        if (ReminderLeadTime < TimeSpan.FromMinutes(1) || ReminderLeadTime > TimeSpan.FromDays(30))
        {
            yield return $"{p}ReminderLeadTime must be between 00:01:00 and 30.00:00:00.";
        }

        if (ManageUrl is not null && (string.IsNullOrWhiteSpace(ManageUrl) || !ManageUrl.Contains("{booking}", StringComparison.Ordinal)
            || !Uri.TryCreate(ManageUrl.Replace("{tenant}", "t", StringComparison.Ordinal).Replace("{booking}", "b", StringComparison.Ordinal)
                .Replace("{token}", "x", StringComparison.Ordinal), UriKind.Absolute, out _)))
        {
            yield return $"{p}ManageUrl must be an absolute URL containing {{booking}} (and usually {{tenant}} and {{token}}).";
        }

        if (AccountLinkBaseUrl is not null && (string.IsNullOrWhiteSpace(AccountLinkBaseUrl)
            || !Uri.TryCreate(AccountLinkBaseUrl.Replace("{tenant}", "t", StringComparison.Ordinal), UriKind.Absolute, out var accountUri)
            || accountUri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(accountUri.Query) || !string.IsNullOrEmpty(accountUri.Fragment)))
        {
            yield return $"{p}AccountLinkBaseUrl must be an absolute http(s) URL without query or fragment (usually with {{tenant}}).";
        }

        if (OrganizerEmail is not null && (OrganizerEmail.Length > 254 || OrganizerEmail.Count(c => c == '@') != 1 || OrganizerEmail.Any(c => char.IsControl(c) || c is ' ' or '"' or ':' or ';')))
        {
            yield return $"{p}OrganizerEmail must be an e-mail address.";
        }

        if (MaxAttempts is < 1 or > 100)
        {
            yield return $"{p}MaxAttempts must be between 1 and 100.";
        }

        if (RetryBaseDelay < TimeSpan.FromMilliseconds(10) || RetryBaseDelay > TimeSpan.FromHours(1))
        {
            yield return $"{p}RetryBaseDelay must be between 00:00:00.010 and 01:00:00.";
        }

        if (RetryMaxDelay < RetryBaseDelay || RetryMaxDelay > TimeSpan.FromDays(1))
        {
            yield return $"{p}RetryMaxDelay must be at least RetryBaseDelay and at most 1.00:00:00.";
        }

        if (PollInterval < TimeSpan.FromMilliseconds(10) || PollInterval > TimeSpan.FromMinutes(10))
        {
            yield return $"{p}PollInterval must be between 00:00:00.010 and 00:10:00.";
        }

        if (MaxEmailsPerTenantPerHour is < 1 or > 1_000_000)
        {
            yield return $"{p}MaxEmailsPerTenantPerHour must be between 1 and 1000000.";
        }

        if (BatchSize is < 1 or > 500)
        {
            yield return $"{p}BatchSize must be between 1 and 500.";
        }

        if (ClaimLease < TimeSpan.FromSeconds(5) || ClaimLease > TimeSpan.FromHours(1))
        {
            yield return $"{p}ClaimLease must be between 00:00:05 and 01:00:00.";
        }

        if (OutboxPollInterval < TimeSpan.FromMilliseconds(10) || OutboxPollInterval > TimeSpan.FromMinutes(1))
        {
            yield return $"{p}OutboxPollInterval must be between 00:00:00.010 and 00:01:00.";
        }

        if (OutboxRetention < TimeSpan.FromHours(1) || OutboxRetention > TimeSpan.FromDays(365))
        {
            yield return $"{p}OutboxRetention must be between 01:00:00 and 365.00:00:00.";
        }
    }
}
