namespace BookMeAtOz.Contracts;

/// <summary>The HTTP headers of the BookMeAtOz API (set by the typed client, read by the server).</summary>
public static class BookMeAtOzHeaders
{
    /// <summary>Names the tenant when it is not given by the host's subdomain.</summary>
    public const string Tenant = "X-Tenant";

    /// <summary>Makes <c>POST /api/v1/bookings</c> safe to repeat: the same key and body give the first answer again.</summary>
    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>Set to <c>true</c> on an answer that repeats an earlier one for the same idempotency key.</summary>
    public const string IdempotentReplayed = "Idempotent-Replayed";

    /// <summary>A guest's secret for reading, cancelling and rescheduling their booking.</summary>
    public const string ManageToken = "X-Manage-Token";

    /// <summary>A waitlist entry's secret for leaving the waitlist (<c>DELETE /api/v1/waitlist/{id}</c>).</summary>
    public const string LeaveToken = "X-Leave-Token";
}
