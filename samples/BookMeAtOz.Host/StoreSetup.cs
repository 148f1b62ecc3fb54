using BookMeAtOz.DependencyInjection;
using BookMeAtOz.Persistence;

namespace BookMeAtOz.Host;

internal static partial class StoreSetup
{
    public const string ConnectionStringName = "BookMeAtOz";

    /// <summary>
    /// PostgreSQL when <c>ConnectionStrings__BookMeAtOz</c> is set (settings of <c>BookMeAtOz:Postgres</c>, such as
    /// <c>MigrationConnectionString</c> and <c>ApplicationRole</c>), else the in-memory store.
    /// </summary>
    public static BookMeAtOzBuilder WithConfiguredStore(this BookMeAtOzBuilder builder, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return builder.WithInMemoryStore();
        }

        try
        {
            return builder.WithPostgres(connectionString); // settings: the BookMeAtOz:Postgres section
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings__{ConnectionStringName} is not a valid PostgreSQL connection string: {exception.Message}", exception);
        }
    }

    /// <summary>Applies pending schema migrations (nothing to do for the in-memory store).</summary>
    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("BookMeAtOz.Host.Migrations");
        var applied = await services.MigrateBookMeAtOzAsync(cancellationToken);
        if (services.GetService<IBookMeAtOzMigrator>() is null)
        {
            LogInMemory(logger);
        }
        else
        {
            LogMigrated(logger, applied.Count, applied);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No ConnectionStrings__BookMeAtOz: using the in-memory store (data is lost on restart)")]
    private static partial void LogInMemory(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL store: {Count} migration(s) applied: {Names}")]
    private static partial void LogMigrated(ILogger logger, int count, IReadOnlyList<string> names);
}
