using System.Net;
using System.Net.Sockets;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.Client.Tests;

/// <summary>The reference host on a real Kestrel with a public port and a management port (<c>Management:Port</c>).</summary>
public sealed class ManagementPortHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public ManagementPortHost()
    {
        ManagementPort = FreePort();
        UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, ManagementPort);
        });
    }

    public int ManagementPort { get; }

    public Uri Public { get; private set; } = null!;

    public Uri Management => new($"http://127.0.0.1:{ManagementPort}/");

    public Task InitializeAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Public = new Uri(addresses.Single(a => !a.EndsWith($":{ManagementPort}", StringComparison.Ordinal)).TrimEnd('/') + "/");
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("BookMeAtOz:Jwt:SigningKey", "management-tests-signing-key-0123456789-abcdef");
        builder.UseSetting("BookMeAtOz:Tenancy:RootDomains", "bookmeatoz.test");
        builder.UseSetting("BookMeAtOz:Demo:Seed", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Management:Port", ManagementPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class ManagementPortTests(ManagementPortHost host) : IClassFixture<ManagementPortHost>
{
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/health/ready")]
    [InlineData("/health/live")]
    [InlineData("/openapi/v1.json")]
    public async Task OperationsEndpoints_AnswerOnlyOnTheManagementPort(string path)
    {
        using var client = new HttpClient();
        var off = await client.GetAsync(new Uri(host.Public, path));
        Assert.Equal(HttpStatusCode.NotFound, off.StatusCode);
        Assert.Equal("application/problem+json", off.Content.Headers.ContentType?.MediaType);
        Assert.Contains(ApiProblemCodes.NotFound, await off.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A Host header naming the management port changes nothing: the connection's port decides.
        var claimed = new HttpRequestMessage(HttpMethod.Get, new Uri(host.Public, path));
        claimed.Headers.Host = $"127.0.0.1:{host.ManagementPort}";
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(claimed)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(host.Management, path))).StatusCode);
    }

    [Fact]
    public async Task TheApi_AnswersOnThePublicPortOnly()
    {
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Add(BookMeAtOzHeaders.Tenant, "nobody");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(host.Public, "api/v1/tenant"))).StatusCode); // tenant_not_found
        Assert.Contains(ApiProblemCodes.TenantNotFound, await (await client.GetAsync(new Uri(host.Public, "api/v1/tenant"))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var onManagement = await client.GetAsync(new Uri(host.Management, "api/v1/tenant"));
        Assert.Equal(HttpStatusCode.NotFound, onManagement.StatusCode);
        Assert.Contains($"\"code\":\"{ApiProblemCodes.NotFound}\"", await onManagement.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
