using System.Collections.Concurrent;
using BookMeAtOz.Persistence;
using BookMeAtOz.PostgreSql;
using BookMeAtOz.Tests.Postgres.Support;
using BookMeAtOz.Testing;
using Npgsql;

namespace BookMeAtOz.Tests.Postgres.Persistence;

/// <summary>
/// With a multi-host connection string naming a real hot standby (streaming replication) and the primary,
/// availability reads run on the standby and the booking path on the primary, whatever the host order.
/// </summary>
public sealed class PostgresReplicaTests(ReplicatedDatabase database) : IClassFixture<ReplicatedDatabase>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [ServerFact]
    public async Task AvailabilityReads_RunOnTheStandby_AndBookingsOnThePrimary()
    {
        var store = database.CreateStore();
        var inRecovery = new ConcurrentDictionary<string, ConcurrentBag<bool>>();
        store.ConnectionOpened = async (connection, operation, ct) =>
        {
            await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
            inRecovery.GetOrAdd(operation, _ => []).Add((bool)(await command.ExecuteScalarAsync(ct))!);
        };

        var seeded = await Seed.TenantAsync(store);
        var booking = TestData.Booking(seeded.Tenant, seeded.Service, seeded.Staff[0].Id, TestData.At(10));
        Assert.NotNull((await store.CreateBookingAsync(new CreateBookingCommand([booking], 1, null), Ct)).Booking);

        // The standby sees the booking a few milliseconds later.
        IReadOnlyList<Scheduling.StaffAvailability> fromStandby = [];
        for (var i = 0; i < 200 && fromStandby is not [{ Busy.Count: 1 }]; i++)
        {
            await Task.Delay(25);
            fromStandby = await store.LoadAvailabilityAsync(seeded.Tenant.Id, [seeded.Staff[0].Id], TestData.At(0), TestData.At(23), ReadFrom.PreferStandby, BusyDetail.PerBooking, Ct);
        }

        Assert.Equal(booking.Id, Assert.Single(Assert.Single(fromStandby).Busy).BookingId);
        Assert.All(inRecovery["load availability"], Assert.True);
        Assert.All(inRecovery["create booking"], Assert.False);
        Assert.All(inRecovery["create tenant"], Assert.False);

        inRecovery.Clear();
        var fromPrimary = await store.LoadAvailabilityAsync(seeded.Tenant.Id, [seeded.Staff[0].Id], TestData.At(0), TestData.At(23), ReadFrom.Primary, BusyDetail.PerBooking, Ct);
        Assert.Single(Assert.Single(fromPrimary).Busy);
        Assert.False(Assert.Single(inRecovery["load availability"]));
    }

    [ServerFact]
    public async Task Standby_RefusesWrites_SoTheBookingPathCannotUseIt()
    {
        var builder = new NpgsqlConnectionStringBuilder(database.AppConnectionString(Route.Direct)) { Port = PostgresEnvironment.StandbyPort, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();

        Assert.True(await TestDatabase.Scalar<bool>(connection, "SELECT pg_is_in_recovery()"));
        var e = await Assert.ThrowsAsync<PostgresException>(() => TestDatabase.Exec(connection,
            "INSERT INTO bookmeatoz.outbox (tenant_id, type, payload) VALUES (gen_random_uuid(), 'x', '{}')"));
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, e.SqlState);
        Assert.True(PostgresFaults.IsUnavailable(e));
    }
}
