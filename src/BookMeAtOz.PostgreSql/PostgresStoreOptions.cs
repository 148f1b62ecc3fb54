namespace BookMeAtOz.PostgreSql;

/// <summary>Settings of the PostgreSQL store (<c>WithPostgres</c>).</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>The configuration section these settings are bound from: <c>BookMeAtOz:Postgres</c>.</summary>
    public const string SectionName = "BookMeAtOz:Postgres";

    /// <summary>
    /// The connection string the migrations run with, as the role that owns the schema. Default: null, meaning
    /// the store's own connection (then the application role owns the tables; see docs/persistence.md for why a
    /// separate owner is better). Only <see cref="IBookMeAtOzMigrator"/> uses it; nothing migrates on its own.
    /// </summary>
    public string? MigrationConnectionString { get; set; }

    /// <summary>
    /// The role the application connects as. When set, every migration run grants it what the store needs
    /// (schema usage, DML on the tables, read access to the migration history) and nothing more. The role must
    /// exist. Default: null (no grants).
    /// </summary>
    public string? ApplicationRole { get; set; }

    /// <summary>
    /// How many times a unit of work runs when PostgreSQL aborts it with a serialization failure (40001) or a
    /// deadlock (40P01), including the first run; 1–10, default 4. After the last attempt the caller gets a
    /// <see cref="StoreUnavailableException"/>.
    /// </summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>
    /// Whether to start on a role that bypasses row-level security (a superuser, or BYPASSRLS). Default false: such a
    /// role is refused at start, since the policies that keep tenants apart would be off.
    /// </summary>
    public bool AllowRowLevelSecurityBypass { get; set; }

    internal void Validate()
    {
        if (MaxAttempts is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "MaxAttempts must be between 1 and 10.");
        }

        if (ApplicationRole is not null)
        {
            PostgresMigrationRunner.ValidateRoleName(ApplicationRole);
        }
    }
}
