using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;
using BookMeAtOz.PostgreSql;
using Npgsql;

namespace BookMeAtOz.Benchmarks;

/// <summary>
/// Booking creation through the PostgreSQL store from 8 concurrent workers, against the physical baseline: a raw
/// Npgsql single-row INSERT (autocommit) into a table of the same shape with the same exclusion constraint, from
/// 8 workers too. Every booking takes a fresh slot, so every call books. The store does more per booking: it
/// scopes the transaction to the tenant (row-level security), holds the time in the sessions table and writes
/// the booking and its outbox event, all in one implicit transaction and one round trip.
/// Run (PostgreSQL from <c>BOOKMEATOZ_BENCH_PG</c> or <c>BOOKMEATOZ_TEST_PG</c>):
/// <c>dotnet run -c Release --project benchmarks/BookMeAtOz.Benchmarks -- --filter '*PostgresBooking*' --job short</c>.
/// Op/s is bookings per second across the 8 workers; Ratio is time per booking relative to the raw INSERT.
/// Hold + book is a checkout: a hold (the booking function with status held and an expiry), then the hold booked in
/// place (one guarded UPDATE); both round trips count as one booking.
/// </summary>
[Config(typeof(PostgresBenchmarkConfig))]
public class PostgresBookingBenchmarks
{
    public const int Workers = 8;
    private const int PerWorker = 50;
    private const int Operations = Workers * PerWorker;
    private const int StaffCount = 200;
    private const string Database = "bookmeatoz_bench_booking";

    private static readonly Guid TenantId = Guid.Parse("be000000-0000-0000-0000-000000000001");
    private static readonly Guid ServiceId = Guid.Parse("be000000-0000-0000-0000-000000000002");
    private static readonly DateTimeOffset Base = new(2027, 1, 4, 0, 0, 0, TimeSpan.Zero);
    private static readonly byte[] TokenHash = ManageTokens.Hash("bench");

