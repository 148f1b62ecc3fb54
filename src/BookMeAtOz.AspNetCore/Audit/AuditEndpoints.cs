using System.Globalization;
using System.Text;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Audit;
using BookMeAtOz.Contracts;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace BookMeAtOz.AspNetCore.Audit;

/// <summary><c>GET /audit</c>: the tenant's audit log, newest first, for owners.</summary>
internal static class AuditEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAsync).WithName("ListAudit").WithTags("Audit")
            .WithSummary("The tenant's audit log, newest first: who changed what, when, with the entity before and after. Filters: entity (id), actor (user id), from/to (inclusive local dates).")
            .RequireTenant().RequireBookMeAtOzPolicy(Caller.OwnerPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<ApiOk<PageResponse<AuditEntryResponse>>> ListAsync(
        RequestTenant tenant, string? entity, string? actor, string? from, string? to, string? cursor, string? limit, string? timeZone,
        IAuditStore audit, CancellationToken cancellationToken)
    {
        var query = new QueryReader();
        var entityId = query.Guid("entity", entity);
        var actorId = query.Guid("actor", actor);
        var fromDate = query.Date("from", from);
        var toDate = query.Date("to", to);
        var size = query.Int("limit", limit, 1, 200) ?? 50;
        var zoneId = query.TimeZone("timeZone", timeZone) ?? tenant.Tenant.TimeZone;
        query.Errors.Require(fromDate is not { } f0 || DateBounds.Contains(f0), "from", DateBounds.Message);
        query.Errors.Require(toDate is not { } t0 || DateBounds.Contains(t0), "to", DateBounds.Message);
        query.Errors.Require(fromDate is null || toDate is null || toDate >= fromDate, "to", "Must not be before from.");
        var before = cursor is null ? null : DecodeCursor(cursor);
        query.Errors.Require(cursor is null || before is not null, "cursor", "Is not a cursor from a previous page.");
        query.Errors.ThrowIfAny();

        var zone = TimeZones.Get(zoneId);
        var items = await audit.ListAsync(new AuditQuery(
            tenant.Id, entityId, actorId,
            fromDate is { } f ? zone.AtStartOfDay(LocalDate.FromDateOnly(f)).ToDateTimeOffset() : null,
            toDate is { } t ? zone.AtStartOfDay(LocalDate.FromDateOnly(t).PlusDays(1)).ToDateTimeOffset() : null,
            before, size + 1), cancellationToken);
        var display = new Zoned(zoneId);
        var page = items.Take(size).Select(e => new AuditEntryResponse(
            e.Id, display.Show(e.At), e.ActorType, e.ActorId, e.Entity, e.EntityId, e.Action, Parse(e.Before), Parse(e.After))).ToList();
        return ApiResults.Ok(new PageResponse<AuditEntryResponse>(page, items.Count > size ? EncodeCursor(items[size - 1]) : null));
    }

    private static JsonElement Parse(string? json)
    {
        using var document = JsonDocument.Parse(json ?? "null");
        return document.RootElement.Clone();
    }

    private static string EncodeCursor(AuditEntry last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{last.At.UtcTicks}:{last.Id:N}")));

    private static (DateTimeOffset, Guid)? DecodeCursor(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is >= 0 and <= 3155378975999999999
                && Guid.TryParseExact(parts[1], "N", out var id))
            {
                return (new DateTimeOffset(ticks, TimeSpan.Zero), id);
            }
        }
        catch (FormatException)
        {
        }

        return null;
    }
}
