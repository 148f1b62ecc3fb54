namespace BookMeAtOz;

/// <summary>
/// A failure the caller can act on, with a stable machine-readable <see cref="Code"/>
/// (the <c>code</c> of the API's problem responses).
/// </summary>
public class BookMeAtOzException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BookMeAtOzException(string code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>The machine-readable error code, for example <c>slot_unavailable</c>.</summary>
    public string Code { get; }
}

/// <summary>The error codes the core raises; the HTTP layer maps each to a status.</summary>
public static class ErrorCodes
{
    /// <summary>Input failed validation; see the field errors.</summary>
    public const string ValidationFailed = "validation_failed";
    /// <summary>A resource does not exist (or belongs to another tenant).</summary>
    public const string NotFound = "not_found";
    /// <summary>The tenant slug is already used.</summary>
    public const string SlugTaken = "slug_taken";
    /// <summary>The requested time is not an offered slot, or was taken meanwhile.</summary>
    public const string SlotUnavailable = "slot_unavailable";
    /// <summary>An idempotency key was reused with another request body.</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    /// <summary>A customer tried to cancel or reschedule too close to the start.</summary>
    public const string CancellationWindowPassed = "cancellation_window_passed";
    /// <summary>The store cannot be reached right now; retrying later may succeed.</summary>
    public const string Unavailable = "unavailable";
    /// <summary>An email (or another unique value) is already used in the tenant.</summary>
    public const string Conflict = "conflict";
    /// <summary>A tenant reached one of its caps (staff, services, staff per service, bookings per day).</summary>
    public const string QuotaExceeded = "quota_exceeded";
    /// <summary>A customer tried to reschedule closer to the start than the reschedule notice allows.</summary>
    public const string RescheduleWindowPassed = "reschedule_window_passed";
    /// <summary>A customer tried to reschedule a booking more often than the policy's <c>maxReschedules</c>.</summary>
    public const string MaxReschedulesReached = "max_reschedules_reached";
    /// <summary>A staff member's bookings on a day, or a customer's active bookings, are at their limit.</summary>
    public const string BookingLimitReached = "booking_limit_reached";
    /// <summary>A booking named a hold that lapsed, was released, was already booked or does not exist.</summary>
    public const string HoldExpired = "hold_expired";
    /// <summary>Approve, decline or no-show from a status (or before a time) that does not allow it.</summary>
    public const string InvalidTransition = "invalid_transition";
}

/// <summary>Input failed validation; <see cref="Errors"/> holds every field error.</summary>
public sealed class BookMeAtOzValidationException(IReadOnlyDictionary<string, string[]> errors)
    : BookMeAtOzException(ErrorCodes.ValidationFailed, "One or more fields are invalid.")
{
    /// <summary>The field errors (camelCase JSON paths to messages).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    /// <summary>Creates the exception for a single field.</summary>
    public static BookMeAtOzValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>A resource was not found in the tenant.</summary>
public sealed class NotFoundException(string resource)
    : BookMeAtOzException(ErrorCodes.NotFound, $"The {resource} was not found.")
{
    /// <summary>The kind of resource, for example <c>booking</c>.</summary>
    public string Resource { get; } = resource;
}

/// <summary>The store could not be reached; the operation may be retried.</summary>
public sealed class StoreUnavailableException(string message, Exception? innerException = null)
    : BookMeAtOzException(ErrorCodes.Unavailable, message, innerException);
