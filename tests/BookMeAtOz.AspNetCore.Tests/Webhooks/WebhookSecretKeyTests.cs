using BookMeAtOz.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.AspNetCore.Tests.Webhooks;

/// <summary>
/// The webhook secret key (product specification §11.1): in Production a store that keeps subscriptions (PostgreSQL) needs
/// BookMeAtOz:Webhooks:SecretKey, or the host does not start; Development, tests and the in-memory store may go without
/// (a derived or per-process key, with a warning). Options are validated as a host's start validates them; nothing
/// connects to a database here.
/// </summary>
public sealed class WebhookSecretKeyTests
{
    private const string Postgres = "Host=127.0.0.1;Port=1;Database=none;Username=none";

    private static WebhookOptions Options(string environment, bool postgres, string? key, string? manageTokenSecret = null)
    {
        var settings = new Dictionary<string, string?>();
        if (key is not null)
        {
            settings["BookMeAtOz:Webhooks:SecretKey"] = key;
        }

        if (manageTokenSecret is not null)
        {
            settings["BookMeAtOz:ManageTokens:Secret"] = manageTokenSecret;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<IHostEnvironment>(new Environment(environment));
        services.AddLogging();
        var builder = services.AddBookMeAtOz();
        if (postgres)
        {
            builder.WithPostgres(Postgres);
        }

        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<WebhookOptions>>().Value;
    }

    [Fact]
    public void Production_OnPostgreSql_WithoutTheKey_RefusesToStart_NamingTheSetting()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Options(Environments.Production, postgres: true, key: null, manageTokenSecret: "sec-9Hs2Kd7Vm4Qx1Zr8Lb5Wt3Jc6Pf0Gn"));
        var message = Assert.Single(failure.Failures);
        Assert.StartsWith("BookMeAtOz__Webhooks__SecretKey is required in Production", message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_OnPostgreSql_APlaceholderKey_IsRefused()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Options(Environments.Production, postgres: true, key: "CHANGE-ME-openssl-rand-base64-32"));
        Assert.Equal(["BookMeAtOz__Webhooks__SecretKey must be base64 of at least 32 bytes."], failure.Failures);
    }

    [Fact]
    public void Production_OnPostgreSql_WithTheKey_Starts()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Assert.Equal(key, Options(Environments.Production, postgres: true, key).SecretKey);
    }

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Testing", true)]
    [InlineData("Production", false)]
    public void WithoutTheKey_DevelopmentTestsAndTheInMemoryStore_Start(string environment, bool postgres) =>
        Assert.Null(Options(environment, postgres, key: null).SecretKey);

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "BookMeAtOz.Tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
