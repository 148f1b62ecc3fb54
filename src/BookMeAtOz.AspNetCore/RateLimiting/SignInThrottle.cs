using System.Threading.RateLimiting;
using BookMeAtOz.AspNetCore.Errors;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.AspNetCore.RateLimiting;

/// <summary>
/// Limits sign-in attempts per account (tenant and email), whatever IPs they come from, with the same
/// budget as the per-IP limit: a password can't be guessed by spreading attempts over many addresses.
/// </summary>
internal sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SignInThrottle(IOptions<BookMeAtOzApiOptions> options)
    {
        var settings = options.Value.RateLimiting.SignIn;
        _limiter = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(account, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = settings.PermitLimit, Window = settings.Window, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>Counts an attempt on the account.</summary>
    /// <exception cref="ApiProblemException"><c>429 rate_limited</c> when the account's budget is spent.</exception>
    public void Attempt(Guid tenantId, string email)
    {
        using var lease = _limiter.AttemptAcquire($"{tenantId:N}|{email.ToUpperInvariant()}");
        if (!lease.IsAcquired)
        {
            throw ApiProblemException.RateLimited(lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1));
        }
    }

    public void Dispose() => _limiter.Dispose();
}
