namespace BookMeAtOz.Contracts;

/// <summary>A list answer: <c>{items:[…]}</c>.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items.</param>
public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);

/// <summary>A page of a paged list: <c>{items:[…], nextCursor}</c>.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items of this page.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>An RFC 9457 problem as the API writes it (<c>application/problem+json</c>).</summary>
/// <param name="Type">A URI naming the kind of problem.</param>
/// <param name="Title">A short summary of the kind of problem.</param>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Detail">What went wrong in this request.</param>
/// <param name="Code">The machine-readable code, for example <c>slot_unavailable</c>.</param>
/// <param name="Errors">For <c>validation_failed</c>: the messages by field (camelCase JSON path).</param>
public sealed record ApiProblem(
    string? Type,
    string? Title,
    int? Status,
    string? Detail,
    string? Code,
    IReadOnlyDictionary<string, string[]>? Errors);

/// <summary>The problem codes the API uses.</summary>
public static class ApiProblemCodes
{
    /// <summary>Bad input; see <see cref="ApiProblem.Errors"/>.</summary>
    public const string ValidationFailed = "validation_failed";
    /// <summary>A tenant-scoped route was called without a tenant (no subdomain, no <c>X-Tenant</c>).</summary>
    public const string TenantRequired = "tenant_required";
    /// <summary>The named tenant does not exist.</summary>
    public const string TenantNotFound = "tenant_not_found";
    /// <summary>The tenant slug is already used.</summary>
    public const string SlugTaken = "slug_taken";
    /// <summary>The route or resource does not exist.</summary>
    public const string NotFound = "not_found";
    /// <summary>Sign-in is needed, or the credentials are wrong.</summary>
    public const string Unauthorized = "unauthorized";
    /// <summary>The caller may not do this.</summary>
    public const string Forbidden = "forbidden";
    /// <summary>The time is not offered, or was taken meanwhile.</summary>
    public const string SlotUnavailable = "slot_unavailable";
    /// <summary>An <c>Idempotency-Key</c> was reused with another body.</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    /// <summary>Too close to the start for a customer to change the booking.</summary>
    public const string CancellationWindowPassed = "cancellation_window_passed";
    /// <summary>Too close to the start for a customer to reschedule (the policy's <c>rescheduleNoticeMinutes</c>).</summary>
    public const string RescheduleWindowPassed = "reschedule_window_passed";
    /// <summary>A customer has rescheduled this booking as often as the policy's <c>maxReschedules</c> allows.</summary>
    public const string MaxReschedulesReached = "max_reschedules_reached";
    /// <summary>A staff member's bookings on that day, or the customer's active bookings, are at their limit.</summary>
    public const string BookingLimitReached = "booking_limit_reached";
    /// <summary>The booking's hold lapsed, was released, was already booked or does not exist (<c>409</c>).</summary>
    public const string HoldExpired = "hold_expired";
    /// <summary>Approve, decline or no-show from a status (or, for a no-show, before the start) that does not allow it.</summary>
    public const string InvalidTransition = "invalid_transition";
    /// <summary>Too many requests; retry after the <c>Retry-After</c> header's seconds.</summary>
    public const string RateLimited = "rate_limited";
    /// <summary>A unique value (such as a user's email) is already used.</summary>
    public const string Conflict = "conflict";
    /// <summary>The service is temporarily unavailable; retry after the <c>Retry-After</c> header's seconds.</summary>
    public const string Unavailable = "unavailable";
    /// <summary>The tenant reached one of its caps (staff, services, staff per service, bookings per day).</summary>
    public const string QuotaExceeded = "quota_exceeded";
    /// <summary>The change would leave the tenant without an owner (removing or demoting its last owner).</summary>
    public const string LastOwner = "last_owner";
}
