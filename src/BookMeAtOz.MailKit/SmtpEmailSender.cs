using System.Net.Sockets;
using BookMeAtOz.Notifications;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BookMeAtOz.MailKit;

/// <summary>
/// MailKit over SMTP (<see cref="SmtpOptions"/>): one connection, opened on the first message and kept while there is
/// mail to send, so a batch costs one handshake; closed when the dispatcher goes idle. Failures leave as
/// <see cref="EmailDeliveryException"/> with a description free of addresses; a 5xx refusal is permanent.
/// </summary>
internal sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : IEmailSender, IDisposable
{
    private readonly SmtpClient _client = new();

    public bool IsEnabled => options.Value.IsConfigured;

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var mime = ToMime(message, options.Value);
        try
        {
            await SendMimeAsync(mime, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Describe(e) is { } description)
        {
            throw new EmailDeliveryException(description, e is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 }, e);
        }
    }

    public async Task IdleAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            await DisconnectQuietlyAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _client.Dispose();

    internal static MimeMessage ToMime(EmailMessage message, SmtpOptions smtp)
    {
        var from = MailboxAddress.Parse(smtp.From!);
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(message.SenderName, from.Address));
        mime.To.Add(new MailboxAddress(message.To.DisplayName, message.To.Address));
        mime.Subject = message.Subject;
        mime.Date = message.Date;
        mime.MessageId = $"{message.Id:N}@{Domain(from.Address)}";
        foreach (var (name, value) in message.Headers)
        {
            mime.Headers.Add(name, value);
        }

        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        foreach (var file in message.Attachments)
        {
            var attachment = body.Attachments.Add(file.FileName, file.Content.ToArray(), ContentType.Parse(file.MediaType));
            foreach (var (name, value) in file.Parameters)
            {
                if (string.Equals(name, "charset", StringComparison.OrdinalIgnoreCase))
                {
                    attachment.ContentType.Charset = value;
                }
                else
                {
                    attachment.ContentType.Parameters.Add(name, value);
                }
            }
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }

    private static string Domain(string address) => address[(address.LastIndexOf('@') + 1)..];

    /// <summary>What went wrong, without the message's addresses or content; null for a failure that is not delivery's.</summary>
    private static string? Describe(Exception e) => e switch
    {
        SmtpCommandException smtp => $"The mail server refused the message: {(int)smtp.StatusCode} ({smtp.ErrorCode}).",
        SmtpProtocolException => "The mail server broke the SMTP protocol.",
        AuthenticationException => "The mail server refused the credentials.",
        SocketException socket => $"The mail server could not be reached: {socket.SocketErrorCode}.",
        IOException or TimeoutException or ServiceNotConnectedException => $"The connection to the mail server failed: {e.GetType().Name}.",
        _ => null,
    };

    private async Task SendMimeAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var reused = _client.IsConnected;
        try
        {
            await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
            await _client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (reused && e is IOException or ServiceNotConnectedException && !cancellationToken.IsCancellationRequested)
        {
            // The server dropped the idle connection (a restart, a timeout) before the message was sent: once more on a
            // fresh one.
            await DisconnectQuietlyAsync().ConfigureAwait(false);
            await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
            await SendOrDropAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DisconnectQuietlyAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task SendOrDropAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DisconnectQuietlyAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            return;
        }

        var smtp = options.Value;
        _client.Timeout = (int)smtp.Timeout.TotalMilliseconds;
        await _client.ConnectAsync(smtp.Host!, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken)
            .ConfigureAwait(false);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await _client.AuthenticateAsync(smtp.Username, smtp.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DisconnectQuietlyAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Closing a connection that is already broken may fail in any way; it is closed either way.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
