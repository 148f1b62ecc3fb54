using System.Collections.Concurrent;
using BookMeAtOz.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.Embedded.Tests;

/// <summary>The clinic sample, with or without BookMeAtOz, and a capturing e-mail sender (the notification channel extension point).</summary>
public sealed class ClinicApp : WebApplicationFactory<Program>
{
    private readonly bool _booking;

    public ClinicApp(bool booking) => _booking = booking;

    public CapturingEmailSender Emails { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Booking:Enabled", _booking ? "true" : "false");
        builder.ConfigureTestServices(services =>
        {
            if (_booking)
            {
                services.AddSingleton<IEmailSender>(Emails);
            }
        });
    }

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public HubConnection Hub(string path, string? tenant = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, path), o =>
            {
                o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                if (tenant is not null)
                {
                    o.Headers["X-Tenant"] = tenant;
                }
            })
            .Build();
}

/// <summary>Keeps what BookMeAtOz would have sent.</summary>
public sealed class CapturingEmailSender : IEmailSender
{
    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    public bool IsEnabled => true;

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        Sent.Enqueue(message);
        return Task.CompletedTask;
    }

    public Task IdleAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
