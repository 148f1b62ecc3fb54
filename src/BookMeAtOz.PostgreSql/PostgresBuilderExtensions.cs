using Microsoft.Extensions.Options;
using Microsoft.Extensions.Configuration;
using BookMeAtOz.Audit;
using BookMeAtOz.Auth;
using BookMeAtOz.Calendars;
using BookMeAtOz.Changes;
using BookMeAtOz.Customers;
using BookMeAtOz.DependencyInjection;
using BookMeAtOz.Notifications;
using BookMeAtOz.Persistence;
using BookMeAtOz.PostgreSql;
using BookMeAtOz.Tenancy;
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
    /// <param name="configure">Settings that override those of the <c>BookMeAtOz:Postgres</c> configuration section.</param>
    public static BookMeAtOzBuilder WithPostgres(this BookMeAtOzBuilder builder, string connectionString, Action<PostgresStoreOptions>? configure)
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
    /// <param name="configure">Settings that override those of the <c>BookMeAtOz:Postgres</c> configuration section, or null.</param>
    public static BookMeAtOzBuilder WithPostgres(this BookMeAtOzBuilder builder, NpgsqlDataSource dataSource, Action<PostgresStoreOptions>? configure)
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
    /// <param name="configure">Settings that override those of the <c>BookMeAtOz:Postgres</c> configuration section, or null.</param>
    public static BookMeAtOzBuilder WithPostgres(
        this BookMeAtOzBuilder builder, Func<IServiceProvider, NpgsqlDataSource> dataSource, Action<PostgresStoreOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        return Register(builder, sp => PostgresDataSources.Wrap(dataSource(sp)), configure);
    }

    /// <summary>Uses the PostgreSQL store over a connection string; see the overload with settings.</summary>
    /// <param name="builder">The BookMeAtOz builder.</param>
    /// <param name="connectionString">The application role's connection string.</param>
    public static BookMeAtOzBuilder WithPostgres(this BookMeAtOzBuilder builder, string connectionString) => WithPostgres(builder, connectionString, null);

    /// <summary>Uses the PostgreSQL store over a data source the application owns; see the overload with settings.</summary>
    /// <param name="builder">The BookMeAtOz builder.</param>
    /// <param name="dataSource">The data source, connecting as the application role.</param>
    public static BookMeAtOzBuilder WithPostgres(this BookMeAtOzBuilder builder, NpgsqlDataSource dataSource) => WithPostgres(builder, dataSource, null);

    /// <summary>Uses the PostgreSQL store over a data source resolved from DI; see the overload with settings.</summary>
    /// <param name="builder">The BookMeAtOz builder.</param>
    /// <param name="dataSource">Resolves the data source, connecting as the application role.</param>
    public static BookMeAtOzBuilder WithPostgres(this BookMeAtOzBuilder builder, Func<IServiceProvider, NpgsqlDataSource> dataSource) =>
        WithPostgres(builder, dataSource, null);

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
        // Bad explicit settings fail here, at registration; configuration is bound (and validated) at start-up.
        var explicitSettings = new PostgresStoreOptions();
        configure?.Invoke(explicitSettings);
        explicitSettings.Validate();

        var services = builder.Services;
        services.AddOptions<PostgresStoreOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(PostgresStoreOptions.SectionName).Bind(o))
            .PostConfigure(o => configure?.Invoke(o))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStoreOptions>, PostgresStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(ServiceDescriptor.Singleton(sources));
        services.Replace(ServiceDescriptor.Singleton<IBookingStore>(sp => new PostgresBookingStore(
            sp.GetRequiredService<PostgresDataSources>(), sp.GetRequiredService<TimeProvider>(), Settings(sp),
            sp.GetService<ILogger<PostgresBookingStore>>())));
        services.Replace(ServiceDescriptor.Singleton<IUserStore>(sp => new PostgresUserStore(
            sp.GetRequiredService<PostgresDataSources>(), Settings(sp), sp.GetService<ILogger<PostgresUserStore>>())));
        services.Replace(ServiceDescriptor.Singleton<IAuditStore>(sp => new PostgresAuditStore(sp.GetRequiredService<PostgresDataSources>(), Settings(sp))));
        services.Replace(ServiceDescriptor.Singleton<IApiKeyStore>(sp => new PostgresApiKeyStore(
            sp.GetRequiredService<PostgresDataSources>(), Settings(sp), sp.GetService<ILogger<PostgresApiKeyStore>>())));
        services.Replace(ServiceDescriptor.Singleton<ICustomerStore>(sp => (PostgresBookingStore)sp.GetRequiredService<IBookingStore>()));
        services.Replace(ServiceDescriptor.Singleton<ITenantLifecycleStore>(sp => (PostgresBookingStore)sp.GetRequiredService<IBookingStore>()));
        services.Replace(ServiceDescriptor.Singleton<ICalendarFeedStore>(sp => new PostgresCalendarFeedStore(sp.GetRequiredService<PostgresDataSources>(), Settings(sp))));
        services.Replace(ServiceDescriptor.Singleton<IBookMeAtOzMigrator>(sp => new PostgresStoreMigrator(
            sp.GetRequiredService<PostgresDataSources>(), Settings(sp), sp.GetService<ILogger<PostgresStoreMigrator>>())));

        // Changes are delivered from the outbox, after commit, by the relay; e-mail is queued in the database.
        services.Replace(ServiceDescriptor.Singleton<INotificationStore>(sp => new PostgresNotificationStore(sp.GetRequiredService<PostgresDataSources>())));
        services.Replace(ServiceDescriptor.Singleton<BookMeAtOz.Webhooks.IWebhookStore>(sp => new PostgresWebhookStore(sp.GetRequiredService<PostgresDataSources>())));
        services.Replace(ServiceDescriptor.Singleton<BookMeAtOz.Waitlist.IWaitlistStore>(sp => new PostgresWaitlistStore(sp.GetRequiredService<PostgresDataSources>())));
        services.TryAddSingleton<OutboxWakeSignal>();
        services.Replace(ServiceDescriptor.Singleton<IChangeSink, OutboxChangeSink>());
        services.Replace(ServiceDescriptor.Singleton<BookMeAtOz.Calendars.ICalendarSyncStore>(sp => new PostgresCalendarSyncStore(sp.GetRequiredService<PostgresDataSources>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgresOutboxRelay>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RowLevelSecurityGuard>());
        return builder;
    }

    private static PostgresStoreOptions Settings(IServiceProvider services) => services.GetRequiredService<IOptions<PostgresStoreOptions>>().Value;
}

/// <summary>One message per bad PostgreSQL setting, naming its environment variable.</summary>
internal sealed class PostgresStoreOptionsValidator : IValidateOptions<PostgresStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStoreOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            var setting = e.ParamName == nameof(PostgresStoreOptions.MaxAttempts) ? nameof(PostgresStoreOptions.MaxAttempts) : nameof(PostgresStoreOptions.ApplicationRole);
            return ValidateOptionsResult.Fail($"BookMeAtOz__Postgres__{setting}: {e.Message}");
        }
    }
}
