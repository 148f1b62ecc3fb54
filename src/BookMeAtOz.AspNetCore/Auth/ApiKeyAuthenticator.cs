using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using BookMeAtOz.Auth;
using Microsoft.IdentityModel.Tokens;

namespace BookMeAtOz.AspNetCore.Auth;

/// <summary>
/// Makes API keys and authenticates requests that carry one (<c>Authorization: Bearer bmz_{prefix}_{secret}</c>). A key
/// is 64 random bits of public prefix (16 hex digits, how the store finds it) and 256 random bits of secret (base64url);
/// only the SHA-256 of the secret is stored. A slow password hash buys nothing for a 256-bit random secret (nobody can
/// enumerate 2^256 candidates, however fast each is), and a key of the server's own (HMAC) would make rotating it void
/// every key; SHA-256 keeps the check to one hash per request. Nothing here is cached: every request reads the key from
/// the store, so a revoked key fails on every instance with its next request.
/// </summary>
internal sealed class ApiKeyAuthenticator(IApiKeyStore keys, TimeProvider timeProvider)
{
    /// <summary>What every key starts with: <c>bmz_</c>.</summary>
    public const string KeyPrefix = "bmz_";

    /// <summary>How stale the last-used time may get: it is written at most once a minute per key.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private const int PrefixBytes = 8;
    private const int SecretBytes = 32;
    private const int MaxKeyLength = 128;

    /// <summary>A new key: what the client gets once, and the prefix and hash that are stored.</summary>
    public static (string Key, string Prefix, byte[] SecretHash) NewKey()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixBytes));
        var secret = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(SecretBytes));
        return ($"{KeyPrefix}{prefix}_{secret}", prefix, Hash(secret));
    }

    /// <summary>True when the bearer token is shaped like an API key (and is not a JWT).</summary>
    public static bool IsApiKey(string token) => token.StartsWith(KeyPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The principal of a valid key of <paramref name="tenantId"/>, or null: malformed, unknown, revoked, or another
    /// tenant's key (looked up within the request's tenant only, so another tenant's key is simply unknown here).
    /// </summary>
    public async Task<ClaimsPrincipal?> AuthenticateAsync(string token, Guid? tenantId, CancellationToken cancellationToken)
    {
        if (tenantId is not { } tenant || token.Length > MaxKeyLength || !TryParse(token, out var prefix, out var secret))
        {
            return null;
        }

        var key = await keys.FindApiKeyAsync(tenant, prefix, cancellationToken).ConfigureAwait(false);
        if (key is null || !CryptographicOperations.FixedTimeEquals(key.SecretHash, Hash(secret)))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        if (key.LastUsedAt is not { } last || last < now - LastUsedResolution)
        {
            await keys.TouchApiKeyAsync(tenant, key.Id, now, now - LastUsedResolution, cancellationToken).ConfigureAwait(false);
        }

        var claims = new List<Claim>
        {
            new(Caller.TenantIdClaim, tenant.ToString()),
            new(Caller.ApiKeyIdClaim, key.Id.ToString()),
            new(Caller.ApiKeyScopesClaim, ((int)key.Scopes).ToString(CultureInfo.InvariantCulture)),
            // Handlers see an admin (IsAdmin); what the key may reach is decided by its scopes before they run (ApiKeyAccess).
            new(Caller.RoleClaim, Caller.RoleName(UserRole.Admin)),
            new(Caller.NameClaim, key.Name),
        };
        return new ClaimsPrincipal(new ClaimsIdentity(claims, BookMeAtOzAuthentication.Scheme, Caller.NameClaim, Caller.RoleClaim));
    }

    private static bool TryParse(string token, out string prefix, out string secret)
    {
        prefix = secret = string.Empty;
        var rest = token.AsSpan(KeyPrefix.Length);
        var separator = rest.IndexOf('_');
        if (separator != PrefixBytes * 2 || rest.Length - separator - 1 < 1)
        {
            return false;
        }

        foreach (var c in rest[..separator])
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        prefix = rest[..separator].ToString();
        secret = rest[(separator + 1)..].ToString();
        return true;
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
