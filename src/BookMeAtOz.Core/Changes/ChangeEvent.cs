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
/// <param name="Status">The booking's status after the change (<c>pending</c>, <c>confirmed</c>, <c>cancelled</c>, …).</param>
/// <param name="PreviousStaffId">For <c>booking.rescheduled</c>: who had it before.</param>
/// <param name="PreviousStart">For <c>booking.rescheduled</c>: the old start.</param>
/// <param name="PreviousEnd">For <c>booking.rescheduled</c>: the old end.</param>
/// <param name="OutboxId">The outbox row it came from (PostgreSQL), else null.</param>
/// <param name="UserId">The user, for <c>user.*</c>.</param>
/// <param name="AccountTokenId">The password-reset or invitation token whose e-mail is to be sent, for <c>user.password_reset_requested</c> and <c>user.invited</c>.</param>
public sealed record ChangeEvent(
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
    long? OutboxId = null,
    Guid? UserId = null,
    Guid? AccountTokenId = null)
{
    /// <summary>For <c>booking.*</c>: the booking's answers as asked (empty when there are none; null when not known).</summary>
    public IReadOnlyList<Bookings.BookingAnswer>? Answers { get; init; }

    /// <summary>For <c>booking.*</c>: the service's location when the change happened (null when it has none or is not known).</summary>
    public Scheduling.ServiceLocation? Location { get; init; }

    /// <summary>For <c>booking.declined</c>: the reason given, if any.</summary>
    public string? Reason { get; init; }

    /// <summary>For <c>resource.changed</c>: the resource created, updated or deleted.</summary>
    public Guid? ResourceId { get; init; }

    /// <summary>For <c>booking.*</c> and <c>series.created</c>: the recurring series the booking is an occurrence of, if any.</summary>
    public Guid? SeriesId { get; init; }

    /// <summary>For <c>waitlist.offered</c>: the waitlist entry offered the hold (<see cref="BookingId"/>).</summary>
    public Guid? WaitlistEntryId { get; init; }

    /// <summary>For <c>waitlist.offered</c>: when the offer (its hold) lapses.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Whether the change is about a booking (created, cancelled, rescheduled, approved, declined, expired, no-show).</summary>
    public bool IsBooking => Type.StartsWith("booking.", StringComparison.Ordinal);
}

/// <summary>The change types, as the outbox names them (migration 0001).</summary>
public static class ChangeTypes
{
    /// <summary><c>booking.created</c>.</summary>
    public const string BookingCreated = "booking.created";
    /// <summary><c>booking.cancelled</c>.</summary>
    public const string BookingCancelled = "booking.cancelled";
    /// <summary><c>booking.rescheduled</c>.</summary>
    public const string BookingRescheduled = "booking.rescheduled";
    /// <summary><c>hold.created</c>: a checkout hold took time (no e-mail, no booking event; availability changed).</summary>
    public const string HoldCreated = "hold.created";
    /// <summary><c>hold.released</c>: a hold was released or lapsed and was marked expired (availability changed).</summary>
    public const string HoldReleased = "hold.released";

    /// <summary><c>booking.approved</c>: a pending booking was approved (now confirmed).</summary>
    public const string BookingApproved = "booking.approved";

    /// <summary><c>booking.declined</c>: a pending booking was declined; its time is free.</summary>
    public const string BookingDeclined = "booking.declined";

    /// <summary><c>booking.expired</c>: a pending booking was not decided in time; its time is free.</summary>
    public const string BookingExpired = "booking.expired";

    /// <summary><c>booking.no_show</c>: the customer of a confirmed booking did not come.</summary>
    public const string BookingNoShow = "booking.no_show";

    /// <summary>
    /// <c>series.created</c>: a recurring series was booked (after its occurrences' <c>booking.created</c>, in the same
    /// commit); its booking fields are the first occurrence's. The one confirmation e-mail of the series comes from it.
    /// </summary>
    public const string SeriesCreated = "series.created";

    /// <summary>
    /// <c>waitlist.offered</c>: a waitlist entry was offered a checkout hold (the booking id is the hold's); the customer is
    /// e-mailed a link to book it.
    /// </summary>
    public const string WaitlistOffered = "waitlist.offered";

    /// <summary><c>timeoff.added</c>.</summary>
    public const string TimeOffAdded = "timeoff.added";
    /// <summary><c>timeoff.deleted</c>.</summary>
    public const string TimeOffDeleted = "timeoff.deleted";
    /// <summary><c>schedule.changed</c>.</summary>
    public const string ScheduleChanged = "schedule.changed";
    /// <summary><c>service.created</c>.</summary>
    public const string ServiceCreated = "service.created";
    /// <summary><c>service.updated</c>.</summary>
    public const string ServiceUpdated = "service.updated";
    /// <summary><c>service.deleted</c>.</summary>
    public const string ServiceDeleted = "service.deleted";
    /// <summary><c>staff.created</c>.</summary>
    public const string StaffCreated = "staff.created";
    /// <summary><c>staff.updated</c>.</summary>
    public const string StaffUpdated = "staff.updated";
    /// <summary><c>staff.deleted</c>.</summary>
    public const string StaffDeleted = "staff.deleted";
    /// <summary><c>closures.changed</c>: a tenant-wide closure was added or removed (what every service offers may change).</summary>
    public const string ClosuresChanged = "closures.changed";
    /// <summary><c>resource.changed</c>: a resource was created, updated or deleted (what the services requiring it offer may change).</summary>
    public const string ResourceChanged = "resource.changed";
    /// <summary><c>tenant.updated</c>.</summary>
    public const string TenantUpdated = "tenant.updated";
    /// <summary>
    /// <c>user.changed</c>: a user's role, staff link, password or security stamp changed, or the user was removed; what
    /// any instance knows of the user (its security stamp) is stale.
    /// </summary>
    public const string UserChanged = "user.changed";
    /// <summary><c>user.password_reset_requested</c>: a reset link is to be e-mailed.</summary>
    public const string PasswordResetRequested = "user.password_reset_requested";
    /// <summary><c>user.invited</c>: an invitation is to be e-mailed.</summary>
    public const string UserInvited = "user.invited";
}
