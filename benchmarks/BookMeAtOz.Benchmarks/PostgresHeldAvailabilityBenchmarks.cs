using BenchmarkDotNet.Attributes;
using BookMeAtOz.Persistence;
using BookMeAtOz.PostgreSql;
using BookMeAtOz.Scheduling;
using Npgsql;

namespace BookMeAtOz.Benchmarks;

/// <summary>
/// The availability read of a listing (merged busy time) for one staff member over a week, with 10 % of the week's
/// bookable hours held by unexpired holds (and as many lapsed, unswept holds lying about), against the same staff
/// member's week with no holds: half the hours booked either way. Target: within 1.2× of the week without holds.
/// Run (PostgreSQL from <c>BOOKMEATOZ_BENCH_PG</c> or <c>BOOKMEATOZ_TEST_PG</c>):
/// <c>dotnet run -c Release --project benchmarks/BookMeAtOz.Benchmarks -- --filter '*PostgresHeldAvailability*' --job short</c>.
/// </summary>
[Config(typeof(PostgresBenchmarkConfig))]
public class PostgresHeldAvailabilityBenchmarks
{
    private const string Database = "bookmeatoz_bench_held_availability";
    private static readonly Guid TenantId = Guid.Parse("be400000-0000-0000-0000-000000000001");
    private static readonly Guid ServiceId = Guid.Parse("be400000-0000-0000-0000-000000000002");
    private static readonly Guid Plain = Guid.Parse("be500000-0000-0000-0000-000000000001");
    private static readonly Guid Held = Guid.Parse("be500000-0000-0000-0000-000000000002");
    private static readonly DateTimeOffset Base = new(2030, 1, 7, 0, 0, 0, TimeSpan.Zero);

    private PostgresDataSources _sources = null!;
    private PostgresBookingStore _store = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _sources.Dispose();

    [Benchmark(Baseline = true, Description = "1 staff × 7 days, half booked, no holds")]
    public Task<IReadOnlyList<StaffAvailability>> NoHolds() =>
        _store.LoadAvailabilityAsync(TenantId, [Plain], Base, Base.AddDays(7), ReadFrom.PreferStandby, BusyDetail.Merged, CancellationToken.None);

    [Benchmark(Description = "1 staff × 7 days, half booked, 10 % held (+ as many lapsed holds)")]
    public Task<IReadOnlyList<StaffAvailability>> TenPercentHeld() =>
        _store.LoadAvailabilityAsync(TenantId, [Held], Base, Base.AddDays(7), ReadFrom.PreferStandby, BusyDetail.Merged, CancellationToken.None);

    private async Task SetupAsync()
    {
        // The holds lapse in 2100: fresh for any run (the lapsed ones lapsed in 2000).
        await PostgresBenchmarkDatabase.EnsureAsync(Database, "held-availability-v2", SeedAsync);
        _sources = PostgresDataSources.Create(PostgresBenchmarkDatabase.App(Database));
        _store = new PostgresBookingStore(_sources, TimeProvider.System);
        var plain = await NoHolds();
        var held = await TenPercentHeld();
        Console.WriteLine($"// busy ranges: no holds {plain[0].Busy.Count}, 10 % held {held[0].Busy.Count}");
        await CompareInterleavedAsync();
    }

