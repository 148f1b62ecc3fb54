using BenchmarkDotNet.Attributes;
using BookMeAtOz.Persistence;
using BookMeAtOz.PostgreSql;
using BookMeAtOz.Scheduling;
using Npgsql;

namespace BookMeAtOz.Benchmarks;

/// <summary>
/// The availability read for one staff member over 31 days (schedule, ~310 bookings, time off) with 10,000 and
/// with 1,000,000 bookings in the table: the same staff density, 2,500 bookings per staff member, in one tenant.
/// The read's cost must not grow with the table (target: p50 under 2 ms, 1M within 1.5× of 10k). The first run
/// seeds the two databases (the 1M one takes a few minutes) and later runs reuse them.
/// Run (PostgreSQL from <c>BOOKMEATOZ_BENCH_PG</c> or <c>BOOKMEATOZ_TEST_PG</c>):
/// <c>dotnet run -c Release --project benchmarks/BookMeAtOz.Benchmarks -- --filter '*PostgresAvailability*' --job short</c>.
/// </summary>
[Config(typeof(PostgresBenchmarkConfig))]
public class PostgresAvailabilityBenchmarks
{
    private const int BookingsPerStaff = 2_500; // 250 days × 10 a day
    private static readonly Guid TenantId = Guid.Parse("be200000-0000-0000-0000-000000000001");
    private static readonly Guid ServiceId = Guid.Parse("be200000-0000-0000-0000-000000000002");
    private static readonly Guid StaffId = StaffGuid(1);
    private static readonly DateTimeOffset Base = new(2027, 1, 4, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset From = Base.AddDays(120);
    private static readonly DateTimeOffset To = From.AddDays(31);

    private PostgresDataSources _small = null!;
    private PostgresDataSources _large = null!;
    private PostgresBookingStore _smallStore = null!;
    private PostgresBookingStore _largeStore = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _small.Dispose();
        _large.Dispose();
    }

    [Benchmark(Baseline = true, Description = "1 staff × 31 days, 10,000 bookings in the table")]
    public Task<IReadOnlyList<StaffAvailability>> TenThousandRows() =>
        _smallStore.LoadAvailabilityAsync(TenantId, [StaffId], From, To, ReadFrom.PreferStandby, BusyDetail.PerBooking, CancellationToken.None);

    [Benchmark(Description = "1 staff × 31 days, 1,000,000 bookings in the table")]
    public Task<IReadOnlyList<StaffAvailability>> OneMillionRows() =>
        _largeStore.LoadAvailabilityAsync(TenantId, [StaffId], From, To, ReadFrom.PreferStandby, BusyDetail.PerBooking, CancellationToken.None);

    private static Guid StaffGuid(int i) => Guid.Parse($"be300000-0000-0000-0000-{i:D12}");

    private static async Task<(PostgresDataSources, PostgresBookingStore)> PrepareAsync(int rows)
    {
        var database = $"bookmeatoz_bench_availability_{rows}";
        await PostgresBenchmarkDatabase.EnsureAsync(database, $"availability-{rows}-v5", owner => SeedAsync(owner, rows / BookingsPerStaff));
        var sources = PostgresDataSources.Create(PostgresBenchmarkDatabase.App(database));
        var store = new PostgresBookingStore(sources, TimeProvider.System);
        var loaded = await store.LoadAvailabilityAsync(TenantId, [StaffId], From, To, ReadFrom.PreferStandby, BusyDetail.PerBooking, CancellationToken.None);
        Console.WriteLine($"// {rows:N0} rows: the read returns {loaded[0].Busy.Count} busy ranges");
        return (sources, store);
    }

    private async Task SetupAsync()
    {
        (_small, _smallStore) = await PrepareAsync(10_000);
        (_large, _largeStore) = await PrepareAsync(1_000_000);
        await CompareInterleavedAsync();
    }

