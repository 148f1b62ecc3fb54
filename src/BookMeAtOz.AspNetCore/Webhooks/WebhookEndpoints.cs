using System.Globalization;
using System.Text;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Contracts;
using BookMeAtOz.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BookMeAtOz.AspNetCore.Webhooks;

/// <summary>
/// <c>/webhooks</c>: signed webhook subscriptions (product specification §11.1), for owners and admins: create (the secret
/// shown once), change, remove, rotate the secret, ping, and the delivery log with replay.
/// </summary>
internal static class WebhookEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks").RequireTenant()
            .RequireBookMeAtOzPolicy(Caller.AdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", ListAsync).WithName("ListWebhooks").WithSummary("The tenant's webhook subscriptions, oldest first.");
        group.MapPost("/", CreateAsync).WithName("CreateWebhook")
            .WithSummary("Subscribes a URL to event types; the answer carries the signing secret, shown only here.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetWebhook").WithSummary("One webhook subscription.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id:guid}", PatchAsync).WithName("UpdateWebhook")
            .WithSummary("Changes the URL, the events or whether it is enabled (enabling clears its failure record).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteWebhook").WithSummary("Removes a subscription and its delivery log.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/rotate-secret", RotateAsync).WithName("RotateWebhookSecret")
            .WithSummary("Gives the subscription a new secret; the old one keeps signing (a second v1=) during the overlap (default 24 h).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/ping", PingAsync).WithName("PingWebhook").WithSummary("Queues a signed ping event to the subscription.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/deliveries", ListDeliveriesAsync).WithName("ListWebhookDeliveries")
            .WithSummary("The subscription's deliveries, newest first: status, attempts, response status, duration and excerpt.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/replay", ReplayAsync).WithName("ReplayWebhookDelivery")
            .WithSummary("Queues the delivery's event again (same event id and body, a new delivery id).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<ApiOk<ItemsResponse<WebhookResponse>>> ListAsync(RequestTenant tenant, WebhookService webhooks, CancellationToken cancellationToken)
    {
        var zone = new Zoned(tenant.Tenant.TimeZone);
        var items = await webhooks.ListAsync(tenant.Id, cancellationToken);
        return ApiResults.Ok(new ItemsResponse<WebhookResponse>([.. items.Select(s => ToResponse(s, zone))]));
    }

    private static async Task<ApiCreated<WebhookCreatedResponse>> CreateAsync(
        RequestTenant tenant, JsonBody<WebhookRequest> body, WebhookService webhooks, CancellationToken cancellationToken)
    {
        var (s, secret) = await webhooks.CreateAsync(tenant.Id, body.Value.Url, body.Value.Events, cancellationToken);
        var zone = new Zoned(tenant.Tenant.TimeZone);
        return ApiResults.Created($"~/webhooks/{s.Id}", new WebhookCreatedResponse(s.Id, s.Url, s.Events, s.Enabled, zone.Show(s.CreatedAt), secret));
    }

    private static async Task<ApiOk<WebhookResponse>> GetAsync(RequestTenant tenant, Guid id, WebhookService webhooks, CancellationToken cancellationToken) =>
        ApiResults.Ok(ToResponse(await webhooks.GetAsync(tenant.Id, id, cancellationToken), new Zoned(tenant.Tenant.TimeZone)));

    private static async Task<ApiOk<WebhookResponse>> PatchAsync(
        RequestTenant tenant, Guid id, JsonBody<JsonElement> body, WebhookService webhooks, CancellationToken cancellationToken)
    {
        var current = await webhooks.GetAsync(tenant.Id, id, cancellationToken);
        var merged = JsonMerge.Apply(new WebhookUpdateRequest(current.Url, current.Events, current.Enabled), body.Value, ApiJson.Options);
        var updated = await webhooks.UpdateAsync(
            tenant.Id, id, merged.Url == current.Url ? null : merged.Url ?? string.Empty, merged.Events, merged.Enabled ?? current.Enabled, cancellationToken);
        return ApiResults.Ok(ToResponse(updated, new Zoned(tenant.Tenant.TimeZone)));
    }

    private static async Task<NoContent> DeleteAsync(RequestTenant tenant, Guid id, WebhookService webhooks, CancellationToken cancellationToken)
    {
        await webhooks.DeleteAsync(tenant.Id, id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<ApiOk<WebhookSecretResponse>> RotateAsync(RequestTenant tenant, Guid id, WebhookService webhooks, CancellationToken cancellationToken) =>
        ApiResults.Ok(new WebhookSecretResponse(await webhooks.RotateSecretAsync(tenant.Id, id, cancellationToken)));

    private static async Task<ApiAccepted<WebhookDeliveryAcceptedResponse>> PingAsync(
        RequestTenant tenant, Guid id, WebhookService webhooks, CancellationToken cancellationToken) =>
        ApiResults.Accepted(new WebhookDeliveryAcceptedResponse(await webhooks.PingAsync(tenant.Id, id, cancellationToken)));

    private static async Task<ApiAccepted<WebhookDeliveryAcceptedResponse>> ReplayAsync(
        RequestTenant tenant, Guid id, Guid deliveryId, WebhookService webhooks, CancellationToken cancellationToken) =>
        ApiResults.Accepted(new WebhookDeliveryAcceptedResponse(await webhooks.ReplayAsync(tenant.Id, id, deliveryId, cancellationToken)));

    private static async Task<ApiOk<PageResponse<WebhookDeliveryResponse>>> ListDeliveriesAsync(
        RequestTenant tenant, Guid id, string? cursor, string? limit, WebhookService webhooks, CancellationToken cancellationToken)
    {
        var query = new QueryReader();
        var size = query.Int("limit", limit, 1, 200) ?? 50;
        var after = cursor is null ? null : DecodeCursor(cursor);
        query.Errors.Require(cursor is null || after is not null, "cursor", "Is not a cursor from a previous page.");
        query.Errors.ThrowIfAny();

        var items = await webhooks.ListDeliveriesAsync(tenant.Id, id, after, size + 1, cancellationToken);
        var zone = new Zoned(tenant.Tenant.TimeZone);
        var page = items.Take(size).Select(d => new WebhookDeliveryResponse(
            d.Id, d.EventId, d.EventType, Status(d.Status), d.Attempts, zone.Show(d.CreatedAt), zone.Show(d.NextAttemptAt), zone.Show(d.LastAttemptAt),
            d.ResponseStatus, d.DurationMs, d.ResponseExcerpt, d.Error, d.ReplayOf, d.Body)).ToList();
        return ApiResults.Ok(new PageResponse<WebhookDeliveryResponse>(page, items.Count > size ? EncodeCursor(items[size - 1]) : null));
    }

    private static string Status(WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Delivered => "delivered",
        WebhookDeliveryStatus.Failed => "failed",
        _ => "pending",
    };

    private static WebhookResponse ToResponse(WebhookSubscription s, Zoned zone) =>
        new(s.Id, s.Url, s.Events, s.Enabled, zone.Show(s.CreatedAt), zone.Show(s.FailingSince), zone.Show(s.DisabledAt));

    private static string EncodeCursor(WebhookDeliveryRecord last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{last.CreatedAt.UtcTicks}:{last.Id:N}")));

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
