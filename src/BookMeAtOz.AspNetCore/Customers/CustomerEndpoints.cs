using System.Text;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Bookings;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Audit;
using BookMeAtOz.Contracts;
using BookMeAtOz.Customers;
using BookMeAtOz.Notifications;
using BookMeAtOz.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BookMeAtOz.AspNetCore.Customers;

/// <summary>
/// <c>/customers</c> (SPEC §9.7): a tenant's customers by e-mail (case-insensitive), one customer's history, their export
/// and their erasure, for owners and admins. Export and erasure are recorded in the audit log in their own transaction.
/// </summary>
internal static class CustomerEndpoints
{
    /// <summary>The longest search text.</summary>
    internal const int MaxSearchLength = 200;

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/customers").WithTags("Customers").RequireTenant()
            .RequireBookMeAtOzPolicy(Caller.AdminPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", ListAsync).WithName("ListCustomers")
            .WithSummary("The tenant's customers by e-mail (case-insensitive), in address order; search matches name, e-mail or phone.");
        group.MapGet("/{email}", GetAsync).WithName("GetCustomer")
            .WithSummary("One customer with every booking of theirs, latest start first.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{email}/export", ExportAsync).WithName("ExportCustomer")
            .WithSummary("Everything kept about one customer: bookings with answers, the audit entries about them, their e-mail notifications.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{email}", EraseAsync).WithName("EraseCustomer")
            .WithSummary("Erases a customer: bookings stay with the personal fields replaced everywhere they are kept; a second erasure answers 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<ApiOk<PageResponse<CustomerResponse>>> ListAsync(
        RequestTenant tenant, string? search, string? cursor, string? limit, string? timeZone, ICustomerStore customers, CancellationToken cancellationToken)
    {
        var query = new QueryReader();
        var size = query.Int("limit", limit, 1, 200) ?? 50;
        var zoneId = query.TimeZone("timeZone", timeZone) ?? tenant.Tenant.TimeZone;
        if (search is not null)
        {
            Text.ValidateOptional(search, query.Errors, "search", MaxSearchLength);
        }

        var after = cursor is null ? null : DecodeCursor(cursor);
        query.Errors.Require(cursor is null || after is not null, "cursor", "Is not a cursor from a previous page.");
        query.Errors.ThrowIfAny();

        var items = await customers.ListCustomersAsync(
            new CustomerQuery(tenant.Id, string.IsNullOrEmpty(search) ? null : search, after, size + 1), cancellationToken);
        var zone = new Zoned(zoneId);
        var page = items.Take(size).Select(c => ToResponse(c, zone)).ToList();
        return ApiResults.Ok(new PageResponse<CustomerResponse>(page, items.Count > size ? EncodeCursor(CustomerSummary.Key(items[size - 1].Email)) : null));
    }

    private static async Task<ApiOk<CustomerDetailResponse>> GetAsync(
        RequestTenant tenant, string email, string? timeZone, ICustomerStore customers, CancellationToken cancellationToken)
    {
        var zone = Zone(tenant, email, timeZone);
        var found = await customers.FindCustomerAsync(tenant.Id, email, cancellationToken) ?? throw new NotFoundException("customer");
        return ApiResults.Ok(new CustomerDetailResponse(
            ToResponse(found.Customer, zone), [.. found.Bookings.Select(b => BookingMapping.ToResponse(b, zone) with { Status = BookingAudit.StatusName(b.Status) })]));
    }

    private static async Task<ApiOk<CustomerExportResponse>> ExportAsync(
        RequestTenant tenant, string email, string? timeZone, ICustomerStore customers, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var zone = Zone(tenant, email, timeZone);
        var now = timeProvider.GetUtcNow();
        var export = await customers.ExportCustomerAsync(tenant.Id, email, now, cancellationToken) ?? throw new NotFoundException("customer");
        return ApiResults.Ok(new CustomerExportResponse(
            zone.Show(now),
            ToResponse(export.Customer, zone),
            [.. export.Bookings.Select(b => BookingMapping.ToResponse(b, zone) with { Status = BookingAudit.StatusName(b.Status) })],
            [.. export.Audit.Select(e => ToResponse(e, zone))],
            [.. export.Notifications.Select(n => new NotificationResponse(
                n.Id, NotificationNames.Of(n.Kind), n.BookingId, NotificationNames.Of(n.Status), n.Attempts, zone.Show(n.CreatedAt), zone.Show(n.DueAt),
                n.Status == NotificationStatus.Pending ? zone.Show(n.NextAttemptAt) : null, zone.Show(n.SentAt), n.LastError))]));
    }

    private static async Task<NoContent> EraseAsync(
        RequestTenant tenant, string email, ICustomerStore customers, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ValidateEmail(email);
        _ = await customers.EraseCustomerAsync(tenant.Id, email, timeProvider.GetUtcNow(), cancellationToken) ?? throw new NotFoundException("customer");
        return TypedResults.NoContent();
    }

    internal static AuditEntryResponse ToResponse(AuditEntry e, Zoned zone) =>
        new(e.Id, zone.Show(e.At), e.ActorType, e.ActorId, e.Entity, e.EntityId, e.Action, Parse(e.Before), Parse(e.After));

    private static CustomerResponse ToResponse(CustomerSummary c, Zoned zone) => new(
        c.Email, c.Name, c.Phone, c.BookingCounts,
        new CustomerLastBookingDto(c.LastBooking.Id, c.LastBooking.ServiceId, zone.Show(c.LastBooking.Start), BookingAudit.StatusName(c.LastBooking.Status)));

    private static Zoned Zone(RequestTenant tenant, string email, string? timeZone)
    {
        var query = new QueryReader();
        var zoneId = query.TimeZone("timeZone", timeZone) ?? tenant.Tenant.TimeZone;
        Text.ValidateEmail(email, query.Errors, "email");
        query.Errors.ThrowIfAny();
        return new Zoned(zoneId);
    }

    private static void ValidateEmail(string email)
    {
        var errors = new ValidationErrors();
        Text.ValidateEmail(email, errors, "email");
        errors.ThrowIfAny();
    }

    private static JsonElement Parse(string? json)
    {
        using var document = JsonDocument.Parse(json ?? "null");
        return document.RootElement.Clone();
    }

    private static string EncodeCursor(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key));

    private static string? DecodeCursor(string cursor)
    {
        try
        {
            var key = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return key.Length is > 0 and <= 320 && !key.Any(char.IsControl) ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
