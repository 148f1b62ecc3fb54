using System.Security.Cryptography;
using BookMeAtOz.Persistence.Postgres;
using Npgsql;

namespace BookMeAtOz.Tests.Postgres.Support;

/// <summary>How the application's connections reach PostgreSQL.</summary>
public enum Route
{
    /// <summary>Straight to the primary.</summary>
    Direct,
    /// <summary>Through PgBouncer in transaction pooling mode.</summary>
    PgBouncer,
    /// <summary>A multi-host connection string naming the primary and the hot standby.</summary>
    PrimaryAndStandby,
}

/// <summary>
/// A fresh database for one test class, set up the way a deployment is: the admin role creates the database
/// and owns the schema (migrations run as it), and the application connects as its own login role that has
/// only DML grants, so row-level security applies to it. Dropped, with the role, when the class is done.
/// </summary>
public class TestDatabase : IAsyncLifetime
{
    private readonly List<PostgresDataSources> _sources = [];
    private readonly Route _route;

    public TestDatabase()
        : this(Route.Direct)
    {
    }

    protected TestDatabase(Route route) => _route = route;

    public string Name { get; } = "bookmeatoz_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public string AppRole => Name + "_app";

    public string AppPassword { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The schema owner's connection string (the admin role), straight to the primary.</summary>
    public string OwnerConnectionString => PostgresEnvironment.Admin(Name);

    /// <summary>The application role's connection string over <paramref name="via"/> (default: this database's route).</summary>
    public string AppConnectionString(Route? via = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresEnvironment.AdminConnectionString)
        {
            Database = Name,
            Username = AppRole,
            Password = AppPassword,
            MaxPoolSize = 120,
        };
        switch (via ?? _route)
        {
            case Route.PgBouncer:
                builder.Port = PostgresEnvironment.PgBouncerPort;
                break;
            case Route.PrimaryAndStandby:
                builder.Host = $"{builder.Host}:{PostgresEnvironment.PrimaryPort},{builder.Host}:{PostgresEnvironment.StandbyPort}";
                break;
        }

        return builder.ConnectionString;
    }

    /// <summary>The data sources of this database's route, as the application role; disposed with the database.</summary>
    internal PostgresDataSources Sources => _sources.Count > 0 ? _sources[0] : CreateSources();

    internal PostgresDataSources CreateSources(Route? via = null)
    {
        var sources = PostgresDataSources.Create(AppConnectionString(via));
        _sources.Add(sources);
        return sources;
    }

    /// <summary>A store over <see cref="Sources"/>.</summary>
    internal PostgresBookingStore CreateStore(TimeProvider? clock = null) => new(Sources, clock ?? TimeProvider.System);

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(PostgresEnvironment.AdminConnectionString))
        {
            await admin.OpenAsync();
            await Exec(admin, $"CREATE DATABASE {Name}");
            await Exec(admin, $"CREATE ROLE {AppRole} LOGIN PASSWORD '{AppPassword}'");
        }

        await using var owner = NpgsqlDataSource.Create(OwnerConnectionString);
        await PostgresMigrator.MigrateAsync(owner, AppRole, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var s in _sources)
        {
            await s.DisposeAsync();
        }

        await using var admin = new NpgsqlConnection(PostgresEnvironment.SuperuserConnectionString ?? PostgresEnvironment.AdminConnectionString);
        await admin.OpenAsync();
        await Exec(admin, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await Exec(admin, $"DROP ROLE IF EXISTS {AppRole}");
    }

    /// <summary>A connection as the schema owner, scoped to <paramref name="tenantId"/> for the whole session (row-level security is forced on the owner too).</summary>
    public async Task<NpgsqlConnection> OpenOwnerAsync(Guid? tenantId = null)
    {
        var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        if (tenantId is { } t)
        {
            await Exec(connection, $"SELECT set_config('bookmeatoz.tenant_id', '{t}', false)");
        }

        return connection;
    }

    /// <summary>A plain connection as the application role, with nothing set.</summary>
    public async Task<NpgsqlConnection> OpenAppAsync(Route? via = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(AppConnectionString(via)) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<int> Exec(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

public sealed class PgBouncerDatabase : TestDatabase
{
    public PgBouncerDatabase()
        : base(Route.PgBouncer)
    {
    }
}

public sealed class ReplicatedDatabase : TestDatabase
{
    public ReplicatedDatabase()
        : base(Route.PrimaryAndStandby)
    {
    }
}
