using System.Security.Cryptography;
using Npgsql;

namespace BookMeAtOz.AspNetCore.Tests.Support;

/// <summary>
/// The reference host on PostgreSQL: a fresh database (on the server scripts/test.sh starts, named by
/// <c>BOOKMEATOZ_TEST_PG</c>) that the host migrates at start-up, dropped afterwards.
/// </summary>
public class PostgresApiFactory : ApiFactory, IAsyncLifetime
{
    private readonly string _database = "bookmeatoz_api_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    private static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("BOOKMEATOZ_TEST_PG") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("BOOKMEATOZ_TEST_PG is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["ConnectionStrings:BookMeAtOz"] = ConnectionString;
            return settings;
        }
    }

    /// <summary>The host's connection string (this factory's database).</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = _database }.ConnectionString;

    /// <summary>Another host instance on the same database (dispose it); the database stays this factory's.</summary>
    public ApiFactory SecondHost() => new SameDatabaseFactory(ConnectionString, new Dictionary<string, string?>());

    /// <inheritdoc />
    public override ApiFactory WithSettings(IDictionary<string, string?> extra) => new SameDatabaseFactory(ConnectionString, extra);

    private sealed class SameDatabaseFactory(string connectionString, IDictionary<string, string?> extra) : ApiFactory
    {
        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = base.Settings;
                settings["ConnectionStrings:BookMeAtOz"] = connectionString;
                foreach (var (key, value) in extra)
                {
                    settings[key] = value;
                }

                return settings;
            }
        }
    }

    private static bool IsConfigured => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("BOOKMEATOZ_TEST_PG"));

    public async Task InitializeAsync()
    {
        if (!IsConfigured)
        {
            return; // the tests that use this fixture are skipped
        }

        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
        await create.ExecuteNonQueryAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (!IsConfigured)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresApiTests : ICollectionFixture<PostgresApiFactory>
{
    public const string Name = "api-postgres";
}
