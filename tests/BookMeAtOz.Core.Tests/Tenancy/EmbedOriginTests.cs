using BookMeAtOz.Tenancy;

namespace BookMeAtOz.Tests.Tenancy;

public sealed class EmbedOriginTests
{
    [Theory]
    [InlineData("https://acme.example", "https://acme.example")]
    [InlineData("HTTPS://Acme.Example/", "https://acme.example")]
    [InlineData("https://acme.example:443", "https://acme.example")]
    [InlineData("http://acme.example:80/", "http://acme.example")]
    [InlineData("http://127.0.0.1:5173", "http://127.0.0.1:5173")]
    [InlineData("https://shop.acme.example:8443", "https://shop.acme.example:8443")]
    [InlineData("http://localhost:8080", "http://localhost:8080")]
    public void Normalize_AnOrigin_IsItsCanonicalForm(string value, string expected) => Assert.Equal(expected, EmbedOrigin.Normalize(value));

    [Theory]
    [InlineData("https://acme.example/booking")]
    [InlineData("https://acme.example//")]
    [InlineData("https://acme.example?x=1")]
    [InlineData("https://acme.example#top")]
    [InlineData("https://user:pw@acme.example")]
    [InlineData("https://*.acme.example")]
    [InlineData("ftp://acme.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("acme.example")]
    [InlineData("'self'")]
    [InlineData("https://acme.example https://evil.example")]
    [InlineData("https://acme.example;script-src")]
    [InlineData("")]
    [InlineData(null)]
    public void Normalize_NotAnOrigin_IsNull(string? value) => Assert.Null(EmbedOrigin.Normalize(value));

    [Fact]
    public void Allows_ComparesCanonicalForms()
    {
        string[] origins = ["https://acme.example"];
        Assert.True(EmbedOrigin.Allows(origins, "https://ACME.example/"));
        Assert.False(EmbedOrigin.Allows(origins, "http://acme.example"));
        Assert.False(EmbedOrigin.Allows(origins, null));
    }
}
