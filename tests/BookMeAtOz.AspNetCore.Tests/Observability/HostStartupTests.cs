using BookMeAtOz.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.AspNetCore.Tests.Observability;

/// <summary>The host refuses to start on bad settings, with one message naming each.</summary>
public sealed class HostStartupTests
{
    private sealed class ConfiguredFactory(string environment, IDictionary<string, string?> settings) : ApiFactory
    {
        protected override IDictionary<string, string?> Settings => settings;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
        }
    }

    private static OptionsValidationException StartFails(string environment, IDictionary<string, string?> settings)
    {
        using var factory = new ConfiguredFactory(environment, settings);
        return Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
    }

    [Fact]
    public void Start_InProductionWithoutSigningKey_FailsNamingTheSetting()
    {
        var error = StartFails("Production", new Dictionary<string, string?>());
        Assert.Contains("BookMeAtOz__Jwt__SigningKey", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithManyBadSettings_ListsEachOnce()
    {
        var error = StartFails("Production", new Dictionary<string, string?>
        {
            ["BookMeAtOz:Jwt:SigningKey"] = "too-short",
            ["BookMeAtOz:RateLimiting:SignIn:PermitLimit"] = "0",
            ["BookMeAtOz:ForwardedHeaders:KnownProxies"] = "not-an-ip",
            ["BookMeAtOz:Tenancy:RootDomains"] = "bad domain!",
        });
        Assert.Equal(4, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("BookMeAtOz__Jwt__SigningKey must be at least 32 bytes", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("BookMeAtOz__RateLimiting__SignIn__PermitLimit", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("BookMeAtOz__ForwardedHeaders__KnownProxies", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("BookMeAtOz__Tenancy__RootDomains", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_InDevelopmentWithoutSigningKey_WorksAndSeedsDemo()
    {
        using var factory = new ConfiguredFactory("Development", new Dictionary<string, string?> { ["BookMeAtOz:Demo:Seed"] = "true" });
        var client = factory.Client("demo");
        var tenant = await (await client.GetAsync("/api/v1/tenant")).ReadAsync<Client.Contracts.TenantResponse>();
        Assert.Equal("demo", tenant.Slug);
        var auth = await (await client.PostJsonAsync("/api/v1/auth/token", new Client.Contracts.TokenRequest("owner@demo.bookmeatoz.online", "demo-password")))
            .ReadAsync<Client.Contracts.AuthResponse>();
        Assert.Equal("owner", auth.User.Role);
        Assert.Equal(3, (await (await client.GetAsync("/api/v1/services")).ReadAsync<Client.Contracts.ItemsResponse<Client.Contracts.ServiceResponse>>()).Items.Count);
    }
}
