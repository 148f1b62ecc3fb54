using System.Security.Claims;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Caching;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Catalog;
using BookMeAtOz.Contracts;
using BookMeAtOz.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.AspNetCore.Catalog;

/// <summary><c>/services</c>: anyone lists and reads (anonymous callers see active services only); admins manage.</summary>
internal static class ServiceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/services").WithTags("Services").RequireTenant()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync).WithName("ListServices").WithSummary("The services: active ones, or all for admins.").AllowAnonymous();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetService").WithSummary("A service.").AllowAnonymous();

        var admin = group.MapGroup("/").RequireBookMeAtOzPolicy(Caller.AdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapPost("/", CreateAsync).WithName("CreateService").WithSummary("Adds a service.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapPatch("/{id:guid}", PatchAsync).WithName("UpdateService").WithSummary("Changes the fields present in the body.")
            .Accepts<ServiceRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteService").WithSummary("Deletes a service; its bookings stay.");
    }

    private static async Task<ApiOk<ItemsResponse<ServiceResponse>>> ListAsync(
        RequestTenant tenant, ClaimsPrincipal caller, CatalogCache catalog, CancellationToken cancellationToken)
    {
        var services = (await catalog.ListServicesAsync(tenant.Id, cancellationToken)).Where(s => s.Active || caller.IsAdmin());
        return ApiResults.Ok(new ItemsResponse<ServiceResponse>([.. services.Select(CatalogMapping.ToResponse)]));
    }

    private static async Task<ApiOk<ServiceResponse>> GetAsync(RequestTenant tenant, Guid id, CatalogCache catalog, CancellationToken cancellationToken) =>
        ApiResults.Ok(CatalogMapping.ToResponse(await catalog.GetServiceAsync(tenant.Id, id, cancellationToken)));

    private static async Task<ApiCreated<ServiceResponse>> CreateAsync(
        RequestTenant tenant, JsonBody<ServiceRequest> body, CatalogService catalog, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var service = CatalogMapping.ToService(Guid.CreateVersion7(timeProvider.GetUtcNow()), tenant.Id, CatalogMapping.WithDefaults(body.Value), [], errors);
        service = await catalog.CreateServiceAsync(service, errors, cancellationToken);
        return ApiResults.Created($"~/services/{service.Id}", CatalogMapping.ToResponse(service));
    }

    private static async Task<ApiOk<ServiceResponse>> PatchAsync(
        RequestTenant tenant, Guid id, JsonBody<JsonElement> body, CatalogService catalog, CancellationToken cancellationToken)
    {
        var current = await catalog.GetServiceAsync(tenant.Id, id, cancellationToken);
        var merged = JsonMerge.Apply(CatalogMapping.ToRequest(current), body.Value, ApiJson.Options);
        var errors = new ValidationErrors();
        var service = CatalogMapping.ToService(current.Id, tenant.Id, merged, current.Questions, errors);
        return ApiResults.Ok(CatalogMapping.ToResponse(await catalog.UpdateServiceAsync(service, errors, cancellationToken)));
    }

    private static async Task<NoContent> DeleteAsync(RequestTenant tenant, Guid id, CatalogService catalog, CancellationToken cancellationToken)
    {
        await catalog.DeleteServiceAsync(tenant.Id, id, cancellationToken);
        return TypedResults.NoContent();
    }
}
