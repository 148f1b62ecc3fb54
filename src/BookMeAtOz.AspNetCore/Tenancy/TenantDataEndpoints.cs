using System.Text.Json;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Bookings;
using BookMeAtOz.AspNetCore.Catalog;
using BookMeAtOz.AspNetCore.Customers;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.Audit;
using BookMeAtOz.Auth;
using BookMeAtOz.Changes;
using BookMeAtOz.Contracts;
using BookMeAtOz.Persistence;
using BookMeAtOz.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.AspNetCore.Tenancy;

/// <summary>
/// <c>GET /tenant/export</c> (the whole tenant as JSON, streamed) and <c>DELETE /tenant</c> (closes it), for the owner
/// (SPEC §9.7).
/// </summary>
internal static class TenantDataEndpoints
{
    /// <summary>Bookings and audit entries are read and written in pages of this many.</summary>
    internal const int PageSize = 500;

    public static void Map(RouteGroupBuilder api)
    {
        var tenant = api.MapGroup("/tenant").WithTags("Tenancy").RequireTenant().RequireBookMeAtOzPolicy(Caller.OwnerPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        tenant.MapGet("/export", Export).WithName("ExportTenant")
            .WithSummary("The whole tenant as JSON, streamed: tenant, services, staff, schedules, time off, closures, users (no password hashes), bookings, audit.")
            .Produces<TenantExportResponse>(StatusCodes.Status200OK, "application/json");
        tenant.MapDelete("/", CloseAsync).WithName("CloseTenant")
            .WithSummary("Closes the tenant: it is not found from then on (404), its slug stays taken, and its data is purged after the retention period.");
    }

    private static PushStreamHttpResult Export(
        HttpContext context, RequestTenant tenant, IBookingStore store, IUserStore users, IAuditStore audit, TimeProvider timeProvider) =>
        TypedResults.Stream(
            stream => WriteAsync(stream, tenant.Tenant, store, users, audit, timeProvider.GetUtcNow(), context.RequestAborted), "application/json");

    private static async Task<NoContent> CloseAsync(
        RequestTenant tenant, ITenantLifecycleStore lifecycle, IChangeSink changes, IOptions<TenantRetentionOptions> retention, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (!await lifecycle.CloseTenantAsync(tenant.Id, now, now.AddDays(retention.Value.ClosedRetentionDays), cancellationToken))
        {
            throw new NotFoundException("tenant");
        }

        // Every instance drops its cached copy of the tenant: from now on it is not found.
        await changes.OnCommittedAsync([new ChangeEvent(tenant.Id, ChangeTypes.TenantUpdated)], CancellationToken.None);
        return TypedResults.NoContent();
    }

    /// <summary>Writes the export page by page, flushing after each: memory stays bounded by a page, whatever the tenant's size.</summary>
    private static async Task WriteAsync(
        Stream body, Tenant tenant, IBookingStore store, IUserStore users, IAuditStore audit, DateTimeOffset now, CancellationToken ct)
    {
        var zone = new Zoned(tenant.TimeZone);
        var options = ApiJson.Options;
        var naming = options.PropertyNamingPolicy ?? JsonNamingPolicy.CamelCase;
        // The writer fills a buffer (Kestrel refuses synchronous writes); each flush sends it and empties it.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
        await using var json = new Utf8JsonWriter(buffer);
        async Task FlushAsync()
        {
            await json.FlushAsync(ct);
            await body.WriteAsync(buffer.WrittenMemory, ct);
            await body.FlushAsync(ct);
            buffer.ResetWrittenCount();
        }

        json.WriteStartObject();
        json.WritePropertyName(naming.ConvertName(nameof(TenantExportResponse.ExportedAt)));
        JsonSerializer.Serialize(json, zone.Show(now), options);
        json.WritePropertyName(naming.ConvertName(nameof(TenantExportResponse.Tenant)));
        JsonSerializer.Serialize(json, TenantEndpoints.ToResponse(tenant), options);

        var services = await store.ListServicesAsync(tenant.Id, ct);
        WriteArray(json, naming.ConvertName(nameof(TenantExportResponse.Services)), services.Select(CatalogMapping.ToResponse), options);
        var staff = await store.ListStaffAsync(tenant.Id, ct);
        WriteArray(json, naming.ConvertName(nameof(TenantExportResponse.Staff)), staff.Select(s => CatalogMapping.ToResponse(s, withEmail: true)), options);
        await FlushAsync();

        json.WriteStartArray(naming.ConvertName(nameof(TenantExportResponse.Schedules)));
        foreach (var s in staff)
        {
            if (await store.GetScheduleAsync(tenant.Id, s.Id, ct) is { } schedule)
            {
                JsonSerializer.Serialize(json, new StaffScheduleExportDto(s.Id, CatalogMapping.ToDto(schedule)), options);
            }
        }

        json.WriteEndArray();
        json.WriteStartArray(naming.ConvertName(nameof(TenantExportResponse.TimeOff)));
        foreach (var s in staff)
        {
            foreach (var t in await store.ListTimeOffAsync(tenant.Id, s.Id, ct))
            {
                JsonSerializer.Serialize(json, CatalogMapping.ToResponse(t, zone), options);
            }
        }

        json.WriteEndArray();
        var closures = await store.ListClosuresAsync(tenant.Id, ct);
        WriteArray(json, naming.ConvertName(nameof(TenantExportResponse.Closures)), closures.Select(c => new ClosureResponse(c.Id, c.From, c.To, c.Reason)), options);
        var resources = await store.ListResourcesAsync(tenant.Id, ct);
        WriteArray(json, naming.ConvertName(nameof(TenantExportResponse.Resources)), resources.Select(CatalogMapping.ToResponse), options);
        var people = await users.ListUsersAsync(tenant.Id, ct);
        WriteArray(json, naming.ConvertName(nameof(TenantExportResponse.Users)), people.Select(AccountService.ToResponse), options);
        await FlushAsync();

        // Bookings by start (keyset pages), then the audit log newest first (keyset pages).
        json.WriteStartArray(naming.ConvertName(nameof(TenantExportResponse.Bookings)));
        (DateTimeOffset Start, Guid Id)? after = null;
        while (true)
        {
            var page = await store.ListBookingsAsync(new BookingQuery(
                tenant.Id, new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2201, 1, 1, 0, 0, 0, TimeSpan.Zero),
                null, null, after, PageSize), ct);
            foreach (var b in page)
            {
                JsonSerializer.Serialize(json, BookingMapping.ToResponse(b, zone) with { Status = BookingAudit.StatusName(b.Status) }, options);
            }

            await FlushAsync();
            if (page.Count < PageSize)
            {
                break;
            }

            after = (page[^1].Start, page[^1].Id);
        }

        json.WriteEndArray();
        json.WriteStartArray(naming.ConvertName(nameof(TenantExportResponse.Audit)));
        (DateTimeOffset At, Guid Id)? before = null;
        while (true)
        {
            var page = await audit.ListAsync(new AuditQuery(tenant.Id, null, null, null, null, before, PageSize), ct);
            foreach (var e in page)
            {
                JsonSerializer.Serialize(json, CustomerEndpoints.ToResponse(e, zone), options);
            }

            await FlushAsync();
            if (page.Count < PageSize)
            {
                break;
            }

            before = (page[^1].At, page[^1].Id);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await FlushAsync();
    }

    private static void WriteArray<T>(Utf8JsonWriter json, string name, IEnumerable<T> items, JsonSerializerOptions options)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            JsonSerializer.Serialize(json, item, options);
        }

        json.WriteEndArray();
    }
}
