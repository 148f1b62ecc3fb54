using System.Net;
using System.Net.Sockets;
using BookMeAtOz.Validation;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Webhooks;

/// <summary>
/// Keeps webhooks off private networks (SSRF). A subscription's URL is checked when it is saved, and every connection
/// a delivery opens resolves the name itself and connects to an address it has just checked: a name that resolves
/// to a public address when saved and to <c>127.0.0.1</c> later (DNS rebinding) reaches nothing.
/// </summary>
internal sealed class WebhookTargetGuard(IOptions<WebhookOptions> options, Func<string, CancellationToken, Task<IPAddress[]>>? resolver = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve = resolver ?? Dns.GetHostAddressesAsync;

    private bool AllowPrivate => options.Value.AllowPrivateTargets;

    /// <summary>Checks a URL a caller wants to subscribe (field errors under <paramref name="field"/>).</summary>
    public async Task ValidateAsync(string? url, string field, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            errors.Add(field, "Is required.");
            return;
        }

        if (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            errors.Add(field, "Must be an absolute http or https URL of at most 2000 characters, without user information or fragment.");
            return;
        }

        if (AllowPrivate)
        {
            return;
        }

        var host = uri.IdnHost;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(field, "Must not be a private, loopback or link-local address.");
            return;
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                addresses = await _resolve(host, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not resolvable now: accepted, and checked again at every delivery.
                return;
            }
        }

        if (addresses.Any(IsPrivate))
        {
            errors.Add(field, "Must not be a private, loopback or link-local address.");
        }
    }

    /// <summary>
    /// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the delivery client: resolves, drops every address it
    /// may not reach, and connects to the first remaining one that answers.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await _resolve(host, cancellationToken).ConfigureAwait(false);
        var allowed = AllowPrivate ? addresses : [.. addresses.Where(a => !IsPrivate(a))];
        if (allowed.Length == 0)
        {
            throw new WebhookTargetRefusedException(addresses.Length == 0
                ? "The webhook's host did not resolve."
                : "The webhook's host resolves to a private, loopback or link-local address, which is refused.");
        }

        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    /// <summary>Whether <paramref name="address"/> is loopback, private, link-local, shared (CGNAT), multicast, reserved or unspecified.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] is >= 64 and <= 127,
                169 => b[1] == 254,
                172 => b[1] is >= 16 and <= 31,
                192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99),
                198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),
                203 => b[1] == 0 && b[2] == 113,
                >= 224 => true,
                _ => false,
            };
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC // fc00::/7 unique local
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // 2001:db8::/32 documentation
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) // 64:ff9b::/96 NAT64 can reach anything
                || address.IsIPv4MappedToIPv6;
        }

        return true;
    }
}

/// <summary>A delivery refused before connecting: its target is not allowed.</summary>
internal sealed class WebhookTargetRefusedException(string message) : HttpRequestException(message);
