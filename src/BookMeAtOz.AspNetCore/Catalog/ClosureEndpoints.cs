using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Bookings;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Catalog;
using BookMeAtOz.Contracts;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BookMeAtOz.AspNetCore.Catalog;

/// <summary>
/// <c>/closures</c>: tenant-wide closed dates (SPEC §9.5). Anyone lists them; admins add and remove them. Adding one
/// cancels nothing: the answer lists the bookings already made on its dates.
/// </summary>
internal static class ClosureEndpoints
{
    /// <summary>How many affected bookings the answer to an add lists at most.</summary>
    internal const int MaxAffectedListed = 200;

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/closures").WithTags("Closures").RequireTenant();
        group.MapGet("/", ListAsync).WithName("ListClosures").WithSummary("The tenant's closures, by first date.").AllowAnonymous();

        var admin = group.MapGroup("/").RequireBookMeAtOzPolicy(Caller.AdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapPost("/", CreateAsync).WithName("CreateClosure")
            .WithSummary("Closes the tenant on local dates; bookings already made on them stay and are listed in the answer.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteClosure").WithSummary("Removes a closure.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<ApiOk<ItemsResponse<ClosureResponse>>> ListAsync(
        RequestTenant tenant, CatalogService catalog, CancellationToken cancellationToken)
    {
        var items = await catalog.ListClosuresAsync(tenant.Id, cancellationToken);
        return ApiResults.Ok(new ItemsResponse<ClosureResponse>([.. items.Select(ToResponse)]));
    }

    private static async Task<ApiCreated<ClosureCreatedResponse>> CreateAsync(
        RequestTenant tenant, JsonBody<ClosureRequest> body, CatalogService catalog, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(body.Value.From is not null, "from", "Is required.");
        errors.Require(body.Value.To is not null, "to", "Is required.");
        var closure = new Closure(Guid.CreateVersion7(timeProvider.GetUtcNow()), tenant.Id, body.Value.From ?? default, body.Value.To ?? default, body.Value.Reason);
        if (errors.IsEmpty)
        {
            closure.Validate(errors);
        }

        errors.ThrowIfAny();
        var added = await catalog.AddClosureAsync(closure, tenant.Tenant.TimeZone, MaxAffectedListed, cancellationToken);
        var zone = new Zoned(tenant.Tenant.TimeZone);
        return ApiResults.Created($"~/closures/{closure.Id}", new ClosureCreatedResponse(
            closure.Id, closure.From, closure.To, closure.Reason,
            [.. added.AffectedBookings.Select(b => BookingMapping.ToResponse(b, zone))], added.MoreAffected));
    }

    private static async Task<NoContent> DeleteAsync(RequestTenant tenant, Guid id, CatalogService catalog, CancellationToken cancellationToken)
    {
        await catalog.DeleteClosureAsync(tenant.Id, id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static ClosureResponse ToResponse(Closure c) => new(c.Id, c.From, c.To, c.Reason);
}
