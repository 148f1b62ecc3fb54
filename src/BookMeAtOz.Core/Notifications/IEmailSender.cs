namespace BookMeAtOz.Notifications;

/// <summary>
/// Sends booking e-mail: the notification channel extension point. BookMeAtOz.MailKit's <c>WithSmtp()</c> registers
/// one that speaks SMTP; register your own (an HTTP mail API, a test double) as a singleton instead. One dispatcher
/// uses one sender at a time. Without a sender, or with one that says <see cref="IsEnabled"/> is false, e-mail is
/// off: notifications stay queued, and nothing is lost when a sender is configured later.
/// </summary>
public interface IEmailSender
{
    /// <summary>Whether this sender is configured to send (an SMTP sender without a host is not).</summary>
    bool IsEnabled { get; }

    /// <summary>Hands the message over; returns when the receiving service accepted it.</summary>
    /// <exception cref="EmailDeliveryException">Delivery failed; <see cref="EmailDeliveryException.IsPermanent"/> says whether a retry can help.</exception>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);

    /// <summary>Lets go of any open connection: the dispatcher has nothing more to send for now.</summary>
    Task IdleAsync(CancellationToken cancellationToken);
}

/// <summary>
/// An e-mail could not be delivered. The message must describe the failure without the e-mail's addresses or content:
/// it is shown to the tenant's admins and logged.
/// </summary>
public sealed class EmailDeliveryException : Exception
{
    /// <summary>A transient failure with no message.</summary>
    public EmailDeliveryException()
    {
    }

    /// <summary>A transient failure.</summary>
    /// <param name="message">What went wrong, without addresses or content.</param>
    public EmailDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>A transient failure with its cause.</summary>
    /// <param name="message">What went wrong, without addresses or content.</param>
    /// <param name="innerException">The cause.</param>
    public EmailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A failure that is permanent or transient.</summary>
    /// <param name="message">What went wrong, without addresses or content.</param>
    /// <param name="isPermanent">True when sending the same message again cannot succeed (the server refused it).</param>
    /// <param name="innerException">The cause, if any.</param>
    public EmailDeliveryException(string message, bool isPermanent, Exception? innerException = null)
        : base(message, innerException)
    {
        IsPermanent = isPermanent;
    }

    /// <summary>Whether sending the same message again cannot succeed: the notification is parked as failed at once.</summary>
    public bool IsPermanent { get; }
}
