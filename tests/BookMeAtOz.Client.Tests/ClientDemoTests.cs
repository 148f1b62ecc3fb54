using BookMeAtOz.Client.Tests.Support;

namespace BookMeAtOz.Client.Tests;

/// <summary>samples/BookMeAtOz.ClientDemo runs its whole tour against a host.</summary>
[Collection(LoopbackHostTests.Name)]
public sealed class ClientDemoTests(LoopbackHost host)
{
    [Fact]
    public async Task Demo_AgainstLoopbackHost_SignsUpBooksReschedulesCancels()
    {
        var demo = Path.Combine(Processes.RepositoryRoot, "samples", "BookMeAtOz.ClientDemo", "bin", Processes.Configuration, "net10.0", "BookMeAtOz.ClientDemo.dll");

        var (exitCode, output) = await Processes.RunAsync("dotnet", [demo, host.BaseAddress.ToString()], Processes.RepositoryRoot, timeout: TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, output);
        foreach (var step in new[] { "Signing up tenant", "Added staff member", "Added service", "Availability", "Booked", "409 slot_unavailable", "Rescheduled to", "Cancelled: status cancelled", "Done." })
        {
            Assert.Contains(step, output, StringComparison.Ordinal);
        }
    }
}
