using BookMeAtOz.Auth;
using BookMeAtOz.Changes;
using BookMeAtOz.DependencyInjection;
using BookMeAtOz.Notifications;
using BookMeAtOz.Persistence;
using BookMeAtOz.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Stores BookMeAtOz's data in PostgreSQL.</summary>
public static class PostgresBuilderExtensions
{
    /// <summary>
    /// Uses the PostgreSQL store over a connection string. Several hosts (<c>Host=primary,standby</c>) make a
    /// multi-host data source: writes and bookings go to the primary, availability reads prefer a standby.
    /// Registering the store does not touch the database: apply the migrations with
    /// <see cref="IBookMeAtOzMigrator"/> (for example <c>await services.MigrateBookMeAtOzAsync(ct)</c>) or
    /// <see cref="PostgresMigrator"/>. Settings and roles: docs/persistence.md.
    /// </summary>
    /// <param name="builder">The BookMeAtOz builder.</param>
    /// <param name="connectionString">The application role's connection string.</param>
    /// <param name="configure">Optional further settings.</param>
    public static BookMeAtOzBuilder WithPostgres(this BookMeAtOzBuilder builder, string connectionString, Action<PostgresStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Fail at registration, not at the first request, on a string Npgsql can't parse.
        _ = new NpgsqlConnectionStringBuilder(PostgresDataSources.WithDefaults(connectionString));
        return Register(builder, _ => PostgresDataSources.Create(connectionString), configure);
    }

    /// <summary>
    /// Uses the PostgreSQL store over a data source the application owns (and disposes). An
    /// <see cref="NpgsqlMultiHostDataSource"/> sends availability reads to a standby. Keep automatic preparation
    /// off when connecting through PgBouncer in transaction mode.
    /// </summary>
    /// <param name="builder">The BookMeAtOz builder.</param>
    /// <param name="dataSource">The data source, connecting as the application role.</param>
    /// <param name="configure">Optional further settings.</param>
    public static BookMeAtOzBuilder WithPostgres(this BookMeAtOzBuilder builder, NpgsqlDataSource dataSource, Action<PostgresStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        return Register(builder, _ => PostgresDataSources.Wrap(dataSource), configure);
    }

    /// <summary>
    /// Uses the PostgreSQL store over a data source resolved from DI (for example one registered with Npgsql's
    /// <c>AddNpgsqlDataSource</c>: <c>WithPostgres(sp =&gt; sp.GetRequiredService&lt;NpgsqlDataSource&gt;())</c>);
    /// the container owns it.
    /// </summary>
    /// <param name="builder">The BookMeAtOz builder.</param>
    /// <param name="dataSource">Resolves the data source, connecting as the application role.</param>
    /// <param name="configure">Optional further settings.</param>
    public static BookMeAtOzBuilder WithPostgres(
        this BookMeAtOzBuilder builder, Func<IServiceProvider, NpgsqlDataSource> dataSource, Action<PostgresStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        return Register(builder, sp => PostgresDataSources.Wrap(dataSource(sp)), configure);
    }

    /// <summary>Applies the pending schema migrations of the configured store (a no-op for the in-memory store).</summary>
    /// <returns>The names of the migrations applied.</returns>
    public static async Task<IReadOnlyList<string>> MigrateBookMeAtOzAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService<IBookMeAtOzMigrator>() is { } migrator
            ? await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false)
            : [];
    }

    private static BookMeAtOzBuilder Register(BookMeAtOzBuilder builder, Func<IServiceProvider, PostgresDataSources> sources, Action<PostgresStoreOptions>? configure)
    {
        var options = new PostgresStoreOptions();
        configure?.Invoke(options);
        options.Validate();

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(ServiceDescriptor.Singleton(sources));
        services.Replace(ServiceDescriptor.Singleton<IBookingStore>(sp => new PostgresBookingStore(
            sp.GetRequiredService<PostgresDataSources>(), sp.GetRequiredService<TimeProvider>(), options,
            sp.GetService<ILogger<PostgresBookingStore>>())));
        services.Replace(ServiceDescriptor.Singleton<IUserStore>(sp => new PostgresUserStore(
            sp.GetRequiredService<PostgresDataSources>(), options, sp.GetService<ILogger<PostgresUserStore>>())));
        services.Replace(ServiceDescriptor.Singleton<IBookMeAtOzMigrator>(sp => new PostgresStoreMigrator(
            sp.GetRequiredService<PostgresDataSources>(), options, sp.GetService<ILogger<PostgresStoreMigrator>>())));

        // Changes are delivered from the outbox, after commit, by the relay; e-mail is queued in the database.
        services.Replace(ServiceDescriptor.Singleton<INotificationStore>(sp => new PostgresNotificationStore(sp.GetRequiredService<PostgresDataSources>())));
        services.TryAddSingleton<OutboxWakeSignal>();
        services.Replace(ServiceDescriptor.Singleton<IChangeSink, OutboxChangeSink>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgresOutboxRelay>());
        return builder;
    }
}
