using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Webhooks;

/// <summary>A database of its own for the webhook tests: only the hosts a test starts deliver from it.</summary>
public sealed class WebhookDatabase : PostgresApiFactory;

[CollectionDefinition(Name)]
public sealed class WebhookPostgresTests : ICollectionFixture<WebhookDatabase>
{
    public const string Name = "webhooks-postgres";
}

/// <summary>
/// The webhook suite on PostgreSQL (deliveries queued by the outbox relay), plus what needs several host instances on
/// one database: no event is sent by two instances at the same time, and a delivery cut off by a host stopping is sent
/// again, with the same delivery id, by the next instance.
/// </summary>
[Collection(WebhookPostgresTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresWebhookTests(WebhookDatabase database) : WebhookDeliveryTestsBase
{
    protected override ApiFactory Host(Dictionary<string, string?> settings) => database.WithSettings(settings);

    [Fact]
    public async Task TwoInstances_OnOneDatabase_NeverSendOneEventTwice_NorAtTheSameTime()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Behaviour = async (_, ct) =>
        {
            await Task.Yield();
            return 200;
        };
        await using var a = Host(FastSettings());
        await using var b = Host(FastSettings());
        var t = await TestTenant.CreateAsync(a);
        var hook = await SubscribeAsync(t, receiver.Url, "booking.created", "booking.cancelled");
        var (_, service) = await t.AddStaffAndServiceAsync(capacity: 100);
        var slots = await t.SlotsAsync(service.Id);
        var onB = b.Client(t.Slug);

        // Bookings made through both instances: each instance's relay and dispatcher race for the same rows.
        const int count = 40;
        var writes = Enumerable.Range(0, count).Select(async i =>
        {
            var client = i % 2 == 0 ? t.Anonymous : onB;
            var booking = await (await client.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slots[i % slots.Count].Start)))
                .ReadAsync<BookingResponse>(HttpStatusCode.Created);
            if (i % 4 == 0)
            {
                (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new CancelBookingRequest(null))).EnsureSuccessStatusCode();
            }

            return booking.Id;
        });
        var ids = await Task.WhenAll(writes);

        var expected = count + (count / 4);
        var received = await receiver.WaitForAsync(r => r.Count >= expected, $"{expected} events");
        var log = await Eventually.WaitAsync(() => DeliveriesAsync(t.Owner, hook.Id), l => l.Count == expected && l.All(d => d.Status == "delivered"), "all delivered");
        Assert.All(log, d => Assert.Equal(1, d.Attempts));
        // The receiver always answered 200 at once: every delivery arrived exactly once, never two at the same time.
        Assert.Equal(expected, received.Count);
        Assert.Equal(expected, received.Select(r => r.DeliveryId).Distinct().Count());
        Assert.Equal(expected, received.Select(r => r.EventId).Distinct().Count());
        Assert.Equal(1, receiver.MaxConcurrentPerEvent);
        Assert.Equal(ids.Order(), received.Where(r => r.Type == "booking.created").Select(r => r.Data.GetProperty("bookingId").GetGuid()).Order());
        // Per booking, the creation arrived before the cancellation.
        foreach (var cancelled in received.Where(r => r.Type == "booking.cancelled"))
        {
            var bookingId = cancelled.Data.GetProperty("bookingId").GetGuid();
            var created = received.ToList().FindIndex(r => r.Type == "booking.created" && r.Data.GetProperty("bookingId").GetGuid() == bookingId);
            Assert.InRange(created, 0, received.ToList().IndexOf(cancelled) - 1);
        }
    }

    [Fact]
    public async Task HostStoppingMidDelivery_TheNextInstanceSendsItAgain_WithTheSameDeliveryId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var firstArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Behaviour = async (r, ct) =>
        {
            if (r.Attempt == 1)
            {
                firstArrived.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct); // held until the sender goes away
            }

            return 200;
        };
        // A timeout longer than the test waits: the first attempt ends only because its host stops.
        var settings = FastSettings(new() { ["BookMeAtOz:Webhooks:Timeout"] = "00:01:00", ["BookMeAtOz:Webhooks:ClaimLease"] = "00:01:05" });
        var first = Host(settings);
        var t = await TestTenant.CreateAsync(first);
        var hook = await SubscribeAsync(t, receiver.Url);
        var ping = await (await t.Owner.PostAsync($"/api/v1/webhooks/{hook.Id}/ping", null)).ReadAsync<WebhookDeliveryAcceptedResponse>(HttpStatusCode.Accepted);
        await firstArrived.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await first.DisposeAsync();

        // The next instance runs on a clock past the first one's lease (as it would be after a restart that took a minute).
        await using var next = Host(settings);
        next.Clock.Offset = TimeSpan.FromMinutes(2);
        using var started = next.CreateClient(); // starts the host
        var received = await receiver.WaitForAsync(r => r.Count >= 2, "the delivery again");
        Assert.Equal([ping.DeliveryId.ToString(), ping.DeliveryId.ToString()], received.Select(r => r.DeliveryId));
        Assert.Single(received.Select(r => r.EventId).Distinct());
        var delivery = Assert.Single(await Eventually.WaitAsync(
            () => DeliveriesAsync(next.Client(t.Slug, t.OwnerAuth.AccessToken), hook.Id), l => l is [{ Status: "delivered" }], "delivered"));
        Assert.Equal(2, delivery.Attempts);
    }
}
