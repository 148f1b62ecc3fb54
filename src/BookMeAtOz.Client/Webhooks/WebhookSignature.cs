using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BookMeAtOz.Client.Webhooks;

/// <summary>
/// Checks (and makes) the <c>BookMeAtOz-Signature</c> header of a webhook delivery:
/// <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" with the secret&gt;</c>. During a secret rotation the header
/// carries one <c>v1=</c> per signing secret; any one matching the secret given is enough. Verify the raw body bytes as
/// received, before parsing them.
/// </summary>
public static class WebhookSignature
{
    /// <summary>How far the header's time may be from the receiver's clock by default: 5 minutes (replays older than that are refused).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether <paramref name="signatureHeader"/> signs <paramref name="body"/> with <paramref name="secret"/> at a time
    /// within <see cref="DefaultTolerance"/> of the system clock. Compares in constant time; a malformed header is simply false.
    /// </summary>
    /// <param name="body">The request body exactly as received (UTF-8).</param>
    /// <param name="signatureHeader">The <c>BookMeAtOz-Signature</c> header's value.</param>
    /// <param name="secret">The subscription's secret (<c>whsec_…</c>).</param>
    /// <returns>True when one <c>v1=</c> value matches and the time is recent.</returns>
    public static bool Verify(ReadOnlySpan<byte> body, string? signatureHeader, string secret) =>
        Verify(body, signatureHeader, secret, TimeProvider.System, DefaultTolerance);

    /// <summary>
    /// Whether <paramref name="signatureHeader"/> signs <paramref name="body"/> with <paramref name="secret"/> at a time
    /// within <paramref name="tolerance"/> of <paramref name="timeProvider"/>'s now. Compares in constant time; a malformed
    /// header is simply false.
    /// </summary>
    /// <param name="body">The request body exactly as received (UTF-8).</param>
    /// <param name="signatureHeader">The <c>BookMeAtOz-Signature</c> header's value.</param>
    /// <param name="secret">The subscription's secret (<c>whsec_…</c>).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="tolerance">The largest difference between the header's time and now.</param>
    /// <returns>True when one <c>v1=</c> value matches and the time is within the tolerance.</returns>
    public static bool Verify(ReadOnlySpan<byte> body, string? signatureHeader, string secret, TimeProvider timeProvider, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (string.IsNullOrEmpty(signatureHeader) || signatureHeader.Length > 1000)
        {
            return false;
        }

        long? timestamp = null;
        var candidates = new List<byte[]>(2);
        foreach (var part in signatureHeader.Split(','))
        {
            var pair = part.Trim();
            if (pair.StartsWith("t=", StringComparison.Ordinal))
            {
                if (timestamp is not null || !long.TryParse(pair.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var t))
                {
                    return false;
                }

                timestamp = t;
            }
            else if (pair.StartsWith("v1=", StringComparison.Ordinal) && pair.Length == 3 + 64)
            {
                try
                {
                    candidates.Add(Convert.FromHexString(pair.AsSpan(3)));
                }
                catch (FormatException)
                {
                    return false;
                }
            }
        }

        if (timestamp is not { } time || candidates.Count == 0)
        {
            return false;
        }

        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - time) > (long)tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Hash(time, body, secret);
        var matched = false;
        foreach (var candidate in candidates)
        {
            matched |= CryptographicOperations.FixedTimeEquals(candidate, expected);
        }

        return matched;
    }

    /// <summary>As <see cref="Verify(ReadOnlySpan{byte}, string?, string)"/>, for a body held as a string (its UTF-8 bytes are verified).</summary>
    /// <param name="body">The request body.</param>
    /// <param name="signatureHeader">The <c>BookMeAtOz-Signature</c> header's value.</param>
    /// <param name="secret">The subscription's secret.</param>
    /// <returns>True when the signature is good and recent.</returns>
    public static bool Verify(string body, string? signatureHeader, string secret)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Verify(Encoding.UTF8.GetBytes(body), signatureHeader, secret, TimeProvider.System, DefaultTolerance);
    }

    /// <summary>A header signing <paramref name="body"/> at <paramref name="timestamp"/> with each of <paramref name="secrets"/> (for tests and relays).</summary>
    /// <param name="body">The body.</param>
    /// <param name="timestamp">Unix seconds.</param>
    /// <param name="secrets">The secrets; one <c>v1=</c> each.</param>
    /// <returns>The header's value.</returns>
    public static string Sign(string body, long timestamp, params IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(secrets);
        var builder = new StringBuilder("t=").Append(timestamp.ToString(CultureInfo.InvariantCulture));
        foreach (var secret in secrets)
        {
            builder.Append(",v1=").Append(Convert.ToHexStringLower(Hash(timestamp, Encoding.UTF8.GetBytes(body), secret)));
        }

        return builder.ToString();
    }

    private static byte[] Hash(long timestamp, ReadOnlySpan<byte> body, string secret)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
