using System.Security.Cryptography;
using System.Text;

namespace BookMeAtOz.Bookings;

/// <summary>
/// The secret a guest uses to manage their booking. Only its SHA-256 is stored; the token is shown once,
/// in the create response, and checked in constant time.
/// </summary>
public static class ManageTokens
{
    /// <summary>A new random token (256 bits, base64url) and its hash.</summary>
    public static (string Token, byte[] Hash) Create()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    /// <summary>The stored form of a token.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty));

    /// <summary>Whether <paramref name="token"/> is the booking's manage token.</summary>
    public static bool Verify(Booking booking, string? token)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return !string.IsNullOrEmpty(token) && CryptographicOperations.FixedTimeEquals(Hash(token), booking.ManageTokenHash);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
