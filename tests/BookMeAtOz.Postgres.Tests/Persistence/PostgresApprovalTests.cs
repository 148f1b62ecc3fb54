using System.Text.Json;
using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;
using BookMeAtOz.PostgreSql;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tests.Postgres.Support;
using BookMeAtOz.Testing;
using Npgsql;

namespace BookMeAtOz.Tests.Postgres.Persistence;

/// <summary>
/// Status transitions on real PostgreSQL (product specification §9.2, §9.6): one compare-and-set under the booking's lock,
/// freeing time and seats at once, the event in the same transaction; the expiry sweep's read across tenants.
/// </summary>
public sealed class PostgresApprovalTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private PostgresBookingStore? _store0;

    private PostgresBookingStore Store => _store0 ??= database.CreateStore();

    [ServerFact]
    public async Task ApproveDeclineExpireAndCancel_RacingOnOneBooking_ExactlyOneWins_AndOneEventIsWritten()
    {
        var seeded = await Seed.TenantAsync(Store);
        for (var round = 0; round < 10; round++)
        {
            var booking = await PendingAsync(seeded, TestData.At(9 + (round % 8), day: 2 + (round / 8)));
            var id = booking.Id;
            var tenant = seeded.Tenant.Id;
            var at = TestData.Now;

            // Ten callers of each kind at once, as the routes, the sweep and the customer would race.
            var outcomes = await RaceAsync(40, i => (i % 4) switch
            {
                0 => Outcome(Store.TransitionBookingAsync(new BookingTransition(tenant, id, BookingStatus.Pending, BookingStatus.Confirmed, at), Ct)),
                1 => Outcome(Store.TransitionBookingAsync(new BookingTransition(tenant, id, BookingStatus.Pending, BookingStatus.Declined, at) { Reason = "no" }, Ct)),
                2 => Outcome(Store.TransitionBookingAsync(
                    new BookingTransition(tenant, id, BookingStatus.Pending, BookingStatus.Expired, at) { DueBy = booking.ExpiresAt }, Ct)),
                _ => CancelOutcome(Store.CancelBookingAsync(tenant, id, at, "changed plans", Ct)),
            });

            var final = (await Store.FindBookingAsync(tenant, id, Ct))!;
            var won = outcomes.Where(o => o.Won).Select(o => o.Status).ToList();
            var events = await EventTypesAsync(tenant, id);
            Assert.Equal("booking.created", events[0]);

            // Exactly one caller took the booking out of pending. Only an approval leaves something to do after it: a
            // customer's cancel of the now confirmed booking, which is allowed.
            Assert.True(won.Count <= 1, $"{won.Count} transitions won: {string.Join(", ", won)}");
            if (won is [var status])
            {
                Assert.Equal(BookingTransition.EventType(status), events[1]);
                if (status == BookingStatus.Confirmed && final.Status == BookingStatus.Cancelled)
                {
                    Assert.Equal(["booking.created", "booking.approved", "booking.cancelled"], events);
                }
                else
                {
                    Assert.Equal(status, final.Status);
                    Assert.Equal(2, events.Count);
                }
            }
            else
            {
                Assert.Equal(BookingStatus.Cancelled, final.Status);
                Assert.Equal(["booking.created", "booking.cancelled"], events);
            }
        }

        await Invariants.AssertHoldAsync(database, seeded.Tenant.Id);
    }

    [ServerFact]
    public async Task Decline_FreesTheSlotAtOnce_ForAnotherBooking()
    {
        var seeded = await Seed.TenantAsync(Store);
        var booking = await PendingAsync(seeded, TestData.At(10));
        var rival = TestData.Booking(seeded.Tenant, seeded.Service, seeded.Staff[0].Id, TestData.At(10));
        Assert.Null((await Store.CreateBookingAsync(new CreateBookingCommand([rival], 1, null), Ct)).Booking);

        var declined = await Store.TransitionBookingAsync(
            new BookingTransition(seeded.Tenant.Id, booking.Id, BookingStatus.Pending, BookingStatus.Declined, TestData.Now) { Reason = "Sorry" }, Ct);

        Assert.Equal(TransitionStatus.Transitioned, declined.Status);
        Assert.Equal((BookingStatus.Declined, "Sorry", TestData.Now), (declined.Booking!.Status, declined.Booking.CancelReason, declined.Booking.CancelledAt));
        Assert.NotNull((await Store.CreateBookingAsync(new CreateBookingCommand([rival], 1, null), Ct)).Booking);
        await Invariants.AssertHoldAsync(database, seeded.Tenant.Id);
    }

    [ServerFact]
    public async Task Decline_OfAGroupSeat_GivesTheSeatBack()
    {
        var seeded = await Seed.TenantAsync(Store, capacity: 2);
        var first = await PendingAsync(seeded, TestData.At(11), capacity: 2);
        await PendingAsync(seeded, TestData.At(11), capacity: 2);
        var third = TestData.Booking(seeded.Tenant, seeded.Service, seeded.Staff[0].Id, TestData.At(11));
        Assert.Null((await Store.CreateBookingAsync(new CreateBookingCommand([third], 2, null), Ct)).Booking);

        await Store.TransitionBookingAsync(new BookingTransition(seeded.Tenant.Id, first.Id, BookingStatus.Pending, BookingStatus.Declined, TestData.Now), Ct);

        Assert.NotNull((await Store.CreateBookingAsync(new CreateBookingCommand([third], 2, null), Ct)).Booking);
        await Invariants.AssertHoldAsync(database, seeded.Tenant.Id);
    }

    [ServerFact]
    public async Task BookingEvents_CarryTheAnswersAndTheServiceLocation_AndADeclinesReason()
    {
        var seeded = await Seed.TenantAsync(Store);
        var question = new ServiceQuestion(Guid.NewGuid(), "Medicare number", QuestionType.Text, true, null, 20);
        var service = seeded.Service with
        {
            Id = Guid.NewGuid(),
            Questions = [question],
            Location = new ServiceLocation(LocationKind.InPerson, "12 Example St, Sydney", null, null),
            RequiresApproval = true,
        };
        await Store.CreateServiceAsync(service, Ct);
        var answer = new BookingAnswer(question.Id, question.Label, question.Type, JsonSerializer.SerializeToElement("2123 45670 1"));
        var booking = TestData.Booking(seeded.Tenant, service, seeded.Staff[0].Id, TestData.At(13)) with
        {
            Status = BookingStatus.Pending,
            Answers = [answer],
            ExpiresAt = TestData.Now.AddHours(24),
        };
        Assert.NotNull((await Store.CreateBookingAsync(new CreateBookingCommand([booking], 1, null), Ct)).Booking);
        await Store.TransitionBookingAsync(
            new BookingTransition(seeded.Tenant.Id, booking.Id, BookingStatus.Pending, BookingStatus.Declined, TestData.Now) { Reason = "Fully booked" }, Ct);

        var payloads = await PayloadsAsync(seeded.Tenant.Id, booking.Id);
        Assert.Equal(["booking.created", "booking.declined"], payloads.Select(p => p.Type));
        foreach (var (_, payload) in payloads)
        {
            var kept = Assert.Single(payload.GetProperty("answers").EnumerateArray());
            Assert.Equal(question.Id, kept.GetProperty("questionId").GetGuid());
            Assert.Equal("2123 45670 1", kept.GetProperty("value").GetString());
            Assert.Equal("12 Example St, Sydney", payload.GetProperty("location").GetProperty("address").GetString());
        }

        Assert.Equal("pending", payloads[0].Payload.GetProperty("status").GetString());
        Assert.Equal("declined", payloads[1].Payload.GetProperty("status").GetString());
        Assert.Equal("Fully booked", payloads[1].Payload.GetProperty("reason").GetString());
    }

    [ServerFact]
    public async Task FindLapsedApprovals_SeesEveryTenantsLapsedPendingBookings_AsTheApplicationRole()
    {
        var one = await Seed.TenantAsync(Store);
        var two = await Seed.TenantAsync(Store);
        var lapsedOne = await PendingAsync(one, TestData.At(9), expiresAt: TestData.Now.AddMinutes(-1));
        var lapsedTwo = await PendingAsync(two, TestData.At(9), expiresAt: TestData.Now);
        var notYet = await PendingAsync(one, TestData.At(12), expiresAt: TestData.Now.AddMinutes(1));
        var confirmed = TestData.Booking(one.Tenant, one.Service, one.Staff[0].Id, TestData.At(14)) with { ExpiresAt = TestData.Now.AddDays(-1) };
        await Store.CreateBookingAsync(new CreateBookingCommand([confirmed], 1, null), Ct);

        var found = await Store.FindLapsedApprovalsAsync(TestData.Now, 1000, Ct);

        Assert.Contains(new BookingKey(one.Tenant.Id, lapsedOne.Id), found);
        Assert.Contains(new BookingKey(two.Tenant.Id, lapsedTwo.Id), found);
        Assert.DoesNotContain(found, k => k.BookingId == notYet.Id || k.BookingId == confirmed.Id);
        Assert.Single(await Store.FindLapsedApprovalsAsync(TestData.Now.AddMinutes(-1), 1, Ct));
    }

    private async Task<Booking> PendingAsync(Seeded seeded, DateTimeOffset start, int capacity = 1, DateTimeOffset? expiresAt = null)
    {
        var booking = TestData.Booking(seeded.Tenant, seeded.Service, seeded.Staff[0].Id, start) with
        {
            Status = BookingStatus.Pending,
            ExpiresAt = expiresAt ?? TestData.Now.AddHours(24),
        };
        var made = (await Store.CreateBookingAsync(new CreateBookingCommand([booking], capacity, null), Ct)).Booking;
        Assert.NotNull(made);
        return booking;
    }

    private async Task<List<string>> EventTypesAsync(Guid tenantId, Guid bookingId) =>
        [.. (await PayloadsAsync(tenantId, bookingId)).Select(p => p.Type)];

    private async Task<List<(string Type, JsonElement Payload)>> PayloadsAsync(Guid tenantId, Guid bookingId)
    {
        await using var connection = await database.OpenOwnerAsync(tenantId);
        await using var command = new NpgsqlCommand(
            "SELECT type, payload::text FROM bookmeatoz.outbox WHERE payload ->> 'bookingId' = @id ORDER BY outbox_id", connection);
        command.Parameters.AddWithValue("id", bookingId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<(string, JsonElement)>();
        while (await reader.ReadAsync())
        {
            result.Add((reader.GetString(0), JsonDocument.Parse(reader.GetString(1)).RootElement.Clone()));
        }

        return result;
    }

    private sealed record RaceOutcome(bool Won, BookingStatus Status);

    private static async Task<RaceOutcome> Outcome(Task<TransitionResult> call)
    {
        var result = await call;
        return new RaceOutcome(result.Status == TransitionStatus.Transitioned, result.Booking!.Status);
    }

    private static async Task<RaceOutcome> CancelOutcome(Task<Booking?> call)
    {
        var booking = await call;
        return new RaceOutcome(false, booking!.Status);
    }

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
