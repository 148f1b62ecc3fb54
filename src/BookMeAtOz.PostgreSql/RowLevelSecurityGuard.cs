using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BookMeAtOz.PostgreSql;

/// <summary>
/// Refuses to start on a role that row-level security does not apply to (a superuser, or a role with BYPASSRLS): the
/// policies that keep tenants apart would be silently off. <see cref="PostgresStoreOptions.AllowRowLevelSecurityBypass"/>
/// accepts it deliberately. A database that cannot be reached at start is not held against the start: the store
/// recovers by itself once it is back.
/// </summary>
internal sealed partial class RowLevelSecurityGuard(PostgresDataSources sources, IOptions<PostgresStoreOptions> options, ILogger<RowLevelSecurityGuard> logger)
    : IStoreHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        (string Role, bool Bypasses) role;
        try
        {
            await using var connection = await sources.Primary.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT current_user::text, rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            role = (reader.GetString(0), reader.GetBoolean(1));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            LogUnchecked(logger, e);
            return;
        }

        if (!role.Bypasses)
        {
            return;
        }

        if (options.Value.AllowRowLevelSecurityBypass)
        {
            LogBypassAllowed(logger, role.Role);
            return;
        }

        LogBypassRefused(logger, role.Role);
        throw new InvalidOperationException(
            $"The PostgreSQL role '{role.Role}' is a superuser or has BYPASSRLS, so row-level security, which keeps tenants apart, would be off. " +
            "Connect as the application role (docs/persistence.md), or set BookMeAtOz__Postgres__AllowRowLevelSecurityBypass=true to accept it.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(40, LogLevel.Critical, "The PostgreSQL role {Role} bypasses row-level security: refusing to start")]
    private static partial void LogBypassRefused(ILogger logger, string role);

    [LoggerMessage(41, LogLevel.Warning, "The PostgreSQL role {Role} bypasses row-level security; accepted by BookMeAtOz:Postgres:AllowRowLevelSecurityBypass")]
    private static partial void LogBypassAllowed(ILogger logger, string role);

    [LoggerMessage(42, LogLevel.Warning, "Could not check at start whether the PostgreSQL role bypasses row-level security")]
    private static partial void LogUnchecked(ILogger logger, Exception exception);
}
