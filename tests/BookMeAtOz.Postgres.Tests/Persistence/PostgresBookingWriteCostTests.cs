using BookMeAtOz.Scheduling;
using BookMeAtOz.Testing;
using BookMeAtOz.Tests.Postgres.Support;
using Npgsql;

namespace BookMeAtOz.Tests.Postgres.Persistence;

/// <summary>
/// What the booking write costs (migration 0023, docs/performance.md): the deferred resources trigger runs only for a booking
/// whose service uses resources. Counted with PostgreSQL's per-transaction function statistics, in one transaction: the
/// deferred triggers are fired at <c>SET CONSTRAINTS ALL IMMEDIATE</c>, before the counts are read.
/// </summary>
public sealed class PostgresBookingWriteCostTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [ServerFact]
    public async Task TheResourceSync_RunsForABookingOfAServiceWithResources_AndNotForOneWithout()
    {
        var store = database.CreateStore();
        var seeded = await Seed.TenantAsync(store, staff: 2);
        var room = new Resource(Guid.NewGuid(), seeded.Tenant.Id, "Room", "room", 1, Active: true);
        Assert.True(await store.TryCreateResourceAsync(room, Resource.MaxPerTenant, Ct));
        var withRoom = seeded.Service with { Id = Guid.NewGuid(), Resources = [new ResourceRequirement(room.Id, 1)] };
        await store.CreateServiceAsync(withRoom, Ct);

        // track_functions may only be set by a superuser (who also bypasses row-level security; the trigger's WHEN does not
        // depend on it: the booking's own tenant is the one its insert is checked against).
        var superuser = PostgresEnvironment.SuperuserConnectionString
            ?? throw new InvalidOperationException("BOOKMEATOZ_TEST_PG_SOCKET_DIR is not set: scripts/test.sh sets it.");
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuser) { Database = database.Name }.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Exec(connection, "SET LOCAL track_functions = 'pl'");
        await Exec(connection, $"SELECT set_config('bookmeatoz.tenant_id', '{seeded.Tenant.Id}', true)");

        Assert.True(await BookAsync(connection, seeded, seeded.Service.Id, seeded.Staff[0].Id));
        Assert.Equal(0, await SyncCallsAsync(connection));

        Assert.True(await BookAsync(connection, seeded, withRoom.Id, seeded.Staff[1].Id));
        Assert.Equal(1, await SyncCallsAsync(connection));
        Assert.Equal(1L, await Scalar<long>(connection, "SELECT count(*) FROM bookmeatoz.resource_units"));
        await transaction.RollbackAsync();
    }

    private static async Task<bool> BookAsync(NpgsqlConnection connection, Seeded seeded, Guid serviceId, Guid staffId)
    {
        var start = TestData.At(10);
        await using var command = new NpgsqlCommand("""
            SELECT bookmeatoz.book_one_to_one(@tenant, @id, @service, @staff, @start, @end, 0, 0, @start, @end, 'confirmed',
                                              'Customer', 'customer@example.com', NULL, NULL, @start, NULL, NULL, '\x01'::bytea, NULL, @start)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", seeded.Tenant.Id));
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", Guid.NewGuid()));
        command.Parameters.Add(new NpgsqlParameter<Guid>("service", serviceId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("staff", staffId));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("start", start.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("end", start.AddHours(1).ToUniversalTime()));
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    // The deferred triggers queued so far run now; then the calls of the sync in this transaction.
    private static async Task<long> SyncCallsAsync(NpgsqlConnection connection)
    {
        await Exec(connection, "SET CONSTRAINTS ALL IMMEDIATE");
        await Exec(connection, "SET CONSTRAINTS ALL DEFERRED");
        return await Scalar<long>(connection, """
            SELECT COALESCE(sum(calls), 0)::bigint FROM pg_stat_xact_user_functions
            WHERE schemaname = 'bookmeatoz' AND funcname = 'sync_resource_units'
            """);
    }

    private static async Task Exec(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
