using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BookMeAtOz.Notifications;

/// <summary>Sends e-mail. One dispatcher uses one sender at a time.</summary>
internal interface IEmailSender
{
    /// <summary>Hands the message to the mail server; returns when the server accepted it.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);

    /// <summary>Lets go of any open connection (the dispatcher is idle).</summary>
    Task IdleAsync(CancellationToken cancellationToken);
}

/// <summary>
/// MailKit over SMTP (<see cref="SmtpOptions"/>): one connection, opened on the first message and kept while there is
/// mail to send, so a batch costs one handshake; closed when the dispatcher goes idle.
/// </summary>
internal sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : IEmailSender, IDisposable
{
    private readonly SmtpClient _client = new();

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
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

    public async Task IdleAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            await DisconnectQuietlyAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _client.Dispose();

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
