using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.Embedded.Tests;

/// <summary>The hub takes subscriptions to the tenant's own services only, and a bounded number of connections per client.</summary>
public sealed class HubLimitTests
{
    private static Task<MiniHost> StartAsync() =>
        MiniHost.StartAsync(
            s => s.AddBookMeAtOz().WithAspNetCore(o => o.MaxHubConnectionsPerClient = 3),
            app =>
            {
                app.UseBookMeAtOz();
                app.MapBookMeAtOz();
            });

    private static HubConnection Connect(MiniHost host, string slug) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri("http://localhost/hubs/availability"), o =>
            {
                o.HttpMessageHandlerFactory = _ => host.Server.CreateHandler();
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                o.Headers["X-Tenant"] = slug;
            })
            .Build();

    [Fact]
    public async Task Subscribe_ToAServiceThatDoesNotExist_IsRefused()
    {
        await using var host = await StartAsync();
        var api = new BookingApi(host.Client());
        var (slug, token) = await api.SignUpAsync();
        var (serviceId, _) = await api.AddBookableServiceAsync(slug, token);
        await using var hub = Connect(host, slug);
        await hub.StartAsync();

        await hub.InvokeAsync("Subscribe", serviceId);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Subscribe", Guid.NewGuid()));
        Assert.Contains("no such service", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_PerClient_AreCapped_AndFreedOnClose()
    {
        await using var host = await StartAsync();
        var (slug, _) = await new BookingApi(host.Client()).SignUpAsync();
        var open = new List<HubConnection>();
        for (var i = 0; i < 3; i++)
        {
            var connection = Connect(host, slug);
            await connection.StartAsync();
            open.Add(connection);
        }

        await using var fourth = Connect(host, slug);
        var closed = new TaskCompletionSource<Exception?>();
        fourth.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        await fourth.StartAsync();
        Assert.Contains("Too many", (await closed.Task.WaitAsync(TimeSpan.FromSeconds(15)))?.Message ?? string.Empty, StringComparison.Ordinal);

        await open[0].DisposeAsync();
        await using var again = Connect(host, slug);
        await again.StartAsync();
        Assert.Equal(HubConnectionState.Connected, again.State);
        foreach (var connection in open.Skip(1))
        {
            await connection.DisposeAsync();
        }
    }
}
