using System.Data.Common;
using Npgsql;

namespace BookMeAtOz.PostgreSql;

/// <summary>
/// The data sources the store uses: writes and the booking path always go to the primary; availability reads
/// may go to a standby. With one host both are the same pooled data source; with several hosts
/// (<c>Host=primary,standby</c>) they are views of one Npgsql multi-host data source that pick the server by its
/// role (<see cref="TargetSessionAttributes.Primary"/>, <see cref="TargetSessionAttributes.PreferStandby"/>).
/// </summary>
internal sealed class PostgresDataSources : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource? _owned;

    private PostgresDataSources(NpgsqlDataSource root, bool owned)
    {
        Root = root;
        _owned = owned ? root : null;
        if (root is NpgsqlMultiHostDataSource multiHost)
        {
            Primary = multiHost.WithTargetSession(TargetSessionAttributes.Primary);
            Standby = multiHost.WithTargetSession(TargetSessionAttributes.PreferStandby);
        }
        else
        {
            Primary = root;
            Standby = root;
        }
    }

    /// <summary>The name of the store's data source, as its pool is labelled in metrics.</summary>
    public const string StoreName = "bookmeatoz";

    /// <summary>The name of the data source of the schema owner's connection (migrations).</summary>
    public const string MigrationsName = "bookmeatoz-migrations";

    /// <summary>The data source the others are views of.</summary>
    public NpgsqlDataSource Root { get; }

    /// <summary>Connections to the primary: every write, and every read on the booking path.</summary>
    public NpgsqlDataSource Primary { get; }

    /// <summary>Connections to a standby when one is up, else to the primary.</summary>
    public NpgsqlDataSource Standby { get; }

    /// <summary>The data source for a read.</summary>
    public NpgsqlDataSource For(ReadFrom readFrom) => readFrom == ReadFrom.PreferStandby ? Standby : Primary;

    /// <summary>
    /// Builds (and owns) data sources from a connection string. Settings the string leaves out get the store's
    /// defaults: <c>No Reset On Close=true</c> (the store keeps no session state, so there is nothing to reset,
    /// and PgBouncer in transaction mode has nothing to reset either), <c>Host Recheck Seconds=2</c> (after a
    /// primary restart, writes find it again within seconds) and <c>Application Name=BookMeAtOz</c>. Automatic
    /// preparation stays off (Npgsql's default) because PgBouncer 1.18 in transaction mode cannot keep prepared
    /// statements. The data source is named <paramref name="name"/>: Npgsql's metrics label its pool with the name
    /// (<c>db.client.connection.pool.name</c>), which would otherwise be the whole connection string.
    /// </summary>
    public static PostgresDataSources Create(string connectionString, string name = StoreName)
    {
        var builder = new NpgsqlDataSourceBuilder(WithDefaults(connectionString)) { Name = name };
        var root = builder.ConnectionStringBuilder.Host?.Contains(',', StringComparison.Ordinal) == true
            ? builder.BuildMultiHost()
            : builder.Build();
        return new PostgresDataSources(root, owned: true);
    }

    /// <summary>Uses a data source the caller owns (and disposes).</summary>
    public static PostgresDataSources Wrap(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return new PostgresDataSources(dataSource, owned: false);
    }

    /// <summary>The connection string with the store's defaults for every setting it leaves out.</summary>
    internal static string WithDefaults(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = given.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!keys.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }

        if (!keys.Contains("HOSTRECHECKSECONDS"))
        {
            builder.HostRecheckSeconds = 2;
        }

        if (!keys.Contains("APPLICATIONNAME"))
        {
            builder.ApplicationName = "BookMeAtOz";
        }

        return builder.ConnectionString;
    }

    /// <summary>Drops idle pooled connections (they are dead after a server restart); busy ones close when returned.</summary>
    public void Clear() => Root.Clear();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => _owned?.Dispose();
}
