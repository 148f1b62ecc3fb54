using System.Globalization;
using System.Threading.RateLimiting;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.AspNetCore.RateLimiting;

/// <summary>
/// Fixed-window limits per client IP (the IP the forwarded-headers middleware settled on), whatever tenant the request
/// is for: one address gets one budget, not one per tenant. Requests made with an API key also count against the key's
/// budget (<see cref="ApiKeyPartition"/>). Sign-in is also limited per account (<see cref="SignInThrottle"/>). Refusals are <c>429 rate_limited</c> with
/// <c>Retry-After</c>.
/// </summary>
internal static class RateLimitPolicies
{
    public const string SignIn = "bookmeatoz:sign-in";
    public const string SignUp = "bookmeatoz:sign-up";
    public const string Bookings = "bookmeatoz:bookings";
    public const string Holds = "bookmeatoz:holds";
    public const string Refresh = "bookmeatoz:refresh";
    public const string Accounts = "bookmeatoz:accounts";
    public const string Feeds = "bookmeatoz:feeds";

    /// <summary>The partition of a request under a policy: its own fixed window per policy and key.</summary>
    public static RateLimitPartition<string> Partition(HttpContext http, string policy) => policy switch
    {
        SignIn => Partition(http, s => s.SignIn, $"{SignIn}|{ClientIp(http)}"),
        SignUp => Partition(http, s => s.SignUp, $"{SignUp}|{ClientIp(http)}"),
        Bookings => Partition(http, s => s.Bookings, $"{Bookings}|{ClientIp(http)}"),
        Holds => Partition(http, s => s.Holds, $"{Holds}|{ClientIp(http)}"),
        // Refreshing is cheap for the server but guesses tokens: sign-in's budget, a window of its own.
        Refresh => Partition(http, s => s.SignIn, $"{Refresh}|{ClientIp(http)}"),
        // Password-reset requests and confirmations, invitation acceptance: anonymous, token-guessing or mail-sending; sign-in's budget.
        Accounts => Partition(http, s => s.SignIn, $"{Accounts}|{ClientIp(http)}"),
        Feeds => Partition(http, s => s.Feeds, $"{Feeds}|{ClientIp(http)}"),
        _ => throw new InvalidOperationException($"Unknown rate limit policy '{policy}'."),
    };

    /// <summary>The partition of a request by its API key (none without one): the key's own fixed window, on every route.</summary>
    public static RateLimitPartition<string> ApiKeyPartition(HttpContext http) =>
        http.User.ApiKeyId() is { } keyId
            ? Partition(http, s => s.ApiKeys, $"bookmeatoz:api-key|{keyId:N}")
            : RateLimitPartition.GetNoLimiter(string.Empty);

    private static RateLimitPartition<string> Partition(HttpContext http, Func<RateLimitingSettings, RateLimitSettings> pick, string key)
    {
        var settings = pick(http.RequestServices.GetRequiredService<IOptions<BookMeAtOzApiOptions>>().Value.RateLimiting);
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.PermitLimit,
            Window = settings.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
