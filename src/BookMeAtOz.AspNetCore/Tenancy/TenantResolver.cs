using BookMeAtOz.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.AspNetCore.Tenancy;

/// <summary>
/// Finds the tenant slug a request names: the one-label subdomain of a configured root domain in its
/// <c>Host</c> (which the forwarded-headers middleware has already replaced with <c>X-Forwarded-Host</c> when
/// the request came through a trusted proxy), else the <c>X-Tenant</c> header.
/// </summary>
internal sealed class TenantResolver(IOptions<BookMeAtOzApiOptions> options)
{
    public const string HeaderName = "X-Tenant";

    private readonly IReadOnlyList<string> _roots = options.Value.Tenancy.RootDomainList;

    public string? Resolve(HttpRequest request) =>
        FromHost(request.Host.Host) ?? FromHeader(request.Headers[HeaderName].ToString());

    internal string? FromHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        host = host.TrimEnd('.').ToLowerInvariant();
        foreach (var root in _roots)
        {
            if (host.Length > root.Length + 1 && host.EndsWith(root, StringComparison.Ordinal) && host[^(root.Length + 1)] == '.')
            {
                var label = host[..^(root.Length + 1)];
                // www.acme.example is not a tenant, and neither are platform hosts such as api.example.
                return label.Contains('.', StringComparison.Ordinal) || TenantSlug.Reserved.Contains(label) ? null : label;
            }
        }

        return null;
    }

    private static string? FromHeader(string value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();
}