    private readonly Guid[] _staff = [.. Enumerable.Range(1, StaffCount).Select(i => Guid.Parse($"be100000-0000-0000-0000-{i:D12}"))];
    private NpgsqlDataSource _raw = null!;
    private PostgresDataSources _sources = null!;
    private PostgresBookingStore _store = null!;
    private long _slot;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _sources.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "Raw INSERT, same shape + constraint, 8 workers")]
    public Task RawInsert() => RunWorkersAsync(RawInsertOneAsync);

    [Benchmark(OperationsPerInvoke = Operations, Description = "Store.CreateBookingAsync, 8 workers")]
    public Task StoreCreateBooking() => RunWorkersAsync(StoreCreateOneAsync);

    [Benchmark(OperationsPerInvoke = Operations, Description = "Store.CreateBookingAsync + Idempotency-Key, 8 workers")]
    public Task StoreCreateBookingIdempotent() => RunWorkersAsync(slot => _store.CreateBookingAsync(new CreateBookingCommand([Booking(slot)], 1,
        new IdempotencyEntry(TenantId, "bench-" + slot, "fp", Base.AddDays(1), b => b is null ? "refused" : "made")), CancellationToken.None));

    [Benchmark(OperationsPerInvoke = Operations, Description = "Store hold + book the hold, 8 workers")]
    public Task StoreHoldAndBook() => RunWorkersAsync(StoreHoldAndBookOneAsync);

    private async Task StoreHoldAndBookOneAsync(long slot)
    {
        var booking = Booking(slot);
        var now = TimeProvider.System.GetUtcNow();
        var hold = booking with { Status = BookingStatus.Held, Customer = new Customer(string.Empty, string.Empty, null), ManageTokenHash = [], ExpiresAt = now.AddMinutes(10) };
        var held = await _store.CreateBookingAsync(new CreateBookingCommand([hold], 1, null), CancellationToken.None);
        var made = await _store.BookHoldAsync(new BookHoldCommand(booking, null, now), CancellationToken.None);
        if (held.Booking is null || made.Booking is null)
        {
            throw new InvalidOperationException("A fresh slot was refused.");
        }
    }

    private async Task RunWorkersAsync(Func<long, Task> book)
    {
        var workers = new Task[Workers];
        for (var w = 0; w < Workers; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                for (var i = 0; i < PerWorker; i++)
                {
                    await book(Interlocked.Increment(ref _slot));
                }
            });
        }

        await Task.WhenAll(workers);
    }

    // Consecutive slots go to different staff members; each staff member's bookings follow one another hourly.
    private (Guid Staff, DateTimeOffset Start) Slot(long slot) => (_staff[slot % StaffCount], Base.AddHours(slot / StaffCount));

    private Booking Booking(long slot)
    {
        var (staff, start) = Slot(slot);
        return new Booking(Guid.NewGuid(), TenantId, ServiceId, staff, start, start.AddMinutes(45), 0, 15, BookingStatus.Confirmed,
            new Customer("Bench Customer", "bench@example.com", null), null, Base, null, null, TokenHash);
    }

    private async Task RawInsertOneAsync(long slot)
    {
        var (staff, start) = Slot(slot);
        await using var command = _raw.CreateCommand("""
            INSERT INTO bench.raw_bookings (tenant_id, booking_id, service_id, staff_id, starts_at, ends_at, buffer_before_minutes,
                                            buffer_after_minutes, status, customer_name, customer_email, customer_phone, notes,
                                            created_at, manage_token_hash, blocked_start, blocked_end)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = TenantId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.NewGuid() });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = ServiceId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = staff });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = start });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = start.AddMinutes(45) });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 0 });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 15 });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "confirmed" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "Bench Customer" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "bench@example.com" });
        command.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = Base });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = TokenHash });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = start });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = start.AddMinutes(60) });
        await command.ExecuteNonQueryAsync();
    }

    private async Task SetupAsync()
    {
        await PostgresBenchmarkDatabase.EnsureAsync(Database, "booking", async owner =>
        {
            await PostgresBenchmarkDatabase.ExecAsync(owner, $"""
                SELECT set_config('bookmeatoz.tenant_id', '{TenantId}', false);
                INSERT INTO bookmeatoz.tenants (tenant_id, slug, name, time_zone, currency, min_notice_minutes, max_advance_days, cancellation_notice_minutes)
                VALUES ('{TenantId}', 'bench', 'Bench', 'UTC', 'AUD', 0, 3650, 0);
                INSERT INTO bookmeatoz.staff (tenant_id, staff_id, name, time_zone, active)
                SELECT '{TenantId}', id, 'Staff', 'UTC', true FROM unnest(@staff) AS id;
                INSERT INTO bookmeatoz.services (tenant_id, service_id, name, duration_minutes, buffer_before_minutes, buffer_after_minutes, price_cents, capacity, active)
                VALUES ('{TenantId}', '{ServiceId}', 'Bench', 45, 0, 15, 0, 1, true);
                CREATE SCHEMA bench;
                CREATE TABLE bench.raw_bookings (
                    tenant_id uuid NOT NULL, booking_id uuid NOT NULL, service_id uuid NOT NULL, staff_id uuid NOT NULL,
                    starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL, buffer_before_minutes integer NOT NULL,
                    buffer_after_minutes integer NOT NULL, status text NOT NULL, customer_name text NOT NULL, customer_email text NOT NULL,
                    customer_phone text, notes text, created_at timestamptz NOT NULL, manage_token_hash bytea NOT NULL,
                    blocked_start timestamptz NOT NULL, blocked_end timestamptz NOT NULL,
                    PRIMARY KEY (tenant_id, booking_id),
                    EXCLUDE USING gist (tenant_id WITH =, staff_id WITH =, tstzrange(blocked_start, blocked_end) WITH &&)
                        WHERE (status <> 'cancelled'));
                """, new NpgsqlParameter<Guid[]>("staff", _staff));
        }, fresh: true);

        _raw = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(PostgresBenchmarkDatabase.Owner(Database)) { MaxPoolSize = 64 }.ConnectionString);
        _sources = PostgresDataSources.Create(PostgresBenchmarkDatabase.App(Database));
        _store = new PostgresBookingStore(_sources, TimeProvider.System);
        _slot = 0;

        // Open the pools' connections before measuring.
        await RunWorkersAsync(RawInsertOneAsync);
        await RunWorkersAsync(StoreCreateOneAsync);
        await RunWorkersAsync(StoreHoldAndBookOneAsync);
        await CompareInterleavedAsync();
    }

    private Task StoreCreateOneAsync(long slot) =>
        _store.CreateBookingAsync(new CreateBookingCommand([Booking(slot)], 1, null), CancellationToken.None);

    /// <summary>
    /// BenchmarkDotNet measures one method after the other, so on a shared machine a change in background load
    /// lands on one side only. This alternates rounds of the two (8 workers × 250 bookings each) and prints the
    /// medians, which is the figure to quote.
    /// </summary>
    private async Task CompareInterleavedAsync()
    {
        var raw = new List<double>();
        var store = new List<double>();
        var holdAndBook = new List<double>();
        for (var round = 0; round < 9; round++)
        {
            raw.Add(await RateAsync(RawInsertOneAsync));
            store.Add(await RateAsync(StoreCreateOneAsync));
            holdAndBook.Add(await RateAsync(StoreHoldAndBookOneAsync));
        }

        raw.Sort();
        store.Sort();
        holdAndBook.Sort();
        Console.WriteLine($"// interleaved, 9 rounds of {Workers} workers × 250: hold + book median {holdAndBook[4]:F0}/s " +
            $"(min {holdAndBook[0]:F0}, max {holdAndBook[^1]:F0}); hold + book/raw {holdAndBook[4] / raw[4]:P0}");
        Console.WriteLine($"// interleaved, 9 rounds of {Workers} workers × 250: raw INSERT median {raw[4]:F0}/s " +
            $"(min {raw[0]:F0}, max {raw[^1]:F0}); store median {store[4]:F0}/s (min {store[0]:F0}, max {store[^1]:F0}); " +
            $"store/raw {store[4] / raw[4]:P0}");
    }

    private async Task<double> RateAsync(Func<long, Task> book)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var workers = new Task[Workers];
        for (var w = 0; w < Workers; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                for (var i = 0; i < 250; i++)
                {
                    await book(Interlocked.Increment(ref _slot));
                }
            });
        }

        await Task.WhenAll(workers);
        return Workers * 250 / System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}

/// <summary>Median, P95 and operations per second next to BenchmarkDotNet's defaults.</summary>
public sealed class PostgresBenchmarkConfig : ManualConfig
{
    public PostgresBenchmarkConfig()
    {
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.OperationsPerSecond);
    }
}
