namespace BookMeAtOz.Notifications;

/// <summary>What an e-mail tells the customer.</summary>
public enum NotificationKind
{
    /// <summary>The booking is made (with an <c>.ics</c> attachment and the manage link).</summary>
    Confirmation,
    /// <summary>The booking is cancelled.</summary>
    Cancellation,
    /// <summary>The booking moved to another time.</summary>
    Reschedule,
    /// <summary>The appointment is coming up.</summary>
    Reminder,
    /// <summary>A password-reset link for a user (the notification's booking id is the account token's).</summary>
    PasswordReset,
    /// <summary>An invitation to join the tenant (the notification's booking id is the account token's).</summary>
    Invitation,
    /// <summary>A booking awaiting the business's approval was received (instead of a confirmation; the confirmation follows an approval).</summary>
    Received,
    /// <summary>The business declined a pending booking (with its reason, if given).</summary>
    Declined,
    /// <summary>A pending booking was not approved in time and has expired.</summary>
    Expired,
    /// <summary>A waitlist entry is offered a hold (the notification's booking id is the hold's): a link to book it before it lapses.</summary>
    WaitlistOffer,
}

/// <summary>Where a notification is in its life.</summary>
public enum NotificationStatus
{
    /// <summary>Waiting to be sent (or to be retried).</summary>
    Pending,
    /// <summary>The mail server accepted it.</summary>
    Sent,
    /// <summary>It kept failing and is parked; an admin can see why.</summary>
    Failed,
    /// <summary>Called off: a reminder of a booking that was cancelled or moved.</summary>
    Cancelled,
}

/// <summary>What a notification needs beyond the booking's current state.</summary>
/// <param name="Start">A reminder's planned start: if the booking no longer starts then, the reminder is stale.</param>
/// <param name="PreviousStart">A reschedule's old start.</param>
/// <param name="PreviousEnd">A reschedule's old end.</param>
public sealed record NotificationDetails(DateTimeOffset? Start = null, DateTimeOffset? PreviousStart = null, DateTimeOffset? PreviousEnd = null)
{
    /// <summary>For the confirmation (or received notice) of a recurring series: the series, whose every occurrence the e-mail describes.</summary>
    public Guid? SeriesId { get; init; }

    /// <summary>For a waitlist offer: the waitlist entry (whose customer is e-mailed).</summary>
    public Guid? WaitlistEntryId { get; init; }

    /// <summary>No details.</summary>
    public static NotificationDetails None { get; } = new();
}

/// <summary>A notification to add.</summary>
/// <param name="Id">Its id (also the e-mail's Message-ID).</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="Kind">What the e-mail says.</param>
/// <param name="BookingId">The booking it is about.</param>
/// <param name="OutboxId">The outbox entry it came from, when the store has one (makes adding it idempotent).</param>
/// <param name="DueAt">Not to be sent before then.</param>
/// <param name="Details">What the e-mail needs beyond the booking.</param>
public sealed record NewNotification(
    Guid Id, Guid TenantId, NotificationKind Kind, Guid BookingId, long? OutboxId, DateTimeOffset DueAt, NotificationDetails Details);

/// <summary>What a batch of changes means for e-mail: reminders to call off, then notifications to add.</summary>
/// <param name="CancelReminders">The bookings whose pending reminders are called off.</param>
/// <param name="Add">The notifications to queue.</param>
public sealed record NotificationPlan(IReadOnlyList<(Guid TenantId, Guid BookingId)> CancelReminders, IReadOnlyList<NewNotification> Add)
{
    /// <summary>Nothing to do.</summary>
    public bool IsEmpty => CancelReminders.Count == 0 && Add.Count == 0;
}

/// <summary>A notification a dispatcher has claimed (until its lease runs out).</summary>
/// <param name="Id">The notification; also its e-mail's Message-ID.</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="Kind">What the e-mail says.</param>
/// <param name="BookingId">The booking it is about.</param>
/// <param name="Attempt">This attempt's number (1 for the first); it guards the dispatcher's outcome.</param>
/// <param name="Details">What the e-mail needs beyond the booking.</param>
/// <param name="CreatedAt">When it was queued.</param>
public sealed record NotificationWork(
    Guid Id, Guid TenantId, NotificationKind Kind, Guid BookingId, int Attempt, NotificationDetails Details, DateTimeOffset CreatedAt);

