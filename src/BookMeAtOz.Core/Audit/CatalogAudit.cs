using System.Globalization;
using System.Text;
using System.Text.Json;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;

namespace BookMeAtOz.Audit;

/// <summary>
/// The audit of catalog changes and of the tenant's settings, and the audited fields of each. The in-memory store records
/// these entries under the tenant's lock with the change; on PostgreSQL the trigger <c>bookmeatoz.audit_catalog</c>
/// (migration 0012) writes the same ones:
/// <list type="bullet">
/// <item>services and staff: <c>service.created</c>/<c>updated</c>/<c>deleted</c>, <c>staff.created</c>/<c>updated</c>/<c>deleted</c> (entity id: the service or staff member);</item>
/// <item>a schedule set: <c>schedule.updated</c> (entity id: the staff member);</item>
/// <item>time off and closures: <c>time_off.added</c>/<c>removed</c>, <c>closure.added</c>/<c>removed</c>;</item>
/// <item>resources: <c>resource.created</c>/<c>updated</c>/<c>deleted</c> (entity id: the resource; on PostgreSQL the
/// trigger <c>bookmeatoz.audit_resource</c>, migration 0022);</item>
/// <item>the tenant's settings (name, time zone, currency, policy): <c>tenant.updated</c> (entity id: the tenant).</item>
/// </list>
/// An update whose snapshot is unchanged records nothing. Snapshots (JSON objects, no secrets): service <c>id, name,
/// durationMinutes, bufferBeforeMinutes, bufferAfterMinutes, priceCents, capacity, slotIntervalMinutes, active,
/// requiresApproval, staffIds, questions, location</c>; staff <c>id, name, email, timeZone, active, maxBookingsPerDay</c>; schedule <c>staffId, weekly,
/// overrides</c>; time off <c>id, staffId, start, end, reason</c>; closure <c>id, from, to, reason</c>; resource <c>id, name,
/// kind, quantity, active</c>; tenant <c>id, slug,
/// name, timeZone, currency, policy {…}</c>.
/// </summary>
public static class CatalogAudit
{
    /// <summary>The entity of service entries.</summary>
    public const string ServiceEntity = "service";

    /// <summary>The entity of staff entries.</summary>
    public const string StaffEntity = "staff";

    /// <summary>The entity of schedule entries (the entity id is the staff member's).</summary>
    public const string ScheduleEntity = "schedule";

    /// <summary>The entity of time off entries.</summary>
    public const string TimeOffEntity = "time_off";

    /// <summary>The entity of closure entries.</summary>
    public const string ClosureEntity = "closure";

    /// <summary>The entity of resource entries.</summary>
    public const string ResourceEntity = "resource";

    /// <summary>The entity of the tenant's entries.</summary>
    public const string TenantEntity = "tenant";

    /// <summary>The entry recording a change, or null when an update changed nothing the snapshot shows.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="entity">One of the entity constants.</param>
    /// <param name="entityId">What changed.</param>
    /// <param name="action">One of <see cref="AuditActions"/>.</param>
    /// <param name="before">The snapshot before (null: new).</param>
    /// <param name="after">The snapshot after (null: removed).</param>
    /// <param name="actor">Who made the change.</param>
    /// <param name="at">When.</param>
    /// <returns>The entry, or null.</returns>
    public static AuditEntry? EntryFor(
        Guid tenantId, string entity, Guid entityId, string action, string? before, string? after, AuditActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (before is not null && after is not null && before == after)
        {
            return null;
        }

        return new AuditEntry(Guid.CreateVersion7(at), tenantId, at, actor.Type, actor.Id, entity, entityId, action, before, after);
    }

    /// <summary>A service's audited fields.</summary>
    /// <param name="service">The service.</param>
    /// <returns>The JSON.</returns>
    public static string Snapshot(Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return Write(json =>
        {
            json.WriteString("id", service.Id);
            json.WriteString("name", service.Name);
            json.WriteNumber("durationMinutes", service.DurationMinutes);
            json.WriteNumber("bufferBeforeMinutes", service.BufferBeforeMinutes);
            json.WriteNumber("bufferAfterMinutes", service.BufferAfterMinutes);
            json.WriteNumber("priceCents", service.PriceCents);
            json.WriteNumber("capacity", service.Capacity);
            Number(json, "slotIntervalMinutes", service.SlotIntervalMinutes);
            json.WriteBoolean("active", service.Active);
            json.WriteBoolean("requiresApproval", service.RequiresApproval);
            if (service.StaffRequired != 1)
            {
                json.WriteNumber("staffRequired", service.StaffRequired);
            }

            json.WriteStartArray("staffIds");
            foreach (var id in service.StaffIds ?? [])
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
            json.WriteStartArray("questions");
            foreach (var q in service.Questions ?? [])
            {
                json.WriteStartObject();
                json.WriteString("id", q.Id);
                json.WriteString("label", q.Label);
                json.WriteString("type", JsonNamingPolicy.CamelCase.ConvertName(q.Type.ToString()));
                json.WriteBoolean("required", q.Required);
                if (q.Choices is { } choices)
                {
                    json.WriteStartArray("choices");
                    foreach (var choice in choices)
                    {
                        json.WriteStringValue(choice);
                    }

                    json.WriteEndArray();
                }
                else
                {
                    json.WriteNull("choices");
                }

                Number(json, "maxLength", q.MaxLength);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (service.Location is { } location)
            {
                json.WriteStartObject("location");
                json.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(location.Kind.ToString()));
                json.WriteString("address", location.Address);
                json.WriteString("phone", location.Phone);
                json.WriteString("url", location.Url);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("location");
            }
        });
    }

