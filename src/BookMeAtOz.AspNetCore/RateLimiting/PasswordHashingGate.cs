using System.Threading.RateLimiting;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.AspNetCore.RateLimiting;

/// <summary>
/// Every password hash and verification of the process goes through here: at most
/// <see cref="PasswordHashingSettings.MaxConcurrent"/> at once (a hash costs tens of milliseconds of CPU by design), at most
/// <see cref="PasswordHashingSettings.MaxQueued"/> waiting, and anything beyond is <c>429 rate_limited</c> at once, before
/// any hashing. A flood of sign-in attempts then costs the configured cores, never the whole machine, and the rest of the API
/// keeps answering.
/// </summary>
internal sealed class PasswordHashingGate : IDisposable
{
    private readonly IPasswordHasher<User> _hasher;
    private readonly ConcurrencyLimiter _limiter;

    public PasswordHashingGate(IPasswordHasher<User> hasher, IOptions<BookMeAtOzApiOptions> options)
    {
        _hasher = hasher;
        var settings = options.Value.RateLimiting.PasswordHashing;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.MaxConcurrent,
            QueueLimit = settings.MaxQueued,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Hashes a new password.</summary>
    public Task<string> HashAsync(User user, string password, CancellationToken cancellationToken) =>
        RunAsync(() => _hasher.HashPassword(user, password), cancellationToken);

    /// <summary>Verifies a password against a stored hash.</summary>
    public Task<PasswordVerificationResult> VerifyAsync(User user, string hash, string password, CancellationToken cancellationToken) =>
        RunAsync(() => _hasher.VerifyHashedPassword(user, hash, password), cancellationToken);

    private async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw ApiProblemException.RateLimited(TimeSpan.FromSeconds(1));
        }

        return work();
    }

    public void Dispose() => _limiter.Dispose();
}
