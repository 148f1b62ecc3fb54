using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace BookMeAtOz.AspNetCore.Tests.Support;

/// <summary>
/// The reference host on the in-memory store, through the real pipeline. Generous rate limits unless a
/// test class sets its own; a cheap password hash so sign-ups stay fast; log events captured.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnop";

    /// <summary>A test-only header: the client IP the request appears to come from (set before forwarded headers run).</summary>
    public const string ClientIpHeader = "X-Test-Client-IP";

    public CapturingSink Logs { get; } = new();

    /// <summary>The e-mails the host sent (booking and account e-mails go through the real queue and dispatcher).</summary>
    public CapturingEmailSender Emails { get; } = new();

    /// <summary>The host's clock: the system's, shifted by what a test sets (and puts back).</summary>
    public ShiftableTimeProvider Clock { get; } = new();

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["BookMeAtOz:Jwt:SigningKey"] = SigningKey,
        ["BookMeAtOz:Tenancy:RootDomains"] = "bookmeatoz.test",
        ["BookMeAtOz:ForwardedHeaders:KnownProxies"] = "10.9.9.9",
        ["BookMeAtOz:RateLimiting:SignIn:PermitLimit"] = "100000",
        ["BookMeAtOz:RateLimiting:SignUp:PermitLimit"] = "100000",
        ["BookMeAtOz:RateLimiting:Bookings:PermitLimit"] = "100000",
        ["BookMeAtOz:RateLimiting:Holds:PermitLimit"] = "100000",
        ["BookMeAtOz:Demo:Seed"] = "false",
        // The purge of closed tenants looks often, so that a test (on a host with no retention) can see it run.
        ["BookMeAtOz:Tenants:PurgeInterval"] = "00:00:00.1",
        // Pending bookings past their approval deadline expire within a second of a test moving the clock past it.
        ["BookMeAtOz:Approvals:SweepInterval"] = "00:00:01",
    };

    /// <summary>Another host on the same store as this one (a fresh in-memory store here; the same database on PostgreSQL) with extra settings; dispose it.</summary>
    public virtual ApiFactory WithSettings(IDictionary<string, string?> extra) => new ExtraSettingsFactory(extra);

    private sealed class ExtraSettingsFactory(IDictionary<string, string?> extra) : ApiFactory
    {
        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = base.Settings;
                foreach (var (key, value) in extra)
                {
                    settings[key] = value;
                }

                return settings;
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
            services.AddSingleton<ILogEventSink>(Logs);
            services.AddSingleton<BookMeAtOz.Notifications.IEmailSender>(Emails);
            services.AddSingleton<TimeProvider>(Clock);
            services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientIpStartupFilter>();
        });
    }

    private sealed class ClientIpStartupFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(
                    context.Request.Headers.TryGetValue(ClientIpHeader, out var ip) ? ip.ToString() : "192.0.2.1");
                await nextMiddleware();
            });
            next(app);
        };
    }
}

/// <summary>Keeps what the host would have sent.</summary>
public sealed class CapturingEmailSender : BookMeAtOz.Notifications.IEmailSender
{
    private readonly ConcurrentQueue<BookMeAtOz.Notifications.EmailMessage> _sent = new();

    public IReadOnlyList<BookMeAtOz.Notifications.EmailMessage> Sent => [.. _sent];

    public bool IsEnabled => true;

    public Task SendAsync(BookMeAtOz.Notifications.EmailMessage message, CancellationToken cancellationToken)
    {
        _sent.Enqueue(message);
        return Task.CompletedTask;
    }

    public Task IdleAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The first e-mail to <paramref name="address"/> whose subject contains <paramref name="subject"/>, waited for (generous deadline).</summary>
    public async Task<BookMeAtOz.Notifications.EmailMessage> WaitForAsync(string address, string subject)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            if (_sent.FirstOrDefault(m => string.Equals(m.To.Address, address, StringComparison.OrdinalIgnoreCase)
                && m.Subject.Contains(subject, StringComparison.Ordinal)) is { } message)
            {
                return message;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"No e-mail '{subject}' to {address} within 30 s.");
            await Task.Delay(20);
        }
    }
}

/// <summary>The system clock plus an offset a test may set, to let links expire without waiting.</summary>
public sealed class ShiftableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + Offset;
}

/// <summary>Keeps every log event written through Serilog.</summary>
public sealed class CapturingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}

[CollectionDefinition(Name)]
public sealed class ApiTests : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}
