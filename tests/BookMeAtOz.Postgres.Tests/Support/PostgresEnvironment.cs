using Npgsql;

namespace BookMeAtOz.Tests.Postgres.Support;

/// <summary>
/// The PostgreSQL servers the test command (scripts/test.sh) starts, from its environment variables. A missing
/// variable fails the test with a message instead of skipping it: these tests are never optional.
/// </summary>
public static class PostgresEnvironment
{
    /// <summary>The admin connection string (a role with CREATEDB and CREATEROLE) to the primary.</summary>
    public static string AdminConnectionString => Require("BOOKMEATOZ_TEST_PG");

    /// <summary>Whether scripts/test.sh's servers are configured; without them, fixtures stay empty and the tests are skipped.</summary>
    public static bool IsConfigured => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("BOOKMEATOZ_TEST_PG"));

    public static int PrimaryPort => int.Parse(Require("BOOKMEATOZ_TEST_PG_PRIMARY_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    public static int StandbyPort => int.Parse(Require("BOOKMEATOZ_TEST_PG_STANDBY_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    public static int PgBouncerPort => int.Parse(Require("BOOKMEATOZ_TEST_PGBOUNCER_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    public static string PrimaryDataDirectory => Require("BOOKMEATOZ_TEST_PG_DATA");

    public static string BinDirectory => Require("BOOKMEATOZ_TEST_PG_BIN");

    /// <summary>The primary's log file, for <c>pg_ctl restart -l</c> (optional).</summary>
    public static string? PrimaryLog => Environment.GetEnvironmentVariable("BOOKMEATOZ_TEST_PG_LOG");

    /// <summary>
    /// A superuser connection over the primary's private unix socket (trust authentication), used only to drop
    /// a test database: PgBouncer's auth_query sessions run as the superuser inside it, and the admin role may
    /// not end those. Null when the socket directory is not exported.
    /// </summary>
    public static string? SuperuserConnectionString =>
        Environment.GetEnvironmentVariable("BOOKMEATOZ_TEST_PG_SOCKET_DIR") is { Length: > 0 } socketDir
            ? new NpgsqlConnectionStringBuilder { Host = socketDir, Port = PrimaryPort, Username = "postgres", Database = "postgres", Pooling = false }.ConnectionString
            : null;

    /// <summary>The database the admin connection string names.</summary>
    public static string AdminDatabase => new NpgsqlConnectionStringBuilder(AdminConnectionString).Database ?? "postgres";

    /// <summary>The admin connection string pointed at a database, unpooled (tests restart the server).</summary>
    public static string Admin(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = false }.ConnectionString;

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"The environment variable {name} is not set. These tests need the PostgreSQL servers that scripts/test.sh starts; " +
                "run them with `scripts/test.sh` (or `BOOKMEATOZ_KEEP_SERVICES=1 scripts/test.sh` once, then source the printed env.sh).");
}
