using System.Globalization;
using System.Text;
using System.Text.Json;
using BookMeAtOz.Bookings;

namespace BookMeAtOz.Audit;

/// <summary>
/// Which booking changes are audited, as what, and the booking's audited fields. The in-memory store applies it to every
/// booking it writes; on PostgreSQL the trigger <c>bookmeatoz.audit_booking</c> (migration 0011) implements the same
/// mapping, so both stores record the same entries:
/// <list type="bullet">
/// <item>a new booking that is not a hold, or a hold that becomes <c>pending</c> or <c>confirmed</c>: <c>booking.created</c>;</item>
/// <item>a status change to <c>cancelled</c>: <c>booking.cancelled</c>; <c>pending</c> → <c>confirmed</c>: <c>booking.approved</c>;
/// any other status change: <c>booking.&lt;new status&gt;</c> (<c>booking.declined</c>, <c>booking.expired</c>, <c>booking.no_show</c>);</item>
/// <item>the same status with another start or staff member: <c>booking.rescheduled</c>;</item>
/// <item>holds themselves (a new <c>held</c> row, a hold that expires or is released, a removed hold) and changes of other
/// fields only (answers, an erasure, which records its own <c>customer.erased</c>) are not audited.</item>
/// </list>
/// The snapshot holds the booking's public fields (never the manage token's hash, nor the answers, which the customer's
/// export carries): <c>id, serviceId, staffId, start, end, status, customer {name, email, phone}, notes, cancelledAt,
/// cancelReason</c>, instants in UTC (<c>2027-04-04T00:00:00Z</c>, microseconds when there are any).
/// </summary>
public static class BookingAudit
{
    /// <summary>The entries' entity.</summary>
    public const string Entity = "booking";

    /// <summary>The status as stored and shown: the enum member's name in snake case (<c>no_show</c>).</summary>
    /// <param name="status">The status.</param>
    /// <returns>Its name.</returns>
    public static string StatusName(BookingStatus status)
    {
        var name = status.ToString();
        var result = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                result.Append('_');
            }

            result.Append(char.ToLowerInvariant(name[i]));
        }

        return result.ToString();
    }

    /// <summary>The action recording the change from <paramref name="before"/> to <paramref name="after"/>, or null when it is not audited.</summary>
    /// <param name="before">The booking before (null: it is new).</param>
    /// <param name="after">The booking after (null: it was removed).</param>
    /// <returns>The action, or null.</returns>
    public static string? ActionFor(Booking? before, Booking? after)
    {
        if (after is null)
        {
            return null;
        }

        var newStatus = StatusName(after.Status);
        if (before is null)
        {
            return newStatus == "held" ? null : AuditActions.BookingCreated;
        }

        var oldStatus = StatusName(before.Status);
        if (oldStatus == "held")
        {
            return newStatus is "pending" or "confirmed" ? AuditActions.BookingCreated : null;
        }

        if (oldStatus != newStatus)
        {
            return newStatus switch
            {
                "cancelled" => AuditActions.BookingCancelled,
                "confirmed" when oldStatus == "pending" => AuditActions.BookingApproved,
                _ => "booking." + newStatus,
            };
        }

        return before.Start != after.Start || before.StaffId != after.StaffId ? AuditActions.BookingRescheduled : null;
    }

    /// <summary>The entry recording the change, or null when it is not audited.</summary>
    /// <param name="before">The booking before (null: it is new).</param>
    /// <param name="after">The booking after (null: it was removed).</param>
    /// <param name="actor">Who made the change.</param>
    /// <param name="at">When.</param>
    /// <returns>The entry, or null.</returns>
    public static AuditEntry? EntryFor(Booking? before, Booking? after, AuditActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (ActionFor(before, after) is not { } action || after is null)
        {
            return null;
        }

        var isCreation = before is null || StatusName(before.Status) == "held";
        return new AuditEntry(
            Guid.CreateVersion7(at), after.TenantId, at, actor.Type, actor.Id, Entity, after.Id, action,
            isCreation ? null : Snapshot(before!), Snapshot(after));
    }

    /// <summary>The booking's audited fields as a JSON object.</summary>
    /// <param name="booking">The booking.</param>
    /// <returns>The JSON.</returns>
    public static string Snapshot(Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", booking.Id);
            json.WriteString("serviceId", booking.ServiceId);
            json.WriteString("staffId", booking.StaffId);
            json.WriteString("start", Instant(booking.Start));
            json.WriteString("end", Instant(booking.End));
            json.WriteString("status", StatusName(booking.Status));
            json.WriteStartObject("customer");
            json.WriteString("name", booking.Customer.Name);
            json.WriteString("email", booking.Customer.Email);
            json.WriteString("phone", booking.Customer.Phone);
            json.WriteEndObject();
            json.WriteString("notes", booking.Notes);
            json.WriteString("cancelledAt", booking.CancelledAt is { } c ? Instant(c) : null);
            json.WriteString("cancelReason", booking.CancelReason);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>An instant as the snapshots write it: UTC, to the microsecond (PostgreSQL's precision), fraction only when not zero.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The text.</returns>
    public static string Instant(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        utc = new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
    }
}
