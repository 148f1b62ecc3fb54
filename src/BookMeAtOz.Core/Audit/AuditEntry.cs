namespace BookMeAtOz.Audit;

/// <summary>
/// One recorded change: who made it, to what, when, and the entity before and after (as JSON, without secrets such as
/// password hashes or tokens). Written in the transaction of the change it records.
/// </summary>
/// <param name="Id">The entry's id (time-ordered).</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="At">When the change happened.</param>
/// <param name="ActorType">Who made it: <c>user</c>, <c>apiKey</c>, <c>customer</c> or <c>system</c> (see <see cref="AuditActors"/>).</param>
/// <param name="ActorId">The user (or API key) that made it, when known.</param>
/// <param name="Entity">What kind of thing changed (<c>user</c>, …).</param>
/// <param name="EntityId">The thing that changed.</param>
/// <param name="Action">What happened (<c>user.created</c>, <c>user.role_changed</c>, …; see <see cref="AuditActions"/>).</param>
/// <param name="Before">The entity before the change as a JSON object, or null when it did not exist.</param>
/// <param name="After">The entity after the change as a JSON object, or null when it no longer exists.</param>
public sealed record AuditEntry(
    Guid Id,
    Guid TenantId,
    DateTimeOffset At,
    string ActorType,
    Guid? ActorId,
    string Entity,
    Guid EntityId,
    string Action,
    string? Before,
    string? After);

/// <summary>The actor types of <see cref="AuditEntry.ActorType"/>.</summary>
public static class AuditActors
{
    /// <summary>A signed-in user.</summary>
    public const string User = "user";

    /// <summary>Someone not signed in (a password reset, an accepted invitation, a public booking).</summary>
    public const string Anonymous = "anonymous";

    /// <summary>An API key.</summary>
    public const string ApiKey = "apiKey";

    /// <summary>A customer with a booking's manage token.</summary>
    public const string Customer = "customer";

    /// <summary>The application itself: background jobs (expiry, purge) and calls without a caller.</summary>
    public const string System = "system";
}

/// <summary>The actions recorded for accounts.</summary>
public static class AuditActions
{
    /// <summary>A user was added (sign-up's owner, or by an owner or admin).</summary>
    public const string UserCreated = "user.created";

    /// <summary>A user was invited by e-mail.</summary>
    public const string UserInvited = "user.invited";

    /// <summary>An invitation was accepted: the user exists from now on.</summary>
    public const string InvitationAccepted = "user.invitation_accepted";

    /// <summary>A user's role or staff link changed.</summary>
    public const string RoleChanged = "user.role_changed";

    /// <summary>A user was removed.</summary>
    public const string UserRemoved = "user.removed";

    /// <summary>A user changed their password.</summary>
    public const string PasswordChanged = "user.password_changed";

    /// <summary>A user set a new password with a reset link.</summary>
    public const string PasswordReset = "user.password_reset";

    /// <summary>A booking was made (or a hold became one).</summary>
    public const string BookingCreated = "booking.created";

    /// <summary>A booking was cancelled.</summary>
    public const string BookingCancelled = "booking.cancelled";

    /// <summary>A booking moved to another start or staff member.</summary>
    public const string BookingRescheduled = "booking.rescheduled";

    /// <summary>A pending booking was approved (pending → confirmed).</summary>
    public const string BookingApproved = "booking.approved";

    /// <summary>A customer's data was exported.</summary>
    public const string CustomerExported = "customer.exported";

    /// <summary>A customer's personal data was erased.</summary>
    public const string CustomerErased = "customer.erased";

    /// <summary>The tenant was closed by its owner.</summary>
    public const string TenantClosed = "tenant.closed";

    /// <summary>The tenant's settings (name, time zone, currency, policy) changed.</summary>
    public const string TenantUpdated = "tenant.updated";

    /// <summary>A service was created.</summary>
    public const string ServiceCreated = "service.created";

    /// <summary>A service was changed.</summary>
    public const string ServiceUpdated = "service.updated";

    /// <summary>A service was deleted.</summary>
    public const string ServiceDeleted = "service.deleted";

    /// <summary>A staff member was added.</summary>
    public const string StaffCreated = "staff.created";

    /// <summary>A staff member was changed.</summary>
    public const string StaffUpdated = "staff.updated";

    /// <summary>A staff member was deleted.</summary>
    public const string StaffDeleted = "staff.deleted";

    /// <summary>A staff member's weekly hours or date overrides were set.</summary>
    public const string ScheduleUpdated = "schedule.updated";

    /// <summary>Time off was added for a staff member.</summary>
    public const string TimeOffAdded = "time_off.added";

    /// <summary>Time off was removed.</summary>
    public const string TimeOffRemoved = "time_off.removed";

    /// <summary>A business closure was added.</summary>
    public const string ClosureAdded = "closure.added";

    /// <summary>A business closure was removed.</summary>
    public const string ClosureRemoved = "closure.removed";

    /// <summary>A resource was created.</summary>
    public const string ResourceCreated = "resource.created";

    /// <summary>A resource was changed.</summary>
    public const string ResourceUpdated = "resource.updated";

    /// <summary>A resource was deleted.</summary>
    public const string ResourceDeleted = "resource.deleted";
}

/// <summary>A page request for the audit log: newest first.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Entity">Only entries about this entity id, if given.</param>
/// <param name="Actor">Only entries made by this actor id, if given.</param>
/// <param name="From">Only entries at or after this instant, if given.</param>
/// <param name="To">Only entries before this instant, if given.</param>
/// <param name="Before">Keyset cursor: only entries older than this (at, id).</param>
/// <param name="Limit">At most this many.</param>
public sealed record AuditQuery(
    Guid TenantId,
    Guid? Entity,
    Guid? Actor,
    DateTimeOffset? From,
    DateTimeOffset? To,
    (DateTimeOffset At, Guid Id)? Before,
    int Limit);

/// <summary>
/// Reads the audit log. Entries are written by the stores, in the transaction of the change they record (see
/// <see cref="Auth.IUserStore"/>); nothing changes or removes them.
/// </summary>
public interface IAuditStore
{
    /// <summary>A tenant's entries matching the query, newest first (by time, then id).</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken);
}
