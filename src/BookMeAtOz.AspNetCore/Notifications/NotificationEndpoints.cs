using System.Globalization;
using System.Text;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Contracts;
using BookMeAtOz.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BookMeAtOz.AspNetCore.Notifications;

/// <summary><c>GET /notifications</c>: the tenant's booking e-mails and their status, for owners and admins.</summary>
internal static class NotificationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGroup("/notifications").WithTags("Notifications").RequireTenant()
            .MapGet("/", ListAsync).WithName("ListNotifications")
            .WithSummary("The tenant's booking e-mails, newest first: pending (waiting or being retried), sent, failed (parked) or cancelled.")
            .RequireBookMeAtOzPolicy(Caller.AdminPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<ApiOk<PageResponse<NotificationResponse>>> ListAsync(
        RequestTenant tenant, string? status, string? cursor, string? limit, string? timeZone, INotificationStore notifications, CancellationToken cancellationToken)
    {
        var query = new QueryReader();
        var size = query.Int("limit", limit, 1, 200) ?? 50;
        var zone = query.TimeZone("timeZone", timeZone);
        var state = NotificationNames.ParseStatus(status);
        query.Errors.Require(status is null || state is not null, "status", "Must be pending, sent, failed or cancelled.");
        var after = cursor is null ? null : DecodeCursor(cursor);
        query.Errors.Require(cursor is null || after is not null, "cursor", "Is not a cursor from a previous page.");
        query.Errors.ThrowIfAny();

        var items = await notifications.ListAsync(tenant.Id, state, after, size + 1, cancellationToken);
        var display = new Zoned(zone ?? tenant.Tenant.TimeZone);
        var page = items.Take(size).Select(n => new NotificationResponse(
            n.Id, NotificationNames.Of(n.Kind), n.BookingId, NotificationNames.Of(n.Status), n.Attempts, display.Show(n.CreatedAt), display.Show(n.DueAt),
            n.Status == NotificationStatus.Pending ? display.Show(n.NextAttemptAt) : null, display.Show(n.SentAt), n.LastError)).ToList();
        return ApiResults.Ok(new PageResponse<NotificationResponse>(page, items.Count > size ? EncodeCursor(items[size - 1]) : null));
    }

    private static string EncodeCursor(NotificationRecord last) =>
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