    /// <summary>Alternates single reads of the two weeks (a shared machine's load lands on both) and prints their percentiles.</summary>
    private async Task CompareInterleavedAsync()
    {
        var plain = new List<double>();
        var held = new List<double>();
        for (var i = 0; i < 3_000; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await NoHolds();
            var middle = System.Diagnostics.Stopwatch.GetTimestamp();
            await TenPercentHeld();
            var ended = System.Diagnostics.Stopwatch.GetTimestamp();
            if (i >= 300)
            {
                plain.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started, middle).TotalMilliseconds);
                held.Add(System.Diagnostics.Stopwatch.GetElapsedTime(middle, ended).TotalMilliseconds);
            }
        }

        plain.Sort();
        held.Sort();
        static double P(List<double> sorted, double p) => sorted[(int)(p * (sorted.Count - 1))];
        Console.WriteLine($"// interleaved, 2,700 reads each: no holds p50 {P(plain, 0.5):F3} ms, p95 {P(plain, 0.95):F3} ms; " +
            $"10 % held p50 {P(held, 0.5):F3} ms, p95 {P(held, 0.95):F3} ms; p50 ratio {P(held, 0.5) / P(plain, 0.5):F2}");
    }

    private static Task SeedAsync(NpgsqlConnection owner) => PostgresBenchmarkDatabase.ExecAsync(owner, $"""
        SELECT set_config('bookmeatoz.tenant_id', '{TenantId}', false);
        INSERT INTO bookmeatoz.tenants (tenant_id, slug, name, time_zone, currency, min_notice_minutes, max_advance_days, cancellation_notice_minutes)
        VALUES ('{TenantId}', 'bench', 'Bench', 'UTC', 'AUD', 0, 3650, 0);
        INSERT INTO bookmeatoz.staff (tenant_id, staff_id, name, time_zone, active)
        VALUES ('{TenantId}', '{Plain}', 'Plain', 'UTC', true), ('{TenantId}', '{Held}', 'Held', 'UTC', true);
        INSERT INTO bookmeatoz.staff_schedules (tenant_id, staff_id, weekly, overrides)
        SELECT tenant_id, staff_id,
               (SELECT jsonb_object_agg(day, jsonb_build_array(jsonb_build_object('start', '08:00', 'end', '18:00')))
                FROM unnest(ARRAY['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']) day),
               '[]'
        FROM bookmeatoz.staff;
        INSERT INTO bookmeatoz.services (tenant_id, service_id, name, duration_minutes, buffer_before_minutes, buffer_after_minutes, price_cents, capacity, active)
        VALUES ('{TenantId}', '{ServiceId}', 'Bench', 45, 0, 15, 0, 1, true);
        -- Both: the even hours of each day booked (5 of 10), over the week and the days around it.
        INSERT INTO bookmeatoz.bookings (tenant_id, booking_id, service_id, staff_id, starts_at, ends_at, buffer_before_minutes,
                                         buffer_after_minutes, blocked_start, blocked_end, status, customer_name, customer_email,
                                         created_at, manage_token_hash)
        SELECT '{TenantId}', gen_random_uuid(), '{ServiceId}', s, t, t + interval '45 minutes', 0, 15, t, t + interval '60 minutes',
               'confirmed', 'Bench Customer', 'bench@example.com', '{Base:O}', '\x00'
        FROM unnest(ARRAY['{Plain}'::uuid, '{Held}'::uuid]) s, generate_series(-3, 9) d, generate_series(8, 16, 2) h,
             LATERAL (SELECT '{Base:O}'::timestamptz + make_interval(days => d, hours => h)) x(t);
        -- The held staff member: 7 of the week's 70 hours held (one odd hour a day), and 7 lapsed holds on other odd hours.
        INSERT INTO bookmeatoz.bookings (tenant_id, booking_id, service_id, staff_id, starts_at, ends_at, buffer_before_minutes,
                                         buffer_after_minutes, blocked_start, blocked_end, status, customer_name, customer_email,
                                         created_at, manage_token_hash, expires_at)
        SELECT '{TenantId}', gen_random_uuid(), '{ServiceId}', '{Held}', t, t + interval '45 minutes', 0, 15, t, t + interval '60 minutes',
               'held', '', '', '{Base:O}', '\x', CASE WHEN h = 9 THEN timestamptz '2100-01-01' ELSE timestamptz '2000-01-01' END
        FROM generate_series(0, 6) d, (VALUES (9), (13)) hours(h),
             LATERAL (SELECT '{Base:O}'::timestamptz + make_interval(days => d, hours => h)) x(t);
        """);
}
