using System.Text.Json;
using BookMeAtOz.Changes;

namespace BookMeAtOz.Webhooks;

/// <summary>
/// Writes the webhook event of a committed change: the same on both stores, built from the change as the outbox
/// records it. <c>data</c> names the booking and what changed; customer details are not sent (fetch the booking). A
/// <c>waitlist.offered</c> event names the hold offered (<c>bookingId</c>), the entry (<c>waitlistEntryId</c>) and when
/// the offer lapses (<c>expiresAt</c>).
/// </summary>
public static class WebhookEventWriter
{
    /// <summary>
    /// The event for <paramref name="change"/>, or null when no subscription may ask for its type.
    /// </summary>
    /// <param name="change">The committed change.</param>
    /// <param name="id">The event's id.</param>
    /// <param name="createdAt">When the change committed.</param>
    /// <param name="sequence">Its position in commit order (the outbox id).</param>
    public static WebhookEvent? Write(ChangeEvent change, Guid id, DateTimeOffset createdAt, long sequence)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!WebhookEventTypes.IsKnown(change.Type))
        {
            return null;
        }

        var body = Body(id, change.Type, createdAt, writer =>
        {
            Guid("bookingId", change.BookingId);
            Guid("serviceId", change.ServiceId);
            Guid("staffId", change.StaffId);
            Instant("start", change.Start);
            Instant("end", change.End);
            if (change.Status is { } status)
            {
                writer.WriteString("status", status);
            }

            Guid("previousStaffId", change.PreviousStaffId);
            Instant("previousStart", change.PreviousStart);
            Instant("previousEnd", change.PreviousEnd);
            Guid("waitlistEntryId", change.WaitlistEntryId);
            Instant("expiresAt", change.ExpiresAt);
            void Guid(string name, Guid? value)
            {
                if (value is { } v)
                {
                    writer.WriteString(name, v);
                }
            }

            void Instant(string name, DateTimeOffset? value)
            {
                if (value is { } v)
                {
                    writer.WriteString(name, v.ToUniversalTime());
                }
            }
        });
        return new WebhookEvent(id, change.TenantId, change.Type, createdAt, change.BookingId, sequence, body);
    }

    /// <summary>The test ping's event.</summary>
    internal static WebhookEvent Ping(Guid tenantId, Guid subscriptionId, Guid id, DateTimeOffset now) =>
        new(id, tenantId, WebhookEventTypes.Ping, now, null, 0,
            Body(id, WebhookEventTypes.Ping, now, writer => writer.WriteString("subscriptionId", subscriptionId)));

    private static string Body(Guid id, string type, DateTimeOffset createdAt, Action<Utf8JsonWriter> data)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", type);
            writer.WriteString("createdAt", createdAt.ToUniversalTime());
            writer.WriteStartObject("data");
            data(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
