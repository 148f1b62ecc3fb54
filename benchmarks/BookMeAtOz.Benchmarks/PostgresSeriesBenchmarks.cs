using BenchmarkDotNet.Attributes;
using BookMeAtOz.Bookings;
using BookMeAtOz.PostgreSql;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;

namespace BookMeAtOz.Benchmarks;

/// <summary>
/// A 52-occurrence all-or-nothing weekly series against one booking, both through the booking service (availability
/// check, rules and the store's write) on PostgreSQL, from one client: the product target is a series under 10× a
/// booking (p50). Every call takes fresh time, so every call books.
/// Run (PostgreSQL from <c>BOOKMEATOZ_BENCH_PG</c> or <c>BOOKMEATOZ_TEST_PG</c>):
/// <c>dotnet run -c Release --project benchmarks/BookMeAtOz.Benchmarks -- --filter '*PostgresSeries*' --job short</c>.
/// The setup also alternates the two (so background load lands on both alike) and prints their medians and ratio: the
/// figure to quote.
/// </summary>
[Config(typeof(PostgresBenchmarkConfig))]
public class PostgresSeriesBenchmarks
{
    private const int StaffCount = 100;
    private const string Database = "bookmeatoz_bench_series";

    private static readonly Guid TenantId = Guid.Parse("be500000-0000-0000-0000-000000000001");
    private static readonly Guid ServiceId = Guid.Parse("be500000-0000-0000-0000-000000000002");
    // A Monday well ahead; series fill the year from here, single bookings the year after.
    private static readonly DateTimeOffset Base = new(2027, 1, 4, 0, 0, 0, TimeSpan.Zero);

    private readonly Guid[] _staff = [.. Enumerable.Range(1, StaffCount).Select(i => Guid.Parse($"be510000-0000-0000-0000-{i:D12}"))];
    private PostgresDataSources _sources = null!;
    private BookingService _bookings = null!;
    private long _series;
    private long _single;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _sources.Dispose();

    [Benchmark(Baseline = true, Description = "One booking (BookingService, PostgreSQL)")]
    public Task OneBooking() => BookOneAsync();

    [Benchmark(Description = "52-week allOrNothing series (BookingService, PostgreSQL)")]
    public Task Series52() => BookSeriesAsync();

    private async Task BookOneAsync()
    {
        // Staff round robin, hourly, in the year after the series' year.
        var slot = Interlocked.Increment(ref _single);
        var start = Base.AddDays(371).AddHours(slot / StaffCount);
        var outcome = await _bookings.CreateBookingAsync(TenantId,
            new CreateBookingRequest(ServiceId, start, _staff[slot % StaffCount], new Customer("Bench Customer", "bench@example.com", null), null),
            null, CancellationToken.None);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException("A fresh slot was refused.");
        }
    }

    private async Task BookSeriesAsync()
    {
        // Each series has a staff member's (weekday, hour) for the year: 100 staff × 7 days × 24 hours of them.
        var n = Interlocked.Increment(ref _series);
        var start = Base.AddDays(n / StaffCount % 7).AddHours(n / StaffCount / 7);
        var outcome = await _bookings.CreateSeriesAsync(TenantId, new CreateSeriesRequest(
            new CreateBookingRequest(ServiceId, start, _staff[n % StaffCount], new Customer("Bench Customer", "bench@example.com", null), null),
            new SeriesRecurrence(SeriesFrequency.Weekly, 52, null), SeriesMode.AllOrNothing), null, CancellationToken.None);
        if (!outcome.Succeeded || outcome.Bookings.Count != 52)
        {
            throw new InvalidOperationException("A fresh series was refused.");
        }
    }

    private async Task SetupAsync()
    {
        await PostgresBenchmarkDatabase.EnsureAsync(Database, "series", _ => Task.CompletedTask, fresh: true);
        _sources = PostgresDataSources.Create(PostgresBenchmarkDatabase.App(Database));
        var store = new PostgresBookingStore(_sources, TimeProvider.System);
        await store.CreateTenantAsync(new Tenant(TenantId, "bench-series", "Bench", "UTC", "AUD",
            new TenantPolicy(MinNoticeMinutes: 0, MaxAdvanceDays: 3650)), CancellationToken.None);
        var allDay = StaffSchedule.WeeklyOn(Enum.GetValues<DayOfWeek>(), WorkInterval.Parse("00:00", "24:00"));
        foreach (var id in _staff)
        {
            await store.CreateStaffAsync(new StaffMember(id, TenantId, "Staff", null, "UTC", true), CancellationToken.None);
            await store.SetScheduleAsync(TenantId, id, allDay, CancellationToken.None);
        }

        await store.CreateServiceAsync(new Service(ServiceId, TenantId, "Bench", 45, 0, 15, 0, 1, 60, _staff, true), CancellationToken.None);
        _bookings = new BookingService(store, TimeProvider.System);
        _series = 0;
        _single = 0;

        // Warm both paths (pools, plans), then the interleaved comparison.
        for (var i = 0; i < 5; i++)
        {
            await BookOneAsync();
            await BookSeriesAsync();
        }

        await CompareInterleavedAsync();
    }

    /// <summary>Alternates the two, one client, 41 rounds; prints p50 of each and the ratio.</summary>
    private async Task CompareInterleavedAsync()
    {
        var one = new List<double>();
        var series = new List<double>();
        for (var round = 0; round < 41; round++)
        {
            one.Add(await TimeAsync(BookOneAsync));
            series.Add(await TimeAsync(BookSeriesAsync));
        }

        one.Sort();
        series.Sort();
        Console.WriteLine($"// interleaved, 41 rounds, one client: one booking p50 {one[20]:F2} ms (p95 {one[38]:F2}); " +
            $"52-occurrence allOrNothing series p50 {series[20]:F2} ms (p95 {series[38]:F2}); series/booking {series[20] / one[20]:F1}×");
    }

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await work();
        return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
