using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.RateLimiting;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Bookings;
using BookMeAtOz.Contracts;
using BookMeAtOz.Waitlist;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BookMeAtOz.AspNetCore.Bookings;

/// <summary>
/// <c>/waitlist</c> (product specification §10.4): anyone joins (rate limited like bookings) and leaves with the entry's
/// leave token; admins list the tenant's waitlist. A wrong token answers 404, like an unknown entry.
/// </summary>
internal static class WaitlistEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/waitlist").WithTags("Waitlist").RequireTenant();
        group.MapPost("/", JoinAsync).WithName("JoinWaitlist")
            .WithSummary("Joins a service's waitlist for a range of local dates; the answer's leaveToken (shown only here) leaves it.")
            .AllowAnonymous().RequireApiKeyAccess(ApiKeyAccess.Bookings)
            .RequireBookMeAtOzRateLimit(RateLimitPolicies.Bookings)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapDelete("/{id:guid}", LeaveAsync).WithName("LeaveWaitlist")
            .WithSummary("Leaves the waitlist with the entry's X-Leave-Token (an open offer's hold is released); a wrong token answers 404.")
            .AllowAnonymous().RequireApiKeyAccess(ApiKeyAccess.Bookings)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync).WithName("ListWaitlist")
            .WithSummary("The tenant's waitlist in join order, filtered by service and status; paged.")
            .RequireBookMeAtOzPolicy(Caller.AdminPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<ApiCreated<WaitlistJoinedResponse>> JoinAsync(
        RequestTenant tenant, JsonBody<Contracts.JoinWaitlistRequest> body, WaitlistService waitlist, CancellationToken cancellationToken)
    {
        var b = body.Value;
        var customer = b.Customer is null ? null : new Customer(b.Customer.Name ?? string.Empty, b.Customer.Email ?? string.Empty, b.Customer.Phone);
        var (entry, token) = await waitlist.JoinAsync(tenant.Id,
            new BookMeAtOz.Waitlist.JoinWaitlistRequest(b.ServiceId ?? Guid.Empty, b.From, b.To, b.StaffId, customer), cancellationToken);
        return ApiResults.Created($"~/waitlist/{entry.Id}", new WaitlistJoinedResponse(entry.Id, token));
    }

    private static async Task<NoContent> LeaveAsync(
        RequestTenant tenant, Guid id, [FromHeader(Name = BookMeAtOzHeaders.LeaveToken)] string? leaveToken, WaitlistService waitlist,
        CancellationToken cancellationToken)
    {
        if (!await waitlist.LeaveAsync(tenant.Id, id, leaveToken, cancellationToken))
        {
            throw new NotFoundException("waitlist entry");
        }

        return TypedResults.NoContent();
    }

    private static async Task<ApiOk<PageResponse<WaitlistEntryResponse>>> ListAsync(
        RequestTenant tenant, string? serviceId, string? status, string? cursor, string? limit, WaitlistService waitlist, CancellationToken cancellationToken)
    {
        var query = new QueryReader();
        var size = query.Int("limit", limit, 1, 200) ?? 50;
        var service = query.Guid("serviceId", serviceId);
        var after = query.Guid("cursor", cursor);
        query.Errors.Require(status is null || WaitlistStatuses.IsKnown(status), "status", "Must be waiting, offered, booked, expired or left.");
        query.Errors.ThrowIfAny();

        var items = await waitlist.ListAsync(new WaitlistQuery(tenant.Id, service, status, after, size + 1), cancellationToken);
        var zone = new Zoned(tenant.Tenant.TimeZone);
        var page = items.Take(size).Select(e => new WaitlistEntryResponse(
            e.Id, e.ServiceId, e.StaffId, e.From, e.To, new CustomerDto(e.Customer.Name, e.Customer.Email, e.Customer.Phone), e.Status,
            zone.Show(e.CreatedAt), e.HoldId, e.OfferStart is { } s ? zone.Show(s) : null, e.OfferExpiresAt is { } x ? zone.Show(x) : null)).ToList();
        return ApiResults.Ok(new PageResponse<WaitlistEntryResponse>(page, items.Count > size ? items[size - 1].Id.ToString() : null));
    }
}
