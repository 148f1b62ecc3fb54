using BookMeAtOz.Client;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace BookMeAtOz.RealTime.Tests.Support;

/// <summary>Raw hub connections, for what the typed client does not do.</summary>
public static class RealTimeConnection
{
    /// <summary>Connects as a browser does: the access token in the hub address's query string, not a header.</summary>
    public static HubConnection WithQueryToken(BookingHost host, string slug, string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, $"{RealTimeNames.HubPath}?access_token={Uri.EscapeDataString(token)}"),
                o => o.Headers[BookMeAtOzHeaders.Tenant] = slug)
            .Build();
}
