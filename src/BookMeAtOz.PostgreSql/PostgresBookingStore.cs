using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BookMeAtOz.PostgreSql;

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
    private readonly PostgresUnitOfWork _unitOfWork;

    public PostgresBookingStore(PostgresDataSources sources, TimeProvider timeProvider, PostgresStoreOptions? options = null, ILogger<PostgresBookingStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new PostgresStoreOptions();
        options.Validate();
        _sources = sources;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _unitOfWork = new PostgresUnitOfWork(sources, options.MaxAttempts, _logger);
    }

    /// <summary>Diagnostics hook for tests: runs on every connection the store opens, before it is used.</summary>
    internal Func<NpgsqlConnection, string, CancellationToken, Task>? ConnectionOpened
    {
        get => _unitOfWork.ConnectionOpened;
        set => _unitOfWork.ConnectionOpened = value;
    }

    /// <summary>A unit of work that writes, on the primary.</summary>
    /// <remarks>Each attempt records its audit entries (written by the bookings trigger) at the store's clock.</remarks>
    private Task<T> WriteAsync<T>(string operation, Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        _unitOfWork.RunAsync(_sources.Primary, operation, readOnly: false, async (connection, ct) =>
        {
            PostgresSql.AuditTime.Value = _timeProvider.GetUtcNow();
            return await work(connection, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>A read-only unit of work; it may run again after a dropped connection.</summary>
    private Task<T> ReadAsync<T>(ReadFrom readFrom, string operation, Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        _unitOfWork.RunAsync(_sources.For(readFrom), operation, readOnly: true, work, cancellationToken);
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
