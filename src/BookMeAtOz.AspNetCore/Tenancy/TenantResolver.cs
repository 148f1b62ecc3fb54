using Microsoft.AspNetCore.Http;

namespace BookMeAtOz.AspNetCore.Tenancy;

/// <summary>
/// Finds the tenant slug a request names by asking the configured strategies in order; the first answer wins. By
/// default: the one-label subdomain of a configured root domain in its <c>Host</c> (which the host's forwarded-headers
/// middleware has replaced with <c>X-Forwarded-Host</c> when the request came through a trusted proxy), else the
/// <c>X-Tenant</c> header.
/// </summary>
internal sealed class TenantResolver(IServiceProvider services, TenantStrategyList strategies)
{
    public const string HeaderName = "X-Tenant";

    private readonly ITenantResolutionStrategy[] _strategies = [.. strategies.Factories.Select(f => f(services))];

    public async ValueTask<string?> ResolveAsync(HttpContext context)
    {
        foreach (var strategy in _strategies)
        {
            if (await strategy.ResolveAsync(context) is { } slug && !string.IsNullOrWhiteSpace(slug))
            {
                return slug.Trim().ToLowerInvariant();
            }
        }

        return null;
    }
}
