using System.Globalization;
using System.Threading.RateLimiting;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.AspNetCore.RateLimiting;

/// <summary>
/// Fixed-window limits: sign-in per tenant and client IP, sign-up and booking creation per client IP
/// (the IP the forwarded-headers middleware settled on). Refusals are <c>429 rate_limited</c> with
/// <c>Retry-After</c>.
/// </summary>
internal static class RateLimitPolicies
{
    public const string SignIn = "bookmeatoz:sign-in";
    public const string SignUp = "bookmeatoz:sign-up";
    public const string Bookings = "bookmeatoz:bookings";

    public static void Configure(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
            var seconds = ApiProblemException.RetrySeconds(retryAfter);
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, ApiProblemCodes.RateLimited,
                $"Too many requests; retry in {seconds} seconds.");
        };

        options.AddPolicy(SignIn, http => Partition(http, s => s.SignIn, $"{http.GetTenant()?.Id}|{ClientIp(http)}"));
        options.AddPolicy(SignUp, http => Partition(http, s => s.SignUp, ClientIp(http)));
        options.AddPolicy(Bookings, http => Partition(http, s => s.Bookings, ClientIp(http)));
    }

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
