using System.Collections.Concurrent;
using BookMeAtOz.Client.Auth;
using BookMeAtOz.Contracts;
using BookMeAtOz.Client.Internals;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.Client.RealTime;

/// <summary>
/// A typed connection to the real-time hub (<c>/hubs/availability</c>): subscribe to services and hear when what they
/// offer changes (<see cref="OnAvailabilityChanged"/>), and, signed in as an admin or staff member, when bookings change
/// (<see cref="OnBookingChanged"/>). It reconnects by itself and then subscribes again to everything it was subscribed
/// to; events sent while it was away are not replayed, so fetch availability again after <see cref="Reconnected"/>.
/// </summary>
/// <example>
/// <code>
/// await using var live = BookMeAtOzRealTimeClient.Create(new Uri("https://bookmeatoz.online"), "acme");
/// live.OnAvailabilityChanged(e => RefreshSlotsAsync(e.ServiceId));
/// await live.StartAsync(ct);
/// await live.SubscribeAsync(serviceId, ct);
/// </code>
/// </example>
public sealed class BookMeAtOzRealTimeClient : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, byte> _subscriptions = new();

    /// <summary>Wraps a hub connection built by the caller (to <see cref="RealTimeNames.HubPath"/>, naming the tenant).</summary>
    /// <param name="connection">The connection; disposed with this client.</param>
    public BookMeAtOzRealTimeClient(HubConnection connection)
    {
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
        Connection.Reconnected += async _ =>
        {
            foreach (var serviceId in _subscriptions.Keys)
            {
                await Connection.InvokeAsync(RealTimeNames.Subscribe, serviceId).ConfigureAwait(false);
            }

            if (Reconnected is { } reconnected)
            {
                await reconnected().ConfigureAwait(false);
            }
        };
    }

    /// <summary>The underlying SignalR connection (state, close events).</summary>
    public HubConnection Connection { get; }

    /// <summary>Called after a reconnect, once the subscriptions are restored: fetch availability again.</summary>
    public Func<Task>? Reconnected { get; set; }

    /// <summary>
    /// A client for the hub of the API at <paramref name="baseAddress"/>, for <paramref name="tenant"/> named by the
    /// <c>X-Tenant</c> header or as a subdomain, with an optional access token (admins and staff receive booking events).
    /// </summary>
    /// <param name="baseAddress">The API's address, for example <c>https://bookmeatoz.online</c>.</param>
    /// <param name="tenant">The tenant's slug.</param>
    /// <param name="addressing">How the tenant is named. Default: the <c>X-Tenant</c> header.</param>
    /// <param name="accessToken">Gives the access token when connecting (null or returning null: anonymous).</param>
    /// <param name="configure">Further settings of the connection (protocol, logging, the HTTP handler).</param>
    public static BookMeAtOzRealTimeClient Create(
        Uri baseAddress, string tenant, TenantAddressing addressing = TenantAddressing.Header, Func<Task<string?>>? accessToken = null,
        Action<IHubConnectionBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        var hub = new Uri(baseAddress, RealTimeNames.HubPath);
        if (addressing == TenantAddressing.Subdomain)
        {
            hub = TenantHandler.WithSubdomain(hub, tenant)!;
        }

        var builder = new HubConnectionBuilder()
            .WithUrl(hub, options =>
            {
                if (addressing == TenantAddressing.Header)
                {
                    options.Headers[BookMeAtOzHeaders.Tenant] = tenant;
                }

                if (accessToken is not null)
                {
                    options.AccessTokenProvider = accessToken;
                }
            })
            .WithAutomaticReconnect();
        configure?.Invoke(builder);
        return new BookMeAtOzRealTimeClient(builder.Build());
    }

    /// <summary>Connects.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => Connection.StartAsync(cancellationToken);

    /// <summary>Starts receiving <see cref="AvailabilityChangedEvent"/>s for a service of the tenant.</summary>
    public async Task SubscribeAsync(Guid serviceId, CancellationToken cancellationToken)
    {
        await Connection.InvokeAsync(RealTimeNames.Subscribe, serviceId, cancellationToken).ConfigureAwait(false);
        _subscriptions[serviceId] = 0;
    }

    /// <summary>Stops receiving events for a service.</summary>
    public async Task UnsubscribeAsync(Guid serviceId, CancellationToken cancellationToken)
    {
        _subscriptions.TryRemove(serviceId, out _);
        await Connection.InvokeAsync(RealTimeNames.Unsubscribe, serviceId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Calls <paramref name="handler"/> for every <c>availabilityChanged</c>; dispose the result to stop.</summary>
    public IDisposable OnAvailabilityChanged(Func<AvailabilityChangedEvent, Task> handler) =>
        Connection.On(RealTimeNames.AvailabilityChanged, handler);

    /// <summary>Calls <paramref name="handler"/> for every <c>bookingChanged</c> (admins and staff); dispose the result to stop.</summary>
    public IDisposable OnBookingChanged(Func<BookingChangedEvent, Task> handler) =>
        Connection.On(RealTimeNames.BookingChanged, handler);

    /// <summary>Calls <paramref name="handler"/> for every <c>waitlistOffered</c> (admins); dispose the result to stop.</summary>
    public IDisposable OnWaitlistOffered(Func<WaitlistOfferedEvent, Task> handler) =>
        Connection.On(RealTimeNames.WaitlistOffered, handler);

    /// <summary>Disconnects.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Connection.StopAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

/// <summary>Registers <see cref="BookMeAtOzRealTimeClient"/> with the settings of <c>AddBookMeAtOzClient</c>.</summary>
public static class BookMeAtOzRealTimeClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds a transient <see cref="BookMeAtOzRealTimeClient"/> that connects to the API and tenant of
    /// <see cref="BookMeAtOzClientOptions"/> (call <c>AddBookMeAtOzClient</c> too), with the access token of the
    /// registered <see cref="IBookMeAtOzTokenSource"/>. Each resolved client is its own connection: dispose it.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Further settings of each connection.</param>
    public static IServiceCollection AddBookMeAtOzRealTimeClient(this IServiceCollection services, Action<IHubConnectionBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddTransient(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<BookMeAtOzClientOptions>>().Value;
            var tokens = options.TokenSource?.Invoke(sp) ?? sp.GetService<IBookMeAtOzTokenSource>();
            return BookMeAtOzRealTimeClient.Create(
                options.BaseAddress ?? throw new InvalidOperationException("BookMeAtOzClientOptions.BaseAddress is not set."),
                options.Tenant ?? throw new InvalidOperationException("BookMeAtOzClientOptions.Tenant is not set."),
                options.TenantAddressing,
                tokens is null ? null : async () => await tokens.GetAccessTokenAsync(CancellationToken.None).ConfigureAwait(false),
                configure);
        });
        return services;
    }
}
