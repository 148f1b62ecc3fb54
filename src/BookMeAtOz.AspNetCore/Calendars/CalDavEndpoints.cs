using System.Security.Claims;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Calendars;
using BookMeAtOz.Contracts;
using BookMeAtOz.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.AspNetCore.Calendars;

/// <summary>
/// <c>/staff/{id}/caldav</c> (SPEC §11.4): connect, inspect and disconnect a staff member's CalDAV calendar; admins and
/// the staff member. The sync runs in the background (<c>WithCalDav()</c>); without it these answer <c>404</c>.
/// </summary>
internal static class CalDavEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var own = api.MapGroup("/staff/{id:guid}/caldav").WithTags("Staff").RequireTenant()
            .RequireBookMeAtOzPolicy(Caller.StaffPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        own.MapPut("/", PutAsync).WithName("ConnectCalDav")
            .WithSummary("Connects (or replaces) the staff member's CalDAV calendar; its events become busy time within the sync interval.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        own.MapGet("/", GetAsync).WithName("GetCalDav").WithSummary("The CalDAV sync status, last sync, last error and conflicting bookings (never the password).");
        own.MapDelete("/", DeleteAsync).WithName("DisconnectCalDav").WithSummary("Disconnects the CalDAV calendar; its busy time is forgotten.");
    }

    private static async Task<ApiOk<CalDavStatusResponse>> PutAsync(
        RequestTenant tenant, Guid id, JsonBody<CalDavConnectionRequest> body, ClaimsPrincipal caller, IServiceProvider services,
        CancellationToken cancellationToken)
    {
        var calendars = Require(caller, id, services);
        var connection = await calendars.ConnectAsync(tenant.Id, id, body.Value.Url, body.Value.Username, body.Value.Password, cancellationToken);
        return ApiResults.Ok(ToResponse(connection, [], new Zoned(tenant.Tenant.TimeZone)));
    }

    private static async Task<ApiOk<CalDavStatusResponse>> GetAsync(
        RequestTenant tenant, Guid id, ClaimsPrincipal caller, IServiceProvider services, CancellationToken cancellationToken)
    {
        var calendars = Require(caller, id, services);
        var connection = await calendars.FindAsync(tenant.Id, id, cancellationToken) ?? throw new NotFoundException("CalDAV connection");
        var conflicts = await calendars.FindConflictsAsync(tenant.Id, id, cancellationToken);
        return ApiResults.Ok(ToResponse(connection, conflicts, new Zoned(tenant.Tenant.TimeZone)));
    }

    private static async Task<NoContent> DeleteAsync(
        RequestTenant tenant, Guid id, ClaimsPrincipal caller, IServiceProvider services, CancellationToken cancellationToken)
    {
        var calendars = Require(caller, id, services);
        if (!await calendars.DisconnectAsync(tenant.Id, id, cancellationToken))
        {
            throw new NotFoundException("CalDAV connection");
        }

        return TypedResults.NoContent();
    }

    private static CalendarConnectionService Require(ClaimsPrincipal caller, Guid staffId, IServiceProvider services)
    {
        if (!caller.IsAdminOrStaffMember(staffId))
        {
            throw ApiProblemException.Forbidden("Only admins and this staff member may do this.");
        }

        // Calendar sync is on when its busy time counts (a sync package registered it, e.g. WithCalDav()).
        if (!services.GetServices<IBusyTimeSource>().OfType<SyncedBusyTimeSource>().Any())
        {
            throw new NotFoundException("CalDAV sync (not enabled on this server)");
        }

        return services.GetRequiredService<CalendarConnectionService>();
    }

    private static CalDavStatusResponse ToResponse(CalendarConnection c, IReadOnlyList<CalendarConflict> conflicts, Zoned zone) => new(
        c.Url,
        c.Username,
        c.LastError is not null ? "error" : c.LastSyncAt is null ? "pending" : "ok",
        zone.Show(c.CreatedAt),
        zone.Show(c.LastSyncAt),
        zone.Show(c.LastAttemptAt),
        c.LastError,
        c.Failures,
        c.EventCount,
        [.. conflicts.Select(x => new CalDavConflictResponse(x.BookingId, zone.Show(x.BookingStart), zone.Show(x.BookingEnd), zone.Show(x.BusyStart), zone.Show(x.BusyEnd)))]);
}
