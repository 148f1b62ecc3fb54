using Microsoft.Extensions.Logging;
using Npgsql;

namespace BookMeAtOz.PostgreSql;

/// <summary>
/// How every PostgreSQL store runs one unit of work: on a pooled connection, again after a serialization
/// failure or deadlock (jittered, up to the configured attempts), once more on a fresh connection for a read
/// after a dropped connection, and otherwise as a <see cref="StoreUnavailableException"/>.
/// </summary>
internal sealed class PostgresUnitOfWork(PostgresDataSources sources, int maxAttempts, ILogger logger)
{
    /// <summary>Diagnostics hook for tests: runs on every connection opened, before it is used.</summary>
    public Func<NpgsqlConnection, string, CancellationToken, Task>? ConnectionOpened { get; set; }

    /// <summary>Runs <paramref name="work"/> on a connection of <paramref name="source"/>.</summary>
    /// <param name="source">The data source to open the connection on.</param>
    /// <param name="operation">A name for logs.</param>
    /// <param name="readOnly">Whether the work changes nothing, so it may run again after a dropped connection.</param>
    /// <param name="work">The unit of work; it owns its transaction.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<T> RunAsync<T>(
        NpgsqlDataSource source, string operation, bool readOnly, Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
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
            catch (Exception e) when (PostgresFaults.IsConflict(e) && attempt < maxAttempts && !cancellationToken.IsCancellationRequested)
            {
                PostgresLog.Retrying(logger, operation, ((PostgresException)e).SqlState, attempt);
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
                    sources.Clear();
                    if (readOnly && !reconnected)
                    {
                        // A read changes nothing, so one more try on a fresh connection is safe.
                        reconnected = true;
                        attempt--;
                        continue;
                    }
                }

                PostgresLog.Unavailable(logger, operation, e);
                throw new StoreUnavailableException("The database is unavailable; try again shortly.", e);
            }
        }
    }
}
