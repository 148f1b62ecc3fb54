using System.Net;
using System.Net.Sockets;
using BookMeAtOz.Calendars;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.CalDav.Internals;

/// <summary>
/// The one HTTP client of the sync (pooled connections for every calendar). Unless private addresses are allowed, it
/// connects only to public addresses, checked at connect time against the address actually dialled (DNS rebinding).
/// </summary>
internal sealed class CalDavHttp : IDisposable
{
    public CalDavHttp(IOptions<CalendarSyncOptions> options)
    {
        var settings = options.Value;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseCookies = false,
            Credentials = null,
            PreAuthenticate = false,
        };
        if (!settings.AllowPrivateAddresses)
        {
            handler.ConnectCallback = ConnectPublicAsync;
        }

        Client = new HttpClient(handler) { Timeout = settings.RequestTimeout };
        Client.DefaultRequestHeaders.UserAgent.ParseAdd("BookMeAtOz-CalDav/1");
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();

    private static async ValueTask<Stream> ConnectPublicAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(a => !CalendarConnectionService.IsPrivateAddress(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new CalDavException("The calendar's host resolves to a private, loopback or link-local address, which is not allowed.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
