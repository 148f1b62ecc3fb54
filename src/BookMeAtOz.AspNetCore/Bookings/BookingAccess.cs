using System.Security.Claims;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.Auth;
using BookMeAtOz.Bookings;

namespace BookMeAtOz.AspNetCore.Bookings;

/// <summary>
/// Who may act on one booking: admins; the staff member it is with; the guest holding its manage token
/// (compared in constant time). Anyone else gets <c>401</c> (nothing presented) or <c>403</c>.
/// </summary>
internal static class BookingAccess
{
    public const string ManageTokenHeader = "X-Manage-Token";

    public static async Task<(Booking Booking, BookingActor Actor)> AuthorizeAsync(
        ClaimsPrincipal caller, string? manageToken, BookingService bookings, Guid tenantId, Guid bookingId, CancellationToken cancellationToken)
    {
        var hasToken = !string.IsNullOrEmpty(manageToken);
        if (!hasToken && !caller.IsSignedIn())
        {
            throw ApiProblemException.Unauthorized("Sign in, or send the booking's manage token in the X-Manage-Token header.");
        }

        var booking = await bookings.GetBookingAsync(tenantId, bookingId, cancellationToken);
        if (hasToken && ManageTokens.Verify(booking, manageToken))
        {
            return (booking, BookingActor.Customer);
        }

        if (caller.IsAdmin() || (caller.Role() == UserRole.Staff && caller.StaffId() is { } staffId && booking.IsAssignedTo(staffId)))
        {
            return (booking, BookingActor.Business);
        }

        throw ApiProblemException.Forbidden(hasToken ? "The manage token does not match this booking." : "This booking is not yours.");
    }
}
