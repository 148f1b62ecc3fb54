using BookMeAtOz.Contracts;
using System.Security.Cryptography;

namespace BookMeAtOz.Client.Internals;

/// <summary>
/// Gives each <c>POST /api/v1/bookings</c> without one an <c>Idempotency-Key</c>. It sits outside the resilience
/// handler, so every attempt of one call carries the same key and the API books at most once.
/// </summary>
internal sealed class IdempotencyKeyHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Routes.IsCreateBooking(request) && !request.Headers.Contains(BookMeAtOzHeaders.IdempotencyKey))
        {
            request.Headers.TryAddWithoutValidation(BookMeAtOzHeaders.IdempotencyKey, NewKey());
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>128 random bits, URL-safe.</summary>
    internal static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
