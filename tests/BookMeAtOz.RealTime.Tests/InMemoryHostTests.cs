using System.Collections.Concurrent;
using BookMeAtOz.Contracts;
using BookMeAtOz.RealTime.Tests.Support;

namespace BookMeAtOz.RealTime.Tests;

/// <summary>The demo host (in-memory store, no Redis): changes reach the hub through the same publisher, right after they happen.</summary>
public sealed class InMemoryHostTests : IAsyncLifetime
{
    private BookingHost _host = null!;

    public Task InitializeAsync()
    {
        _host = BookingHost.Start(database: null, redis: null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [ServerFact]
    public async Task Booking_TimeOffAndServiceChanges_ReachSubscribers_AndBookingChangedTheOwner()
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

        var booking = await tenant.BookAsync(_host);
        var booked = await CrossInstanceTests.WaitForAsync(availability, TimeSpan.FromSeconds(1));
        Assert.Equal((tenant.ServiceId, booking.StaffId, booking.Start), (booked.ServiceId, booked.StaffId, booked.Start));
        Assert.Equal(new BookingChangedEvent(booking.Id, "confirmed"), await CrossInstanceTests.WaitForAsync(bookings, TimeSpan.FromSeconds(1)));

        // Time off of a staff member who performs the service changes what it offers.
        var start = booking.Start.AddDays(1);
        await tenant.Owner(_host).AddTimeOffAsync(tenant.StaffId, new TimeOffRequest(start, start.AddHours(2), "Dentist"));
        var off = await CrossInstanceTests.WaitForAsync(availability, TimeSpan.FromSeconds(1));
        Assert.Equal((tenant.StaffId, start), (off.StaffId, off.Start));

        // A change to the service itself: anything may have changed.
        await tenant.Owner(_host).UpdateServiceAsync(tenant.ServiceId, new ServiceRequest(null, 45, null, null, null, null, null, null, null));
        var changed = await CrossInstanceTests.WaitForAsync(availability, TimeSpan.FromSeconds(1));
        Assert.Equal((tenant.ServiceId, (Guid?)null, (DateTimeOffset?)null), (changed.ServiceId, changed.StaffId, changed.Start));
    }
}
