using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BookMeAtOz.PostgreSql;

/// <summary>
/// Applies versioned migrations. Every step runs in a transaction that first takes a transaction-scoped
/// advisory lock on a key derived from a fixed name, so instances starting together queue on it and each
/// migration is applied exactly once; the lock goes with the transaction, so it is never leaked, and it works
/// through PgBouncer in transaction mode (a session-level lock would not).
/// </summary>
internal sealed partial class PostgresMigrationRunner(IReadOnlyList<PostgresMigration> migrations, ILogger? logger = null)
{
    /// <summary>The name the advisory lock key is derived from.</summary>
    public const string LockName = "bookmeatoz:schema-migrations";

    /// <summary>The advisory lock key: the first 8 bytes of SHA-256(<see cref="LockName"/>).</summary>
    public static long LockKey { get; } = BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(LockName)));

    private const string Bootstrap = """
        CREATE SCHEMA IF NOT EXISTS bookmeatoz;
        CREATE TABLE bookmeatoz.schema_migrations (
            version    integer     NOT NULL PRIMARY KEY,
            name       text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now())
        """;

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public IReadOnlyList<PostgresMigration> Migrations { get; } = migrations;

    /// <summary>Applies the pending migrations, then (re-)grants the application role; returns the names applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(NpgsqlDataSource dataSource, string? applicationRole, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        if (applicationRole is not null)
        {
            ValidateRoleName(applicationRole);
        }

        var applied = new List<string>();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            while (true)
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, new NpgsqlParameter<long>("key", LockKey))
                        .ConfigureAwait(false);
                    if (!await HistoryExistsAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
                    {
                        await ExecuteAsync(connection, transaction, Bootstrap, cancellationToken).ConfigureAwait(false);
                    }

                    var recorded = await ReadAppliedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                    Verify(recorded);

                    var next = Migrations.FirstOrDefault(m => !recorded.ContainsKey(m.Version));
                    if (next is not null && recorded.Count > 0 && recorded.Keys.Max() is var newest && newest > next.Version)
                    {
                        // Applying it now would run it after newer ones, in an order no other database saw.
                        throw new InvalidOperationException(
                            $"Migration {next.Name} is older than migration {recorded[newest].Name}, which this database has already applied. " +
                            "Migrations apply in version order only: give the new migration a version above every applied one.");
                    }

                    if (next is null)
                    {
                        if (applicationRole is not null)
                        {
                            await ExecuteAsync(connection, transaction, GrantSql(applicationRole), cancellationToken).ConfigureAwait(false);
                        }

                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        return applied;
                    }

                    await ExecuteAsync(connection, transaction, next.Sql, cancellationToken).ConfigureAwait(false);
                    if (applicationRole is not null)
                    {
                        // In the migration's own transaction: the instances still running (the previous release, during
                        // a rolling upgrade) may use a new table through a trigger the moment the migration commits.
                        await ExecuteAsync(connection, transaction, GrantSql(applicationRole), cancellationToken).ConfigureAwait(false);
                    }

                    await ExecuteAsync(connection, transaction,
                        "INSERT INTO bookmeatoz.schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)",
                        cancellationToken,
                        new NpgsqlParameter<int>("version", next.Version), new NpgsqlParameter<string>("name", next.Name),
                        new NpgsqlParameter<string>("checksum", next.Checksum)).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    applied.Add(next.Name);
                    PostgresLog.Applied(_logger, next.Name);
                }
            }
        }
    }

    /// <summary>Whether every migration is recorded with its current checksum.</summary>
    public async Task<bool> IsMigratedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            Dictionary<int, (string Name, string Checksum)> recorded;
            try
            {
                recorded = await ReadAppliedAsync(connection, null, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
            {
                return false;
            }

            return Migrations.All(m => recorded.TryGetValue(m.Version, out var r) && r.Checksum == m.Checksum);
        }
    }

    /// <summary>Throws when a migration that was applied differs from the one this version ships.</summary>
    private void Verify(Dictionary<int, (string Name, string Checksum)> recorded)
    {
        foreach (var migration in Migrations)
        {
            if (recorded.TryGetValue(migration.Version, out var r) && r.Checksum != migration.Checksum)
            {
                throw new InvalidOperationException(
                    $"Migration {migration.Name} was changed after it was applied (as {r.Name}): the database recorded checksum {r.Checksum}, " +
                    $"this version ships {migration.Checksum}. Applied migrations must never be edited; restore the file and add a new migration instead.");
            }
        }
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadAppliedAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version, name, checksum FROM bookmeatoz.schema_migrations", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<int, (string, string)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return result;
    }

    private static async Task<bool> HistoryExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass('bookmeatoz.schema_migrations') IS NOT NULL", connection, transaction);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        // No timeout: a migration may rewrite a large table, and waiting for another instance's migration to
        // finish is the point of the lock.
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the application role needs: DML on the tenant tables (row-level security still applies), read access to the history.</summary>
    internal static string GrantSql(string role)
    {
        var r = QuoteIdentifier(role);
        return $"""
            GRANT USAGE ON SCHEMA bookmeatoz TO {r};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA bookmeatoz TO {r};
            REVOKE INSERT, UPDATE, DELETE ON bookmeatoz.schema_migrations FROM {r};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA bookmeatoz TO {r};
            GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA bookmeatoz TO {r};
            """;
    }

    internal static void ValidateRoleName(string role)
    {
        if (!RoleName().IsMatch(role))
        {
            throw new ArgumentException($"'{role}' is not a plain PostgreSQL role name (letters, digits and underscores, at most 63).", nameof(role));
        }
    }

    private static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleName();
}