    /// <summary>
    /// BenchmarkDotNet measures one method after the other, so on a shared machine a change in background load
    /// lands on one side only. This alternates single reads of the two tables and prints their percentiles.
    /// </summary>
    private async Task CompareInterleavedAsync()
    {
        var small = new List<double>();
        var large = new List<double>();
        for (var i = 0; i < 3_000; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await TenThousandRows();
            var middle = System.Diagnostics.Stopwatch.GetTimestamp();
            await OneMillionRows();
            var ended = System.Diagnostics.Stopwatch.GetTimestamp();
            if (i >= 300)
            {
                small.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started, middle).TotalMilliseconds);
                large.Add(System.Diagnostics.Stopwatch.GetElapsedTime(middle, ended).TotalMilliseconds);
            }
        }

        small.Sort();
        large.Sort();
        static double P(List<double> sorted, double p) => sorted[(int)(p * (sorted.Count - 1))];
        Console.WriteLine($"// interleaved, 2,700 reads each: 10,000 rows p50 {P(small, 0.5):F3} ms, p95 {P(small, 0.95):F3} ms, p99 {P(small, 0.99):F3} ms; " +
            $"1,000,000 rows p50 {P(large, 0.5):F3} ms, p95 {P(large, 0.95):F3} ms, p99 {P(large, 0.99):F3} ms; " +
            $"p50 ratio {P(large, 0.5) / P(small, 0.5):F2}");
    }

    private static async Task SeedAsync(NpgsqlConnection owner, int staffCount)
    {
        await PostgresBenchmarkDatabase.ExecAsync(owner, $"""
            SELECT set_config('bookmeatoz.tenant_id', '{TenantId}', false);
            INSERT INTO bookmeatoz.tenants (tenant_id, slug, name, time_zone, currency, min_notice_minutes, max_advance_days, cancellation_notice_minutes)
            VALUES ('{TenantId}', 'bench', 'Bench', 'UTC', 'AUD', 0, 3650, 0);
            INSERT INTO bookmeatoz.staff (tenant_id, staff_id, name, time_zone, active)
            SELECT '{TenantId}', ('be300000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid, 'Staff ' || i, 'UTC', true
            FROM generate_series(1, {staffCount}) i;
            INSERT INTO bookmeatoz.staff_schedules (tenant_id, staff_id, weekly, overrides)
            SELECT tenant_id, staff_id,
                   (SELECT jsonb_object_agg(day, jsonb_build_array(jsonb_build_object('start', '08:00', 'end', '18:00')))
                    FROM unnest(ARRAY['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']) day),
                   '[]'
            FROM bookmeatoz.staff;
            INSERT INTO bookmeatoz.services (tenant_id, service_id, name, duration_minutes, buffer_before_minutes, buffer_after_minutes, price_cents, capacity, active)
            VALUES ('{TenantId}', '{ServiceId}', 'Bench', 45, 0, 15, 0, 1, true);
            INSERT INTO bookmeatoz.time_off (tenant_id, time_off_id, staff_id, starts_at, ends_at, reason)
            SELECT tenant_id, gen_random_uuid(), staff_id, '{Base:O}'::timestamptz + make_interval(days => d), '{Base:O}'::timestamptz + make_interval(days => d + 1), 'Leave'
            FROM bookmeatoz.staff, generate_series(3, 250, 14) d;
            """);

        // In chunks of 20 staff members (50,000 bookings), each staff member's bookings one an hour, 08:00–18:00.
        for (var first = 1; first <= staffCount; first += 20)
        {
            await PostgresBenchmarkDatabase.ExecAsync(owner, $"""
                INSERT INTO bookmeatoz.bookings (tenant_id, booking_id, service_id, staff_id, starts_at, ends_at,
                                                 buffer_before_minutes, buffer_after_minutes, blocked_start, blocked_end, status,
                                                 customer_name, customer_email, created_at, manage_token_hash)
                SELECT st.tenant_id, gen_random_uuid(), '{ServiceId}', st.staff_id, t, t + interval '45 minutes', 0, 15, t, t + interval '60 minutes',
                       'confirmed', 'Bench Customer', 'bench@example.com', '{Base:O}', '\x00'
                FROM bookmeatoz.staff st,
                     generate_series(0, 249) d,
                     generate_series(8, 17) h,
                     LATERAL (SELECT '{Base:O}'::timestamptz + make_interval(days => d, hours => h)) x(t)
                WHERE st.staff_id BETWEEN ('be300000-0000-0000-0000-' || lpad({first}::text, 12, '0'))::uuid
                                      AND ('be300000-0000-0000-0000-' || lpad({first + 19}::text, 12, '0'))::uuid
                """);
        }
    }
}
