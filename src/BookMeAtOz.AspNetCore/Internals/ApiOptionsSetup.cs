using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.AspNetCore.Internals;

/// <summary>
/// Fills in Development-only defaults and validates the options at start-up, with one message per bad
/// setting naming its environment variable.
/// </summary>
internal sealed class ApiOptionsSetup(IHostEnvironment environment)
    : IPostConfigureOptions<BookMeAtOzApiOptions>, IValidateOptions<BookMeAtOzApiOptions>
{
    internal const int MinSigningKeyBytes = 32;

    /// <summary>Words that mark a value copied from an example rather than generated.</summary>
    private static readonly string[] Placeholders = ["change-me", "changeme", "change_me", "placeholder", "replace-me", "your-secret", "example", "xxxxxxxx"];

    /// <summary>
    /// Why a secret is unfit, or null: a placeholder (deploy/.env.example's <c>CHANGE-ME-…</c>), or too predictable (fewer
    /// than 128 bits by its characters' Shannon entropy, or fewer than 12 distinct characters). A key from
    /// <c>openssl rand -base64 48</c> has about 380 bits.
    /// </summary>
    internal static string? Weakness(string secret)
    {
        if (Placeholders.Any(p => secret.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            return "is a placeholder";
        }

        var counts = secret.GroupBy(c => c).Select(g => (double)g.Count()).ToList();
        var bitsPerCharacter = -counts.Sum(n => n / secret.Length * Math.Log2(n / secret.Length));
        return counts.Count < 12 || bitsPerCharacter * secret.Length < 128 ? "is too predictable" : null;
    }

    public void PostConfigure(string? name, BookMeAtOzApiOptions options)
    {
        if (string.IsNullOrEmpty(options.Jwt.SigningKey) && environment.IsDevelopment())
        {
            // Good for this process only: tokens stop working on restart, which is fine in Development.
            options.Jwt.SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        }
    }

    public ValidateOptionsResult Validate(string? name, BookMeAtOzApiOptions options)
    {
        var failures = new List<string>();
        var key = options.Jwt.SigningKey;
        if (string.IsNullOrEmpty(key))
        {
            failures.Add($"BookMeAtOz__Jwt__SigningKey is required outside Development: set it to a random secret of at least {MinSigningKeyBytes} bytes.");
        }
        else if (Encoding.UTF8.GetByteCount(key) < MinSigningKeyBytes)
        {
            failures.Add($"BookMeAtOz__Jwt__SigningKey must be at least {MinSigningKeyBytes} bytes long.");
        }
        else if (Weakness(key) is { } weak)
        {
            failures.Add($"BookMeAtOz__Jwt__SigningKey {weak}: generate one, for example with `openssl rand -base64 48`.");
        }

        var secret = options.ManageTokens.Secret;
        Require(failures, string.IsNullOrEmpty(secret) || Encoding.UTF8.GetByteCount(secret) >= MinSigningKeyBytes,
            $"BookMeAtOz__ManageTokens__Secret must be at least {MinSigningKeyBytes} bytes long (or not set: the signing key is used).");
        if (!string.IsNullOrEmpty(secret) && Encoding.UTF8.GetByteCount(secret) >= MinSigningKeyBytes && Weakness(secret) is { } weakSecret)
        {
            failures.Add($"BookMeAtOz__ManageTokens__Secret {weakSecret}: generate one, for example with `openssl rand -base64 48`.");
        }
        Require(failures, !string.IsNullOrWhiteSpace(options.Jwt.Issuer), "BookMeAtOz__Jwt__Issuer must not be empty.");
        Require(failures, !string.IsNullOrWhiteSpace(options.Jwt.Audience), "BookMeAtOz__Jwt__Audience must not be empty.");
        Require(failures, options.Jwt.AccessTokenLifetime >= TimeSpan.FromMinutes(1) && options.Jwt.AccessTokenLifetime <= TimeSpan.FromDays(1),
            "BookMeAtOz__Jwt__AccessTokenLifetime must be between 00:01:00 and 1.00:00:00.");
        Require(failures, options.Jwt.RefreshTokenLifetime >= TimeSpan.FromHours(1) && options.Jwt.RefreshTokenLifetime <= TimeSpan.FromDays(365),
            "BookMeAtOz__Jwt__RefreshTokenLifetime must be between 01:00:00 and 365.00:00:00.");

        foreach (var domain in options.Tenancy.RootDomainList)
        {
            Require(failures, Uri.CheckHostName(domain) == UriHostNameType.Dns,
                $"BookMeAtOz__Tenancy__RootDomains has '{domain}', which is not a DNS name.");
        }

        Require(failures, options.MaxHubConnectionsPerClient is >= 1 and <= 10_000, "BookMeAtOz__MaxHubConnectionsPerClient must be between 1 and 10000.");
        ValidateLimit(failures, "SignIn", options.RateLimiting.SignIn);
        ValidateLimit(failures, "SignUp", options.RateLimiting.SignUp);
        ValidateLimit(failures, "Bookings", options.RateLimiting.Bookings);
        ValidateLimit(failures, "Holds", options.RateLimiting.Holds);
        ValidateLimit(failures, "ApiKeys", options.RateLimiting.ApiKeys);
        ValidateLimit(failures, "Feeds", options.RateLimiting.Feeds);
        if (string.IsNullOrEmpty(options.FeedPath) || options.FeedPath[0] != '/' || options.FeedPath.Length > 100
            || options.FeedPath.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '{' or '}' or '?' or '#'))
        {
            failures.Add("BookMeAtOz__FeedPath must be a path starting with '/'.");
        }
        Require(failures, options.RateLimiting.PublicBookingsPerTenantPerDay is >= 1 and <= 1_000_000,
            "BookMeAtOz__RateLimiting__PublicBookingsPerTenantPerDay must be between 1 and 1000000.");
        Require(failures, options.RateLimiting.PasswordHashing.MaxConcurrent is >= 1 and <= 1024,
            "BookMeAtOz__RateLimiting__PasswordHashing__MaxConcurrent must be between 1 and 1024.");
        Require(failures, options.RateLimiting.PasswordHashing.MaxQueued is >= 0 and <= 10_000,
            "BookMeAtOz__RateLimiting__PasswordHashing__MaxQueued must be between 0 and 10000.");

        foreach (var proxy in Split(options.ForwardedHeaders.KnownProxies))
        {
            Require(failures, IPAddress.TryParse(proxy, out _), $"BookMeAtOz__ForwardedHeaders__KnownProxies has '{proxy}', which is not an IP address.");
        }

        foreach (var network in Split(options.ForwardedHeaders.KnownNetworks))
        {
            Require(failures, System.Net.IPNetwork.TryParse(network, out _), $"BookMeAtOz__ForwardedHeaders__KnownNetworks has '{network}', which is not a CIDR network.");
        }

        Require(failures, options.Cache.Expiration >= TimeSpan.FromSeconds(1) && options.Cache.Expiration <= TimeSpan.FromDays(1),
            "BookMeAtOz__Cache__Expiration must be between 00:00:01 and 1.00:00:00.");
        Require(failures, options.Cache.LocalExpiration >= TimeSpan.FromSeconds(1) && options.Cache.LocalExpiration <= options.Cache.Expiration,
            "BookMeAtOz__Cache__LocalExpiration must be between 00:00:01 and BookMeAtOz__Cache__Expiration.");
        Require(failures, options.Cache.AvailabilityExpiration >= TimeSpan.Zero && options.Cache.AvailabilityExpiration <= options.Cache.LocalExpiration,
            "BookMeAtOz__Cache__AvailabilityExpiration must be between 00:00:00 (off) and BookMeAtOz__Cache__LocalExpiration.");
        Require(failures, options.MaxRequestBodyBytes is >= 1024 and <= 100 * 1024 * 1024,
            "BookMeAtOz__MaxRequestBodyBytes must be between 1024 and 104857600.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static IEnumerable<string> Split(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void ValidateLimit(List<string> failures, string name, RateLimitSettings limit)
    {
        Require(failures, limit.PermitLimit >= 1, $"BookMeAtOz__RateLimiting__{name}__PermitLimit must be 1 or more.");
        Require(failures, limit.Window >= TimeSpan.FromSeconds(1) && limit.Window <= TimeSpan.FromDays(1),
            $"BookMeAtOz__RateLimiting__{name}__Window must be between 00:00:01 and 1.00:00:00.");
    }

    private static void Require(List<string> failures, bool condition, string message)
    {
        if (!condition)
        {
            failures.Add(message);
        }
    }
}
