using System.Collections.Concurrent;
using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;
using BookMeAtOz.PostgreSql;
using BookMeAtOz.Testing;
using BookMeAtOz.Tests.Postgres.Support;

namespace BookMeAtOz.Tests.Postgres.Persistence;

/// <summary>
/// 200 clients racing holds, bookings, bookings of holds, releases and sweeps on a few slots of a one-to-one staff
/// member and of a group session, over slots that lapsed holds still sit on: the database never oversubscribes, every
/// unexpired hold is honoured (its booking succeeds), and no lapsed hold blocks anyone.
/// </summary>
public sealed class PostgresHoldConcurrencyTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const int Capacity = 4;
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly Customer Guest = new("Jamie Citizen", "jamie@example.com", null);
    private static readonly Customer NoCustomer = new(string.Empty, string.Empty, null);

    [ServerFact]
    public async Task TwoHundredClients_HoldsBookingsAndExpiries_NeverOversubscribe_AndHonourEveryUnexpiredHold()
    {
        var store = database.CreateStore(TimeProvider.System);
        var seeded = await Seed.TenantAsync(store, staff: 2);
        var (solo, group) = (seeded.Staff[0], seeded.Staff[1]);
        var oneToOne = seeded.Service with { Id = Guid.NewGuid(), StaffIds = [solo.Id] };
        var session = seeded.Service with { Id = Guid.NewGuid(), StaffIds = [group.Id], Capacity = Capacity };
        await store.CreateServiceAsync(oneToOne, Ct);
        await store.CreateServiceAsync(session, Ct);
        DateTimeOffset[] soloStarts = [TestData.At(10), TestData.At(10, 30), TestData.At(11)];
        DateTimeOffset[] groupStarts = [TestData.At(10), TestData.At(11)];
        var now = TimeProvider.System.GetUtcNow();

        // Lapsed holds on every slot; the sweepers of the race sweep only what lapsed before them (nothing of these), so
        // these are released by the booking paths that meet them, or block nobody.
        foreach (var start in soloStarts.Take(1).Concat(soloStarts.Skip(2)))
        {
            Assert.NotNull((await store.CreateBookingAsync(new CreateBookingCommand([Hold(oneToOne, solo.Id, start, now.AddSeconds(-10))], 1, null), Ct)).Booking);
        }

        foreach (var start in groupStarts)
        {
            for (var i = 0; i < Capacity; i++)
            {
                Assert.NotNull((await store.CreateBookingAsync(new CreateBookingCommand([Hold(session, group.Id, start, now.AddSeconds(-10))], Capacity, null), Ct)).Booking);
            }
        }

        var unhonoured = new ConcurrentBag<Guid>();
        var outcomes = new ConcurrentDictionary<string, int>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            var random = new Random(i);
            var isGroup = random.Next(2) == 0;
            var (service, staffId, starts) = isGroup ? (session, group.Id, groupStarts) : (oneToOne, solo.Id, soloStarts);
            var start = starts[random.Next(starts.Length)];
            switch (random.Next(4))
            {
                case 0 or 1:
                {
                    // Hold, then book it (or let it go): a hold that was made is always bookable while unexpired.
                    var hold = (await store.CreateBookingAsync(
                        new CreateBookingCommand([Hold(service, staffId, start, TimeProvider.System.GetUtcNow().AddMinutes(30))], service.Capacity, null), Ct)).Booking;
                    if (hold is null)
                    {
                        outcomes.AddOrUpdate("hold refused", 1, (_, n) => n + 1);
                        break;
                    }

                    if (random.Next(3) == 0)
                    {
                        Assert.NotNull(await store.ReleaseHoldAsync(hold.TenantId, hold.Id, Ct));
                        outcomes.AddOrUpdate("hold released", 1, (_, n) => n + 1);
                        break;
                    }

                    var booking = hold with { Status = BookingStatus.Confirmed, Customer = Guest, ManageTokenHash = ManageTokens.Hash("t" + i), ExpiresAt = null };
                    var made = (await store.BookHoldAsync(new BookHoldCommand(booking, null, TimeProvider.System.GetUtcNow()), Ct)).Booking;
                    if (made is null)
                    {
                        unhonoured.Add(hold.Id);
                    }

                    outcomes.AddOrUpdate("hold booked", 1, (_, n) => n + 1);
                    break;
                }

                case 2:
                {
                    var booking = TestData.Booking(seeded.Tenant, service, staffId, start);
                    var made = (await store.CreateBookingAsync(new CreateBookingCommand([booking], service.Capacity, null), Ct)).Booking;
                    outcomes.AddOrUpdate(made is null ? "booking refused" : "booked", 1, (_, n) => n + 1);
                    break;
                }

                default:
                    Assert.DoesNotContain(await store.ExpireLapsedHoldsAsync(now.AddSeconds(-20), now.AddYears(-10), 1000, Ct), b => b.TenantId == seeded.Tenant.Id);
                    outcomes.AddOrUpdate("swept", 1, (_, n) => n + 1);
                    break;
            }
        })).ToArray();
        gate.SetResult();
        await Task.WhenAll(clients);

        Assert.Empty(unhonoured);
        Assert.True(outcomes.GetValueOrDefault("hold booked") + outcomes.GetValueOrDefault("booked") > 0, string.Join(", ", outcomes));
        await AssertNeverOversubscribedAsync(seeded.Tenant.Id);

        // Afterwards nothing lapsed blocks: each slot is either full of unexpired holds and bookings, or books.
        var loaded = await store.LoadAvailabilityAsync(seeded.Tenant.Id, [solo.Id, group.Id], TestData.At(0), TestData.At(23), ReadFrom.Primary, BusyDetail.PerBooking, Ct);
        foreach (var start in groupStarts)
        {
            var taken = loaded.Single(s => s.Staff.Id == group.Id).Busy.Count(b => b.AppointmentStart == start);
            var made = (await store.CreateBookingAsync(new CreateBookingCommand([TestData.Booking(seeded.Tenant, session, group.Id, start)], Capacity, null), Ct)).Booking;
            Assert.Equal(taken < Capacity, made is not null);
        }

        foreach (var start in soloStarts)
        {
            var busy = loaded.Single(s => s.Staff.Id == solo.Id).Busy;
            var free = !busy.Any(b => b.Start < start.AddMinutes(60) && b.End > start);
            var made = (await store.CreateBookingAsync(new CreateBookingCommand([TestData.Booking(seeded.Tenant, oneToOne, solo.Id, start)], 1, null), Ct)).Booking;
            Assert.Equal(free, made is not null);
            if (made is not null)
            {
                loaded = await store.LoadAvailabilityAsync(seeded.Tenant.Id, [solo.Id, group.Id], TestData.At(0), TestData.At(23), ReadFrom.Primary, BusyDetail.PerBooking, Ct);
            }
        }

        await AssertNeverOversubscribedAsync(seeded.Tenant.Id);
    }

    private static Booking Hold(Scheduling.Service service, Guid staffId, DateTimeOffset start, DateTimeOffset expiresAt) =>
        new(Guid.NewGuid(), service.TenantId, service.Id, staffId, start, start.AddMinutes(service.DurationMinutes), service.BufferBeforeMinutes,
            service.BufferAfterMinutes, BookingStatus.Held, NoCustomer, null, TestData.Now, null, null, []) { ExpiresAt = expiresAt };

    /// <summary>No two occupying rows of a staff member overlap outside one session; every session counts its occupying seats truly.</summary>
    private async Task AssertNeverOversubscribedAsync(Guid tenantId)
    {
        await using var connection = await database.OpenOwnerAsync(tenantId);
        var overlaps = await TestDatabase.Scalar<long>(connection, """
            WITH occupying AS (
                SELECT * FROM bookmeatoz.bookings
                WHERE status IN ('pending', 'confirmed') OR (status = 'held' AND expires_at > now()))
            SELECT count(*) FROM occupying a JOIN occupying b
              ON b.tenant_id = a.tenant_id AND b.staff_id = a.staff_id AND b.booking_id > a.booking_id
             AND tstzrange(a.blocked_start, a.blocked_end) && tstzrange(b.blocked_start, b.blocked_end)
            WHERE a.session_id IS DISTINCT FROM b.session_id OR a.session_id IS NULL
            """);
        Assert.True(overlaps == 0, $"{overlaps} pairs of occupying rows overlap outside a group session.");
        var badSessions = await TestDatabase.Scalar<long>(connection, """
            SELECT count(*) FROM bookmeatoz.sessions s
            WHERE s.seats_taken <> (SELECT count(*) FROM bookmeatoz.bookings b
                                    WHERE b.tenant_id = s.tenant_id AND b.session_id = s.session_id AND b.status IN ('held', 'pending', 'confirmed'))
               OR s.seats_taken > s.capacity
            """);
        Assert.True(badSessions == 0, $"{badSessions} sessions disagree with their bookings.");
    }
}
