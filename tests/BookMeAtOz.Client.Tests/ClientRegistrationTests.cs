using BookMeAtOz.Contracts;
using System.Net;
using BookMeAtOz.Client.Auth;
using BookMeAtOz.Client.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Client.Tests;

/// <summary><c>AddBookMeAtOzClient</c>: options validation and repeat registration. No server needed.</summary>
public sealed class ClientRegistrationTests
{
    private static readonly Uri Anywhere = new("http://127.0.0.1:9/");

    [Theory]
    [InlineData(null, "acme", TenantAddressing.Header, "BaseAddress")]
    [InlineData("ftp://example.com/", "acme", TenantAddressing.Header, "BaseAddress")]
    [InlineData("http://127.0.0.1:5000/", "acme", TenantAddressing.Subdomain, "not a DNS name")]
    [InlineData("https://bookmeatoz.online/", "Acme!", TenantAddressing.Header, "not a tenant slug")]
    [InlineData("https://bookmeatoz.online/", "-acme", TenantAddressing.Header, "not a tenant slug")]
    public void InvalidOptions_FailOnFirstUse_NamingTheSetting(string? baseAddress, string tenant, TenantAddressing addressing, string message)
    {
        var services = new ServiceCollection();
        services.AddBookMeAtOzClient(o =>
        {
            o.BaseAddress = baseAddress is null ? null : new Uri(baseAddress);
            o.Tenant = tenant;
            o.TenantAddressing = addressing;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IBookMeAtOzApi>());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultRegistration_ResolvesApiAndTokenStore()
    {
        var services = new ServiceCollection();
        services.AddBookMeAtOzClient(o => o.BaseAddress = new Uri("https://bookmeatoz.online"));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.NotNull(provider.GetRequiredService<IBookMeAtOzApi>());
        Assert.Same(provider.GetRequiredService<BookMeAtOzTokenStore>(), provider.GetRequiredService<IBookMeAtOzTokenSource>());
    }

    [Fact]
    public async Task RegisteredTwice_HandlersAddedOnce_LaterSettingsWin()
    {
        using var session = new ClientSession(Anywhere, "first", services: s => s.AddBookMeAtOzClient(o => o.Tenant = "second"));
        session.Wire.Stub = request => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request };

        await Assert.ThrowsAsync<BookMeAtOzApiException>(() => session.Api.GetTenantAsync());

        // One resilience handler: 1 try + 3 retries (two pipelines would make 16).
        Assert.Equal(4, session.Wire.Calls.Count);
        Assert.All(session.Wire.Calls, c => Assert.Equal("second", c.Header(BookMeAtOzHeaders.Tenant)));
    }

    [Fact]
    public async Task StoredAccessToken_SentAsBearer()
    {
        using var session = new ClientSession(Anywhere, "acme");
        session.Tokens.SetTokens(new Contracts.AuthResponse("from-store", "r", default, new Contracts.UserResponse(Guid.Empty, Guid.Empty, "n", "e", "owner", null)));
        session.Wire.Stub = request => new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StringContent("""{"id":"00000000-0000-0000-0000-000000000001","tenantId":"00000000-0000-0000-0000-000000000002","name":"n","email":"e","role":"owner"}""",
                System.Text.Encoding.UTF8, "application/json"),
        };

        var me = await session.Api.GetMeAsync();

        Assert.Equal("owner", me.Role);
        Assert.Equal("Bearer from-store", Assert.Single(session.Wire.Calls).Header("Authorization"));
    }
}
