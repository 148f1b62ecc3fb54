using System.Security.Claims;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Caching;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.RateLimiting;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Calendars;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace BookMeAtOz.AspNetCore.Calendars;

/// <summary>
/// Staff calendar feeds (product specification §11.3): <c>POST|DELETE /staff/{id}/feed</c> for admins and that staff
/// member, and the feed itself at <c>GET {feedPath}/{token}.ics</c> for anyone with the URL, answering <c>ETag</c> and
/// <c>304</c>. The feed's tenant comes from its token; a request that names a tenant (host or header) must name that one.
/// </summary>
internal static class CalendarFeedEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var own = api.MapGroup("/staff/{id:guid}/feed").WithTags("Staff").RequireTenant()
            .RequireBookMeAtOzPolicy(Caller.StaffPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        own.MapPost("/", IssueAsync).WithName("RotateStaffFeed")
            .WithSummary("Issues the staff member's secret calendar feed URL, replacing the one they had (which stops working at once).");
        own.MapDelete("/", RevokeAsync).WithName("DeleteStaffFeed")
            .WithSummary("Revokes the staff member's calendar feed URL; revoking again changes nothing.");
    }

    public static void MapFeed(RouteGroupBuilder feeds)
    {
        feeds.MapGet("/{token}.ics", GetFeedAsync).WithName("GetStaffFeed").WithTags("Staff")
            .WithSummary("A staff member's bookings as an iCalendar subscription (anyone with the URL); If-None-Match answers 304.")
            .RequireBookMeAtOzRateLimit(RateLimitPolicies.Feeds)
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<ApiOk<CalendarFeedResponse>> IssueAsync(
        RequestTenant tenant, Guid id, ClaimsPrincipal caller, HttpContext http, BookMeAtOzRoutes routes, CalendarFeedService feeds,
        CancellationToken cancellationToken)
    {
        EnsureSelfOrAdmin(caller, id);
        var token = await feeds.IssueAsync(tenant.Id, id, cancellationToken);
        // Served by the host the caller reached this API at (the token names the tenant, so any of its names will do).
        var request = http.Request;
        return ApiResults.Ok(new CalendarFeedResponse($"{request.Scheme}://{request.Host}{request.PathBase}{routes.FeedPath}/{token}.ics"));
    }

    private static async Task<NoContent> RevokeAsync(
        RequestTenant tenant, Guid id, ClaimsPrincipal caller, CalendarFeedService feeds, CancellationToken cancellationToken)
    {
        EnsureSelfOrAdmin(caller, id);
        await feeds.RevokeAsync(tenant.Id, id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GetFeedAsync(
        string token, HttpContext http, CalendarFeedService feeds, TenantResolver resolver, CatalogCache tenants, CancellationToken cancellationToken)
    {
        // One answer for every failure (unknown, revoked, rotated, malformed, another tenant's): nothing to probe.
        var notFound = new ApiProblemException(StatusCodes.Status404NotFound, ApiProblemCodes.NotFound, "There is no such calendar feed.");
        if (CalendarFeedService.TenantOf(token) is not { } tenantId)
        {
            throw notFound;
        }

        if (await resolver.ResolveAsync(http) is { } slug
            && (await tenants.FindTenantBySlugAsync(slug, cancellationToken))?.Id != tenantId)
        {
            throw notFound;
        }

        var feed = await feeds.ReadAsync(token, cancellationToken) ?? throw notFound;
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = new EntityTagHeaderValue(feed.ETag);
        // Each use asks again (cheaply, with If-None-Match): a revoked URL stops working at once, even for a cache.
        headers.CacheControl = new CacheControlHeaderValue { Private = true, NoCache = true };
        var match = http.Request.GetTypedHeaders().IfNoneMatch;
        if (match.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(headers.ETag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Text(feed.Text, "text/calendar; charset=utf-8");
    }

    private static void EnsureSelfOrAdmin(ClaimsPrincipal caller, Guid staffId)
    {
        if (!caller.IsAdminOrStaffMember(staffId))
        {
            throw ApiProblemException.Forbidden("Only admins and this staff member may do this.");
        }
    }
}
