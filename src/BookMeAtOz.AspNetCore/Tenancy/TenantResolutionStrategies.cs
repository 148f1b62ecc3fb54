using System.Security.Claims;
using BookMeAtOz.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.AspNetCore.Tenancy;

/// <summary>The one-label subdomain of a configured root domain (<c>acme.bookmeatoz.online</c> → <c>acme</c>).</summary>
internal sealed class HostTenantStrategy(IOptions<BookMeAtOzApiOptions> options) : ITenantResolutionStrategy
{
    private readonly IReadOnlyList<string> _roots = options.Value.Tenancy.RootDomainList;

    public ValueTask<string?> ResolveAsync(HttpContext context) => ValueTask.FromResult(FromHost(context.Request.Host.Host));

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
}

/// <summary>A request header (<c>X-Tenant: acme</c>).</summary>
internal sealed class HeaderTenantStrategy(string headerName) : ITenantResolutionStrategy
{
    public ValueTask<string?> ResolveAsync(HttpContext context) =>
        ValueTask.FromResult<string?>(context.Request.Headers[headerName].ToString() is { Length: > 0 } value ? value : null);
}

/// <summary>A route value of the route BookMeAtOz was mapped under (<c>/t/{tenant}/api/v1</c>).</summary>
internal sealed class RouteTenantStrategy(string routeValueName) : ITenantResolutionStrategy
{
    public ValueTask<string?> ResolveAsync(HttpContext context) =>
        ValueTask.FromResult(context.GetRouteValue(routeValueName)?.ToString());
}

/// <summary>A claim of the host's signed-in user (or of one authentication scheme's), for apps whose users belong to one tenant.</summary>
internal sealed class ClaimTenantStrategy(string claimType, string? authenticationScheme) : ITenantResolutionStrategy
{
    public async ValueTask<string?> ResolveAsync(HttpContext context)
    {
        ClaimsPrincipal? user = context.User;
        if (authenticationScheme is not null)
        {
            var result = await context.AuthenticateAsync(authenticationScheme);
            user = result.Succeeded ? result.Principal : null;
        }

        return user?.FindFirst(claimType)?.Value;
    }
}

/// <summary>A function of the host's.</summary>
internal sealed class DelegateTenantStrategy(Func<HttpContext, ValueTask<string?>> resolve) : ITenantResolutionStrategy
{
    public ValueTask<string?> ResolveAsync(HttpContext context) => resolve(context);
}

/// <summary>The strategies, in the order they are tried.</summary>
internal sealed class TenantStrategyList(IReadOnlyList<Func<IServiceProvider, ITenantResolutionStrategy>> factories)
{
    public IReadOnlyList<Func<IServiceProvider, ITenantResolutionStrategy>> Factories => factories;

    /// <summary>The default: the host's subdomain, then the <c>X-Tenant</c> header.</summary>
    public static TenantStrategyList Default { get; } = new(
    [
        sp => ActivatorUtilities.CreateInstance<HostTenantStrategy>(sp),
        _ => new HeaderTenantStrategy(TenantResolver.HeaderName),
    ]);
}
