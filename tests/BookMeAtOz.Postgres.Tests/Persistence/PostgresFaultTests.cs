using System.Collections.Concurrent;
using System.Diagnostics;
using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;
using BookMeAtOz.PostgreSql;
using BookMeAtOz.Tests.Postgres.Support;
using BookMeAtOz.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace BookMeAtOz.Tests.Postgres.Persistence;

/// <summary>Failures: retried conflicts, unavailable databases, and a real PostgreSQL restart under load.</summary>
public sealed class PostgresFaultTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [ServerFact]
    public async Task SerializationFailure_IsRunAgain()
    {
        var store = database.CreateStore();
        var calls = 0;
        store.ConnectionOpened = (_, _, _) => Interlocked.Increment(ref calls) == 1 ? throw Fault(PostgresErrorCodes.SerializationFailure) : Task.CompletedTask;

        var seeded = await Seed.TenantAsync(store);

        Assert.NotNull(await store.FindTenantAsync(seeded.Tenant.Id, Ct));
        Assert.True(calls > 1);
    }

    [ServerFact]
    public async Task Deadlock_EveryAttempt_SurfacesAsUnavailableAfterTheLastAttempt()
    {
        var store = database.CreateStore();
        var seeded = await Seed.TenantAsync(store);
        var calls = 0;
        store.ConnectionOpened = (_, _, _) =>
        {
            Interlocked.Increment(ref calls);
            throw Fault(PostgresErrorCodes.DeadlockDetected);
        };

        var e = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.CreateBookingAsync(
            new CreateBookingCommand([TestData.Booking(seeded.Tenant, seeded.Service, seeded.Staff[0].Id, TestData.At(10))], 1, null), Ct));

        Assert.Equal(4, calls);
        Assert.Equal(ErrorCodes.Unavailable, e.Code);
    }

    [ServerFact]
    public async Task ConnectionLost_OnAWrite_SurfacesAsUnavailableWithoutRetry_AndOnAReadIsRetriedOnce()
    {
        var store = database.CreateStore();
        var seeded = await Seed.TenantAsync(store);
        var calls = 0;
        store.ConnectionOpened = (_, _, _) => Interlocked.Increment(ref calls) == 1 ? throw Fault(PostgresErrorCodes.AdminShutdown) : Task.CompletedTask;

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.CreateBookingAsync(
            new CreateBookingCommand([TestData.Booking(seeded.Tenant, seeded.Service, seeded.Staff[0].Id, TestData.At(10))], 1, null), Ct));
        Assert.Equal(1, calls);
        Assert.Empty(await store.ListBookingsAsync(new BookingQuery(seeded.Tenant.Id, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, null, null, null, 10), Ct));

        calls = 0;
        Assert.NotNull(await store.FindServiceAsync(seeded.Tenant.Id, seeded.Service.Id, Ct));
        Assert.Equal(2, calls);
    }

    [ServerFact]
    public async Task UnreachableServer_SurfacesAsUnavailable()
    {
        // A port nothing listens on.
        var builder = new NpgsqlConnectionStringBuilder(database.AppConnectionString()) { Port = 1, Timeout = 2 };
        var store = new PostgresBookingStore(PostgresDataSources.Create(builder.ConnectionString), TimeProvider.System);

        var e = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.FindTenantAsync(Guid.NewGuid(), Ct));
        Assert.IsAssignableFrom<NpgsqlException>(e.InnerException);
    }

    [ServerFact]
    public async Task RealDeadlock_BetweenTwoReschedules_IsRetriedAndBothSucceed()
    {
        var log = new ListLogger<PostgresBookingStore>();
        var store = new PostgresBookingStore(database.Sources, TimeProvider.System, null, log);
        // Two seats taken in each of two sessions of capacity 3: either move fits on its own.
        var seeded = await Seed.TenantAsync(store, capacity: 3);
        Booking Book(int hour) => TestData.Booking(seeded.Tenant, seeded.Service, seeded.Staff[0].Id, TestData.At(hour));
        var a = Book(10);
        var b = Book(12);
        foreach (var booking in new[] { a, Book(10), b, Book(12) })
        {
            Assert.NotNull((await store.CreateBookingAsync(new CreateBookingCommand([booking], 3, null), Ct)).Booking);
        }

        // A moves 10:00 -> 12:00 and B 12:00 -> 10:00; each first gives back its old seat, then takes the new.
        // With the 12:00 session held elsewhere, B queues for it first; A then takes the 10:00 session and queues
        // behind B. Released, B gets 12:00 and asks for 10:00, which A holds while waiting for 12:00: a deadlock,
        // which PostgreSQL breaks by aborting one of them; the store runs that one again.
        await using var holder = await database.OpenOwnerAsync(seeded.Tenant.Id);
        await using var hold = await holder.BeginTransactionAsync();
        await TestDatabase.Exec(holder, $"SELECT 1 FROM bookmeatoz.sessions WHERE starts_at = '{TestData.At(12):O}' AND seats_taken > 0 FOR UPDATE");
        var moveB = store.RescheduleBookingAsync(new RescheduleCommand(seeded.Tenant.Id, b.Id, [Book(10)], 3), Ct);
        await database.WaitForLockWaitersAsync(1);
        var moveA = store.RescheduleBookingAsync(new RescheduleCommand(seeded.Tenant.Id, a.Id, [Book(12)], 3), Ct);
        await database.WaitForLockWaitersAsync(2);
        await hold.CommitAsync();

        var results = await Task.WhenAll(moveA, moveB);

        Assert.All(results, r => Assert.Equal(RescheduleStatus.Rescheduled, r.Status));
        Assert.Contains(log.Lines, l => l.Contains(PostgresErrorCodes.DeadlockDetected, StringComparison.Ordinal));
        Assert.Equal(TestData.At(12), (await store.FindBookingAsync(seeded.Tenant.Id, a.Id, Ct))!.Start);
        Assert.Equal(TestData.At(10), (await store.FindBookingAsync(seeded.Tenant.Id, b.Id, Ct))!.Start);
        await Invariants.AssertHoldAsync(database, seeded.Tenant.Id);
    }

    [ServerFact]
    public async Task PrimaryRestartUnderLoad_KeepsEveryAcknowledgedBooking_AndTheStoreRecoversByItself()
    {
        var store = database.CreateStore();
        var seeded = await Seed.TenantAsync(store, staff: 3);
        var acknowledged = new ConcurrentBag<Booking>();
        var failures = new ConcurrentBag<Exception>();
        var unavailable = 0;
        var restartDone = 0;
        var successesAfterRestart = 0;
        using var stop = new CancellationTokenSource();

        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                // Random quarter-hour starts over a year for three people: collisions, and room for thousands of bookings.
                var start = TestData.At(9).AddDays(random.Next(365)).AddMinutes(15 * random.Next(29));
                var booking = TestData.Booking(seeded.Tenant, seeded.Service, seeded.Staff[0].Id, start);
                var candidates = seeded.Staff.OrderBy(_ => random.Next()).Select(s => booking with { StaffId = s.Id }).ToList();
                try
                {
                    var result = await store.CreateBookingAsync(new CreateBookingCommand(candidates, 1, null), Ct);
                    if (result.Booking is { } made)
                    {
                        acknowledged.Add(made);
                        if (Volatile.Read(ref restartDone) == 1)
                        {
                            Interlocked.Increment(ref successesAfterRestart);
                        }
                    }
                }
                catch (StoreUnavailableException)
                {
                    Interlocked.Increment(ref unavailable);
                    await Task.Delay(20);
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            }
        })).ToList();

        // Load first: some bookings must be acknowledged before the restart, however slow the machine.
        var warmUp = Stopwatch.StartNew();
        while (acknowledged.Count < 50 && failures.IsEmpty && warmUp.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        var before = acknowledged.Count;
        var restart = Stopwatch.StartNew();
        await RestartPrimaryAsync();
        Volatile.Write(ref restartDone, 1);
        var restartTook = restart.Elapsed;
        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref successesAfterRestart) < 20 && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);

        output.WriteLine($"{acknowledged.Count} bookings acknowledged ({before} before the restart, {successesAfterRestart} after it), " +
            $"{unavailable} requests answered unavailable; pg_ctl restart took {restartTook.TotalMilliseconds:F0} ms, " +
            $"recovery (20 bookings after it) {deadline.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Empty(failures);
        Assert.True(before > 0, "no booking before the restart");
        Assert.True(successesAfterRestart >= 20, $"the store did not recover: {successesAfterRestart} bookings after the restart ({unavailable} unavailable)");
        var stored = await Invariants.BookingIdsAsync(database, seeded.Tenant.Id);
        var lost = acknowledged.Where(b => !stored.Contains(b.Id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged bookings are missing");
        await Invariants.AssertHoldAsync(database, seeded.Tenant.Id);
    }

    private static async Task RestartPrimaryAsync()
    {
        var pgCtl = Path.Combine(PostgresEnvironment.BinDirectory, "pg_ctl");
        var start = new ProcessStartInfo("runuser")
        {
            ArgumentList = { "-u", "postgres", "--", pgCtl, "-D", PostgresEnvironment.PrimaryDataDirectory, "restart", "-m", "fast", "-w", "-t", "60" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (PostgresEnvironment.PrimaryLog is { } log)
        {
            // Without -l the restarted server would keep our redirected stdout open, and reading it to the end would hang.
            start.ArgumentList.Add("-l");
            start.ArgumentList.Add(log);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_ctl restart failed ({process.ExitCode}): {await output} {await error}");
    }

    private static PostgresException Fault(string sqlState) => new("injected", "ERROR", "ERROR", sqlState);
}
