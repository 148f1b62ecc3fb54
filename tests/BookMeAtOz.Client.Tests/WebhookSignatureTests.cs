using System.Text;
using BookMeAtOz.Client.Webhooks;

namespace BookMeAtOz.Client.Tests;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab";
    private const string Body = """{"id":"0196a7c8-2f6e-7c1e-9d3b-1c2d3e4f5a6b","type":"booking.created","createdAt":"2027-04-03T22:14:05+00:00","data":{}}""";
    private static readonly DateTimeOffset Now = new(2027, 4, 3, 22, 14, 6, TimeSpan.Zero);

    private sealed class Fixed(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static bool Verify(string body, string header, string secret, DateTimeOffset? now = null) =>
        WebhookSignature.Verify(Encoding.UTF8.GetBytes(body), header, secret, new Fixed(now ?? Now), TimeSpan.FromMinutes(5));

    [Fact]
    public void Verify_HeaderSignedWithTheSecret_IsTrue()
    {
        var header = WebhookSignature.Sign(Body, Now.ToUnixTimeSeconds(), Secret);
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", header);
        Assert.True(Verify(Body, header, Secret));
    }

    [Fact]
    public void Verify_KnownVector_MatchesHmacSha256OfTimestampDotBody()
    {
        // The header is exactly HMAC-SHA256(key "whsec_test", "1700000000.{}") in lowercase hex, computed here directly.
        Assert.Equal("t=1700000000,v1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("whsec_test"), Encoding.UTF8.GetBytes("1700000000.{}"))), WebhookSignature.Sign("{}", 1700000000, "whsec_test"));
    }

    [Fact]
    public void Verify_EitherOfTwoSecretsDuringARotation_IsTrue()
    {
        var header = WebhookSignature.Sign(Body, Now.ToUnixTimeSeconds(), "whsec_new", Secret);
        Assert.True(Verify(Body, header, Secret));
        Assert.True(Verify(Body, header, "whsec_new"));
        Assert.False(Verify(Body, header, "whsec_other"));
    }

    [Theory]
    [InlineData("tampered body")]
    [InlineData("wrong secret")]
    [InlineData("too old")]
    [InlineData("from the future")]
    [InlineData("no timestamp")]
    [InlineData("no signature")]
    [InlineData("two timestamps")]
    [InlineData("not hex")]
    [InlineData("empty")]
    [InlineData("timestamp moved")]
    public void Verify_BadSignature_IsFalse(string kind)
    {
        var t = Now.ToUnixTimeSeconds();
        var good = WebhookSignature.Sign(Body, t, Secret);
        var v1 = good.Split(',')[1];
        var (body, header, secret, now) = kind switch
        {
            "tampered body" => (Body.Replace("created", "cancelled", StringComparison.Ordinal), good, Secret, Now),
            "wrong secret" => (Body, good, Secret + "x", Now),
            "too old" => (Body, good, Secret, Now.AddMinutes(6)),
            "from the future" => (Body, good, Secret, Now.AddMinutes(-6)),
            "no timestamp" => (Body, v1, Secret, Now),
            "no signature" => (Body, $"t={t}", Secret, Now),
            "two timestamps" => (Body, $"t={t},t={t},{v1}", Secret, Now),
            "not hex" => (Body, $"t={t},v1={new string('z', 64)}", Secret, Now),
            "empty" => (Body, "", Secret, Now),
            "timestamp moved" => (Body, $"t={t + 1},{v1}", Secret, Now),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        Assert.False(Verify(body, header, secret, now));
    }
}
