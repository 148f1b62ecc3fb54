using BookMeAtOz.Persistence;
using BookMeAtOz.PostgreSql;
using BookMeAtOz.Tests.Postgres.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BookMeAtOz.Tests.Postgres.Persistence;

/// <summary>Migrations on fresh databases: serialized, idempotent, ordered, tamper-evident and opt-in.</summary>
public sealed class PostgresMigratorTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>The names of the migrations this version ships, in order (0001_initial first).</summary>
    private static readonly string[] Shipped = [.. PostgresMigration.Embedded.Select(m => m.Name)];

    [ServerFact]
    public async Task MigrateAsync_FourMigratorsAtOnce_ApplyEachMigrationOnce()
    {
        await using var database = await TestDatabase.CreateBlankAsync();
        var runner = new PostgresMigrationRunner([.. PostgresMigration.Embedded, Extra(1000, "1000_test_reminders",
            // Fails unless 0001 ran first.
            "CREATE TABLE bookmeatoz.test_reminders (tenant_id uuid PRIMARY KEY REFERENCES bookmeatoz.tenants (tenant_id))")]);
        var sources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(database.OwnerConnectionString)).ToList();
        try
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var runs = sources.Select(s => Task.Run(async () =>
            {
                await gate.Task;
                return await runner.MigrateAsync(s, database.AppRole, Ct);
            })).ToArray();
            gate.SetResult();
            var applied = (await Task.WhenAll(runs)).SelectMany(a => a).ToList();

            Assert.Equal([.. Shipped, "1000_test_reminders"], applied.Order());
            await using var owner = await database.OpenOwnerAsync();
            Assert.Equal(Shipped.Length + 1L, await TestDatabase.Scalar<long>(owner, "SELECT count(*) FROM bookmeatoz.schema_migrations"));
        }
        finally
        {
            foreach (var s in sources)
            {
                await s.DisposeAsync();
            }
        }
    }

    [ServerFact]
    public async Task MigrateAsync_RunAgain_ChangesNothing()
    {
        await using var database = await TestDatabase.CreateBlankAsync();
        await using var owner = NpgsqlDataSource.Create(database.OwnerConnectionString);

        Assert.False(await PostgresMigrator.IsMigratedAsync(owner, Ct));
        Assert.Equal(Shipped, await PostgresMigrator.MigrateAsync(owner, database.AppRole, Ct));
        var before = await AppliedAtAsync(database);

        Assert.Empty(await PostgresMigrator.MigrateAsync(owner, database.AppRole, Ct));
        Assert.Empty(await PostgresMigrator.MigrateAsync(database.OwnerConnectionString, null, Ct));
        Assert.Equal(before, await AppliedAtAsync(database));
        Assert.True(await PostgresMigrator.IsMigratedAsync(owner, Ct));
    }

    [ServerFact]
    public async Task MigrateAsync_AppliedMigrationChanged_ThrowsNamingIt()
    {
        await using var database = await TestDatabase.CreateBlankAsync();
        await using var owner = NpgsqlDataSource.Create(database.OwnerConnectionString);
        await PostgresMigrator.MigrateAsync(owner, null, Ct);
        var original = PostgresMigration.Embedded[0];
        var edited = new PostgresMigrationRunner([original with { Sql = original.Sql + "\n-- an innocent-looking edit\n" }]);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => edited.MigrateAsync(owner, null, Ct));

        Assert.Contains("0001_initial", e.Message, StringComparison.Ordinal);
        Assert.Contains("changed after it was applied", e.Message, StringComparison.Ordinal);
        Assert.False(await edited.IsMigratedAsync(owner, Ct));
        Assert.True(await PostgresMigrator.IsMigratedAsync(owner, Ct));
    }

    [ServerFact]
    public async Task MigrateAsync_MigrationOlderThanAnApplied_IsRefused()
    {
        await using var database = await TestDatabase.CreateBlankAsync();
        await using var owner = NpgsqlDataSource.Create(database.OwnerConnectionString);
        var initial = PostgresMigration.Embedded[0];
        var later = Extra(90, "0090_later", "CREATE TABLE bookmeatoz.test_later (id int PRIMARY KEY)");
        var older = Extra(80, "0080_older", "CREATE TABLE bookmeatoz.test_older (id int PRIMARY KEY)");
        await new PostgresMigrationRunner([initial, later]).MigrateAsync(owner, null, Ct);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => new PostgresMigrationRunner([initial, older, later]).MigrateAsync(owner, null, Ct));

        Assert.Contains("0080_older", e.Message, StringComparison.Ordinal);
        Assert.Contains("0090_later", e.Message, StringComparison.Ordinal);
        await using var check = await database.OpenOwnerAsync();
        Assert.False(await TestDatabase.Scalar<bool>(check, "SELECT to_regclass('bookmeatoz.test_older') IS NOT NULL"));
    }

    [ServerFact]
    public async Task Checksum_IgnoresLineEndings()
    {
        var migration = PostgresMigration.Embedded[0];
        Assert.Equal(migration.Checksum, (migration with { Sql = migration.Sql.Replace("\n", "\r\n", StringComparison.Ordinal) }).Checksum);
        Assert.Matches("^[0-9a-f]{64}$", migration.Checksum);
        await Task.CompletedTask;
    }

    [ServerFact]
    public async Task UsePostgres_RegistersWithoutMigrating_AndTheHostMigratesInOneCall()
    {
        await using var database = await TestDatabase.CreateBlankAsync();
        var services = new ServiceCollection();
        services.AddBookMeAtOz().WithPostgres(database.AppConnectionString(), o =>
        {
            o.MigrationConnectionString = database.OwnerConnectionString;
            o.ApplicationRole = database.AppRole;
        });
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IBookingStore>();
        var migrator = provider.GetRequiredService<IBookMeAtOzMigrator>();

        Assert.IsType<PostgresBookingStore>(store);
        Assert.False(await migrator.IsMigratedAsync(Ct));
        await using (var owner = await database.OpenOwnerAsync())
        {
            Assert.False(await TestDatabase.Scalar<bool>(owner, "SELECT to_regclass('bookmeatoz.bookings') IS NOT NULL"));
        }

        Assert.Equal(Shipped, await provider.MigrateBookMeAtOzAsync(Ct));
        Assert.True(await migrator.IsMigratedAsync(Ct));
        var seeded = await Seed.TenantAsync(store);
        Assert.NotNull(await store.FindServiceAsync(seeded.Tenant.Id, seeded.Service.Id, Ct));

        // The tables belong to the owner, not to the role the store connects as.
        await using var app = await database.OpenAppAsync();
        Assert.Equal(database.AppRole, await TestDatabase.Scalar<string>(app, "SELECT current_user"));
        Assert.NotEqual(database.AppRole, await TestDatabase.Scalar<string>(app, "SELECT tableowner FROM pg_tables WHERE schemaname = 'bookmeatoz' AND tablename = 'bookings'"));
    }

    [ServerFact]
    public async Task UsePostgres_WithAnApplicationDataSource_UsesIt()
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.AppConnectionString());
        var services = new ServiceCollection();
        services.AddBookMeAtOz().WithPostgres(dataSource);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IBookingStore>();
        var seeded = await Seed.TenantAsync(store);

        Assert.Equal(seeded.Tenant, await store.FindTenantBySlugAsync(seeded.Tenant.Slug, Ct));
        Assert.True(await provider.GetRequiredService<IBookMeAtOzMigrator>().IsMigratedAsync(Ct));
    }

    [ServerFact]
    public void UsePostgres_BadSettings_FailAtRegistration()
    {
        var builder = new ServiceCollection().AddBookMeAtOz();

        Assert.ThrowsAny<ArgumentException>(() => builder.WithPostgres(""));
        Assert.ThrowsAny<ArgumentException>(() => builder.WithPostgres("Host=localhost;NoSuchSetting=1"));
        Assert.ThrowsAny<ArgumentException>(() => builder.WithPostgres("Host=localhost", o => o.ApplicationRole = "app; DROP TABLE x"));
        Assert.ThrowsAny<ArgumentException>(() => builder.WithPostgres("Host=localhost", o => o.MaxAttempts = 0));
    }

    private static PostgresMigration Extra(int version, string name, string sql) => new(version, name, sql);

    private static async Task<DateTime> AppliedAtAsync(TestDatabase database)
    {
        await using var owner = await database.OpenOwnerAsync();
        return await TestDatabase.Scalar<DateTime>(owner, "SELECT max(applied_at) FROM bookmeatoz.schema_migrations");
    }
}
