using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Caching;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Auth;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BookMeAtOz.AspNetCore.RealTime;

/// <summary>
/// <c>/hubs/availability</c> (SPEC §5). A connection belongs to the tenant it was opened on (subdomain or
/// <c>X-Tenant</c>, resolved like the API's routes); every group it joins is that tenant's, so nothing of another
/// tenant ever reaches it. Anyone may subscribe to a service's <c>availabilityChanged</c>; a connection signed in as
/// an admin also hears every <c>bookingChanged</c> of the tenant, a staff member those of their own bookings.
/// </summary>
[AllowAnonymous]
internal sealed class AvailabilityHub(TenantResolver resolver, CatalogCache tenants, HubConnectionCounter connections) : Hub
{
    /// <summary>Subscriptions one connection may hold at once.</summary>
    public const int MaxSubscriptions = 100;

    private const string TenantKey = "bookmeatoz:tenant";
    private const string SubscriptionsKey = "bookmeatoz:subscriptions";

    public override async Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext();
        if (!connections.TryOpen(Context.ConnectionId, http?.Connection.RemoteIpAddress))
        {
            throw new HubException("Too many real-time connections from this address.");
        }

        try
        {
            await JoinAsync(http);
        }
        catch
        {
            // OnDisconnectedAsync is not called for a connection whose OnConnectedAsync failed.
            connections.Close(Context.ConnectionId);
            throw;
        }

        await base.OnConnectedAsync();
    }

    private async Task JoinAsync(Microsoft.AspNetCore.Http.HttpContext? http)
    {
        // The tenant resolution middleware ran on this request (the hub's endpoints require a tenant). Long polling hands
        // the hub a copy of the request without its features: resolve it again from the copy's host and headers.
        var tenant = http?.GetTenant()
            ?? (http is null ? null : await tenants.FindTenantBySlugAsync(await resolver.ResolveAsync(http), Context.ConnectionAborted))
            ?? throw new HubException("No tenant: connect on the tenant's subdomain or with the X-Tenant header.");
        Context.Items[TenantKey] = tenant.Id;
        Context.Items[SubscriptionsKey] = new HashSet<Guid>();

        // The token's tenant was checked against the connection's by the caller middleware.
        var user = Context.User;
        if (user is not null && user.TenantId() == tenant.Id)
        {
            switch (user.Role())
            {
                case UserRole.Owner or UserRole.Admin:
                    await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Admins(tenant.Id), Context.ConnectionAborted);
                    break;
                case UserRole.Staff when user.StaffId() is { } staffId:
                    await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Staff(tenant.Id, staffId), Context.ConnectionAborted);
                    break;
            }
        }
    }

    /// <summary>Starts sending <c>availabilityChanged</c> for a service of the connection's tenant.</summary>
    [HubMethodName(RealTimeNames.Subscribe)]
    public async Task Subscribe(Guid serviceId)
    {
        if (serviceId == Guid.Empty)
        {
            throw new HubException("serviceId is required.");
        }

        try
        {
            // Only a service of the connection's tenant: an unknown id would only make channels nobody ever writes to.
            await tenants.GetServiceAsync(TenantId, serviceId, Context.ConnectionAborted);
        }
        catch (NotFoundException)
        {
            throw new HubException("There is no such service.");
        }

        var subscriptions = (HashSet<Guid>)Context.Items[SubscriptionsKey]!;
        lock (subscriptions)
        {
            if (!subscriptions.Contains(serviceId) && subscriptions.Count >= MaxSubscriptions)
            {
                throw new HubException($"A connection may subscribe to at most {MaxSubscriptions} services.");
            }

            subscriptions.Add(serviceId);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Service(TenantId, serviceId), Context.ConnectionAborted);
    }

    /// <summary>Stops sending <c>availabilityChanged</c> for a service.</summary>
    [HubMethodName(RealTimeNames.Unsubscribe)]
    public async Task Unsubscribe(Guid serviceId)
    {
        var subscriptions = (HashSet<Guid>)Context.Items[SubscriptionsKey]!;
        lock (subscriptions)
        {
            subscriptions.Remove(serviceId);
        }

        await Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.Service(TenantId, serviceId), Context.ConnectionAborted);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Close(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private Guid TenantId => (Guid)Context.Items[TenantKey]!;
}

/// <summary>The hub's groups: every name starts with the tenant's id.</summary>
internal static class HubGroups
{
    public static string Service(Guid tenantId, Guid serviceId) => $"t:{tenantId:N}:service:{serviceId:N}";

    public static string Admins(Guid tenantId) => $"t:{tenantId:N}:admins";

    public static string Staff(Guid tenantId, Guid staffId) => $"t:{tenantId:N}:staff:{staffId:N}";
}

/// <summary>Open hub connections per client address on this instance (BookMeAtOz:MaxHubConnectionsPerClient).</summary>
internal sealed class HubConnectionCounter(Microsoft.Extensions.Options.IOptions<BookMeAtOzApiOptions> options)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _owners = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _open = new();

    public bool TryOpen(string connectionId, System.Net.IPAddress? address)
    {
        var key = address?.ToString() ?? "unknown";
        var count = _open.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (count > options.Value.MaxHubConnectionsPerClient)
        {
            _open.AddOrUpdate(key, 0, (_, n) => n - 1);
            return false;
        }

        _owners[connectionId] = key;
        return true;
    }

    public void Close(string connectionId)
    {
        if (_owners.TryRemove(connectionId, out var key))
        {
            _open.AddOrUpdate(key, 0, (_, n) => Math.Max(0, n - 1));
        }
    }
}
