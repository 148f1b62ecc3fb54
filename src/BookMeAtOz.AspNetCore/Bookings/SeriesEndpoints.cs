using System.Security.Claims;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.RateLimiting;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Bookings;
using BookMeAtOz.Contracts;
using BookMeAtOz.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Contracts = BookMeAtOz.Contracts;
using Core = BookMeAtOz.Bookings;

namespace BookMeAtOz.AspNetCore.Bookings;

/// <summary>
/// Recurring series (SPEC §10.2): <c>POST /bookings/series</c> (anyone, like a booking, with <c>Idempotency-Key</c>), and
/// <c>POST /series/{id}/cancel</c> and <c>…/reschedule</c> for admins or the holder of the series manage token
/// (<c>X-Manage-Token</c>), answering <c>200 {items:[booking…]}</c> with the occurrences in scope.
/// </summary>
internal static class SeriesEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/bookings/series", CreateAsync).WithName("CreateBookingSeries").WithTags("Bookings")
            .WithSummary("Books a recurring series: every occurrence in one transaction (allOrNothing), or the free ones (available).")
            .RequireTenant().AllowAnonymous().RequireApiKeyAccess(ApiKeyAccess.Bookings)
            .RequireBookMeAtOzRateLimit(RateLimitPolicies.Bookings)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        var one = api.MapGroup("/series/{id:guid}").WithTags("Bookings").RequireTenant().AllowAnonymous().RequireApiKeyAccess(ApiKeyAccess.Bookings)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        one.MapPost("/cancel", CancelAsync).WithName("CancelBookingSeries")
            .WithSummary("Cancels one occurrence, it and the following ones, or all (admins, or the series manage token).");
        one.MapPost("/reschedule", RescheduleAsync).WithName("RescheduleBookingSeries")
            .WithSummary("Moves one occurrence, it and the following ones, or all, atomically (admins, or the series manage token).");
    }

    private static async Task<Results<ApiCreated<SeriesResponse>, ProblemResult>> CreateAsync(
        RequestTenant tenant, JsonBody<Contracts.CreateSeriesRequest> body, [FromHeader(Name = BookingEndpoints.IdempotencyKeyHeader)] string? idempotencyKey,
        HttpResponse response, ClaimsPrincipal caller, BookingService bookings, PublicBookingQuota quota, CancellationToken cancellationToken)
    {
        var counted = !caller.IsSignedIn();
        if (counted)
        {
            quota.EnsureRoom(tenant.Id);
        }

        var value = body.Value;
        var errors = new ValidationErrors();
        var frequency = SeriesNames.ParseFrequency(value.Recurrence?.Frequency);
        var mode = SeriesNames.ParseMode(value.Mode);
        errors.Require(value.Recurrence is not null, "recurrence", "Is required.");
        errors.Require(value.Recurrence is null || frequency is not null, "recurrence.frequency", "Must be weekly, fortnightly or monthly.");
        errors.Require(mode is not null, "mode", "Must be allOrNothing or available.");
        errors.ThrowIfAny();

        var customer = value.Customer is { } c ? new Customer(c.Name ?? string.Empty, c.Email ?? string.Empty, c.Phone) : null;
        var request = new Core.CreateSeriesRequest(
            new Core.CreateBookingRequest(value.ServiceId ?? Guid.Empty, value.Start ?? default, value.StaffId, customer!, value.Notes) { Answers = value.Answers },
            new SeriesRecurrence(frequency!.Value, value.Recurrence!.Count, value.Recurrence.Until),
            mode!.Value);
        var outcome = await bookings.CreateSeriesAsync(tenant.Id, request, idempotencyKey, cancellationToken);
        if (outcome.Replayed)
        {
            response.Headers[BookingEndpoints.ReplayedHeader] = "true";
        }
        else if (counted && outcome.Succeeded)
        {
            quota.Count(tenant.Id);
        }

        var zone = new Zoned(tenant.Tenant.TimeZone);
        var skipped = outcome.Skipped.Select(s => new SeriesSkipResponse(zone.Show(s.Start), s.Code)).ToList();
        if (outcome.Series is not { } series)
        {
            var code = outcome.ErrorCode ?? ApiProblemCodes.SlotUnavailable;
            var problem = Problems.Create(Problems.StatusFor(code), code, outcome.ErrorMessage ?? "Not every occurrence of the series is available.");
            problem.Extensions["skipped"] = skipped;
            return new ProblemResult(problem);
        }

        return ApiResults.Created($"~/series/{series.Id}", new SeriesResponse(
            series.Id, outcome.SeriesManageToken, [.. outcome.Bookings.Select(b => BookingMapping.ToResponse(b.Booking, zone, b.ManageToken))], skipped));
    }

    private static async Task<ApiOk<ItemsResponse<BookingResponse>>> CancelAsync(
        RequestTenant tenant, Guid id, JsonBody<Contracts.CancelSeriesRequest> body, [FromHeader(Name = BookingAccess.ManageTokenHeader)] string? manageToken,
        ClaimsPrincipal caller, BookingService bookings, CancellationToken cancellationToken)
    {
        // Who may act is answered before what they asked is judged: a caller without the right gets 401/403, never a 400.
        var actor = await AuthorizeAsync(caller, manageToken, bookings, tenant.Id, id, cancellationToken);
        var scope = Scope(body.Value.Scope);
        var changed = await bookings.CancelSeriesAsync(tenant.Id, id, new Core.CancelSeriesRequest(scope, body.Value.BookingId, body.Value.Reason), actor, cancellationToken);
        var zone = new Zoned(tenant.Tenant.TimeZone);
        return ApiResults.Ok(new ItemsResponse<BookingResponse>([.. changed.Select(b => BookingMapping.ToResponse(b, zone))]));
    }

    private static async Task<ApiOk<ItemsResponse<BookingResponse>>> RescheduleAsync(
        RequestTenant tenant, Guid id, JsonBody<Contracts.RescheduleSeriesRequest> body, [FromHeader(Name = BookingAccess.ManageTokenHeader)] string? manageToken,
        ClaimsPrincipal caller, BookingService bookings, CancellationToken cancellationToken)
    {
        // Who may act is answered before what they asked is judged: a caller without the right gets 401/403, never a 400.
        var actor = await AuthorizeAsync(caller, manageToken, bookings, tenant.Id, id, cancellationToken);
        var scope = Scope(body.Value.Scope);
        var changed = await bookings.RescheduleSeriesAsync(tenant.Id, id,
            new Core.RescheduleSeriesRequest(scope, body.Value.BookingId, body.Value.Start ?? default, body.Value.StaffId), actor, cancellationToken);
        var zone = new Zoned(tenant.Tenant.TimeZone);
        return ApiResults.Ok(new ItemsResponse<BookingResponse>([.. changed.Select(b => BookingMapping.ToResponse(b, zone))]));
    }

    private static SeriesScope Scope(string? scope) =>
        SeriesNames.ParseScope(scope) ?? throw BookMeAtOzValidationException.For("scope", "Must be one, following or all.");

    /// <summary>Admins act as the business; the holder of the series manage token (compared in constant time) as the customer.</summary>
    private static async Task<BookingActor> AuthorizeAsync(
        ClaimsPrincipal caller, string? manageToken, BookingService bookings, Guid tenantId, Guid seriesId, CancellationToken cancellationToken)
    {
        var hasToken = !string.IsNullOrEmpty(manageToken);
        if (!hasToken && !caller.IsSignedIn())
        {
            throw ApiProblemException.Unauthorized("Sign in, or send the series manage token in the X-Manage-Token header.");
        }

        var series = await bookings.GetSeriesAsync(tenantId, seriesId, cancellationToken);
        if (hasToken && series.Verify(manageToken))
        {
            return BookingActor.Customer;
        }

        if (caller.IsAdmin())
        {
            return BookingActor.Business;
        }

        throw ApiProblemException.Forbidden(hasToken ? "The manage token does not match this series." : "Only admins may change a series without its manage token.");
    }
}
