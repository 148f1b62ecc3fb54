namespace BookMeAtOz.Contracts;

/// <summary>A booking e-mail and where it is in its life (<c>GET /api/v1/notifications</c>, admins).</summary>
/// <param name="Id">The notification's id (also its e-mail's Message-ID, <c>&lt;id@domain&gt;</c>, without dashes).</param>
/// <param name="Kind"><c>confirmation</c>, <c>cancellation</c>, <c>reschedule</c> or <c>reminder</c>.</param>
/// <param name="BookingId">The booking it is about.</param>
/// <param name="Status"><c>pending</c> (waiting or being retried), <c>sent</c>, <c>failed</c> (parked after its last attempt) or <c>cancelled</c> (no longer needed).</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="DueAt">When it is (or was) due: a reminder's time, else when it was queued.</param>
/// <param name="NextAttemptAt">When a pending one is tried next.</param>
/// <param name="SentAt">When the mail server accepted it.</param>
/// <param name="LastError">Why the last attempt failed, or why it was cancelled.</param>
public sealed record NotificationResponse(
    Guid Id,
    string Kind,
    Guid BookingId,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? SentAt,
    string? LastError);
