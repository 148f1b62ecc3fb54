using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BookMeAtOz.Contracts;
using BookMeAtOz.RealTime.Tests.Support;
using Xunit.Abstractions;

namespace BookMeAtOz.RealTime.Tests;

/// <summary>Two instances on a Redis of the test's own, which it stops and starts again mid-run.</summary>
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class RedisOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private PrivateRedis _redis = null!;
    private BookingHost _a = null!;
    private BookingHost _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _redis = new PrivateRedis();
        await _redis.StartAsync();
        _a = BookingHost.Start(_database, _redis.ConnectionString);
        _b = BookingHost.Start(_database, _redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _redis.DisposeAsync();
        await _database.DisposeAsync();
    }

    [ServerFact]
    public async Task RedisDown_BookingAndAvailabilityWork_ReadyIsDegraded_AndEventsFlowAgainWhenItIsBack()
    {
        var tenant = await TestTenant.CreateAsync(_a);
        await using var subscriber = tenant.RealTime(_b);
        var received = new ConcurrentQueue<AvailabilityChangedEvent>();
        subscriber.OnAvailabilityChanged(e => { received.Enqueue(e); return Task.CompletedTask; });
        await subscriber.StartAsync(default);
        await subscriber.SubscribeAsync(tenant.ServiceId, default);

        var first = await tenant.BookAsync(_a, days: 3);
        Assert.Equal(first.Start, (await CrossInstanceTests.WaitForAsync(received, TimeSpan.FromSeconds(2))).Start);
        Assert.Equal(("Healthy", "Healthy"), await ReadyAsync(_a));

        await _redis.StopAsync();
        await WaitUntilAsync(async () => (await ReadyAsync(_a)).Redis == "Degraded" && (await ReadyAsync(_b)).Redis == "Degraded");
        Assert.Equal(("Degraded", "Degraded"), await ReadyAsync(_a));

        // Everything still works, from PostgreSQL, without waiting for Redis.
        var timer = Stopwatch.StartNew();
        var during = await tenant.BookAsync(_a, days: 3);
        output.WriteLine($"booking with Redis down: availability + POST took {timer.ElapsedMilliseconds} ms");
        Assert.Equal("confirmed", during.Status);
        Assert.DoesNotContain(await tenant.SlotsAsync(_b, 3), s => s.Start == during.Start);
        Assert.Equal("Haircut", (await tenant.Anonymous(_b).GetServiceAsync(tenant.ServiceId)).Name);
        await tenant.Owner(_b).UpdateServiceAsync(tenant.ServiceId, new ServiceRequest("Haircut (Redis down)", null, null, null, null, null, null, null, null));
        Assert.Equal("Haircut (Redis down)", (await tenant.Anonymous(_b).GetServiceAsync(tenant.ServiceId)).Name);
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(5), $"{timer.Elapsed} with Redis down");

        await _redis.StartAsync();
        var back = Stopwatch.StartNew();
        await WaitUntilAsync(async () => (await ReadyAsync(_a)).Redis == "Healthy" && (await ReadyAsync(_b)).Redis == "Healthy");
        output.WriteLine($"both instances ready and Healthy {back.ElapsedMilliseconds} ms after Redis restarted");

        // Events flow again to the client that stayed connected through the outage.
        received.Clear();
        var after = await tenant.BookAsync(_a, days: 4);
        var e = await CrossInstanceTests.WaitForAsync(received, TimeSpan.FromSeconds(3));
        Assert.Equal(after.Start, e.Start);
        // And the service renamed on B while Redis was down reads renamed on A too.
        Assert.Equal("Haircut (Redis down)", (await tenant.Anonymous(_a).GetServiceAsync(tenant.ServiceId)).Name);
    }

    private static async Task<(string Status, string Redis)> ReadyAsync(BookingHost host)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var response = await http.GetAsync("/health/ready");
        // Degraded never fails the probe.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("status").GetString()!,
            json.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString()!);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException("The condition did not hold within 20 s.");
            }

            await Task.Delay(100);
        }
    }
}
