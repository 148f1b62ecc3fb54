using System.Security.Cryptography;
using System.Text;

namespace BookMeAtOz.Bookings;

/// <summary>
/// Makes a booking's manage token. With a key, the token is an HMAC of the tenant and booking ids, so the e-mail
/// dispatcher can put the same token in the confirmation's manage link without the token ever being stored (only its
/// SHA-256 is, as before). Without a key the token is random and e-mails link to the booking without it.
/// </summary>
internal sealed class ManageTokenIssuer
{
    private readonly byte[]? _key;

    /// <summary>An issuer of random tokens (no key).</summary>
    public ManageTokenIssuer()
    {
    }

    /// <summary>An issuer of tokens derived from <paramref name="secret"/> (at least 32 bytes).</summary>
    public ManageTokenIssuer(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < 32)
        {
            throw new ArgumentException("A manage-token secret needs at least 32 bytes.", nameof(secret));
        }

        // A key of its own, so that the secret's other uses (signing access tokens) never see the same HMAC input.
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: [], info: "bookmeatoz manage token v1"u8.ToArray());
    }

    /// <summary>Whether tokens can be made again later (for e-mails).</summary>
    public bool CanRederive => _key is not null;

    /// <summary>The token of a new booking and its hash.</summary>
    public (string Token, byte[] Hash) Create(Guid tenantId, Guid bookingId)
    {
        if (_key is null)
        {
            return ManageTokens.Create();
        }

        var token = Derive(tenantId, bookingId);
        return (token, ManageTokens.Hash(token));
    }

    /// <summary>The token of an existing booking, when it was made by this issuer's key; else null.</summary>
    public string? Rederive(Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (_key is null)
        {
            return null;
        }

        var token = Derive(booking.TenantId, booking.Id);
        return ManageTokens.Verify(booking, token) ? token : null;
    }

    private string Derive(Guid tenantId, Guid bookingId)
    {
        Span<byte> input = stackalloc byte[32];
        tenantId.TryWriteBytes(input[..16]);
        bookingId.TryWriteBytes(input[16..]);
        return Convert.ToBase64String(HMACSHA256.HashData(_key!, input)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
