namespace BookMeAtOz.MailKit;

/// <summary>
/// The mail server booking e-mails go through, bound from <c>BookMeAtOz:Smtp</c> (<c>BookMeAtOz__Smtp__Host</c> and
/// so on) and validated at start-up (explicit settings given to <c>WithSmtp</c> override configuration). Without a
/// <see cref="Host"/>, e-mail is off: the dispatcher says so in the log and leaves the queue alone, so nothing is lost
/// when a server is configured later.
/// </summary>
public sealed class SmtpOptions
{
    /// <summary>The configuration section: <c>BookMeAtOz:Smtp</c>.</summary>
    public const string SectionName = "BookMeAtOz:Smtp";

    /// <summary>The mail server's host name or address. Default: none (e-mail off).</summary>
    public string? Host { get; set; }

    /// <summary>Its port. Default 587 (submission); 1–65535.</summary>
    public int Port { get; set; } = 587;

    /// <summary>The user to authenticate as; none = no authentication. Needs <see cref="Password"/>.</summary>
    public string? Username { get; set; }

    /// <summary>The password of <see cref="Username"/>. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The sender, for example <c>BookMeAtOz &lt;bookings@example.com&gt;</c>; required with a host. Mail goes out with the tenant's name as display name and this address.</summary>
    public string? From { get; set; }

    /// <summary>
    /// Whether to upgrade the connection with STARTTLS (required: a server that does not offer it is refused). Default
    /// true. Turn it off only for a server on loopback or a trusted network.
    /// </summary>
    public bool UseStartTls { get; set; } = true;

    /// <summary>How long one SMTP operation may take. Default 30 seconds; 1 second to 5 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether a mail server is configured (e-mail is on).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    internal IEnumerable<string> Validate()
    {
        const string p = "BookMeAtOz__Smtp__";
        if (!IsConfigured)
        {
            yield break;
        }

        if (Uri.CheckHostName(Host) == UriHostNameType.Unknown)
        {
            yield return $"{p}Host '{Host}' is not a host name or IP address.";
        }

        if (Port is < 1 or > 65535)
        {
            yield return $"{p}Port must be between 1 and 65535.";
        }

        if (string.IsNullOrWhiteSpace(From))
        {
            yield return $"{p}From is required when {p}Host is set (for example 'Bookings <bookings@example.com>').";
        }
        else if (!MimeKit.MailboxAddress.TryParse(From, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            yield return $"{p}From is not an e-mail address (for example 'Bookings <bookings@example.com>').";
        }

        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return $"{p}Username and {p}Password must be set together.";
        }

        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromMinutes(5))
        {
            yield return $"{p}Timeout must be between 00:00:01 and 00:05:00.";
        }
    }
}
