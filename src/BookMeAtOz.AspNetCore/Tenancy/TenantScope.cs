using System.Reflection;
using BookMeAtOz.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BookMeAtOz.AspNetCore.Tenancy;

/// <summary>Marks an endpoint as tenant-scoped: the request must name an existing tenant.</summary>
internal sealed class TenantScopedMetadata
{
    public static readonly TenantScopedMetadata Instance = new();
}

/// <summary>The tenant resolved for this request.</summary>
internal sealed class TenantFeature(Tenant tenant)
{
    public Tenant Tenant { get; } = tenant;
}

/// <summary>A handler parameter that receives the request's resolved tenant.</summary>
internal sealed class RequestTenant(Tenant tenant)
{
    public Tenant Tenant { get; } = tenant;

    public Guid Id => Tenant.Id;

    public static ValueTask<RequestTenant?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var feature = context.Features.Get<TenantFeature>()
            ?? throw new InvalidOperationException("No tenant was resolved: the endpoint is missing RequireTenant().");
        return ValueTask.FromResult<RequestTenant?>(new RequestTenant(feature.Tenant));
    }
}

internal static class TenantScopeExtensions
{
    /// <summary>Makes the endpoints tenant-scoped (resolved by <see cref="TenantResolutionMiddleware"/>).</summary>
    public static TBuilder RequireTenant<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(TenantScopedMetadata.Instance);

    public static Tenant? GetTenant(this HttpContext context) => context.Features.Get<TenantFeature>()?.Tenant;
}
