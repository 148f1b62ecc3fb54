using BookMeAtOz.Client.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.Client.Tests.Support;

/// <summary>
/// A container with <c>AddBookMeAtOzClient</c> pointed at a host, as an application would set it up, plus a
/// recording handler at the innermost position (right above the socket) that can also inject faults.
/// </summary>
public sealed class ClientSession : IDisposable
{
    private readonly ServiceProvider _provider;

    public ClientSession(Uri baseAddress, string? tenant, Action<BookMeAtOzClientOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton(Wire);
        collection.AddBookMeAtOzClient(o =>
            {
                o.BaseAddress = baseAddress;
                o.Tenant = tenant;
                // Retries without waiting: the tests are about which calls are retried, not when. And no attempt is
                // cut short by the standard 10-second attempt timeout when the machine is slow: a timed-out attempt is
                // retried, which would put a call on the wire that the test does not expect.
                o.ConfigureResilience = r =>
                {
                    r.Retry.Delay = TimeSpan.Zero;
                    r.AttemptTimeout.Timeout = TimeSpan.FromMinutes(2);
                    r.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(5);
                    r.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(10);
                };
                configure?.Invoke(o);
            })
            .AddHttpMessageHandler(sp => sp.GetRequiredService<RecordingHandler>())
            // One handler chain for the session's life: the recording handler is a single instance.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services?.Invoke(collection);
        _provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Sees every attempt the client puts on the wire (after retries and token refreshes).</summary>
    public RecordingHandler Wire { get; } = new();

    public IServiceProvider Services => _provider;

    public IBookMeAtOzApi Api => _provider.GetRequiredService<IBookMeAtOzApi>();

    public BookMeAtOzTokenStore Tokens => _provider.GetRequiredService<BookMeAtOzTokenStore>();

    public void Dispose() => _provider.Dispose();
}
