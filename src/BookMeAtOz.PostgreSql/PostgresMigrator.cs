using Microsoft.Extensions.Logging;
using Npgsql;

namespace BookMeAtOz.PostgreSql;

/// <summary>
/// Applies BookMeAtOz's schema migrations to a PostgreSQL database: versioned SQL embedded in this assembly,
/// checksummed (SHA-256), applied in order, each once, serialized across instances by a named advisory lock.
/// Nothing migrates unless a host calls this (or <see cref="IBookMeAtOzMigrator"/>); run it as the role that
/// should own the schema, never as the application role.
/// </summary>
public static class PostgresMigrator
{
    /// <summary>Applies every pending migration; on an up-to-date database it changes nothing.</summary>
    /// <param name="dataSource">Connections as the schema owner, to the primary.</param>
    /// <param name="applicationRole">When set, the role the application connects as is granted what the store needs.</param>
    /// <param name="cancellationToken">Cancels the run; a migration in progress rolls back.</param>
    /// <returns>The names of the migrations this call applied.</returns>
    /// <exception cref="InvalidOperationException">An applied migration differs from the one this version ships.</exception>
    public static Task<IReadOnlyList<string>> MigrateAsync(NpgsqlDataSource dataSource, string? applicationRole, CancellationToken cancellationToken) =>
        new PostgresMigrationRunner(PostgresMigration.Embedded).MigrateAsync(dataSource, applicationRole, cancellationToken);

    /// <summary>Applies every pending migration over a connection string (the schema owner's, to the primary).</summary>
    /// <inheritdoc cref="MigrateAsync(NpgsqlDataSource, string?, CancellationToken)" />
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, string? applicationRole, CancellationToken cancellationToken)
    {
        var sources = PostgresDataSources.Create(connectionString, PostgresDataSources.MigrationsName);
        await using (sources.ConfigureAwait(false))
        {
            return await MigrateAsync(sources.Primary, applicationRole, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether every migration this version ships is applied, unchanged (false before the first one).</summary>
    public static Task<bool> IsMigratedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        new PostgresMigrationRunner(PostgresMigration.Embedded).IsMigratedAsync(dataSource, cancellationToken);
}

/// <summary>The DI-registered migrator of <c>WithPostgres</c>: the owner's connection when configured, else the store's.</summary>
internal sealed class PostgresStoreMigrator(PostgresDataSources sources, PostgresStoreOptions options, ILogger<PostgresStoreMigrator>? logger = null)
    : IBookMeAtOzMigrator, IAsyncDisposable
{
    private readonly PostgresMigrationRunner _runner = new(PostgresMigration.Embedded, logger);
    private readonly Lazy<PostgresDataSources?> _owner = new(() =>
        options.MigrationConnectionString is { } cs ? PostgresDataSources.Create(cs, PostgresDataSources.MigrationsName) : null);

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _runner.MigrateAsync((_owner.Value ?? sources).Primary, options.ApplicationRole, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresFaults.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new StoreUnavailableException("The database is unavailable; the migrations were not applied.", e);
        }
    }

    public async Task<bool> IsMigratedAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _runner.IsMigratedAsync(sources.Primary, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresFaults.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new StoreUnavailableException("The database is unavailable.", e);
        }
    }

    public ValueTask DisposeAsync() => _owner.IsValueCreated && _owner.Value is { } owner ? owner.DisposeAsync() : ValueTask.CompletedTask;
}
