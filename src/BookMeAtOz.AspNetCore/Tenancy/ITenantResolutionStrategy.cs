using Microsoft.AspNetCore.Http;

namespace BookMeAtOz.AspNetCore;

/// <summary>
/// One way of telling which tenant a request is for (Finbuckle's shape): returns the tenant's slug, or null when the
/// request does not say, so that the next strategy is asked. Configure the list with
/// <c>WithTenantResolution(t =&gt; t.WithRouteStrategy().WithHeaderStrategy())</c>.
/// </summary>
public interface ITenantResolutionStrategy
{
    /// <summary>The tenant's slug this request names, or null.</summary>
    /// <param name="context">The request (BookMeAtOz's own authentication has not run yet).</param>
    ValueTask<string?> ResolveAsync(HttpContext context);
}
