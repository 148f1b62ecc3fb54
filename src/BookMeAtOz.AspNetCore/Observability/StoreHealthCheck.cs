using BookMeAtOz.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BookMeAtOz.AspNetCore.Observability;

/// <summary>Ready when the store answers a read and, for a store with a schema, every migration is applied.</summary>
internal sealed class StoreHealthCheck(IBookingStore store, IBookMeAtOzMigrator? migrator = null) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.FindTenantAsync(Guid.Empty, cancellationToken);
            if (migrator is not null && !await migrator.IsMigratedAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database schema is not migrated; run the host's migrate command.");
            }

            return HealthCheckResult.Healthy("The store answers.");
        }
#pragma warning disable CA1031 // Any failure means "not ready"; the probe itself must not fail.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The store does not answer.", exception);
        }
    }
}
