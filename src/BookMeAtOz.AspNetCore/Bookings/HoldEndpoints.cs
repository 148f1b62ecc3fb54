using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.RateLimiting;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Bookings;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Core = BookMeAtOz.Bookings;

namespace BookMeAtOz.AspNetCore.Bookings;

/// <summary><c>POST /holds</c> and <c>DELETE /holds/{id}</c> (SPEC §9.1): anonymous, rate limited per client address.</summary>
internal static class HoldEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/holds").WithTags("Holds").RequireTenant().AllowAnonymous().RequireApiKeyAccess(ApiKeyAccess.Bookings)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateHold")
            .WithSummary("Holds an offered slot for the policy's holdMinutes; book it with holdId, or release it.")
            .RequireBookMeAtOzRateLimit(RateLimitPolicies.Holds)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapDelete("/{id:guid}", ReleaseAsync).WithName("ReleaseHold")
            .WithSummary("Releases a hold at once; idempotent (an unknown, lapsed or booked hold answers 204 too).");
    }

    private static async Task<ApiCreated<HoldResponse>> CreateAsync(
        RequestTenant tenant, JsonBody<Contracts.CreateHoldRequest> body, BookingService bookings, CancellationToken cancellationToken)
    {
        var request = new Core.CreateHoldRequest(body.Value.ServiceId ?? Guid.Empty, body.Value.Start ?? default, body.Value.StaffId);
        var hold = await bookings.CreateHoldAsync(tenant.Id, request, cancellationToken);
        var zone = new Zoned(tenant.Tenant.TimeZone);
        return ApiResults.Created($"~/holds/{hold.Id}",
            new HoldResponse(hold.Id, zone.Show(hold.Start), zone.Show(hold.End), hold.StaffId, zone.Show(hold.ExpiresAt!.Value)) { StaffIds = [.. hold.AssignedStaffIds] });
    }

    private static async Task<NoContent> ReleaseAsync(RequestTenant tenant, Guid id, BookingService bookings, CancellationToken cancellationToken)
    {
        await bookings.ReleaseHoldAsync(tenant.Id, id, cancellationToken);
        return TypedResults.NoContent();
    }
}
