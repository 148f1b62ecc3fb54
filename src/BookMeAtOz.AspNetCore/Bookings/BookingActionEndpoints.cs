using System.Security.Claims;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Bookings;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BookMeAtOz.AspNetCore.Bookings;

/// <summary>
/// The business's decisions on one booking (SPEC §9.2, §9.6): <c>approve</c> and <c>decline</c> a pending booking (owners
/// and admins), mark a confirmed booking whose start has passed <c>no-show</c> (admins and the booking's staff member).
/// Each answers <c>200</c> with the booking; a status that doesn't allow it answers <c>409 invalid_transition</c>.
/// </summary>
internal static class BookingActionEndpoints
{
    public static void Map(RouteGroupBuilder one)
    {
        one.MapPost("/approve", ApproveAsync).WithName("ApproveBooking")
            .WithSummary("Approves a pending booking: it becomes confirmed (owners and admins).")
            .RequireBookMeAtOzPolicy(Caller.AdminPolicy)
            .ProducesProblem(StatusCodes.Status409Conflict);
        one.MapPost("/decline", DeclineAsync).WithName("DeclineBooking")
            .WithSummary("Declines a pending booking, freeing its time at once (owners and admins).")
            .RequireBookMeAtOzPolicy(Caller.AdminPolicy)
            .ProducesProblem(StatusCodes.Status409Conflict);
        one.MapPost("/no-show", NoShowAsync).WithName("MarkBookingNoShow")
            .WithSummary("Marks a confirmed booking whose start has passed a no-show (admins and its staff member).")
            .RequireBookMeAtOzPolicy(Caller.StaffPolicy)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<ApiOk<BookingResponse>> ApproveAsync(
        RequestTenant tenant, Guid id, BookingService bookings, CancellationToken cancellationToken)
    {
        var booking = await bookings.ApproveBookingAsync(tenant.Id, id, cancellationToken);
        return ApiResults.Ok(BookingMapping.ToResponse(booking, new Zoned(tenant.Tenant.TimeZone)));
    }

    private static async Task<ApiOk<BookingResponse>> DeclineAsync(
        RequestTenant tenant, Guid id, JsonBody<DeclineBookingRequest>? body, BookingService bookings, CancellationToken cancellationToken)
    {
        var booking = await bookings.DeclineBookingAsync(tenant.Id, id, body?.Value.Reason, cancellationToken);
        return ApiResults.Ok(BookingMapping.ToResponse(booking, new Zoned(tenant.Tenant.TimeZone)));
    }

    private static async Task<ApiOk<BookingResponse>> NoShowAsync(
        RequestTenant tenant, Guid id, ClaimsPrincipal caller, BookingService bookings, CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin())
        {
            // A staff member marks only their own bookings (a user without a staff link has none).
            var booking = await bookings.GetBookingAsync(tenant.Id, id, cancellationToken);
            if (!caller.IsAdminOrStaffMember(booking.StaffId))
            {
                throw ApiProblemException.Forbidden("Staff may mark only their own bookings.");
            }
        }

        var marked = await bookings.MarkNoShowAsync(tenant.Id, id, cancellationToken);
        return ApiResults.Ok(BookingMapping.ToResponse(marked, new Zoned(tenant.Tenant.TimeZone)));
    }
}
