using System.Security.Cryptography;
using System.Text;

namespace BookMeAtOz.Calendars;

/// <summary>
/// AES-256-GCM for calendar passwords at rest, bound to their tenant and staff member (a row copied to another staff
/// member does not decrypt). Layout: version (1 byte), nonce (12), tag (16), ciphertext.
/// </summary>
internal static class CalendarPasswordProtector
{
    private const byte Version = 1;

    public static byte[] Protect(byte[] key, Guid tenantId, Guid staffId, string password)
    {
        var plain = Encoding.UTF8.GetBytes(password);
        var result = new byte[1 + 12 + 16 + plain.Length];
        result[0] = Version;
        var nonce = result.AsSpan(1, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, plain, result.AsSpan(29), result.AsSpan(13, 16), Associated(tenantId, staffId));
        return result;
    }

    public static string Unprotect(byte[] key, Guid tenantId, Guid staffId, byte[] protectedPassword)
    {
        if (protectedPassword.Length < 29 || protectedPassword[0] != Version)
        {
            throw new CryptographicException("Not a protected calendar password.");
        }

        var plain = new byte[protectedPassword.Length - 29];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(protectedPassword.AsSpan(1, 12), protectedPassword.AsSpan(29), protectedPassword.AsSpan(13, 16), plain, Associated(tenantId, staffId));
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] Associated(Guid tenantId, Guid staffId) => [.. tenantId.ToByteArray(), .. staffId.ToByteArray()];
}
