using BookMeAtOz.AspNetCore;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Bookings;
using BookMeAtOz.AspNetCore.Catalog;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.Notifications;
using BookMeAtOz.AspNetCore.RealTime;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Puts the HTTP API v1 and the real-time hub into an ASP.NET Core application.</summary>
public static class BookMeAtOzApplicationExtensions
{
    /// <summary>The API's default route prefix: <c>/api/v1</c>.</summary>
    public const string DefaultApiPrefix = "/api/v1";

    /// <summary>
    /// Adds BookMeAtOz's request pipeline, which runs only for requests under the paths given to
    /// <see cref="MapBookMeAtOz"/> (matched or not): problems for exceptions and bare error statuses, the body size
    /// limit, tenant resolution, authentication with BookMeAtOz's own scheme, the token's tenant check, BookMeAtOz's
    /// rate limits and its authorization policies. Every other request passes through untouched. Call it after
    /// <c>UseRouting()</c> when the host calls that, and before <c>UseAuthorization()</c>.
    /// </summary>
    public static IApplicationBuilder UseBookMeAtOz(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var routes = app.ApplicationServices.GetRequiredService<BookMeAtOzRoutes>();
        var rateLimits = ApiRateLimiter.Options();
        return app.UseWhen(
            context => context.GetEndpoint()?.Metadata.GetMetadata<BookMeAtOzEndpointMetadata>() is not null || routes.Covers(context.Request.Path),
            branch =>
            {
                branch.UseMiddleware<ApiErrorMiddleware>();
                branch.Use(AnswerUnmatchedAsync);
                branch.UseMiddleware<RequestBodyLimitMiddleware>();
                branch.UseMiddleware<TenantResolutionMiddleware>();
                branch.UseMiddleware<ApiAuthenticationMiddleware>();
                branch.UseMiddleware<CallerMiddleware>();
                branch.UseRateLimiter(rateLimits);
                branch.UseMiddleware<ApiAuthorizationMiddleware>();
            });
    }

    /// <summary>
    /// Under BookMeAtOz's paths but no BookMeAtOz endpoint (no route, or a method the route does not take): answered here
    /// (<c>404</c>/<c>405</c> problems), so the host's authorization and pages never turn it into a sign-in redirect.
    /// The paths given to <see cref="MapBookMeAtOz"/> belong to BookMeAtOz.
    /// </summary>
    private static async Task AnswerUnmatchedAsync(HttpContext context, RequestDelegate next)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<BookMeAtOzEndpointMetadata>() is not null)
        {
            await next(context);
            return;
        }

        if (endpoint?.RequestDelegate is { } answer)
        {
            await answer(context);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    /// <summary>
    /// Maps every route of the API under <paramref name="apiPrefix"/>, the real-time hub at <paramref name="hubPath"/>, and
    /// the staff calendar feeds under <see cref="BookMeAtOzApiOptions.FeedPath"/> (default <c>/feeds</c>). Health, metrics and OpenAPI endpoints are the host's to map (BookMeAtOz offers
    /// <c>AddBookMeAtOzChecks()</c> and <c>WithOpenApi()</c>).
    /// </summary>
    /// <param name="endpoints">The host's endpoints.</param>
    /// <param name="apiPrefix">Where the API lives; default <c>/api/v1</c>.</param>
    /// <param name="hubPath">Where the hub lives; default <c>/hubs/availability</c>.</param>
    /// <returns>The API's route group, for further conventions.</returns>
    public static RouteGroupBuilder MapBookMeAtOz(this IEndpointRouteBuilder endpoints, string apiPrefix = DefaultApiPrefix, string hubPath = RealTimeNames.HubPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiPrefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(hubPath);
        endpoints.ServiceProvider.GetRequiredService<BookMeAtOzRoutes>().Add(apiPrefix, hubPath);
        var marker = new BookMeAtOzEndpointMetadata(apiPrefix.TrimEnd('/'));

        // AllowAnonymous for the framework's authorization: BookMeAtOz enforces its own policies, and a host's fallback
        // policy must not lock customers out of booking.
        var api = endpoints.MapGroup(apiPrefix).WithMetadata(marker).AllowAnonymous();
        TenantEndpoints.Map(api);
        AuthEndpoints.Map(api);
        ServiceEndpoints.Map(api);
        StaffEndpoints.Map(api);
        BookMeAtOz.AspNetCore.Calendars.CalDavEndpoints.Map(api);
        ClosureEndpoints.Map(api);
        ResourceEndpoints.Map(api);
        BookingEndpoints.Map(api);
        SeriesEndpoints.Map(api);
        HoldEndpoints.Map(api);
        BookMeAtOz.AspNetCore.Bookings.WaitlistEndpoints.Map(api);
        NotificationEndpoints.Map(api);
        BookMeAtOz.AspNetCore.Audit.AuditEndpoints.Map(api);
        BookMeAtOz.AspNetCore.Customers.CustomerEndpoints.Map(api);
        TenantDataEndpoints.Map(api);
        BookMeAtOz.AspNetCore.Webhooks.WebhookEndpoints.Map(api);
        ApiKeyEndpoints.Map(api);
        BookMeAtOz.AspNetCore.Calendars.CalendarFeedEndpoints.Map(api);
        var feedPath = endpoints.ServiceProvider.GetRequiredService<IOptions<BookMeAtOzApiOptions>>().Value.FeedPath;
        endpoints.ServiceProvider.GetRequiredService<BookMeAtOzRoutes>().AddFeeds(feedPath);
        BookMeAtOz.AspNetCore.Calendars.CalendarFeedEndpoints.MapFeed(endpoints.MapGroup(feedPath).WithMetadata(marker).AllowAnonymous());
        endpoints.MapHub<AvailabilityHub>(hubPath).WithMetadata(marker).AllowAnonymous().RequireTenant().ExcludeFromDescription()
            .RequireApiKeyAccess(ApiKeyAccess.Read);
        return api;
    }
}
