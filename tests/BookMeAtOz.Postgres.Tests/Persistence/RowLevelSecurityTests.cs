using BookMeAtOz.Persistence;
using BookMeAtOz.PostgreSql;
using BookMeAtOz.Tests.Postgres.Support;
using BookMeAtOz.Testing;
using Npgsql;

namespace BookMeAtOz.Tests.Postgres.Persistence;

/// <summary>
/// Tenant isolation enforced by PostgreSQL itself: hand-written SQL on the application role's connection, as a
/// bug or an injection in application code would run it, sees and changes only the tenant it set.
/// </summary>
public sealed class RowLevelSecurityTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly string[] TenantTables =
    [
        "tenants", "staff", "staff_schedules", "time_off", "services", "service_staff", "sessions", "bookings",
        "idempotency_keys", "outbox", "users", "refresh_tokens",
    ];

    private readonly PostgresBookingStore _store = database.CreateStore();
    private Seeded _a = null!;
    private Seeded _b = null!;

    public async Task InitializeAsync()
    {
        _a = await SeedWithEverythingAsync();
        _b = await SeedWithEverythingAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [ServerFact]
    public async Task AppRole_WithoutTenant_SeesNoRowOfAnyTable()
    {
        await using var connection = await database.OpenAppAsync();

        foreach (var table in TenantTables)
        {
            Assert.Equal(0L, await TestDatabase.Scalar<long>(connection, $"SELECT count(*) FROM bookmeatoz.{table}"));
        }
    }

    [ServerFact]
    public async Task AppRole_SetToTenantA_SeesOnlyTenantARows()
    {
        await using var connection = await database.OpenAppAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await SetTenantAsync(connection, _a.Tenant.Id);

        foreach (var table in TenantTables)
        {
            Assert.Equal(0L, await TestDatabase.Scalar<long>(connection, $"SELECT count(*) FROM bookmeatoz.{table} WHERE tenant_id = '{_b.Tenant.Id}'"));
            var visibleTenants = await TestDatabase.Scalar<long>(connection, $"SELECT count(DISTINCT tenant_id) FROM bookmeatoz.{table}");
            Assert.True(visibleTenants == 1, $"{table}: {visibleTenants} tenants visible");
        }
    }

    [ServerFact]
    public async Task AppRole_SetToTenantA_CannotChangeTenantBRows()
    {
        await using var connection = await database.OpenAppAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await SetTenantAsync(connection, _a.Tenant.Id);
        var b = _b.Tenant.Id;

        Assert.Equal(0, await TestDatabase.Exec(connection, $"UPDATE bookmeatoz.bookings SET notes = 'hacked' WHERE tenant_id = '{b}'"));
        Assert.Equal(0, await TestDatabase.Exec(connection, $"UPDATE bookmeatoz.tenants SET name = 'hacked' WHERE tenant_id = '{b}'"));
        Assert.Equal(0, await TestDatabase.Exec(connection, $"DELETE FROM bookmeatoz.staff_schedules WHERE tenant_id = '{b}'"));
        Assert.Equal(0, await TestDatabase.Exec(connection, $"DELETE FROM bookmeatoz.sessions WHERE tenant_id = '{b}'"));
        Assert.Equal(0, await TestDatabase.Exec(connection, "DELETE FROM bookmeatoz.outbox WHERE tenant_id <> bookmeatoz.current_tenant()"));

        // Writing a row into B, or moving one of A's rows to B, is refused outright.
        await AssertRefusedAsync(connection, $"INSERT INTO bookmeatoz.staff (tenant_id, staff_id, name, time_zone, active) VALUES ('{b}', gen_random_uuid(), 'Mallory', 'UTC', true)", inTransaction: true);
        await AssertRefusedAsync(connection, $"UPDATE bookmeatoz.staff SET tenant_id = '{b}' WHERE tenant_id = '{_a.Tenant.Id}'", inTransaction: true);
        await transaction.RollbackAsync();

        // B is untouched.
        await using var owner = await database.OpenOwnerAsync(b);
        Assert.Equal(0L, await TestDatabase.Scalar<long>(owner, "SELECT count(*) FROM bookmeatoz.bookings WHERE notes = 'hacked'"));
        Assert.NotEqual("hacked", (await _store.FindTenantAsync(b, CancellationToken.None))!.Name);
        Assert.NotNull(await _store.GetScheduleAsync(b, _b.Staff[0].Id, CancellationToken.None));
    }

    [ServerFact]
    public async Task AppRole_WithSlugOnly_SeesThatTenantRowAndNothingElse()
    {
        await using var connection = await database.OpenAppAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await TestDatabase.Exec(connection, $"SELECT set_config('bookmeatoz.tenant_slug', '{_a.Tenant.Slug}', true)");

        Assert.Equal(_a.Tenant.Id, await TestDatabase.Scalar<Guid>(connection, "SELECT tenant_id FROM bookmeatoz.tenants"));
        foreach (var table in TenantTables.Where(t => t != "tenants"))
        {
            Assert.Equal(0L, await TestDatabase.Scalar<long>(connection, $"SELECT count(*) FROM bookmeatoz.{table}"));
        }

        Assert.Equal(0, await TestDatabase.Exec(connection, "UPDATE bookmeatoz.tenants SET name = 'hacked'"));
    }

    [ServerFact]
    public async Task AppRole_CannotSwitchRowLevelSecurityOffOrRewriteHistory()
    {
        await using var connection = await database.OpenAppAsync();

        await AssertRefusedAsync(connection, "ALTER TABLE bookmeatoz.bookings NO FORCE ROW LEVEL SECURITY");
        await AssertRefusedAsync(connection, "ALTER TABLE bookmeatoz.bookings DISABLE ROW LEVEL SECURITY");
        await AssertRefusedAsync(connection, "DROP POLICY tenant_isolation ON bookmeatoz.bookings");
        await AssertRefusedAsync(connection, "DELETE FROM bookmeatoz.schema_migrations");
        Assert.True(await TestDatabase.Scalar<long>(connection, "SELECT count(*) FROM bookmeatoz.schema_migrations") > 0);
        Assert.False(await TestDatabase.Scalar<bool>(connection,
            "SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = current_user"));
    }

    [ServerFact]
    public async Task Owner_IsSubjectToRowLevelSecurityToo()
    {
        await using var owner = await database.OpenOwnerAsync();

        Assert.Equal(0L, await TestDatabase.Scalar<long>(owner, "SELECT count(*) FROM bookmeatoz.bookings"));
        Assert.True(await TestDatabase.Scalar<bool>(owner, """
            SELECT bool_and(c.relrowsecurity AND c.relforcerowsecurity)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'bookmeatoz' AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
            """));
    }

    [ServerFact]
    public async Task SetTenant_IsTransactionLocal_SoAPooledConnectionForgetsIt()
    {
        await using var connection = await database.OpenAppAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await SetTenantAsync(connection, _a.Tenant.Id);
            Assert.True(await TestDatabase.Scalar<long>(connection, "SELECT count(*) FROM bookmeatoz.bookings") > 0);
            await transaction.CommitAsync();
        }

        Assert.Equal(0L, await TestDatabase.Scalar<long>(connection, "SELECT count(*) FROM bookmeatoz.bookings"));
    }

    private async Task<Seeded> SeedWithEverythingAsync()
    {
        var seeded = await Seed.TenantAsync(_store, capacity: 2);
        var booking = TestData.Booking(seeded.Tenant, seeded.Service, seeded.Staff[0].Id, TestData.At(10));
        var key = new IdempotencyEntry(seeded.Tenant.Id, "k", "fp", TestData.Now.AddDays(1), _ => "made");
        await _store.CreateBookingAsync(new CreateBookingCommand([booking], 2, key), CancellationToken.None);
        await _store.AddTimeOffAsync(new Scheduling.TimeOff(Guid.NewGuid(), seeded.Tenant.Id, seeded.Staff[0].Id, TestData.At(15), TestData.At(16), null), CancellationToken.None);

        // The sign-in tables have no store methods yet; fill them as the owner.
        await using var owner = await database.OpenOwnerAsync(seeded.Tenant.Id);
        await TestDatabase.Exec(owner, $"""
            INSERT INTO bookmeatoz.users (tenant_id, user_id, email, name, password_hash, role, staff_id)
            VALUES ('{seeded.Tenant.Id}', gen_random_uuid(), 'owner@example.com', 'Owner', 'hash', 'staff', '{seeded.Staff[0].Id}');
            INSERT INTO bookmeatoz.refresh_tokens (tenant_id, token_id, user_id, family_id, token_hash, expires_at)
            SELECT tenant_id, gen_random_uuid(), user_id, gen_random_uuid(), '\x01', now() + interval '1 day' FROM bookmeatoz.users;
            """);
        return seeded;
    }

    private static Task<int> SetTenantAsync(NpgsqlConnection connection, Guid tenantId) =>
        TestDatabase.Exec(connection, $"SELECT set_config('bookmeatoz.tenant_id', '{tenantId}', true)");

    private static async Task AssertRefusedAsync(NpgsqlConnection connection, string sql, bool inTransaction = false)
    {
        if (inTransaction)
        {
            await TestDatabase.Exec(connection, "SAVEPOINT refused");
        }

        var e = await Assert.ThrowsAsync<PostgresException>(() => TestDatabase.Exec(connection, sql));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
        if (inTransaction)
        {
            await TestDatabase.Exec(connection, "ROLLBACK TO SAVEPOINT refused");
        }
    }
}
