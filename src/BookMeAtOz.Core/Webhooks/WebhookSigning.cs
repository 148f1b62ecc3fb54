using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BookMeAtOz.Webhooks;

/// <summary>
/// The <c>BookMeAtOz-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>, with one
/// <c>v1=</c> per secret that signs (two during a rotation's overlap). The client package's <c>WebhookSignature</c>
/// verifies it.
/// </summary>
internal static class WebhookSigning
{
    public const string SignatureHeader = "BookMeAtOz-Signature";
    public const string DeliveryHeader = "BookMeAtOz-Delivery";
    public const string EventHeader = "BookMeAtOz-Event";

    public static string Header(long timestamp, string body, IEnumerable<string> secrets)
    {
        var builder = new StringBuilder("t=").Append(timestamp.ToString(CultureInfo.InvariantCulture));
        foreach (var secret in secrets)
        {
            builder.Append(",v1=").Append(Sign(timestamp, body, secret));
        }

        return builder.ToString();
    }

    public static string Sign(long timestamp, string body, string secret)
    {
        var payload = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }
}
