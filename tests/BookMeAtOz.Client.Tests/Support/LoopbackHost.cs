using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.Client.Tests.Support;

/// <summary>
/// The reference host on a real Kestrel listening on 127.0.0.1 (a free port), with the in-memory store: the client is
/// under test here, not the store (the store contract and the API run on PostgreSQL in their own test projects), so
/// these tests need no server. Clients reach it over real sockets, so handlers, retries and headers are exercised as in
/// production.
/// </summary>
public class LoopbackHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string RootDomain = "bookmeatoz.test";

    /// <summary>The JWT signing key, which is also the secret account links are made with.</summary>
    public const string SigningKey = "client-tests-signing-key-0123456789-abcdefghij";

    /// <summary>
    /// The sign-in limit (per client IP, and per account) of <see cref="StrictLoopbackHost"/>: low enough for a test to
    /// reach it. The shared host's is generous: every test signs in from 127.0.0.1, and one address has one budget.
    /// </summary>
    public const int SignInPermitLimit = 5;

    protected virtual int SignInLimit => 100_000;

    public LoopbackHost() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    /// <summary>The host's address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public Task InitializeAsync()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["BookMeAtOz:Jwt:SigningKey"] = SigningKey,
            ["BookMeAtOz:Tenancy:RootDomains"] = RootDomain,
            ["BookMeAtOz:RateLimiting:SignIn:PermitLimit"] = SignInLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BookMeAtOz:RateLimiting:SignUp:PermitLimit"] = "100000",
            ["BookMeAtOz:RateLimiting:Bookings:PermitLimit"] = "100000",
            ["BookMeAtOz:Demo:Seed"] = "false",
            // CalDAV connections can be stored (their sync, against no server here, only records errors).
            ["BookMeAtOz:CalendarSync:EncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["BookMeAtOz:CalendarSync:AllowPrivateAddresses"] = "true",
            ["BookMeAtOz:Webhooks:AllowPrivateTargets"] = "true",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        // A cheap password hash keeps sign-ups fast.
        builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000));
    }
}

/// <summary>The reference host with a sign-in limit of <see cref="LoopbackHost.SignInPermitLimit"/>, for the tests that reach it.</summary>
public sealed class StrictLoopbackHost : LoopbackHost
{
    protected override int SignInLimit => SignInPermitLimit;
}

[CollectionDefinition(Name)]
public sealed class LoopbackHostTests : ICollectionFixture<LoopbackHost>
{
    public const string Name = "loopback-host";
}
