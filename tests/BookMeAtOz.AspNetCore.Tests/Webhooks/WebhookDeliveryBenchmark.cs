using System.Diagnostics;
using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;
using BookMeAtOz.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BookMeAtOz.AspNetCore.Tests.Webhooks;

/// <summary>
/// Measurements, not tests (nothing is asserted about speed): run by <c>benchmarks/webhooks.sh</c>, which sets
/// <c>BOOKMEATOZ_BENCH_WEBHOOKS=1</c>. One host instance on PostgreSQL and the loopback receiver in one run: the
/// receiver's own ceiling (concurrent POSTs straight at it), the instance's delivery throughput, and the time from an
/// event's commit to its arrival at 50 bookings a second.
/// </summary>
[Collection(WebhookPostgresTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_BENCH_WEBHOOKS", "the webhook benchmark")]
public sealed class WebhookDeliveryBenchmark(WebhookDatabase database, ITestOutputHelper output)
{
    [Fact]
    public async Task Measure()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = database.WithSettings(new Dictionary<string, string?>
        {
            ["BookMeAtOz:Webhooks:AllowPrivateTargets"] = "true",
            ["BookMeAtOz:Webhooks:PollInterval"] = "00:00:00.1",
        });
        var t = await TestTenant.CreateAsync(host);
        var hook = await (await t.Owner.PostJsonAsync("/api/v1/webhooks", new WebhookRequest(receiver.Url, ["booking.created"])))
            .ReadAsync<WebhookCreatedResponse>(HttpStatusCode.Created);
        const string body = """{"id":"0196a7c8-2f6e-7c1e-9d3b-1c2d3e4f5a6b","type":"booking.created","createdAt":"2027-04-03T22:14:05.123456+00:00","data":{"bookingId":"0196a7c8-2f6e-7c1e-9d3b-1c2d3e4f5a6c","serviceId":"0196a7c8-2f6e-7c1e-9d3b-1c2d3e4f5a6d","staffId":"0196a7c8-2f6e-7c1e-9d3b-1c2d3e4f5a6e","start":"2027-04-05T00:00:00+00:00","end":"2027-04-05T01:00:00+00:00","status":"confirmed"}}""";

        // 1. The receiver's ceiling: 16 concurrent senders (the dispatcher's default concurrency), signed bodies.
        const int ceilingRequests = 4000;
        double ceiling;
        using (var direct = new HttpClient())
        {
            var sent = 0;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
            {
                while (Interlocked.Increment(ref sent) <= ceilingRequests)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
                    request.Headers.Add("BookMeAtOz-Signature", "t=1,v1=00");
                    request.Headers.Add("BookMeAtOz-Delivery", Guid.NewGuid().ToString());
                    (await direct.SendAsync(request)).EnsureSuccessStatusCode();
                }
            }));
            ceiling = ceilingRequests / watch.Elapsed.TotalSeconds;
            output.WriteLine($"receiver ceiling: {ceiling:0} requests/s ({ceilingRequests} in {watch.Elapsed.TotalSeconds:0.00} s)");
        }

        // 2. One instance's delivery throughput: events queued at once, all sent (claim, sign, POST, record). As many as the
        // receiver takes in 20 s (at most 4,000), so that a loaded machine's run ends in minutes, not hours.
        var events = (int)Math.Clamp(ceiling * 20, 200, 4000);
        var before = receiver.Received.Count;
        var store = host.Services.GetRequiredService<IWebhookStore>();
        var now = host.Clock.GetUtcNow();
        var queued = Enumerable.Range(0, events)
            .Select(i => new WebhookEvent(Guid.CreateVersion7(), t.Tenant.Id, "booking.created", now, Guid.NewGuid(), i + 1, body)).ToList();
        var delivery = Stopwatch.StartNew();
        await store.EnqueueAsync(queued, now, CancellationToken.None);
        host.Services.GetRequiredService<WebhookWakeSignal>().Signal.Set();
        await Eventually.WaitAsync(() => Task.FromResult(receiver.Received.Count), n => n >= before + events, $"{events} deliveries", seconds: 600);
        var throughput = events / delivery.Elapsed.TotalSeconds;
        output.WriteLine($"one instance: {throughput:0} deliveries/s ({events} in {delivery.Elapsed.TotalSeconds:0.00} s): {throughput / ceiling:P0} of the receiver's ceiling");

        // 3. Commit to receipt at 50 bookings a second for 10 s (500 seats of one slot).
        var (_, service) = await t.AddStaffAndServiceAsync(capacity: 500);
        var slot = (await t.SlotsAsync(service.Id))[0].Start;
        before = receiver.Received.Count;
        const int bookings = 500;
        var pace = Stopwatch.StartNew();
        var writes = new List<Task>();
        for (var i = 0; i < bookings; i++)
        {
            var due = TimeSpan.FromSeconds(i / 50.0);
            if (pace.Elapsed < due)
            {
                await Task.Delay(due - pace.Elapsed);
            }

            writes.Add(t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slot)));
        }

        await Task.WhenAll(writes);
        var arrived = await Eventually.WaitAsync(() => Task.FromResult(receiver.Received), r => r.Count >= before + bookings, $"{bookings} bookings' events", seconds: 600);
        var lags = arrived.Skip(before).Select(r => (r.ReceivedAt - System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("createdAt").GetDateTimeOffset()).TotalMilliseconds)
            .Order().ToList();
        output.WriteLine($"commit to receipt at 50 bookings/s ({bookings}): p50 {lags[lags.Count / 2]:0} ms, p99 {lags[(int)(lags.Count * 0.99)]:0} ms, max {lags[^1]:0} ms");
        _ = hook;
    }
}
