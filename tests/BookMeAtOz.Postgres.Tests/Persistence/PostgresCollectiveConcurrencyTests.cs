using System.Collections.Concurrent;
using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;
using BookMeAtOz.Testing;
using BookMeAtOz.Tests.Postgres.Support;

namespace BookMeAtOz.Tests.Postgres.Persistence;

/// <summary>
/// 200 clients racing bookings of a collective service (two of six staff together, teams tried in turn as the booking
/// service offers them), single bookings of the same staff, a collective hold and its booking, cancels and reschedules
/// (collective bookings to new teams), over a few overlapping times: no staff member ever serves two overlapping
/// occupying bookings, whether as a booking's staff member or as one of its additional staff, and the additional-staff
/// rows agree with the bookings.
/// </summary>
public abstract class CollectiveConcurrencyTests(TestDatabase database)
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly Customer NoCustomer = new(string.Empty, string.Empty, null);

    [ServerFact]
    public async Task TwoHundredClients_MixedRequests_NeverDoubleBookAStaffMember()
    {
        var store = database.CreateStore(TimeProvider.System);
        var seeded = await Seed.TenantAsync(store, staff: 6);
        var tenant = seeded.Tenant;
        var staffIds = seeded.Staff.Select(s => s.Id).ToArray();
        var couples = seeded.Service with { Id = Guid.NewGuid(), Name = "Couples massage", StaffIds = staffIds, StaffRequired = 2, BufferAfterMinutes = 15 };
        var single = seeded.Service with { Id = Guid.NewGuid(), Name = "Massage", StaffIds = staffIds };
        await store.CreateServiceAsync(couples, Ct);
        await store.CreateServiceAsync(single, Ct);
        DateTimeOffset[] starts = [TestData.At(10), TestData.At(10, 30), TestData.At(11), TestData.At(11, 30)];

        // Single bookings race teams for four of the six; the last two only teams take, so that singles (one round trip,
        // never waiting for a team) cannot fill every staff member before any team is tried and leave the race vacuous.
        var singleStaffIds = staffIds[..4];

        // As the booking service offers them: a lead, then teams sliding down the rest.
        List<Booking> Teams(Booking template, Random random)
        {
            var order = staffIds.OrderBy(_ => random.Next()).ToArray();
            return [.. Enumerable.Range(0, order.Length - 1).Select(i => template with { StaffId = order[0], AdditionalStaffIds = [order[i + 1]] })];
        }

        var made = new ConcurrentBag<Booking>();
        var outcomes = new ConcurrentDictionary<string, int>();
        void Count(string outcome) => outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            var random = new Random(i);
            var start = starts[random.Next(starts.Length)];
            switch (random.Next(10))
            {
                case 0 or 1 or 2:
                {
                    var template = TestData.Booking(tenant, couples, staffIds[0], start) with { Id = Guid.NewGuid() };
                    var booking = (await store.CreateBookingAsync(new CreateBookingCommand(Teams(template, random), 1, null), Ct)).Booking;
                    Count(booking is null ? "team refused" : "team booked");
                    if (booking is not null)
                    {
                        made.Add(booking);
                    }

                    break;
                }

                case 3 or 4:
                {
                    // One staff member named, or any of them.
                    var candidates = singleStaffIds.OrderBy(_ => random.Next())
                        .Select(id => TestData.Booking(tenant, single, id, start) with { Id = Guid.NewGuid() }).ToList();
                    IReadOnlyList<Booking> tried = random.Next(2) == 0 ? candidates : [candidates[0]];
                    var booking = (await store.CreateBookingAsync(new CreateBookingCommand(tried, 1, null), Ct)).Booking;
                    Count(booking is null ? "single refused" : "single booked");
                    if (booking is not null)
                    {
                        made.Add(booking);
                    }

                    break;
                }

                case 5:
                {
                    var template = TestData.Booking(tenant, couples, staffIds[0], start) with
                    {
                        Id = Guid.NewGuid(), Status = BookingStatus.Held, Customer = NoCustomer, ManageTokenHash = [],
                        ExpiresAt = TimeProvider.System.GetUtcNow().AddMinutes(30),
                    };
                    var held = (await store.CreateBookingAsync(new CreateBookingCommand(Teams(template, random), 1, null), Ct)).Booking;
                    if (held is null)
                    {
                        Count("hold refused");
                        break;
                    }

                    var booking = TestData.Booking(tenant, couples, held.StaffId, held.Start) with { Id = held.Id, AdditionalStaffIds = held.AdditionalStaffIds };
                    var booked = (await store.BookHoldAsync(new BookHoldCommand(booking, null, TimeProvider.System.GetUtcNow()), Ct)).Booking;
                    Assert.NotNull(booked);
                    made.Add(booked);
                    Count("hold booked");
                    break;
                }

                case 6:
                    if (made.ToArray() is [_, ..] cancellable)
                    {
                        var victim = cancellable[random.Next(cancellable.Length)];
                        await store.CancelBookingAsync(tenant.Id, victim.Id, TimeProvider.System.GetUtcNow(), null, Ct);
                        Count("cancelled");
                    }

                    break;

                default:
                    if (made.ToArray() is [_, ..] movable)
                    {
                        var moving = movable[random.Next(movable.Length)];
                        var of = moving.ServiceId == couples.Id ? couples : single;
                        var to = starts[random.Next(starts.Length)];
                        var target = moving with { Start = to, End = to.AddMinutes(of.DurationMinutes), BufferAfterMinutes = of.BufferAfterMinutes };
                        List<Booking> moves = of.IsCollective
                            ? Teams(target, random)
                            : [.. singleStaffIds.OrderBy(_ => random.Next()).Select(id => target with { StaffId = id })];
                        var result = await store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, moving.Id, moves, 1), Ct);
                        Count((of.IsCollective ? "team reschedule " : "single reschedule ") + result.Status);
                    }

                    break;
            }
        })).ToArray();
        gate.SetResult();
        await Task.WhenAll(clients);

        var summary = string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value}"));
        Assert.True(outcomes.GetValueOrDefault("team booked") > 0 && outcomes.GetValueOrDefault("team refused") > 0, summary);
        Assert.True(outcomes.GetValueOrDefault("single booked") > 0 && outcomes.GetValueOrDefault("single refused") > 0, summary);
        await AssertNoStaffMemberDoubleBookedAsync(tenant.Id, summary);
        await Invariants.AssertHoldAsync(database, tenant.Id);
    }

    /// <summary>
    /// From the bookings alone (their staff member and additional staff, not the additional-staff rows): no two occupying
    /// bookings that share a staff member overlap. Then the rows: exactly the additional staff of each occupying booking,
    /// for its blocked range, and none of any other booking.
    /// </summary>
    private async Task AssertNoStaffMemberDoubleBookedAsync(Guid tenantId, string summary)
    {
        await using var connection = await database.OpenOwnerAsync(tenantId);
        const string Occupying = """
            WITH occ AS (
                SELECT b.booking_id, x.staff_id, b.blocked_start, b.blocked_end, cardinality(b.additional_staff_ids) AS extra
                FROM bookmeatoz.bookings b
                CROSS JOIN LATERAL unnest(array_prepend(b.staff_id, b.additional_staff_ids)) AS x(staff_id)
                WHERE b.status IN ('pending', 'confirmed') OR (b.status = 'held' AND b.expires_at > now()))
            """;
        var doubled = await TestDatabase.Scalar<long>(connection, Occupying + """
            SELECT count(*) FROM occ a JOIN occ o ON o.staff_id = a.staff_id AND o.booking_id > a.booking_id
            WHERE tstzrange(a.blocked_start, a.blocked_end) && tstzrange(o.blocked_start, o.blocked_end)
            """);
        Assert.True(doubled == 0, $"{doubled} pairs of bookings share a staff member at once ({summary}).");

        var teams = await TestDatabase.Scalar<long>(connection, Occupying + "SELECT count(DISTINCT booking_id) FROM occ WHERE extra > 0");
        Assert.True(teams > 0, $"No collective booking was left standing ({summary}).");

        var mismatched = await TestDatabase.Scalar<long>(connection, """
            SELECT (SELECT count(*) FROM bookmeatoz.bookings b
                    CROSS JOIN LATERAL unnest(b.additional_staff_ids) AS x(staff_id)
                    WHERE b.status IN ('held', 'pending', 'confirmed')
                      AND NOT EXISTS (SELECT 1 FROM bookmeatoz.booking_staff s
                                      WHERE s.booking_id = b.booking_id AND s.staff_id = x.staff_id
                                        AND s.blocked_start = b.blocked_start AND s.blocked_end = b.blocked_end))
                 + (SELECT count(*) FROM bookmeatoz.booking_staff s
                    WHERE NOT EXISTS (SELECT 1 FROM bookmeatoz.bookings b
                                      WHERE b.booking_id = s.booking_id AND b.status IN ('held', 'pending', 'confirmed')
                                        AND s.staff_id = ANY (b.additional_staff_ids)))
            """);
        Assert.True(mismatched == 0, $"{mismatched} additional-staff rows disagree with the bookings ({summary}).");
    }
}

public sealed class PostgresCollectiveConcurrencyTests(TestDatabase database) : CollectiveConcurrencyTests(database), IClassFixture<TestDatabase>;

public sealed class PgBouncerCollectiveConcurrencyTests(PgBouncerDatabase database) : CollectiveConcurrencyTests(database), IClassFixture<PgBouncerDatabase>;
