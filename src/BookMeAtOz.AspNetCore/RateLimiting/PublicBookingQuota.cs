using System.Collections.Concurrent;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.AspNetCore.RateLimiting;

/// <summary>
/// Bookings made through the public route (by callers who are not signed in) per tenant and UTC day, counted by this
/// instance: once <see cref="RateLimitingSettings.PublicBookingsPerTenantPerDay"/> were made, the next anonymous booking is
/// <c>429 quota_exceeded</c> until the day ends. Only bookings made count (a refused or replayed request does not), so
/// nobody can spend a tenant's quota without taking its time. Signed-in staff and admins are not counted.
/// </summary>
internal sealed class PublicBookingQuota(IOptions<BookMeAtOzApiOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<Guid, (DateOnly Day, int Made)> _made = new();

    /// <exception cref="ApiProblemException"><c>429 quota_exceeded</c> when the tenant's quota of the day is spent.</exception>
    public void EnsureRoom(Guid tenantId)
    {
        var (today, tomorrow) = Today();
        var limit = options.Value.RateLimiting.PublicBookingsPerTenantPerDay;
        if (_made.TryGetValue(tenantId, out var entry) && entry.Day == today && entry.Made >= limit)
        {
            throw new ApiProblemException(StatusCodes.Status429TooManyRequests, ApiProblemCodes.QuotaExceeded,
                $"This business takes at most {limit} online bookings a day; please try again tomorrow or contact it directly.",
                tomorrow - timeProvider.GetUtcNow());
        }
    }

    /// <summary>Counts a booking made.</summary>
    public void Count(Guid tenantId)
    {
        var (today, _) = Today();
        _made.AddOrUpdate(tenantId, (today, 1), (_, e) => e.Day == today ? (today, e.Made + 1) : (today, 1));
    }

    private (DateOnly Today, DateTimeOffset Tomorrow) Today()
    {
        var now = timeProvider.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return (today, new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }
}
