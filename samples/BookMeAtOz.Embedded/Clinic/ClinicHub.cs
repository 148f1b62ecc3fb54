using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BookMeAtOz.Embedded.Clinic;

/// <summary>The clinic's own hub: the waiting room's board.</summary>
[AllowAnonymous]
public sealed class ClinicHub : Hub
{
    /// <summary>Echoes a message to its sender, the clinic's way.</summary>
    public Task<string> Echo(string message) => Task.FromResult($"Clinic heard: {message}");
}
