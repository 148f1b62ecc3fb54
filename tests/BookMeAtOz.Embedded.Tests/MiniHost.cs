using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.Embedded.Tests;

/// <summary>A small app of a test's own making on the test server: what a developer writes when adding BookMeAtOz.</summary>
public sealed class MiniHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MiniHost(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public static async Task<MiniHost> StartAsync(Action<IServiceCollection> services, Action<WebApplication> pipeline)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        // Only what the test configures: the clinic sample's appsettings.json sits in this output folder too.
        builder.Configuration.Sources.Clear();
        services(builder.Services);
        var app = builder.Build();
        pipeline(app);
        await app.StartAsync();
        return new MiniHost(app);
    }

    public HttpClient Client() => _app.GetTestClient();

    public TestServer Server => _app.GetTestServer();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
