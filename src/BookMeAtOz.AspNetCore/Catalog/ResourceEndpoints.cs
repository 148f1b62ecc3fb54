using System.Text.Json;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Catalog;
using BookMeAtOz.Contracts;
using BookMeAtOz.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BookMeAtOz.AspNetCore.Catalog;

/// <summary>
/// <c>/resources</c>: rooms, chairs and equipment with a quantity (product specification §10.1). Anyone lists and reads them;
/// admins manage them.
/// </summary>
internal static class ResourceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/resources").WithTags("Resources").RequireTenant()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync).WithName("ListResources").WithSummary("The tenant's resources, by name.").AllowAnonymous();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetResource").WithSummary("A resource.").AllowAnonymous();

        var admin = group.MapGroup("/").RequireBookMeAtOzPolicy(Caller.AdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapPost("/", CreateAsync).WithName("CreateResource").WithSummary("Adds a resource.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPatch("/{id:guid}", PatchAsync).WithName("UpdateResource")
            .WithSummary("Changes the fields present in the body; the quantity cannot go down while bookings that have not ended use the resource.")
            .Accepts<ResourceRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteResource")
            .WithSummary("Deletes a resource no service requires; bookings made keep their units.")
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<ApiOk<ItemsResponse<ResourceResponse>>> ListAsync(
        RequestTenant tenant, CatalogService catalog, CancellationToken cancellationToken)
    {
        var items = await catalog.ListResourcesAsync(tenant.Id, cancellationToken);
        return ApiResults.Ok(new ItemsResponse<ResourceResponse>([.. items.Select(CatalogMapping.ToResponse)]));
    }

    private static async Task<ApiOk<ResourceResponse>> GetAsync(RequestTenant tenant, Guid id, CatalogService catalog, CancellationToken cancellationToken) =>
        ApiResults.Ok(CatalogMapping.ToResponse(await catalog.GetResourceAsync(tenant.Id, id, cancellationToken)));

    private static async Task<ApiCreated<ResourceResponse>> CreateAsync(
        RequestTenant tenant, JsonBody<ResourceRequest> body, CatalogService catalog, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var resource = CatalogMapping.ToResource(Guid.CreateVersion7(timeProvider.GetUtcNow()), tenant.Id, CatalogMapping.WithDefaults(body.Value), errors);
        errors.ThrowIfAny();
        resource = await catalog.CreateResourceAsync(resource, cancellationToken);
        return ApiResults.Created($"~/resources/{resource.Id}", CatalogMapping.ToResponse(resource));
    }

    private static async Task<ApiOk<ResourceResponse>> PatchAsync(
        RequestTenant tenant, Guid id, JsonBody<JsonElement> body, CatalogService catalog, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var current = await catalog.GetResourceAsync(tenant.Id, id, cancellationToken);
        var merged = JsonMerge.Apply(CatalogMapping.ToRequest(current), body.Value, ApiJson.Options);
        var errors = new ValidationErrors();
        var resource = CatalogMapping.ToResource(current.Id, tenant.Id, merged, errors);
        errors.ThrowIfAny();
        return ApiResults.Ok(CatalogMapping.ToResponse(await catalog.UpdateResourceAsync(resource, timeProvider.GetUtcNow(), cancellationToken)));
    }

    private static async Task<NoContent> DeleteAsync(RequestTenant tenant, Guid id, CatalogService catalog, CancellationToken cancellationToken)
    {
        await catalog.DeleteResourceAsync(tenant.Id, id, cancellationToken);
        return TypedResults.NoContent();
    }
}