    /// <summary>A staff member's audited fields.</summary>
    /// <param name="staff">The staff member.</param>
    /// <returns>The JSON.</returns>
    public static string Snapshot(StaffMember staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return Write(json =>
        {
            json.WriteString("id", staff.Id);
            json.WriteString("name", staff.Name);
            json.WriteString("email", staff.Email);
            json.WriteString("timeZone", staff.TimeZone);
            json.WriteBoolean("active", staff.Active);
            Number(json, "maxBookingsPerDay", staff.MaxBookingsPerDay);
        });
    }

    /// <summary>A staff member's schedule's audited fields (weekly hours and overrides as the API shows them).</summary>
    /// <param name="staffId">The staff member.</param>
    /// <param name="schedule">The schedule.</param>
    /// <returns>The JSON.</returns>
    public static string Snapshot(Guid staffId, StaffSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return Write(json =>
        {
            json.WriteString("staffId", staffId);
            json.WriteStartObject("weekly");
            foreach (var (day, intervals) in schedule.Weekly.OrderBy(d => d.Key))
            {
                json.WritePropertyName(day.ToString().ToLowerInvariant());
                Intervals(json, intervals);
            }

            json.WriteEndObject();
            json.WriteStartArray("overrides");
            foreach (var o in schedule.Overrides)
            {
                json.WriteStartObject();
                json.WriteString("date", o.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WritePropertyName("intervals");
                Intervals(json, o.Intervals);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    /// <summary>A time off's audited fields.</summary>
    /// <param name="timeOff">The time off.</param>
    /// <returns>The JSON.</returns>
    public static string Snapshot(TimeOff timeOff)
    {
        ArgumentNullException.ThrowIfNull(timeOff);
        return Write(json =>
        {
            json.WriteString("id", timeOff.Id);
            json.WriteString("staffId", timeOff.StaffId);
            json.WriteString("start", BookingAudit.Instant(timeOff.Start));
            json.WriteString("end", BookingAudit.Instant(timeOff.End));
            json.WriteString("reason", timeOff.Reason);
        });
    }

    /// <summary>A closure's audited fields.</summary>
    /// <param name="closure">The closure.</param>
    /// <returns>The JSON.</returns>
    public static string Snapshot(Closure closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        return Write(json =>
        {
            json.WriteString("id", closure.Id);
            json.WriteString("from", closure.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("to", closure.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("reason", closure.Reason);
        });
    }

    /// <summary>A resource's audited fields.</summary>
    /// <param name="resource">The resource.</param>
    /// <returns>The JSON.</returns>
    public static string Snapshot(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Write(json =>
        {
            json.WriteString("id", resource.Id);
            json.WriteString("name", resource.Name);
            json.WriteString("kind", resource.Kind);
            json.WriteNumber("quantity", resource.Quantity);
            json.WriteBoolean("active", resource.Active);
        });
    }

    /// <summary>The tenant's audited settings.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The JSON.</returns>
    public static string Snapshot(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var p = tenant.Policy ?? TenantPolicy.Default;
        return Write(json =>
        {
            json.WriteString("id", tenant.Id);
            json.WriteString("slug", tenant.Slug);
            json.WriteString("name", tenant.Name);
            json.WriteString("timeZone", tenant.TimeZone);
            json.WriteString("currency", tenant.Currency);
            json.WriteStartObject("policy");
            json.WriteNumber("minNoticeMinutes", p.MinNoticeMinutes);
            json.WriteNumber("maxAdvanceDays", p.MaxAdvanceDays);
            Number(json, "slotIntervalMinutes", p.SlotIntervalMinutes);
            json.WriteNumber("cancellationNoticeMinutes", p.CancellationNoticeMinutes);
            Number(json, "rescheduleNoticeMinutes", p.RescheduleNoticeMinutes);
            Number(json, "maxReschedules", p.MaxReschedules);
            Number(json, "maxActiveBookings", p.MaxActiveBookings);
            json.WriteNumber("approvalHours", p.ApprovalHours);
            json.WriteNumber("holdMinutes", p.HoldMinutes);
            json.WriteEndObject();
        });
    }

    private static void Number(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Intervals(Utf8JsonWriter json, IReadOnlyList<WorkInterval> intervals)
    {
        json.WriteStartArray();
        foreach (var interval in intervals)
        {
            json.WriteStartObject();
            json.WriteString("start", interval.Start.ToString());
            json.WriteString("end", interval.End.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
