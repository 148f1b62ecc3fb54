using BookMeAtOz.Contracts;
namespace BookMeAtOz.Client.Internals;

/// <summary>
/// Which calls the resilience pipeline may send again after a transient failure: only those where a repeat cannot
/// do anything twice. A failure can come after the server acted (the answer was lost), so everything else is
/// tried exactly once.
/// </summary>
internal static class RetryPolicy
{
    public static bool MayRetry(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return false;
        }

        var method = request.Method;
        if (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options)
        {
            return true;
        }

        // PUT replaces (the schedule): a repeat stores the same thing again.
        if (method == HttpMethod.Put)
        {
            return true;
        }

        // A booking with an Idempotency-Key: the API answers a repeat with the first booking.
        if (request.Headers.Contains(BookMeAtOzHeaders.IdempotencyKey))
        {
            return true;
        }

        // Cancelling a cancelled booking changes nothing and answers 200 with it. Not so for DELETE (a repeat
        // answers 404 after the first one succeeded), PATCH and other POSTs (sign-up, users, services, staff,
        // time off, reschedule, refresh: a repeat would create, move or spend something again).
        return Routes.IsCancelBooking(request);
    }
}
