using BookMeAtOz.AspNetCore.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.AspNetCore;

/// <summary>
/// The tenant resolution strategies, in the order they are tried (the first slug found wins). Without
/// <c>WithTenantResolution</c>, the host's subdomain then the <c>X-Tenant</c> header are used.
/// </summary>
public sealed class TenantResolutionBuilder
{
    private readonly List<Func<IServiceProvider, ITenantResolutionStrategy>> _strategies = [];

    internal TenantStrategyList Build() => new([.. _strategies]);

    /// <summary>The one-label subdomain of a root domain of <c>BookMeAtOz:Tenancy:RootDomains</c> (<c>acme.bookmeatoz.online</c>).</summary>
    public TenantResolutionBuilder WithHostStrategy() => Add(sp => ActivatorUtilities.CreateInstance<HostTenantStrategy>(sp));

    /// <summary>A request header.</summary>
    /// <param name="headerName">The header; default <c>X-Tenant</c>.</param>
    public TenantResolutionBuilder WithHeaderStrategy(string headerName = TenantResolver.HeaderName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(headerName);
        return Add(_ => new HeaderTenantStrategy(headerName));
    }

    /// <summary>A route value of the prefix BookMeAtOz is mapped under (<c>MapBookMeAtOz("/t/{tenant}/api/v1")</c>).</summary>
    /// <param name="routeValueName">The route value; default <c>tenant</c>.</param>
    public TenantResolutionBuilder WithRouteStrategy(string routeValueName = "tenant")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(routeValueName);
        return Add(_ => new RouteTenantStrategy(routeValueName));
    }

    /// <summary>A claim of the host's signed-in user, for apps whose users each belong to one tenant.</summary>
    /// <param name="claimType">The claim holding the tenant's slug.</param>
    /// <param name="authenticationScheme">The scheme to authenticate with; default: the user the host's authentication set.</param>
    public TenantResolutionBuilder WithClaimStrategy(string claimType, string? authenticationScheme = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claimType);
        return Add(_ => new ClaimTenantStrategy(claimType, authenticationScheme));
    }

    /// <summary>A function of yours.</summary>
    /// <param name="resolve">Returns the slug, or null.</param>
    public TenantResolutionBuilder WithDelegateStrategy(Func<HttpContext, ValueTask<string?>> resolve)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        return Add(_ => new DelegateTenantStrategy(resolve));
    }

    /// <summary>A strategy class of yours, created from the container.</summary>
    /// <typeparam name="TStrategy">The strategy.</typeparam>
    public TenantResolutionBuilder WithStrategy<TStrategy>()
        where TStrategy : class, ITenantResolutionStrategy =>
        Add(sp => ActivatorUtilities.GetServiceOrCreateInstance<TStrategy>(sp));

    private TenantResolutionBuilder Add(Func<IServiceProvider, ITenantResolutionStrategy> strategy)
    {
        _strategies.Add(strategy);
        return this;
    }
}
