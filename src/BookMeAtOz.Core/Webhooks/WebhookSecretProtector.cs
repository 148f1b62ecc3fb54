using System.Security.Cryptography;
using System.Text;
using BookMeAtOz.Bookings;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Webhooks;

/// <summary>
/// Encrypts subscription secrets at rest (AES-256-GCM; a version byte, the nonce, the tag, the ciphertext) with a key
/// derived by HKDF from <see cref="WebhookOptions.SecretKey"/>; outside Production (where a persistent store requires the
/// key) else from the manage-token secret, else from random bytes of this process. Secrets must be kept decryptable (they
/// sign every delivery), so they cannot be hashed.
/// </summary>
internal sealed class WebhookSecretProtector
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Info = Encoding.UTF8.GetBytes("BookMeAtOz webhook secrets v1");

    private readonly byte[] _key;

    public WebhookSecretProtector(IOptions<WebhookOptions> options, IOptions<ManageTokenOptions> manageTokens)
    {
        byte[] material = options.Value.SecretKey is { Length: > 0 } key
            ? Convert.FromBase64String(key)
            : manageTokens.Value.Secret is { Length: > 0 } secret ? Encoding.UTF8.GetBytes(secret) : RandomNumberGenerator.GetBytes(32);
        IsEphemeral = options.Value.SecretKey is not { Length: > 0 } && manageTokens.Value.Secret is not { Length: > 0 };
        IsDerived = options.Value.SecretKey is not { Length: > 0 } && !IsEphemeral;
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, salt: [], info: Info);
    }

    /// <summary>Whether the key is this process's own (nothing configured): secrets stored by another process cannot be read.</summary>
    public bool IsEphemeral { get; }

    /// <summary>Whether the key is derived from the manage-token secret (no key configured; not allowed in Production with PostgreSQL).</summary>
    public bool IsDerived { get; }

    /// <summary>A new secret as shown once to the caller: <c>whsec_</c> and 32 random bytes in hex.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public byte[] Protect(string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var result = new byte[1 + NonceSize + TagSize + plain.Length];
        result[0] = Version;
        var nonce = result.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, result.AsSpan(1 + NonceSize + TagSize), result.AsSpan(1 + NonceSize, TagSize));
        return result;
    }

    /// <summary>The secret, or null when it was not encrypted with this key (another key, or damaged).</summary>
    public string? Unprotect(byte[] protectedSecret)
    {
        if (protectedSecret is not { Length: > 1 + NonceSize + TagSize } || protectedSecret[0] != Version)
        {
            return null;
        }

        var plain = new byte[protectedSecret.Length - 1 - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(protectedSecret.AsSpan(1, NonceSize), protectedSecret.AsSpan(1 + NonceSize + TagSize),
                protectedSecret.AsSpan(1 + NonceSize, TagSize), plain);
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
