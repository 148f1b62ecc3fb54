using System.Security.Cryptography;
using System.Text;

namespace BookMeAtOz.Auth;

/// <summary>
/// Makes the tokens of password-reset and invitation links: <c>{id}.{HMAC of the tenant and id}</c>, so that the e-mail
/// dispatcher can write the link again from the stored id while only the token's SHA-256 is stored. Without a secret
/// (<see cref="Bookings.ManageTokenOptions.Secret"/>, which BookMeAtOz.AspNetCore always sets), no links can be made.
/// </summary>
public sealed class AccountTokenIssuer
{
    private readonly byte[]? _key;

    /// <summary>An issuer without a secret: it can make no tokens.</summary>
    public AccountTokenIssuer()
    {
    }

    /// <summary>An issuer of tokens derived from <paramref name="secret"/> (at least 32 bytes).</summary>
    public AccountTokenIssuer(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < 32)
        {
            throw new ArgumentException("An account-token secret needs at least 32 bytes.", nameof(secret));
        }

        // A key of its own: the secret's other uses never see the same HMAC input.
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: [], info: "bookmeatoz account token v1"u8.ToArray());
    }

    /// <summary>Whether it has a secret to make tokens with.</summary>
    public bool CanIssue => _key is not null;

    /// <summary>The token for an id (a new random one when issuing; the stored one when writing the e-mail).</summary>
    public string Derive(Guid tenantId, Guid tokenId)
    {
        var key = _key ?? throw new InvalidOperationException("No secret is configured for account tokens (BookMeAtOz:ManageTokens:Secret or the JWT signing key).");
        Span<byte> input = stackalloc byte[32];
        tenantId.TryWriteBytes(input[..16]);
        tokenId.TryWriteBytes(input[16..]);
        var mac = Convert.ToBase64String(HMACSHA256.HashData(key, input)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{tokenId:N}.{mac}";
    }

    /// <summary>The SHA-256 of a token: what is stored and looked up.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
