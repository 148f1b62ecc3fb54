namespace BookMeAtOz.Notifications;

/// <summary>A mailbox: an address with an optional display name.</summary>
/// <param name="DisplayName">The name shown, or null.</param>
/// <param name="Address">The address (<c>local@domain</c>).</param>
public sealed record EmailAddress(string? DisplayName, string Address);

/// <summary>A file attached to an e-mail.</summary>
/// <param name="FileName">The file name (<c>booking.ics</c>).</param>
/// <param name="MediaType">The media type (<c>text/calendar</c>).</param>
/// <param name="Content">The bytes.</param>
public sealed record EmailAttachment(string FileName, string MediaType, ReadOnlyMemory<byte> Content)
{
    /// <summary>Parameters of the media type (<c>charset</c>, a calendar's <c>method</c>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// A booking e-mail, written by BookMeAtOz and handed to an <see cref="IEmailSender"/>. It carries no sender address:
/// the sender knows which address it may send from, and shows <see cref="SenderName"/> (the business) with it.
/// </summary>
/// <param name="Id">The notification's id: the same on every retry, so a sender can make it the Message-ID.</param>
/// <param name="SenderName">The display name to send as (the tenant's name).</param>
/// <param name="To">The customer.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="TextBody">The plain-text body.</param>
/// <param name="HtmlBody">The HTML body (the same content).</param>
/// <param name="Date">When it was written.</param>
/// <param name="Attachments">Attached files (the booking as <c>.ics</c>).</param>
/// <param name="Headers">Extra headers (<c>Auto-Submitted</c>, the notification id).</param>
public sealed record EmailMessage(
    Guid Id,
    string SenderName,
    EmailAddress To,
    string Subject,
    string TextBody,
    string? HtmlBody,
    DateTimeOffset Date,
    IReadOnlyList<EmailAttachment> Attachments,
    IReadOnlyDictionary<string, string> Headers);
