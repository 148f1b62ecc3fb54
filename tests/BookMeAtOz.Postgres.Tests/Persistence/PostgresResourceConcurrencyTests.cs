using System.Collections.Concurrent;
using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Testing;
using BookMeAtOz.Tests.Postgres.Support;

namespace BookMeAtOz.Tests.Postgres.Persistence;

/// <summary>
/// 200 clients racing bookings (one staff member or any of them), holds and their bookings, cancels, reschedules and
/// attempts to lower a resource's quantity, over a few overlapping times of two services that share a room (one needing one
/// unit of it and a unit of a laser, the other two units of the room, with a buffer): no resource ever has more units in use
/// than exist at any instant, no staff member is double-booked, and the unit rows agree with the bookings.
/// </summary>
public abstract class ResourceConcurrencyTests(TestDatabase database)
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly Customer NoCustomer = new(string.Empty, string.Empty, null);

    [ServerFact]
    public async Task TwoHundredClients_MixedRequests_NeverOversubscribeAResourceOrAStaffMember()
    {
        var store = database.CreateStore(TimeProvider.System);
        var seeded = await Seed.TenantAsync(store, staff: 10);
        var tenant = seeded.Tenant;
        var room = new Resource(Guid.NewGuid(), tenant.Id, "Room", "room", 4, Active: true);
        var laser = new Resource(Guid.NewGuid(), tenant.Id, "Laser", "equipment", 2, Active: true);
        Assert.True(await store.TryCreateResourceAsync(room, Resource.MaxPerTenant, Ct));
        Assert.True(await store.TryCreateResourceAsync(laser, Resource.MaxPerTenant, Ct));
        var treatment = seeded.Service with
        {
            Id = Guid.NewGuid(), StaffIds = [.. seeded.Staff.Take(6).Select(s => s.Id)],
            Resources = [new ResourceRequirement(room.Id, 1), new ResourceRequirement(laser.Id, 1)],
        };
        var couples = seeded.Service with
        {
            Id = Guid.NewGuid(), StaffIds = [.. seeded.Staff.Skip(6).Select(s => s.Id)], BufferAfterMinutes = 15,
            Resources = [new ResourceRequirement(room.Id, 2)],
        };
        await store.CreateServiceAsync(treatment, Ct);
        await store.CreateServiceAsync(couples, Ct);
        DateTimeOffset[] starts = [TestData.At(10), TestData.At(10, 30), TestData.At(11), TestData.At(11, 30)];

        var made = new ConcurrentBag<Booking>();
        var outcomes = new ConcurrentDictionary<string, int>();
        void Count(string outcome) => outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            var random = new Random(i);
            var service = random.Next(2) == 0 ? treatment : couples;
            var start = starts[random.Next(starts.Length)];
            var candidates = service.StaffIds.OrderBy(_ => random.Next()).Select(id => TestData.Booking(tenant, service, id, start) with { Id = Guid.NewGuid() }).ToList();
            switch (random.Next(8))
            {
                case 0 or 1 or 2:
                {
                    // Any staff member (every candidate tried in one transaction), or a named one.
                    IReadOnlyList<Booking> tried = random.Next(2) == 0 ? candidates : [candidates[0]];
                    var booking = (await store.CreateBookingAsync(new CreateBookingCommand(tried, 1, null), Ct)).Booking;
                    Count(booking is null ? "refused" : "booked");
                    if (booking is not null)
                    {
                        made.Add(booking);
                    }

                    break;
                }

                case 3:
                {
                    var hold = candidates[0] with { Status = BookingStatus.Held, Customer = NoCustomer, ManageTokenHash = [], ExpiresAt = TimeProvider.System.GetUtcNow().AddMinutes(30) };
                    var held = (await store.CreateBookingAsync(new CreateBookingCommand([hold], 1, null), Ct)).Booking;
                    if (held is null)
                    {
                        Count("hold refused");
                        break;
                    }

                    var booking = candidates[0] with { Id = held.Id };
                    var booked = (await store.BookHoldAsync(new BookHoldCommand(booking, null, TimeProvider.System.GetUtcNow()), Ct)).Booking;
                    Assert.NotNull(booked);
                    made.Add(booked);
                    Count("hold booked");
                    break;
                }

                case 4:
                    if (made.ToArray() is [_, ..] cancellable)
                    {
                        var victim = cancellable[random.Next(cancellable.Length)];
                        await store.CancelBookingAsync(tenant.Id, victim.Id, TimeProvider.System.GetUtcNow(), null, Ct);
                        Count("cancelled");
                    }

                    break;

                case 5 or 6:
                    if (made.ToArray() is [_, ..] movable)
                    {
                        var moving = movable[random.Next(movable.Length)];
                        var of = moving.ServiceId == treatment.Id ? treatment : couples;
                        var to = starts[random.Next(starts.Length)];
                        var moves = of.StaffIds.OrderBy(_ => random.Next())
                            .Select(id => moving with { StaffId = id, Start = to, End = to.AddMinutes(of.DurationMinutes) }).ToList();
                        var result = await store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, moving.Id, moves, 1), Ct);
                        Count("reschedule " + result.Status);
                    }

                    break;

                default:
                    Count("shrink " + await store.UpdateResourceAsync(room with { Quantity = 3 }, TimeProvider.System.GetUtcNow(), Ct));
                    break;
            }
        })).ToArray();
        gate.SetResult();
        await Task.WhenAll(clients);

        var summary = string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value}"));
        Assert.True(outcomes.GetValueOrDefault("booked") > 0 && outcomes.GetValueOrDefault("refused") > 0, summary);
        await AssertResourcesNeverOversubscribedAsync(tenant.Id, summary);
        await Invariants.AssertHoldAsync(database, tenant.Id);
    }

    /// <summary>
    /// From the bookings and the services' requirements alone (not the unit rows): at the start of every occupying booking's
    /// blocked range, the units the occupying bookings covering it use stay within each resource's quantity. Then the unit
    /// rows: exactly the required units for each occupying booking's range, none for any other booking.
    /// </summary>
    private async Task AssertResourcesNeverOversubscribedAsync(Guid tenantId, string summary)
    {
        await using var connection = await database.OpenOwnerAsync(tenantId);
        const string Occupying = """
            WITH occ AS (
                SELECT b.booking_id, b.blocked_start, b.blocked_end, (e->>'resourceId')::uuid AS resource_id, (e->>'units')::integer AS units
                FROM bookmeatoz.bookings b
                JOIN bookmeatoz.services s ON s.tenant_id = b.tenant_id AND s.service_id = b.service_id
                CROSS JOIN LATERAL jsonb_array_elements(s.resources) e
                WHERE b.status IN ('pending', 'confirmed') OR (b.status = 'held' AND b.expires_at > now()))
            """;
        var over = await TestDatabase.Scalar<long>(connection, Occupying + """
            SELECT count(*) FROM (
                SELECT p.resource_id, p.booking_id, sum(o.units) AS used
                FROM occ p JOIN occ o ON o.resource_id = p.resource_id AND o.blocked_start <= p.blocked_start AND o.blocked_end > p.blocked_start
                GROUP BY p.resource_id, p.booking_id) x
            JOIN bookmeatoz.resources r ON r.resource_id = x.resource_id
            WHERE x.used > r.quantity
            """);
        Assert.True(over == 0, $"{over} instants have more units in use than exist ({summary}).");

        var peak = await TestDatabase.Scalar<long>(connection, Occupying + """
            SELECT COALESCE(max(used), 0) FROM (
                SELECT sum(o.units) AS used
                FROM occ p JOIN occ o ON o.resource_id = p.resource_id AND o.blocked_start <= p.blocked_start AND o.blocked_end > p.blocked_start
                GROUP BY p.resource_id, p.booking_id) x
            """);
        Assert.True(peak >= 2, $"The race never filled a resource ({summary}).");

        var mismatched = await TestDatabase.Scalar<long>(connection, Occupying + """
            SELECT (SELECT count(*) FROM occ o
                    WHERE o.units <> (SELECT count(*) FROM bookmeatoz.resource_units u
                                      WHERE u.booking_id = o.booking_id AND u.resource_id = o.resource_id
                                        AND u.blocked_start = o.blocked_start AND u.blocked_end = o.blocked_end))
                 + (SELECT count(*) FROM bookmeatoz.resource_units u
                    WHERE NOT EXISTS (SELECT 1 FROM occ o WHERE o.booking_id = u.booking_id AND o.resource_id = u.resource_id))
                 + (SELECT count(*) FROM bookmeatoz.resource_units u
                    JOIN bookmeatoz.resources r ON r.tenant_id = u.tenant_id AND r.resource_id = u.resource_id WHERE u.unit > r.quantity)
            """);
        Assert.True(mismatched == 0, $"{mismatched} unit rows disagree with the bookings ({summary}).");
    }
}

public sealed class PostgresResourceConcurrencyTests(TestDatabase database) : ResourceConcurrencyTests(database), IClassFixture<TestDatabase>;

public sealed class PgBouncerResourceConcurrencyTests(PgBouncerDatabase database) : ResourceConcurrencyTests(database), IClassFixture<PgBouncerDatabase>;
