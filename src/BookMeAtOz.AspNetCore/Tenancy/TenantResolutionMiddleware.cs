using BookMeAtOz.AspNetCore.Caching;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BookMeAtOz.AspNetCore.Tenancy;

/// <summary>
/// For tenant-scoped endpoints: resolves the tenant (<c>400 tenant_required</c> when the request names
/// none, <c>404 tenant_not_found</c> when it does not exist) and puts its id on every log line of the request.
/// </summary>
internal sealed class TenantResolutionMiddleware(
    RequestDelegate next, TenantResolver resolver, CatalogCache tenants, ILogger<TenantResolutionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<TenantScopedMetadata>() is null)
        {
            await next(context);
            return;
        }

        var slug = await resolver.ResolveAsync(context);
        if (slug is null)
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, ApiProblemCodes.TenantRequired,
                "Name the tenant with its subdomain (acme.bookmeatoz.online) or the X-Tenant header.");
            return;
        }

        var tenant = await tenants.FindTenantBySlugAsync(slug, context.RequestAborted);
        if (tenant is null)
        {
            await Problems.WriteAsync(context, StatusCodes.Status404NotFound, ApiProblemCodes.TenantNotFound, "There is no such tenant.");
            return;
        }

        context.Features.Set(new TenantFeature(tenant));
        using (logger.BeginScope(new Dictionary<string, object?> { ["TenantId"] = tenant.Id }))
        {
            await next(context);
        }
    }
}
