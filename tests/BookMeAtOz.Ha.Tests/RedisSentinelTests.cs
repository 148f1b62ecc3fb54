using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using BookMeAtOz.Contracts;
using BookMeAtOz.Ha.Tests.Support;
using BookMeAtOz.RealTime.Tests.Support;
using Xunit.Abstractions;

namespace BookMeAtOz.Ha.Tests;

/// <summary>
/// Two instances of the reference host whose Redis is a primary and a replica watched by three Sentinels: the hosts are
/// given the Sentinels and the service name, and follow a failover.
/// </summary>
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
[RequiresEnvironment("BOOKMEATOZ_TEST_TMP", "scripts/test.sh (the HA tests start their own servers under its temp dir)")]
public sealed class RedisSentinelTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private RedisSentinels _redis = null!;
    private BookingHost _a = null!;
    private BookingHost _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _redis = await RedisSentinels.StartAsync();
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
    public async Task PrimaryKilledDuringTraffic_HostsFollowTheSentinels_EventsReachTheOtherInstance_CacheResumes_BookingsNeverFail()
    {
        var tenant = await TestTenant.CreateAsync(_a);
        await using var subscriber = tenant.RealTime(_b);
        var received = new ConcurrentQueue<AvailabilityChangedEvent>();
        subscriber.OnAvailabilityChanged(e => { received.Enqueue(e); return Task.CompletedTask; });
        await subscriber.StartAsync(default);
        await subscriber.SubscribeAsync(tenant.ServiceId, default);

        var before = await tenant.BookAsync(_a, days: 2);
        Assert.Equal(before.Start, (await WaitForAsync(received, e => e.Start == before.Start)).Start);
        await HaServers.WaitUntilAsync(async () => await ReadyAsync(_a) == "Healthy" && await ReadyAsync(_b) == "Healthy", TimeSpan.FromSeconds(60), "both Healthy");
        var primaryPort = _redis.Port("HA_REDIS_PRIMARY_PORT");
        var replicaPort = _redis.Port("HA_REDIS_REPLICA_PORT");
        Assert.Equal(primaryPort, await MasterPortAsync());

        // Real-time traffic the whole time: bookings on A, availability on B. None of it may fail.
        var failures = new ConcurrentQueue<string>();
        var booked = 0;
        using var stop = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            var day = 3;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await tenant.BookAsync(_a, days: day);
                    Interlocked.Increment(ref booked);
                    await tenant.SlotsAsync(_b, days: day);
                    if (booked % 40 == 0)
                    {
                        day++;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Refit.ApiException)
                {
                    failures.Enqueue(e.Message);
                }
            }
        });

        await HaServers.WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref booked) >= 5), TimeSpan.FromSeconds(60), "traffic flows");
        var killed = Stopwatch.StartNew();
        HaServers.Signal("KILL", _redis.PrimaryPid);
        var promoted = await HaServers.WaitUntilAsync(async () => await MasterPortAsync() == replicaPort, TimeSpan.FromSeconds(60), "the Sentinels promote the replica");
        var healthy = await HaServers.WaitUntilAsync(
            async () => await ReadyAsync(_a) == "Healthy" && await ReadyAsync(_b) == "Healthy", TimeSpan.FromSeconds(60), "both instances Healthy on the new primary");
        var bookedDuring = Volatile.Read(ref booked);
        await stop.CancelAsync();
        await traffic;
        Assert.Empty(failures);

        // Events published after the failover reach the client on the other instance.
        var after = await tenant.BookAsync(_a, days: 20);
        var eventAfter = Stopwatch.StartNew();
        Assert.Equal(after.Start, (await WaitForAsync(received, e => e.Start == after.Start)).Start);
        var eventLatency = eventAfter.Elapsed;

        // And the shared cache is written again, on the new primary.
        var keysBefore = await DbSizeAsync(replicaPort);
        await tenant.Owner(_b).UpdateServiceAsync(tenant.ServiceId, new ServiceRequest("Haircut (after failover)", null, null, null, null, null, null, null, null));
        Assert.Equal("Haircut (after failover)", (await tenant.Anonymous(_b).GetServiceAsync(tenant.ServiceId)).Name);
        var other = await TestTenant.CreateAsync(_b);
        _ = await other.Anonymous(_a).GetServiceAsync(other.ServiceId);
        await HaServers.WaitUntilAsync(async () => await DbSizeAsync(replicaPort) > keysBefore, TimeSpan.FromSeconds(30), "cache entries written to the new primary");

        Figures.Report(output,
            $"Redis Sentinel failover: primary killed with kill -9; Sentinels promoted the replica after {promoted.TotalSeconds:0.0} s, " +
            $"both instances Healthy on it {(promoted + healthy).TotalSeconds:0.0} s after the kill; {bookedDuring} bookings and availability reads during, 0 failed; " +
            $"availabilityChanged across instances after the failover {eventLatency.TotalMilliseconds:0} ms after the 201; cache writes resumed");
        _ = killed;
    }

    private async Task<int?> MasterPortAsync()
    {
        foreach (var sentinel in _redis.SentinelPorts)
        {
            var answer = await RedisCliAsync(sentinel, "sentinel", "get-master-addr-by-name", "bookmeatoz");
            var lines = answer.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (lines.Length == 2 && int.TryParse(lines[1], CultureInfo.InvariantCulture, out var port))
            {
                return port;
            }
        }

        return null;
    }

    private static async Task<long> DbSizeAsync(int port) =>
        long.TryParse((await RedisCliAsync(port, "dbsize")).Trim(), CultureInfo.InvariantCulture, out var size) ? size : -1;

    private static async Task<string> RedisCliAsync(int port, params string[] arguments)
    {
        var info = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }

    private static async Task<string> ReadyAsync(BookingHost host)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString()!;
    }

    private static async Task<T> WaitForAsync<T>(ConcurrentQueue<T> queue, Func<T, bool> match)
    {
        T found = default!;
        await HaServers.WaitUntilAsync(() => Task.FromResult(queue.Any(e => { if (match(e)) { found = e; return true; } return false; })), TimeSpan.FromSeconds(15), "the event");
        return found;
    }
}
