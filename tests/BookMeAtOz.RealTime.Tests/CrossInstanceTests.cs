using System.Collections.Concurrent;
using System.Diagnostics;
using AvailabilityCache = BookMeAtOz.Bookings.AvailabilityCache;
using BookMeAtOz.Contracts;
using BookMeAtOz.RealTime.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace BookMeAtOz.RealTime.Tests;

/// <summary>Two instances of the host sharing the test Redis and one PostgreSQL database.</summary>
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
[RequiresEnvironment("BOOKMEATOZ_TEST_REDIS", "Redis")]
public sealed class CrossInstanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private BookingHost _a = null!;
    private BookingHost _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _a = BookingHost.Start(_database, TestServers.Redis);
        _b = BookingHost.Start(_database, TestServers.Redis);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
    }

    [ServerFact]
    public async Task Booking_OnA_ReachesSubscriberOnB_WithinOneSecond_AndNoOtherTenant()
    {
        var tenant = await TestTenant.CreateAsync(_a);
        var other = await TestTenant.CreateAsync(_b);
        var slots = await tenant.SlotsAsync(_b, days: 3);

        await using var subscriber = tenant.RealTime(_b);
        var received = new ConcurrentQueue<(AvailabilityChangedEvent Event, long At)>();
        subscriber.OnAvailabilityChanged(e => { received.Enqueue((e, Stopwatch.GetTimestamp())); return Task.CompletedTask; });
        await subscriber.StartAsync(default);
        await subscriber.SubscribeAsync(tenant.ServiceId, default);

        // Another tenant listening to the same service id (ids are not secrets) must hear nothing of this tenant.
        await using var stranger = other.RealTime(_b);
        var overheard = new ConcurrentQueue<AvailabilityChangedEvent>();
        stranger.OnAvailabilityChanged(e => { overheard.Enqueue(e); return Task.CompletedTask; });
        await stranger.StartAsync(default);
        // Another tenant's service id is refused outright (it would name a group of the stranger's own tenant anyway).
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => stranger.SubscribeAsync(tenant.ServiceId, default));
        await stranger.SubscribeAsync(other.ServiceId, default);

        var latencies = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            if (i == 0)
            {
                // Past the settling time after the tenant's last change, so that B keeps the answer it gives next.
                await Task.Delay(AvailabilityCache.SettleTime + TimeSpan.FromMilliseconds(100));
            }

            // B has answered (and may keep) the listing with the slot still free.
            Assert.Contains(await tenant.SlotsAsync(_b, days: 3), s => s.Start == slots[i * 2].Start);
            received.Clear();
            var sent = Stopwatch.GetTimestamp();
            var booking = await tenant.Anonymous(_a).CreateBookingAsync(new CreateBookingRequest(
                tenant.ServiceId, slots[i * 2].Start, null, new CustomerDto("Casey", $"casey{i}@example.com", null), null));
            var booked = Stopwatch.GetTimestamp();

            var (e, at) = await WaitForAsync(received, TimeSpan.FromSeconds(1));
            latencies.Add(Stopwatch.GetElapsedTime(booked, at).TotalMilliseconds);
            output.WriteLine($"booking {i}: POST took {Stopwatch.GetElapsedTime(sent, booked).TotalMilliseconds:0.0} ms; " +
                $"availabilityChanged on B {Stopwatch.GetElapsedTime(booked, at).TotalMilliseconds:0.0} ms after the 201 " +
                $"({Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds:0.0} ms after the request)");
            Assert.Equal(tenant.ServiceId, e.ServiceId);
            Assert.Equal(booking.StaffId, e.StaffId);
            Assert.Equal(booking.Start, e.Start);
            Assert.Equal(booking.End, e.End);
            Assert.Equal(booking.Start.Offset, e.Start!.Value.Offset);
            // What a client does on that event: asks B again, and must not get B's earlier answer.
            Assert.DoesNotContain(await tenant.SlotsAsync(_b, days: 3), s => s.Start == booking.Start);
        }

        latencies.Sort();
        var summary = $"cross-instance availabilityChanged latency (after the booking's 201 on A, to the client on B): " +
            $"median {latencies[latencies.Count / 2]:0.0} ms, max {latencies[^1]:0.0} ms over {latencies.Count} bookings";
        Figures.Report(output, summary);

        // A barrier rather than a pause: the other tenant's own booking reaches the stranger after everything
        // published before it, so by then anything overheard from this tenant would have arrived too.
        var own = await other.BookAsync(_a);
        await WaitUntilAsync(() => overheard.Any(e => e.ServiceId == other.ServiceId && e.Start == own.Start), TimeSpan.FromSeconds(5));
        Assert.All(overheard, e => Assert.Equal(other.ServiceId, e.ServiceId));
    }

    [ServerFact]
    public async Task BookingChanged_ReachesAdminsOnB_WithTheTokenInTheQueryString_AndNotAnonymous()
    {
        var tenant = await TestTenant.CreateAsync(_a);

        // As a browser connects: the access token in the query string of the hub's address.
        await using var admin = Support.RealTimeConnection.WithQueryToken(_b, tenant.Slug, tenant.OwnerToken);
        var adminEvents = new ConcurrentQueue<BookingChangedEvent>();
        admin.On<BookingChangedEvent>(RealTimeNames.BookingChanged, e => adminEvents.Enqueue(e));
        await admin.StartAsync();

        await using var anonymous = tenant.RealTime(_b);
        var anonymousEvents = new ConcurrentQueue<BookingChangedEvent>();
        var anonymousAvailability = new ConcurrentQueue<AvailabilityChangedEvent>();
        anonymous.OnBookingChanged(e => { anonymousEvents.Enqueue(e); return Task.CompletedTask; });
        anonymous.OnAvailabilityChanged(e => { anonymousAvailability.Enqueue(e); return Task.CompletedTask; });
        await anonymous.StartAsync(default);
        await anonymous.SubscribeAsync(tenant.ServiceId, default);

        var booking = await tenant.BookAsync(_a);
        var created = await WaitForAsync(adminEvents, TimeSpan.FromSeconds(2));
        Assert.Equal(new BookingChangedEvent(booking.Id, "confirmed"), created);

        await tenant.Owner(_a).CancelBookingAsync(booking.Id, new CancelBookingRequest("test"));
        var cancelled = await WaitForAsync(adminEvents, TimeSpan.FromSeconds(2));
        Assert.Equal(new BookingChangedEvent(booking.Id, "cancelled"), cancelled);

        // The anonymous client hears the cancellation's availabilityChanged (published with the bookingChanged):
        // by then a bookingChanged meant for it would have arrived too.
        await WaitUntilAsync(() => anonymousAvailability.Count >= 2, TimeSpan.FromSeconds(5));
        Assert.Empty(anonymousEvents);
    }

    [ServerFact]
    public async Task BookingChanged_CarriesEachApprovalStatus_ToAdminsOnB()
    {
        var tenant = await TestTenant.CreateAsync(_a);
        var owner = tenant.Owner(_a);
        await owner.UpdateServiceAsync(tenant.ServiceId, new ServiceRequest(null, null, null, null, null, null, null, null, null, RequiresApproval: true));
        await using var admin = Support.RealTimeConnection.WithQueryToken(_b, tenant.Slug, tenant.OwnerToken);
        var adminEvents = new ConcurrentQueue<BookingChangedEvent>();
        admin.On<BookingChangedEvent>(RealTimeNames.BookingChanged, e => adminEvents.Enqueue(e));
        await admin.StartAsync();

        var first = await tenant.BookAsync(_a, index: 0);
        Assert.Equal(new BookingChangedEvent(first.Id, "pending"), await WaitForAsync(adminEvents, TimeSpan.FromSeconds(5)));
        await owner.ApproveBookingAsync(first.Id);
        Assert.Equal(new BookingChangedEvent(first.Id, "confirmed"), await WaitForAsync(adminEvents, TimeSpan.FromSeconds(5)));

        var second = await tenant.BookAsync(_a, index: 4);
        Assert.Equal(new BookingChangedEvent(second.Id, "pending"), await WaitForAsync(adminEvents, TimeSpan.FromSeconds(5)));
        await owner.DeclineBookingAsync(second.Id, new DeclineBookingRequest(null));
        Assert.Equal(new BookingChangedEvent(second.Id, "declined"), await WaitForAsync(adminEvents, TimeSpan.FromSeconds(5)));
    }

    [ServerFact]
    public async Task RenamedService_OnA_IsSeenRenamedOnB()
    {
        var tenant = await TestTenant.CreateAsync(_a);
        var onB = tenant.Anonymous(_b);
        // Read on B (and again, so it is served from B's memory).
        Assert.Equal("Haircut", (await onB.GetServiceAsync(tenant.ServiceId)).Name);
        Assert.Equal("Haircut", (await onB.GetServiceAsync(tenant.ServiceId)).Name);
        Assert.Contains((await onB.ListServicesAsync()).Items, s => s.Name == "Haircut");

        await tenant.Owner(_a).UpdateServiceAsync(tenant.ServiceId, new ServiceRequest("Colour", null, null, null, null, null, null, null, null));
        var renamed = Stopwatch.StartNew();

        string name;
        do
        {
            name = (await onB.GetServiceAsync(tenant.ServiceId)).Name;
        }
        while (name != "Colour" && renamed.Elapsed < TimeSpan.FromSeconds(2));

        output.WriteLine($"B served the new name {renamed.Elapsed.TotalMilliseconds:0.0} ms after A's PATCH returned");
        Assert.Equal("Colour", name);
        Assert.Contains((await onB.ListServicesAsync()).Items, s => s.Name == "Colour");
        // And on A at once (its own write dropped its copy before answering).
        Assert.Equal("Colour", (await tenant.Anonymous(_a).GetServiceAsync(tenant.ServiceId)).Name);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"The condition did not hold within {timeout.TotalMilliseconds} ms.");
            }

            await Task.Delay(5);
        }
    }

    internal static async Task<T> WaitForAsync<T>(ConcurrentQueue<T> queue, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        T? item;
        while (!queue.TryDequeue(out item))
        {
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"Nothing arrived within {timeout.TotalMilliseconds} ms.");
            }

            await Task.Delay(2);
        }

        return item;
    }
}
