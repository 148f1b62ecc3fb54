using BookMeAtOz.PostgreSql;
using Npgsql;

namespace BookMeAtOz.Benchmarks;

/// <summary>
/// Databases for the PostgreSQL benchmarks, on the server named by <c>BOOKMEATOZ_BENCH_PG</c> (else
/// <c>BOOKMEATOZ_TEST_PG</c>, as <c>scripts/test.sh</c> exports it with <c>BOOKMEATOZ_KEEP_SERVICES=1</c>): an admin
/// connection string whose role may create databases and roles. Set up like a deployment: the admin role owns the
/// schema, the store connects as an application role subject to row-level security.
/// </summary>
internal static class PostgresBenchmarkDatabase
{
    public const string AppRole = "bookmeatoz_bench_app";
    private const string AppPassword = "bookmeatoz_bench";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("BOOKMEATOZ_BENCH_PG") is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable("BOOKMEATOZ_TEST_PG") is { Length: > 0 } test ? test
        : throw new InvalidOperationException(
            "Set BOOKMEATOZ_BENCH_PG (or BOOKMEATOZ_TEST_PG) to an admin connection string of a PostgreSQL server, e.g. the one " +
            "`BOOKMEATOZ_KEEP_SERVICES=1 scripts/test.sh` leaves running (see docs/persistence.md, Benchmarks).");

    public static string Owner(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    public static string App(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Username = AppRole, Password = AppPassword, MaxPoolSize = 64 }.ConnectionString;

    /// <summary>
    /// Makes sure <paramref name="database"/> exists, migrated, and seeded by <paramref name="seed"/> with the data
    /// <paramref name="marker"/> names; reuses it when it already is (seeding a million rows takes a while).
    /// </summary>
    public static async Task EnsureAsync(string database, string marker, Func<NpgsqlConnection, Task> seed, bool fresh = false)
    {
        var adminBuilder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false };
        await using (var admin = new NpgsqlConnection(adminBuilder.ConnectionString))
        {
            await admin.OpenAsync();
            await ExecAsync(admin, $"""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{AppRole}') THEN
                        CREATE ROLE {AppRole} LOGIN PASSWORD '{AppPassword}';
                    END IF;
                END $$
                """);
            var exists = await ScalarAsync<bool>(admin, $"SELECT EXISTS (SELECT FROM pg_database WHERE datname = '{database}')");
            if (exists && !fresh && await IsSeededAsync(database, marker))
            {
                Console.WriteLine($"// reusing {database} ({marker})");
                return;
            }

            if (exists)
            {
                await ExecAsync(admin, $"DROP DATABASE {database} WITH (FORCE)");
            }

            await ExecAsync(admin, $"CREATE DATABASE {database}");
        }

        await using (var owner = NpgsqlDataSource.Create(Owner(database)))
        {
            await PostgresMigrator.MigrateAsync(owner, AppRole, CancellationToken.None);
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Owner(database)) { CommandTimeout = 0, Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await seed(connection);
            await ExecAsync(connection, $"""
                CREATE SCHEMA IF NOT EXISTS bench;
                CREATE TABLE IF NOT EXISTS bench.marker (marker text NOT NULL);
                INSERT INTO bench.marker VALUES ('{marker}');
                ANALYZE;
                """);
        }

        Console.WriteLine($"// seeded {database} ({marker}) in {started.Elapsed.TotalSeconds:F1} s");
    }

    public static async Task ExecAsync(NpgsqlConnection connection, string sql, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<bool> IsSeededAsync(string database, string marker)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Owner(database)) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return await ScalarAsync<bool>(connection, "SELECT to_regclass('bench.marker') IS NOT NULL")
            && await ScalarAsync<bool>(connection, $"SELECT EXISTS (SELECT FROM bench.marker WHERE marker = '{marker}')");
    }
}
