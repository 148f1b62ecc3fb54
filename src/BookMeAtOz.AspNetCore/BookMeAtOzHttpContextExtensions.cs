using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Caching;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Http;

/// <summary>What BookMeAtOz knows about a request, for the host's logging and telemetry.</summary>
public static class BookMeAtOzHttpContextExtensions
{
    /// <summary>The id of the tenant BookMeAtOz resolved for this request, or null (not a tenant route, or not resolved).</summary>
    public static Guid? GetBookMeAtOzTenantId(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetTenant()?.Id;
    }

    /// <summary>The id of the BookMeAtOz user who made this request, or null (anonymous, or not a BookMeAtOz route).</summary>
    public static Guid? GetBookMeAtOzUserId(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.UserId();
    }

    /// <summary>
    /// The tenant this request names (its subdomain or <c>X-Tenant</c> header, by the configured strategies), on any
    /// address, not only BookMeAtOz's routes: for the host's own pages, for example to send a tenant's
    /// <see cref="Tenant.EmbedOrigins"/> as their CSP <c>frame-ancestors</c>. Null when it names none, the tenant does
    /// not exist, or BookMeAtOz is not registered. Read through the tenant cache.
    /// </summary>
    public static async ValueTask<Tenant?> FindBookMeAtOzTenantAsync(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetTenant() is { } resolved)
        {
            return resolved;
        }

        var resolver = context.RequestServices.GetService<TenantResolver>();
        var tenants = context.RequestServices.GetService<CatalogCache>();
        if (resolver is null || tenants is null || await resolver.ResolveAsync(context).ConfigureAwait(false) is not { } slug)
        {
            return null;
        }

        return await tenants.FindTenantBySlugAsync(slug, context.RequestAborted).ConfigureAwait(false);
    }
}
