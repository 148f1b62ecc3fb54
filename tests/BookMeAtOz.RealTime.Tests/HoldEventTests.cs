using System.Collections.Concurrent;
using BookMeAtOz.Contracts;
using BookMeAtOz.RealTime.Tests.Support;

namespace BookMeAtOz.RealTime.Tests;

/// <summary>Holds through the typed client raise availabilityChanged when made and released, and never bookingChanged.</summary>
public sealed class HoldEventTests : IAsyncLifetime
{
    private BookingHost _host = null!;

    public Task InitializeAsync()
    {
        _host = BookingHost.Start(database: null, redis: null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [ServerFact]
    public async Task HoldAndRelease_ReachSubscribers_AsAvailabilityChanges_AndBookingTheHoldIsTheFirstBookingChange()
    {
        var tenant = await TestTenant.CreateAsync(_host);
        await using var subscriber = tenant.RealTime(_host);
        var availability = new ConcurrentQueue<AvailabilityChangedEvent>();
        subscriber.OnAvailabilityChanged(e => { availability.Enqueue(e); return Task.CompletedTask; });
        await subscriber.StartAsync(default);
        await subscriber.SubscribeAsync(tenant.ServiceId, default);
        await using var owner = tenant.RealTime(_host, tenant.OwnerToken);
        var bookings = new ConcurrentQueue<BookingChangedEvent>();
        owner.OnBookingChanged(e => { bookings.Enqueue(e); return Task.CompletedTask; });
        await owner.StartAsync(default);

        var guest = tenant.Anonymous(_host);
        var slots = await tenant.SlotsAsync(_host, 3);
        var released = await guest.CreateHoldAsync(new CreateHoldRequest(tenant.ServiceId, slots[0].Start));
        var held = await CrossInstanceTests.WaitForAsync(availability, TimeSpan.FromSeconds(1));
        Assert.Equal((tenant.ServiceId, (Guid?)released.StaffId, (DateTimeOffset?)released.Start), (held.ServiceId, held.StaffId, held.Start));

        await guest.ReleaseHoldAsync(released.Id);
        var freed = await CrossInstanceTests.WaitForAsync(availability, TimeSpan.FromSeconds(1));
        Assert.Equal((tenant.ServiceId, (DateTimeOffset?)released.Start), (freed.ServiceId, freed.Start));
        await guest.ReleaseHoldAsync(released.Id);

        var hold = await guest.CreateHoldAsync(new CreateHoldRequest(tenant.ServiceId, slots[1].Start));
        await CrossInstanceTests.WaitForAsync(availability, TimeSpan.FromSeconds(1));
        var booking = await guest.CreateBookingAsync(new CreateBookingRequest(
            tenant.ServiceId, hold.Start, null, new CustomerDto("Jamie Citizen", "jamie@example.com", null), null) { HoldId = hold.Id });
        Assert.Equal((hold.Id, "confirmed"), (booking.Id, booking.Status));

        // The first booking change the owner hears of is the booking: neither hold raised one.
        Assert.Equal(new BookingChangedEvent(hold.Id, "confirmed"), await CrossInstanceTests.WaitForAsync(bookings, TimeSpan.FromSeconds(1)));
        var problem = await Assert.ThrowsAsync<BookMeAtOz.Client.BookMeAtOzApiException>(() => guest.CreateBookingAsync(new CreateBookingRequest(
            tenant.ServiceId, released.Start, null, new CustomerDto("Jamie Citizen", "jamie@example.com", null), null) { HoldId = released.Id }));
        Assert.Equal(ApiProblemCodes.HoldExpired, problem.Code);
    }
}
