using Microsoft.Extensions.Options;
using BookMeAtOz.Notifications;
using System.Security.Claims;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Caching;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.RateLimiting;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Auth;
using BookMeAtOz.Bookings;
using BookMeAtOz.Contracts;
using BookMeAtOz.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Contracts = BookMeAtOz.Contracts;
using Core = BookMeAtOz.Bookings;

namespace BookMeAtOz.AspNetCore.Bookings;

/// <summary><c>GET /availability</c> and <c>/bookings</c>.</summary>
internal static class BookingEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/availability", AvailabilityAsync).WithName("GetAvailability").WithTags("Availability")
            .WithSummary("The free slots of a service between two local dates (at most 62 days); at most 2 MiB, cut at a whole date (truncatedAfter).")
            .RequireTenant().AllowAnonymous()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var group = api.MapGroup("/bookings").WithTags("Bookings").RequireTenant()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateBooking").WithSummary("Books an offered slot.")
            .AllowAnonymous().RequireApiKeyAccess(ApiKeyAccess.Bookings)
            .RequireBookMeAtOzRateLimit(RateLimitPolicies.Bookings)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/", ListAsync).WithName("ListBookings").WithSummary("A page of bookings (staff see their own).")
            .RequireBookMeAtOzPolicy(Caller.StaffPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var one = group.MapGroup("/{id:guid}").AllowAnonymous().RequireApiKeyAccess(ApiKeyAccess.Bookings)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        one.MapGet("/", GetAsync).WithName("GetBooking").WithSummary("A booking (admins, its staff member, or its guest with X-Manage-Token).");
        one.MapPost("/cancel", CancelAsync).WithName("CancelBooking").WithSummary("Cancels a booking, freeing its time; cancelling again changes nothing.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        one.MapPost("/reschedule", RescheduleAsync).WithName("RescheduleBooking").WithSummary("Moves a booking to another offered slot, atomically.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        BookingActionEndpoints.Map(one);
        one.MapGet("/ics", IcsAsync).WithName("GetBookingCalendar").WithSummary("The booking as an iCalendar event.")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar");
    }

    private static async Task<AvailabilityAnswer> AvailabilityAsync(
        RequestTenant tenant, string? serviceId, string? from, string? to, string? staffId, string? timeZone,
        BookingService bookings, CatalogCache catalog, CancellationToken cancellationToken)
    {
        var query = new QueryReader();
        var service = query.Guid("serviceId", serviceId, required: true);
        var fromDate = query.Date("from", from, required: true);
        var toDate = query.Date("to", to, required: true);
        var staff = query.Guid("staffId", staffId);
        var zone = query.TimeZone("timeZone", timeZone);
        query.Errors.ThrowIfAny();
        if (staff is { } s)
        {
            await catalog.GetStaffAsync(tenant.Id, s, cancellationToken); // 404 when unknown
        }

        // A listing: the tenant as resolved and the service from the catalog cache, like the catalog's own GET routes.
        var result = await bookings.GetAvailabilityAsync(tenant.Tenant, async (id, ct) => await catalog.GetServiceAsync(tenant.Id, id, ct),
            new AvailabilityQuery(service!.Value, fromDate!.Value, toDate!.Value, staff, zone), cancellationToken);
        return new AvailabilityAnswer(result);
    }

    private static async Task<Results<ApiCreated<BookingResponse>, ProblemResult>> CreateAsync(
        RequestTenant tenant, JsonBody<Contracts.CreateBookingRequest> body, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        HttpResponse response, ClaimsPrincipal caller, BookingService bookings, PublicBookingQuota quota, CancellationToken cancellationToken)
    {
        var counted = !caller.IsSignedIn();
        if (counted)
        {
            quota.EnsureRoom(tenant.Id);
        }

        var customer = body.Value.Customer is { } c ? new Customer(c.Name ?? string.Empty, c.Email ?? string.Empty, c.Phone) : null;
        var request = new Core.CreateBookingRequest(body.Value.ServiceId ?? Guid.Empty, body.Value.Start ?? default, body.Value.StaffId, customer!, body.Value.Notes)
        {
            Answers = body.Value.Answers,
            HoldId = body.Value.HoldId,
            Locale = body.Value.Locale,
        };
        var outcome = await bookings.CreateBookingAsync(tenant.Id, request, idempotencyKey, cancellationToken);
        if (outcome.Replayed)
        {
            response.Headers[ReplayedHeader] = "true";
        }
        else if (counted && outcome.Booking is not null)
        {
            quota.Count(tenant.Id);
        }

        if (outcome.Booking is not { } booking)
        {
            var code = outcome.ErrorCode ?? ApiProblemCodes.SlotUnavailable;
            return Problems.Result(Problems.StatusFor(code), code, outcome.ErrorMessage ?? "That time is not available. Please choose another.");
        }

        return ApiResults.Created($"~/bookings/{booking.Id}",
            BookingMapping.ToResponse(booking, new Zoned(tenant.Tenant.TimeZone), outcome.ManageToken));
    }

    private static async Task<ApiOk<PageResponse<BookingResponse>>> ListAsync(
        RequestTenant tenant, string? from, string? to, string? staffId, string? status, string? cursor, string? limit, string? timeZone,
        ClaimsPrincipal caller, BookingService bookings, CancellationToken cancellationToken)
    {
        var query = new QueryReader();
        var fromDate = query.Date("from", from);
        var toDate = query.Date("to", to);
        var staff = query.Guid("staffId", staffId);
        var zone = query.TimeZone("timeZone", timeZone);
        var size = query.Int("limit", limit, 1, 200) ?? 50;
        var state = status is null ? null : BookingMapping.ParseStatus(status);
        query.Errors.Require(status is null || state is not null, "status", "Must be pending, confirmed, cancelled, declined, expired or no_show.");
        query.Errors.ThrowIfAny();

        if (!caller.IsAdmin())
        {
            var own = caller.StaffId();
            if (caller.Role() != UserRole.Staff || own is null || (staff is not null && staff != own))
            {
                throw ApiProblemException.Forbidden("Staff may list only their own bookings.");
            }

            staff = own;
        }

        var page = await bookings.ListBookingsAsync(tenant.Id, new BookingListQuery(fromDate, toDate, staff, state, cursor, size, zone), cancellationToken);
        var display = new Zoned(zone ?? tenant.Tenant.TimeZone);
        return ApiResults.Ok(new PageResponse<BookingResponse>([.. page.Items.Select(b => BookingMapping.ToResponse(b, display))], page.NextCursor));
    }

    private static async Task<ApiOk<BookingResponse>> GetAsync(
        RequestTenant tenant, Guid id, [FromHeader(Name = BookingAccess.ManageTokenHeader)] string? manageToken, string? timeZone,
        ClaimsPrincipal caller, BookingService bookings, CancellationToken cancellationToken)
    {
        var display = Display(tenant, timeZone);
        var (booking, _) = await BookingAccess.AuthorizeAsync(caller, manageToken, bookings, tenant.Id, id, cancellationToken);
        return ApiResults.Ok(BookingMapping.ToResponse(booking, display));
    }

    private static async Task<ApiOk<BookingResponse>> CancelAsync(
        RequestTenant tenant, Guid id, JsonBody<CancelBookingRequest>? body, [FromHeader(Name = BookingAccess.ManageTokenHeader)] string? manageToken,
        ClaimsPrincipal caller, BookingService bookings, CancellationToken cancellationToken)
    {
        var (_, actor) = await BookingAccess.AuthorizeAsync(caller, manageToken, bookings, tenant.Id, id, cancellationToken);
        var booking = await bookings.CancelBookingAsync(tenant.Id, id, body?.Value.Reason, actor, cancellationToken);
        return ApiResults.Ok(BookingMapping.ToResponse(booking, new Zoned(tenant.Tenant.TimeZone)));
    }

    private static async Task<ApiOk<BookingResponse>> RescheduleAsync(
        RequestTenant tenant, Guid id, JsonBody<Contracts.RescheduleBookingRequest> body, [FromHeader(Name = BookingAccess.ManageTokenHeader)] string? manageToken,
        ClaimsPrincipal caller, BookingService bookings, CancellationToken cancellationToken)
    {
        var (_, actor) = await BookingAccess.AuthorizeAsync(caller, manageToken, bookings, tenant.Id, id, cancellationToken);
        var booking = await bookings.RescheduleBookingAsync(tenant.Id, id,
            new Core.RescheduleBookingRequest(body.Value.Start ?? default, body.Value.StaffId), actor, cancellationToken);
        return ApiResults.Ok(BookingMapping.ToResponse(booking, new Zoned(tenant.Tenant.TimeZone)));
    }

    private static async Task<FileContentHttpResult> IcsAsync(
        RequestTenant tenant, Guid id, [FromHeader(Name = BookingAccess.ManageTokenHeader)] string? manageToken,
        ClaimsPrincipal caller, BookingService bookings, IBookingStore store, TimeProvider timeProvider, IOptions<NotificationOptions> notifications,
        CancellationToken cancellationToken)
    {
        var (booking, _) = await BookingAccess.AuthorizeAsync(caller, manageToken, bookings, tenant.Id, id, cancellationToken);
        var service = await store.FindServiceAsync(tenant.Id, booking.ServiceId, cancellationToken);
        var staff = await store.FindStaffAsync(tenant.Id, booking.StaffId, cancellationToken);
        var summary = (service?.Name ?? "Appointment") + (staff is null ? string.Empty : $" with {staff.Name}") + $" ({tenant.Tenant.Name})";
        var ics = IcsCalendar.For(
            booking, summary, tenant.Tenant.Name, notifications.Value.OrganizerEmail, service?.Location?.Where, timeProvider.GetUtcNow());
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"booking-{booking.Id}.ics");
    }

    private static Zoned Display(RequestTenant tenant, string? timeZone)
    {
        var query = new QueryReader();
        var zone = query.TimeZone("timeZone", timeZone);
        query.Errors.ThrowIfAny();
        return new Zoned(zone ?? tenant.Tenant.TimeZone);
    }
}
