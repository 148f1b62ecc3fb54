using System.Collections.Concurrent;
using BookMeAtOz.Contracts;
using BookMeAtOz.RealTime.Tests.Support;

namespace BookMeAtOz.RealTime.Tests;

/// <summary>
/// Resources through the typed client: a change of a resource reaches the subscribers of every service requiring it, and a
/// booking of one service requiring it reaches those of another service sharing it (whose staff are not involved).
/// </summary>
public sealed class ResourceEventTests : IAsyncLifetime
{
    private BookingHost _host = null!;

    public Task InitializeAsync()
    {
        _host = BookingHost.Start(database: null, redis: null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [ServerFact]
    public async Task ResourceChangesAndBookingsOfASharingService_ReachSubscribers()
    {
        var tenant = await TestTenant.CreateAsync(_host);
        var owner = tenant.Owner(_host);
        var room = await owner.CreateResourceAsync(new ResourceRequest("Room", "room", 1, null));
        Assert.Equal(new ResourceResponse(room.Id, "Room", "room", 1, true), await tenant.Anonymous(_host).GetResourceAsync(room.Id));
        Assert.Equal([room], (await tenant.Anonymous(_host).ListResourcesAsync()).Items);
        await owner.UpdateServiceAsync(tenant.ServiceId, new ServiceRequest(null, null, null, null, null, null, null, null, null)
        {
            Resources = [new ResourceRequirementDto(room.Id, 1)],
        });
        var otherStaff = await owner.CreateStaffAsync(new StaffRequest("Sam", null, null, null));
        var other = await owner.CreateServiceAsync(new ServiceRequest("Facial", 60, null, null, null, null, null, [otherStaff.Id], null)
        {
            Resources = [new ResourceRequirementDto(room.Id, 1)],
        });

        await using var subscriber = tenant.RealTime(_host);
        var availability = new ConcurrentQueue<AvailabilityChangedEvent>();
        subscriber.OnAvailabilityChanged(e => { availability.Enqueue(e); return Task.CompletedTask; });
        await subscriber.StartAsync(default);
        await subscriber.SubscribeAsync(other.Id, default);

        // A booking of the first service takes the room the facial needs too.
        var booking = await tenant.BookAsync(_host);
        var taken = await CrossInstanceTests.WaitForAsync(availability, TimeSpan.FromSeconds(1));
        Assert.Equal((other.Id, (DateTimeOffset?)booking.Start), (taken.ServiceId, taken.Start));

        // A change of the room: anything the facial offers may have changed.
        var bigger = await owner.UpdateResourceAsync(room.Id, new ResourceRequest(null, null, 2, null));
        Assert.Equal(2, bigger.Quantity);
        var changed = await CrossInstanceTests.WaitForAsync(availability, TimeSpan.FromSeconds(1));
        Assert.Equal((other.Id, (Guid?)null, (DateTimeOffset?)null), (changed.ServiceId, changed.StaffId, changed.Start));

        var problem = await Assert.ThrowsAsync<BookMeAtOz.Client.BookMeAtOzApiException>(() => owner.DeleteResourceAsync(room.Id));
        Assert.Equal(ApiProblemCodes.Conflict, problem.Code);
    }
}
