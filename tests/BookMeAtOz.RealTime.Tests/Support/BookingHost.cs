using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.RealTime.Tests.Support;

/// <summary>
/// One instance of the reference host on a real Kestrel (127.0.0.1, a free port), with the PostgreSQL store of a shared
/// test database and, optionally, Redis and a mail server: several of these in one test are several instances of the
/// application, as deployed behind a load balancer.
/// </summary>
public sealed class BookingHost : WebApplicationFactory<Program>
{
    public const string SigningKey = "realtime-tests-signing-key-0123456789-abcdefghij";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private BookingHost(Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        _settings = settings;
        _services = services;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The host's address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts an instance.</summary>
    /// <param name="database">The shared database, or null for the in-memory store.</param>
    /// <param name="redis">Redis (<c>host:port</c>), or null for none.</param>
    /// <param name="smtpPort">The mail server's port on loopback, or null for e-mail off.</param>
    /// <param name="settings">More settings (they win).</param>
    /// <param name="services">Changes to the services (for example a fake clock).</param>
    public static BookingHost Start(
        TestDatabase? database, string? redis, int? smtpPort = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:BookMeAtOz"] = database?.ConnectionString,
            ["ConnectionStrings:Redis"] = redis,
            ["BookMeAtOz:Jwt:SigningKey"] = SigningKey,
            ["BookMeAtOz:Tenancy:RootDomains"] = "bookmeatoz.test",
            ["BookMeAtOz:RateLimiting:SignIn:PermitLimit"] = "100000",
            ["BookMeAtOz:RateLimiting:SignUp:PermitLimit"] = "100000",
            ["BookMeAtOz:RateLimiting:Bookings:PermitLimit"] = "100000",
            ["BookMeAtOz:Demo:Seed"] = "false",
            ["BookMeAtOz:Notifications:OutboxPollInterval"] = "00:00:00.200",
            ["BookMeAtOz:Notifications:PollInterval"] = "00:00:00.100",
            ["BookMeAtOz:Notifications:ManageUrl"] = "https://{tenant}.bookmeatoz.test/manage/{booking}#token={token}",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        if (smtpPort is { } port)
        {
            all["BookMeAtOz:Smtp:Host"] = "127.0.0.1";
            all["BookMeAtOz:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture);
            all["BookMeAtOz:Smtp:From"] = "BookMeAtOz <bookings@bookmeatoz.test>";
            all["BookMeAtOz:Smtp:UseStartTls"] = "false";
            all["BookMeAtOz:Smtp:Timeout"] = "00:00:05";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = new BookingHost(all, services);
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        host.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            // A cheap password hash keeps sign-ups fast.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
            _services?.Invoke(services);
        });
    }
}
