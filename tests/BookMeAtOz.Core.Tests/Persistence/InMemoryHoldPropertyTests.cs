using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;
using BookMeAtOz.Persistence.InMemory;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using BookMeAtOz.Testing;
using Microsoft.Extensions.Time.Testing;

namespace BookMeAtOz.Tests.Persistence;

/// <summary>
/// Random interleavings of holds, bookings, bookings of holds, releases, sweeps and clock moves on the in-memory store,
/// against a model: every answer is the model's (a candidate is refused exactly when the unexpired holds and bookings
/// leave no room; a hold books exactly while it is held and unexpired), and the store never holds overlapping time for
/// the one-to-one staff member or more than the capacity for the group session.
/// </summary>
public sealed class InMemoryHoldPropertyTests
{
    private const int Capacity = 3;
    private static readonly Customer Guest = new("Jamie Citizen", "jamie@example.com", null);
    private static readonly Customer NoCustomer = new(string.Empty, string.Empty, null);

    private enum State { Held, Booked, Released, Swept }

    private sealed record Entry(Booking Row, bool IsHold)
    {
        public State State { get; set; } = IsHold ? State.Held : State.Booked;

        public bool OccupiesAt(DateTimeOffset now) => State == State.Booked || (State == State.Held && Row.ExpiresAt > now);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RandomInterleavings_MatchTheModel_AndNeverOversubscribe(int seed)
    {
        var random = new Random(seed);
        var clock = new FakeTimeProvider(TestData.Now);
        var store = new InMemoryBookingStore(clock);
        var tenant = TestData.Tenant();
        await store.CreateTenantAsync(tenant, default);
        var solo = TestData.Staff(tenant, "Solo");
        var group = TestData.Staff(tenant, "Group");
        await store.CreateStaffAsync(solo, default);
        await store.CreateStaffAsync(group, default);
        var oneToOne = TestData.Service(tenant, [solo.Id]);
        var session = TestData.Service(tenant, [group.Id], capacity: Capacity);
        await store.CreateServiceAsync(oneToOne, default);
        await store.CreateServiceAsync(session, default);
        DateTimeOffset[] soloStarts = [TestData.At(10), TestData.At(10, 30), TestData.At(11), TestData.At(12)];
        DateTimeOffset[] groupStarts = [TestData.At(10), TestData.At(11)];
        var model = new List<Entry>();

        for (var step = 0; step < 300; step++)
        {
            var now = clock.GetUtcNow();
            var context = $"seed {seed}, step {step}";
            switch (random.Next(7))
            {
                case 0 or 1:
                {
                    // A hold or a booking, of either service.
                    var isHold = random.Next(2) == 0;
                    var isGroup = random.Next(2) == 0;
                    var service = isGroup ? session : oneToOne;
                    var staff = isGroup ? group : solo;
                    var starts = isGroup ? groupStarts : soloStarts;
                    var start = starts[random.Next(starts.Length)];
                    var row = new Booking(Guid.NewGuid(), tenant.Id, service.Id, staff.Id, start, start.AddMinutes(60), 0, 0,
                        isHold ? BookingStatus.Held : BookingStatus.Confirmed, isHold ? NoCustomer : Guest, null, now, null, null,
                        isHold ? [] : ManageTokens.Hash("t"))
                    {
                        ExpiresAt = isHold ? now.AddMinutes(random.Next(1, 8)) : null,
                    };
                    var occupying = model.Where(e => e.OccupiesAt(now) && e.Row.StaffId == staff.Id).ToList();
                    var fits = isGroup
                        ? occupying.Count(e => e.Row.Start == start) < Capacity
                        : !occupying.Any(e => e.Row.Start < row.End && e.Row.End > row.Start);
                    var made = (await store.CreateBookingAsync(new CreateBookingCommand([row], service.Capacity, null), default)).Booking;
                    Assert.True(fits == (made is not null), $"{context}: {(isHold ? "hold" : "booking")} at {start:HH:mm} fits={fits}");
                    if (made is not null)
                    {
                        model.Add(new Entry(row, isHold));
                    }

                    break;
                }

                case 2 when model.Any(e => e.IsHold):
                {
                    var entry = Pick(random, model.Where(e => e.IsHold));
                    var bookable = entry.State == State.Held && entry.Row.ExpiresAt > now;
                    var booking = entry.Row with { Status = BookingStatus.Confirmed, Customer = Guest, ManageTokenHash = ManageTokens.Hash("b"), ExpiresAt = null };
                    var made = (await store.BookHoldAsync(new BookHoldCommand(booking, null, now), default)).Booking;
                    Assert.True(bookable == (made is not null), $"{context}: booking hold in state {entry.State}, bookable={bookable}");
                    if (made is not null)
                    {
                        entry.State = State.Booked;
                    }

                    break;
                }

                case 3 when model.Any(e => e.IsHold):
                {
                    var entry = Pick(random, model.Where(e => e.IsHold));
                    var released = await store.ReleaseHoldAsync(tenant.Id, entry.Row.Id, default);
                    Assert.True((entry.State == State.Held) == (released is not null), $"{context}: release in state {entry.State}");
                    if (released is not null)
                    {
                        entry.State = State.Released;
                    }

                    break;
                }

                case 4:
                {
                    var expired = await store.ExpireLapsedHoldsAsync(now, now.AddDays(-1), 10_000, default);
                    var expected = model.Where(e => e.State == State.Held && e.Row.ExpiresAt <= now).ToList();
                    Assert.Equal(expected.Select(e => e.Row.Id).Order(), expired.Select(b => b.Id).Order());
                    expected.ForEach(e => e.State = State.Swept);
                    break;
                }

                default:
                    clock.Advance(TimeSpan.FromMinutes(random.Next(0, 4)));
                    break;
            }

            await AssertNeverOversubscribedAsync(store, tenant, solo, group, clock.GetUtcNow(), model, context);
        }
    }

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 40; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    private static Entry Pick(Random random, IEnumerable<Entry> entries)
    {
        var list = entries.ToList();
        return list[random.Next(list.Count)];
    }

    private static async Task AssertNeverOversubscribedAsync(
        InMemoryBookingStore store, Tenant tenant, StaffMember solo, StaffMember group, DateTimeOffset now, List<Entry> model, string context)
    {
        var loaded = await store.LoadAvailabilityAsync(tenant.Id, [solo.Id, group.Id], TestData.At(0), TestData.At(23), ReadFrom.Primary, BusyDetail.PerBooking, default);
        var soloBusy = loaded.Single(s => s.Staff.Id == solo.Id).Busy.OrderBy(b => b.Start).ToList();
        for (var i = 1; i < soloBusy.Count; i++)
        {
            Assert.True(soloBusy[i].Start >= soloBusy[i - 1].End, $"{context}: overlapping time for the one-to-one staff member");
        }

        var groupBusy = loaded.Single(s => s.Staff.Id == group.Id).Busy;
        Assert.All(groupBusy.GroupBy(b => b.Start), session => Assert.True(session.Count() <= Capacity, $"{context}: session over capacity"));

        // Exactly what the model says occupies: every unexpired hold is honoured, no lapsed one is.
        var expected = model.Where(e => e.OccupiesAt(now)).Select(e => e.Row.Id).Order();
        Assert.Equal(expected, soloBusy.Concat(groupBusy).Select(b => b.BookingId!.Value).Order());
    }
}
