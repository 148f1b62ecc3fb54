using Microsoft.Net.Http.Headers;

namespace BookMeAtOz.Host;

/// <summary>
/// Who may show the host's answers in a frame. The booking pages of a tenant (its landing page, <c>/embed</c>,
/// <c>/manage/…</c>) may be framed by the sites the tenant lists in its settings (<c>embedOrigins</c>, the embeddable
/// widget): their CSP is <c>frame-ancestors</c> with that list. Everything else (the admin console, the account pages,
/// the apex, the API, the hub, a tenant with no list) is <c>frame-ancestors 'none'</c> with <c>X-Frame-Options: DENY</c>
/// for browsers without CSP. Behind nginx the rest of the CSP comes from <c>deploy/nginx</c>; browsers apply every CSP
/// header they get, so nginx must not add its own <c>frame-ancestors</c> to the booking pages.
/// </summary>
internal static class FrameAncestors
{
    /// <summary>Addresses never framed, whatever the tenant allows: the console, the account pages and the server's own.</summary>
    private static readonly string[] NeverFramed =
        ["/admin", "/reset-password", "/accept-invitation", "/api", "/hubs", .. ManagementOptions.Prefixes];

    public static WebApplication UseFrameAncestors(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var origins = NeverFramed.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
                ? []
                : (await context.FindBookMeAtOzTenantAsync())?.EmbedOrigins ?? [];
            var headers = context.Response.Headers;
            if (origins.Count == 0)
            {
                headers[HeaderNames.ContentSecurityPolicy] = "frame-ancestors 'none'";
                headers[HeaderNames.XFrameOptions] = "DENY";
            }
            else
            {
                // Canonical origins (validated when saved): no spaces, quotes or semicolons that could end the directive.
                headers[HeaderNames.ContentSecurityPolicy] = "frame-ancestors " + string.Join(' ', origins);
            }

            await next(context);
        });
        return app;
    }
}
