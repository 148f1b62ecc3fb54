using BookMeAtOz.Contracts;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Client.Internals;

/// <summary>Names the configured tenant on every request: in the <c>X-Tenant</c> header or as the host's subdomain.</summary>
internal sealed class TenantHandler(IOptions<BookMeAtOzClientOptions> options) : DelegatingHandler
{
    private readonly BookMeAtOzClientOptions _options = options.Value;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_options.Tenant is { Length: > 0 } tenant)
        {
            if (_options.TenantAddressing == TenantAddressing.Subdomain)
            {
                request.RequestUri = WithSubdomain(request.RequestUri, tenant);
            }
            else
            {
                request.Headers.Remove(BookMeAtOzHeaders.Tenant);
                request.Headers.TryAddWithoutValidation(BookMeAtOzHeaders.Tenant, tenant);
            }
        }

        return base.SendAsync(request, cancellationToken);
    }

    internal static Uri? WithSubdomain(Uri? uri, string tenant)
    {
        if (uri is not { IsAbsoluteUri: true } || uri.Host.StartsWith(tenant + ".", StringComparison.OrdinalIgnoreCase))
        {
            return uri;
        }

        return new UriBuilder(uri) { Host = tenant + "." + uri.Host }.Uri;
    }
}