/// <summary>How an attempt ended.</summary>
/// <param name="Status">Sent, Failed (parked), Cancelled, or Pending (retry at <paramref name="RetryAt"/>).</param>
/// <param name="At">When it ended.</param>
/// <param name="RetryAt">For a retry: not before then.</param>
/// <param name="Error">What went wrong (no secrets, no addresses).</param>
public sealed record NotificationOutcome(NotificationStatus Status, DateTimeOffset At, DateTimeOffset? RetryAt = null, string? Error = null);

/// <summary>A notification as an admin sees it.</summary>
/// <param name="Id">The notification.</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="Kind">What the e-mail says.</param>
/// <param name="BookingId">The booking it is about.</param>
/// <param name="Status">Where it is in its life.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="DueAt">When it was due first.</param>
/// <param name="NextAttemptAt">When it is tried next (while pending).</param>
/// <param name="SentAt">When the mail server accepted it.</param>
/// <param name="LastError">Why the last attempt failed (no secrets, no addresses).</param>
public sealed record NotificationRecord(
    Guid Id,
    Guid TenantId,
    NotificationKind Kind,
    Guid BookingId,
    NotificationStatus Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? SentAt,
    string? LastError);

/// <summary>Names as stored and as the API shows them.</summary>
public static class NotificationNames
{
    /// <summary>The name of a kind (<c>confirmation</c>, <c>cancellation</c>, <c>reschedule</c>, <c>reminder</c>, <c>password_reset</c>, <c>invitation</c>, <c>received</c>, <c>declined</c>, <c>expired</c>, <c>waitlist_offer</c>).</summary>
    public static string Of(NotificationKind kind) => kind switch
    {
        NotificationKind.Confirmation => "confirmation",
        NotificationKind.Cancellation => "cancellation",
        NotificationKind.Reschedule => "reschedule",
        NotificationKind.Reminder => "reminder",
        NotificationKind.PasswordReset => "password_reset",
        NotificationKind.Invitation => "invitation",
        NotificationKind.Received => "received",
        NotificationKind.Declined => "declined",
        NotificationKind.Expired => "expired",
        NotificationKind.WaitlistOffer => "waitlist_offer",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The name of a status (<c>pending</c>, <c>sent</c>, <c>failed</c>, <c>cancelled</c>).</summary>
    public static string Of(NotificationStatus status) => status switch
    {
        NotificationStatus.Pending => "pending",
        NotificationStatus.Sent => "sent",
        NotificationStatus.Failed => "failed",
        NotificationStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The kind of a stored name.</summary>
    /// <exception cref="InvalidOperationException">An unknown name.</exception>
    public static NotificationKind ParseKind(string kind) => kind switch
    {
        "confirmation" => NotificationKind.Confirmation,
        "cancellation" => NotificationKind.Cancellation,
        "reschedule" => NotificationKind.Reschedule,
        "reminder" => NotificationKind.Reminder,
        "password_reset" => NotificationKind.PasswordReset,
        "invitation" => NotificationKind.Invitation,
        "received" => NotificationKind.Received,
        "declined" => NotificationKind.Declined,
        "expired" => NotificationKind.Expired,
        "waitlist_offer" => NotificationKind.WaitlistOffer,
        _ => throw new InvalidOperationException($"Unknown notification kind '{kind}'."),
    };

    /// <summary>The status of a name, or null for an unknown one.</summary>
    public static NotificationStatus? ParseStatus(string? status) => status switch
    {
        "pending" => NotificationStatus.Pending,
        "sent" => NotificationStatus.Sent,
        "failed" => NotificationStatus.Failed,
        "cancelled" => NotificationStatus.Cancelled,
        _ => null,
    };
}
