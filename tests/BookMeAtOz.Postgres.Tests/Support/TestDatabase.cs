using System.Diagnostics;
using System.Security.Cryptography;
using BookMeAtOz.PostgreSql;
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
public class TestDatabase : IAsyncLifetime, IAsyncDisposable
{
    private readonly List<PostgresDataSources> _sources = [];
    private readonly Route _route;
    private readonly bool _migrate;

    public TestDatabase()
        : this(Route.Direct)
    {
    }

    protected TestDatabase(Route route, bool migrate = true)
    {
        _route = route;
        _migrate = migrate;
    }

    /// <summary>A database with the application role but no schema yet; dispose it when done.</summary>
    public static async Task<TestDatabase> CreateBlankAsync()
    {
        var database = new TestDatabase(Route.Direct, migrate: false);
        await database.InitializeAsync();
        return database;
    }

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
                // The standby first: the store must pick the primary for writes by its role, not by position.
                builder.Host = $"{builder.Host}:{PostgresEnvironment.StandbyPort},{builder.Host}:{PostgresEnvironment.PrimaryPort}";
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

    /// <summary>A store over its own data sources of <paramref name="via"/>.</summary>
    internal PostgresBookingStore CreateStore(Route via, TimeProvider? clock = null) => new(CreateSources(via), clock ?? TimeProvider.System);

    public virtual async Task InitializeAsync()
    {
        if (!PostgresEnvironment.IsConfigured)
        {
            return; // the tests that use this fixture are skipped
        }

        await using (var admin = new NpgsqlConnection(PostgresEnvironment.Admin(PostgresEnvironment.AdminDatabase)))
        {
            await admin.OpenAsync();
            await Exec(admin, $"CREATE DATABASE {Name}");
            await Exec(admin, $"CREATE ROLE {AppRole} LOGIN PASSWORD '{AppPassword}'");
        }

        if (_migrate)
        {
            await using var owner = NpgsqlDataSource.Create(OwnerConnectionString);
            await PostgresMigrator.MigrateAsync(owner, AppRole, CancellationToken.None);
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public async Task DisposeAsync()
    {
        if (!PostgresEnvironment.IsConfigured)
        {
            return;
        }

        foreach (var s in _sources)
        {
            await s.DisposeAsync();
        }

        await using var admin = new NpgsqlConnection(PostgresEnvironment.SuperuserConnectionString ?? PostgresEnvironment.Admin(PostgresEnvironment.AdminDatabase));
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

    /// <summary>
    /// Waits until at least <paramref name="count"/> sessions of this database wait for a lock: how a test
    /// sequences concurrent transactions without guessing how long the machine takes to get them there.
    /// </summary>
    public async Task WaitForLockWaitersAsync(int count, TimeSpan? timeout = null)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (true)
        {
            var waiting = await Scalar<long>(connection,
                $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{Name}' AND wait_event_type = 'Lock'");
            if (waiting >= count)
            {
                return;
            }

            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"{waiting} of {count} sessions waited for a lock within {limit.TotalSeconds:F0} s.");
            }

            await Task.Delay(10);
        }
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

    /// <summary>Also waits until the standby has replayed the new role and schema.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (!PostgresEnvironment.IsConfigured)
        {
            return;
        }

        var standby = new NpgsqlConnectionStringBuilder(AppConnectionString(Route.Direct)) { Port = PostgresEnvironment.StandbyPort, Pooling = false };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(standby.ConnectionString);
                await connection.OpenAsync();
                if (await Scalar<bool>(connection, "SELECT to_regclass('bookmeatoz.bookings') IS NOT NULL"))
                {
                    return;
                }
            }
            catch (PostgresException) when (attempt < 200)
            {
                // The role or the database does not exist on the standby yet.
            }

            if (attempt >= 200)
            {
                throw new TimeoutException("The standby did not replay the test database within 10 s.");
            }

            await Task.Delay(50);
        }
    }
}
