using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BookMeAtOz.Persistence.Postgres;

/// <summary>
/// The durable store: raw Npgsql and explicit SQL over the schema in <c>Migrations/</c>. The invariants live in
/// the database: an exclusion constraint keeps a staff member's held ranges apart, seats are taken with a
/// conditional update, and row-level security scopes every transaction to the tenant it names. Each method is
/// one transaction (usually one round trip), retried when PostgreSQL aborts it for a serialization failure or
/// deadlock; an unreachable database surfaces as <see cref="StoreUnavailableException"/>.
/// </summary>
internal sealed partial class PostgresBookingStore : IBookingStore
{
    private readonly PostgresDataSources _sources;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly int _maxAttempts;

    public PostgresBookingStore(PostgresDataSources sources, TimeProvider timeProvider, PostgresStoreOptions? options = null, ILogger<PostgresBookingStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new PostgresStoreOptions();
        options.Validate();
        _sources = sources;
        _timeProvider = timeProvider;
        _maxAttempts = options.MaxAttempts;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Diagnostics hook for tests: runs on every connection the store opens, before it is used.</summary>
    internal Func<NpgsqlConnection, string, CancellationToken, Task>? ConnectionOpened { get; set; }

    /// <summary>A unit of work that writes, on the primary.</summary>
    private Task<T> WriteAsync<T>(string operation, Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(_sources.Primary, operation, work, readOnly: false, cancellationToken);

    /// <summary>A read-only unit of work; it may run again after a dropped connection.</summary>
    private Task<T> ReadAsync<T>(ReadFrom readFrom, string operation, Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(_sources.For(readFrom), operation, work, readOnly: true, cancellationToken);

    private async Task<T> RunAsync<T>(
        NpgsqlDataSource source, string operation, Func<NpgsqlConnection, CancellationToken, Task<T>> work, bool readOnly, CancellationToken cancellationToken)
    {
        var attempt = 0;
        var reconnected = false;
        while (true)
        {
            attempt++;
            try
            {
                var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    if (ConnectionOpened is { } hook)
                    {
                        await hook(connection, operation, cancellationToken).ConfigureAwait(false);
                    }

                    return await work(connection, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (PostgresFaults.IsConflict(e) && attempt < _maxAttempts && !cancellationToken.IsCancellationRequested)
            {
                PostgresLog.Retrying(_logger, operation, ((PostgresException)e).SqlState, attempt);
                // Jittered back-off so that the transactions that collided don't collide again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2, 10) * attempt), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (PostgresFaults.IsUnavailable(e) || PostgresFaults.IsConflict(e))
            {
                cancellationToken.ThrowIfCancellationRequested();

                if (PostgresFaults.BreaksConnections(e))
                {
                    // After a restart every idle pooled connection is dead; drop them all at once rather than
                    // failing one request per stale connection.
                    _sources.Clear();
                    if (readOnly && !reconnected)
                    {
                        // A read changes nothing, so one more try on a fresh connection is safe.
                        reconnected = true;
                        attempt--;
                        continue;
                    }
                }

                PostgresLog.Unavailable(_logger, operation, e);
                throw new StoreUnavailableException("The database is unavailable; try again shortly.", e);
            }
        }
    }
}

internal static partial class PostgresLog
{
    [LoggerMessage(1, LogLevel.Debug, "PostgreSQL aborted {Operation} with {SqlState}; running it again (attempt {Attempt})")]
    public static partial void Retrying(ILogger logger, string operation, string sqlState, int attempt);

    [LoggerMessage(2, LogLevel.Warning, "The database is unavailable for {Operation}")]
    public static partial void Unavailable(ILogger logger, string operation, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Applied migration {Migration}")]
    public static partial void Applied(ILogger logger, string migration);
}
