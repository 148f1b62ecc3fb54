namespace BookMeAtOz.Changes;

/// <summary>
/// A committed change that can alter what a tenant offers or a booking's state: what the PostgreSQL store writes to
/// its outbox in the change's own transaction, and what the in-memory store reports after a change succeeded. Only
/// the fields of its <see cref="Type"/> are set (see <see cref="ChangeTypes"/>).
/// </summary>
/// <param name="TenantId">The tenant; nothing of a change ever reaches another tenant's listeners.</param>
/// <param name="Type">One of <see cref="ChangeTypes"/>.</param>
/// <param name="BookingId">The booking, for <c>booking.*</c>.</param>
/// <param name="ServiceId">The service, for <c>booking.*</c> and <c>service.*</c>.</param>
/// <param name="StaffId">The staff member, for <c>booking.*</c>, <c>timeoff.*</c>, <c>schedule.changed</c> and <c>staff.*</c>.</param>
/// <param name="Start">Start of the affected time (the booking's, the time off's), when known.</param>
/// <param name="End">End of the affected time, when known.</param>
/// <param name="Status">The booking's status after the change (<c>confirmed</c>, <c>cancelled</c>).</param>
/// <param name="PreviousStaffId">For <c>booking.rescheduled</c>: who had it before.</param>
/// <param name="PreviousStart">For <c>booking.rescheduled</c>: the old start.</param>
/// <param name="PreviousEnd">For <c>booking.rescheduled</c>: the old end.</param>
/// <param name="OutboxId">The outbox row it came from (PostgreSQL), else null.</param>
internal sealed record ChangeEvent(
    Guid TenantId,
    string Type,
    Guid? BookingId = null,
    Guid? ServiceId = null,
    Guid? StaffId = null,
    DateTimeOffset? Start = null,
    DateTimeOffset? End = null,
    string? Status = null,
    Guid? PreviousStaffId = null,
    DateTimeOffset? PreviousStart = null,
    DateTimeOffset? PreviousEnd = null,
    long? OutboxId = null)
{
    /// <summary>Whether the change is about a booking (created, cancelled, rescheduled).</summary>
    public bool IsBooking => Type.StartsWith("booking.", StringComparison.Ordinal);
}

/// <summary>The change types, as the outbox names them (migration 0001).</summary>
internal static class ChangeTypes
{
    public const string BookingCreated = "booking.created";
    public const string BookingCancelled = "booking.cancelled";
    public const string BookingRescheduled = "booking.rescheduled";
    public const string TimeOffAdded = "timeoff.added";
    public const string TimeOffDeleted = "timeoff.deleted";
    public const string ScheduleChanged = "schedule.changed";
    public const string ServiceCreated = "service.created";
    public const string ServiceUpdated = "service.updated";
    public const string ServiceDeleted = "service.deleted";
    public const string StaffCreated = "staff.created";
    public const string StaffUpdated = "staff.updated";
    public const string StaffDeleted = "staff.deleted";
    public const string TenantUpdated = "tenant.updated";
}
