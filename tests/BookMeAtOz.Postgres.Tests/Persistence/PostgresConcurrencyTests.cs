using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;
using BookMeAtOz.PostgreSql;
using BookMeAtOz.Tests.Postgres.Support;
using BookMeAtOz.Testing;
using Xunit.Abstractions;

namespace BookMeAtOz.Tests.Postgres.Persistence;

/// <summary>
/// Many connections racing for the same time, against real PostgreSQL: the database alone decides, and it
/// never double-books.
/// </summary>
public sealed class PostgresConcurrencyTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly ListLogger<PostgresBookingStore> _log = new();
    private PostgresBookingStore? _store0;

    private PostgresBookingStore _store => _store0 ??= new PostgresBookingStore(database.Sources, TimeProvider.System, null, _log);

    [ServerFact]
    public async Task CreateBooking_OneSlotTwoHundredRequests_BooksOnce()
    {
        var seeded = await Seed.TenantAsync(_store);

        var results = await RaceAsync(200, _ => _store.CreateBookingAsync(
            new CreateBookingCommand([Booking(seeded, 0, TestData.At(10))], 1, null), Ct));

        Assert.Equal(1, results.Count(r => r.Booking is not null));
        Assert.Equal(1, await Invariants.ConfirmedBookingsAsync(database, seeded.Tenant.Id));
        await Invariants.AssertHoldAsync(database, seeded.Tenant.Id);
    }

    [ServerFact]
    public async Task CreateBooking_AnyStaffManyRequests_BooksEachStaffMemberOnce()
    {
        const int staff = 8;
        var seeded = await Seed.TenantAsync(_store, staff);

        // Every request offers every staff member, each starting from another one, as the booking service's
        // load spreading does; 60 requests for 8 people.
        var results = await RaceAsync(60, i =>
        {
            var candidate = Booking(seeded, 0, TestData.At(11));
            var order = Enumerable.Range(0, staff).Select(k => seeded.Staff[(i + k) % staff].Id);
            return _store.CreateBookingAsync(new CreateBookingCommand([.. order.Select(id => candidate with { StaffId = id })], 1, null), Ct);
        });

        var made = results.Where(r => r.Booking is not null).Select(r => r.Booking!).ToList();
        Assert.Equal(staff, made.Count);
        Assert.Equal(staff, made.Select(b => b.StaffId).Distinct().Count());
        Assert.Equal(staff, await Invariants.ConfirmedBookingsAsync(database, seeded.Tenant.Id));
        await Invariants.AssertHoldAsync(database, seeded.Tenant.Id);
    }

    [ServerFact]
    public async Task CreateBooking_GroupSessionManyRequests_FillsExactlyTheCapacity()
    {
        const int capacity = 12;
        var seeded = await Seed.TenantAsync(_store, capacity: capacity, before: 10, after: 5);

        var results = await RaceAsync(150, _ => _store.CreateBookingAsync(
            new CreateBookingCommand([Booking(seeded, 0, TestData.At(14))], capacity, null), Ct));

        Assert.Equal(capacity, results.Count(r => r.Booking is not null));
        Assert.Equal(capacity, await Invariants.ConfirmedBookingsAsync(database, seeded.Tenant.Id));
        await Invariants.AssertHoldAsync(database, seeded.Tenant.Id);
    }

    [ServerFact]
    public async Task CreateBooking_ConcurrentRepeatsOfOneIdempotencyKey_BookOnceAndAllSeeItsOutcome()
    {
        var seeded = await Seed.TenantAsync(_store);
        var key = "race-" + Guid.NewGuid();

        // Each repeat carries a fresh booking id (as separate HTTP requests would); the first to claim the key wins.
        var results = await RaceAsync(50, _ => _store.CreateBookingAsync(new CreateBookingCommand(
            [Booking(seeded, 0, TestData.At(9))], 1,
            new IdempotencyEntry(seeded.Tenant.Id, key, "fp", TestData.Now.AddHours(24), b => b is null ? "refused" : "made:" + b.Id)), Ct));

        var winner = Assert.Single(results, r => r.Booking is not null).Booking!;
        Assert.All(results.Where(r => r.Booking is null), r => Assert.Equal(new IdempotencyRecord("fp", "made:" + winner.Id), r.Existing));
        Assert.Equal(1, await Invariants.ConfirmedBookingsAsync(database, seeded.Tenant.Id));
    }

    [ServerFact]
    public async Task MixedLoad_CreatesCancelsAndReschedulesAtRandom_NeverOverlap()
    {
        var seeded = await Seed.TenantAsync(_store, staff: 3, before: 10, after: 10, duration: 45);
        var group = await Seed.ServiceAsync(_store, seeded, capacity: 3, before: 5, after: 0, duration: 30);
        var made = new System.Collections.Concurrent.ConcurrentBag<Booking>();
        var errors = new System.Collections.Concurrent.ConcurrentBag<Exception>();

        // 16 workers × 60 operations on one day of three people, in 15-minute steps: most requests collide.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (var i = 0; i < 60; i++)
            {
                try
                {
                    var start = TestData.At(9).AddMinutes(15 * random.Next(28));
                    var staffIds = seeded.Staff.Select(s => s.Id).OrderBy(_ => random.Next()).ToList();
                    var groupService = random.Next(3) == 0;
                    var service = groupService ? group : seeded.Service;
                    var booking = TestData.Booking(seeded.Tenant, service, staffIds[0], start);
                    var roll = random.Next(10);
                    if (roll < 6 || made.IsEmpty)
                    {
                        var result = await _store.CreateBookingAsync(
                            new CreateBookingCommand([.. staffIds.Select(id => booking with { StaffId = id })], service.Capacity, null), Ct);
                        if (result.Booking is { } b)
                        {
                            made.Add(b);
                        }
                    }
                    else
                    {
                        var target = made.ElementAt(random.Next(made.Count));
                        if (roll < 8)
                        {
                            await _store.CancelBookingAsync(seeded.Tenant.Id, target.Id, TestData.Now, "load", Ct);
                        }
                        else
                        {
                            var targetService = target.ServiceId == group.Id ? group : seeded.Service;
                            var moved = TestData.Booking(seeded.Tenant, targetService, staffIds[0], start);
                            await _store.RescheduleBookingAsync(new RescheduleCommand(
                                seeded.Tenant.Id, target.Id, [.. staffIds.Select(id => moved with { StaffId = id })], targetService.Capacity), Ct);
                        }
                    }
                }
                catch (Exception e)
                {
                    errors.Add(e);
                }
            }
        })));

        foreach (var line in _log.Lines.GroupBy(l => l).Select(g => $"{g.Count()} × {g.Key}"))
        {
            output.WriteLine(line);
        }

        Assert.Empty(errors);
        Assert.NotEmpty(made);
        await Invariants.AssertHoldAsync(database, seeded.Tenant.Id);
    }

    private static Booking Booking(Seeded seeded, int staffIndex, DateTimeOffset start) =>
        TestData.Booking(seeded.Tenant, seeded.Service, seeded.Staff[staffIndex].Id, start);

    /// <summary>Starts <paramref name="count"/> calls at once (released together by a gate) and waits for all.</summary>
    private static async Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> call)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await call(i);
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }
}
