using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Bookings;
using BookMeAtOz.AspNetCore.Catalog;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.Notifications;
using BookMeAtOz.AspNetCore.RealTime;
using BookMeAtOz.AspNetCore.Observability;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Puts the HTTP API v1 into an ASP.NET Core application.</summary>
public static class BookMeAtOzApplicationExtensions
{
    /// <summary>
    /// Adds the API's middleware in order: forwarded headers (trusted proxies only), request logging (when
    /// <c>AddBookMeAtOzLogging</c> was called), problems for exceptions and bare error statuses, the body size
    /// limit, routing, tenant resolution, authentication, the token's tenant check, rate limiting and
    /// authorization. Call it before <see cref="MapBookMeAtOz"/> and before any other routing middleware.
    /// </summary>
    public static IApplicationBuilder UseBookMeAtOz(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        if (app.ApplicationServices.GetService<Serilog.IDiagnosticContext>() is not null)
        {
            // Outside the exception handler, so it logs the status the client really got.
            app.UseBookMeAtOzRequestLogging();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages(context =>
        {
            var status = context.HttpContext.Response.StatusCode;
            return Problems.WriteAsync(context.HttpContext, status, Problems.CodeFor(status), Problems.DetailFor(status));
        });
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseRouting();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<CallerMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Maps every route of the API under <c>/api/v1</c>, plus the real-time hub <c>/hubs/availability</c>,
    /// <c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c> and <c>/openapi/v1.json</c>.
    /// </summary>
    /// <returns>The <c>/api/v1</c> route group, for further conventions.</returns>
    public static RouteGroupBuilder MapBookMeAtOz(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/v1");
        TenantEndpoints.Map(api);
        AuthEndpoints.Map(api);
        ServiceEndpoints.Map(api);
        StaffEndpoints.Map(api);
        BookingEndpoints.Map(api);
        NotificationEndpoints.Map(api);
        endpoints.MapHub<AvailabilityHub>(RealTimeNames.HubPath).RequireTenant().ExcludeFromDescription();

        HealthEndpoints.Map(endpoints);
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        endpoints.MapOpenApi();
        return api;
    }
}
