using System.Security.Claims;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Caching;
using BookMeAtOz.AspNetCore.Errors;
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
using Microsoft.Extensions.Options;

namespace BookMeAtOz.AspNetCore.Catalog;

/// <summary>
/// <c>/staff</c>: anyone lists and reads public fields; admins manage; schedules and time off belong to
/// admins and the staff member themself.
/// </summary>
internal static class StaffEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/staff").WithTags("Staff").RequireTenant()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync).WithName("ListStaff").WithSummary("The staff (emails for admins only).").AllowAnonymous();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetStaff").WithSummary("A staff member.").AllowAnonymous();

        var admin = group.MapGroup("/").RequireBookMeAtOzPolicy(Caller.AdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapPost("/", CreateAsync).WithName("CreateStaff").WithSummary("Adds a staff member.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapPatch("/{id:guid}", PatchAsync).WithName("UpdateStaff").WithSummary("Changes the fields present in the body.")
            .Accepts<StaffRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteStaff").WithSummary("Deletes a staff member; their bookings stay.");

        var own = group.MapGroup("/{id:guid}").RequireBookMeAtOzPolicy(Caller.StaffPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        own.MapGet("/schedule", GetScheduleAsync).WithName("GetSchedule").WithSummary("The staff member's working hours.");
        own.MapPut("/schedule", PutScheduleAsync).WithName("SetSchedule").WithSummary("Replaces the staff member's working hours.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        own.MapGet("/time-off", ListTimeOffAsync).WithName("ListTimeOff").WithSummary("The staff member's time off.");
        own.MapPost("/time-off", AddTimeOffAsync).WithName("AddTimeOff").WithSummary("Adds time off.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        own.MapDelete("/time-off/{timeOffId:guid}", DeleteTimeOffAsync).WithName("DeleteTimeOff").WithSummary("Removes time off.");
    }

    private static async Task<ApiOk<ItemsResponse<StaffResponse>>> ListAsync(
        RequestTenant tenant, ClaimsPrincipal caller, CatalogCache catalog, CancellationToken cancellationToken)
    {
        var staff = await catalog.ListStaffAsync(tenant.Id, cancellationToken);
        var admin = caller.IsAdmin();
        return ApiResults.Ok(new ItemsResponse<StaffResponse>([.. staff.Select(s => CatalogMapping.ToResponse(s, admin))]));
    }

    private static async Task<ApiOk<StaffResponse>> GetAsync(
        RequestTenant tenant, Guid id, ClaimsPrincipal caller, CatalogCache catalog, CancellationToken cancellationToken) =>
        ApiResults.Ok(CatalogMapping.ToResponse(await catalog.GetStaffAsync(tenant.Id, id, cancellationToken), caller.IsAdminOrStaffMember(id)));

    private static async Task<ApiCreated<StaffResponse>> CreateAsync(
        RequestTenant tenant, JsonBody<StaffRequest> body, CatalogService catalog, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var staff = CatalogMapping.ToStaff(Guid.CreateVersion7(timeProvider.GetUtcNow()), tenant.Id,
            body.Value with { TimeZone = body.Value.TimeZone ?? tenant.Tenant.TimeZone, Active = body.Value.Active ?? true }, errors);
        errors.ThrowIfAny();
        staff = await catalog.CreateStaffAsync(staff, cancellationToken);
        return ApiResults.Created($"~/staff/{staff.Id}", CatalogMapping.ToResponse(staff, withEmail: true));
    }

    private static async Task<ApiOk<StaffResponse>> PatchAsync(
        RequestTenant tenant, Guid id, JsonBody<JsonElement> body, CatalogService catalog, CancellationToken cancellationToken)
    {
        var current = await catalog.GetStaffAsync(tenant.Id, id, cancellationToken);
        var merged = JsonMerge.Apply(CatalogMapping.ToRequest(current), body.Value, ApiJson.Options);
        var errors = new ValidationErrors();
        var staff = CatalogMapping.ToStaff(current.Id, tenant.Id, merged, errors);
        errors.ThrowIfAny();
        return ApiResults.Ok(CatalogMapping.ToResponse(await catalog.UpdateStaffAsync(staff, cancellationToken), withEmail: true));
    }

    private static async Task<NoContent> DeleteAsync(RequestTenant tenant, Guid id, CatalogService catalog, CancellationToken cancellationToken)
    {
        await catalog.DeleteStaffAsync(tenant.Id, id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<ApiOk<ScheduleDto>> GetScheduleAsync(
        RequestTenant tenant, Guid id, ClaimsPrincipal caller, CatalogCache catalog, CancellationToken cancellationToken)
    {
        EnsureSelfOrAdmin(caller, id);
        return ApiResults.Ok(await catalog.GetScheduleAsync(tenant.Id, id, cancellationToken));
    }

    private static async Task<ApiOk<ScheduleDto>> PutScheduleAsync(
        RequestTenant tenant, Guid id, JsonBody<ScheduleDto> body, ClaimsPrincipal caller, CatalogService catalog, CancellationToken cancellationToken)
    {
        EnsureSelfOrAdmin(caller, id);
        var errors = new ValidationErrors();
        var schedule = CatalogMapping.ToSchedule(body.Value, errors);
        errors.ThrowIfAny();
        return ApiResults.Ok(CatalogMapping.ToDto(await catalog.SetScheduleAsync(tenant.Id, id, schedule, cancellationToken)));
    }

    private static async Task<ApiOk<ItemsResponse<TimeOffResponse>>> ListTimeOffAsync(
        RequestTenant tenant, Guid id, ClaimsPrincipal caller, CatalogService catalog, CancellationToken cancellationToken)
    {
        EnsureSelfOrAdmin(caller, id);
        var zone = new Zoned(tenant.Tenant.TimeZone);
        var items = await catalog.ListTimeOffAsync(tenant.Id, id, cancellationToken);
        return ApiResults.Ok(new ItemsResponse<TimeOffResponse>([.. items.Select(t => CatalogMapping.ToResponse(t, zone))]));
    }

    private static async Task<ApiCreated<TimeOffResponse>> AddTimeOffAsync(
        RequestTenant tenant, Guid id, JsonBody<TimeOffRequest> body, ClaimsPrincipal caller, CatalogService catalog, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        EnsureSelfOrAdmin(caller, id);
        var errors = new ValidationErrors();
        errors.Require(body.Value.Start is not null, "start", "Is required.");
        errors.Require(body.Value.End is not null, "end", "Is required.");
        var timeOff = new TimeOff(Guid.CreateVersion7(timeProvider.GetUtcNow()), tenant.Id, id,
            (body.Value.Start ?? default).ToUniversalTime(), (body.Value.End ?? default).ToUniversalTime(), body.Value.Reason);
        if (errors.IsEmpty)
        {
            timeOff.Validate(errors);
        }

        errors.ThrowIfAny();
        timeOff = await catalog.AddTimeOffAsync(timeOff, cancellationToken);
        return ApiResults.Created($"~/staff/{id}/time-off/{timeOff.Id}", CatalogMapping.ToResponse(timeOff, new Zoned(tenant.Tenant.TimeZone)));
    }

    private static async Task<NoContent> DeleteTimeOffAsync(
        RequestTenant tenant, Guid id, Guid timeOffId, ClaimsPrincipal caller, CatalogService catalog, CancellationToken cancellationToken)
    {
        EnsureSelfOrAdmin(caller, id);
        await catalog.DeleteTimeOffAsync(tenant.Id, id, timeOffId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static void EnsureSelfOrAdmin(ClaimsPrincipal caller, Guid staffId)
    {
        if (!caller.IsAdminOrStaffMember(staffId))
        {
            throw ApiProblemException.Forbidden("Only admins and this staff member may do this.");
        }
    }
}
