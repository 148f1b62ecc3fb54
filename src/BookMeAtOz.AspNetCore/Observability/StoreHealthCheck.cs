using BookMeAtOz.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BookMeAtOz.AspNetCore.Observability;

/// <summary>Ready when the store answers a read.</summary>
internal sealed class StoreHealthCheck(IBookingStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.FindTenantAsync(Guid.Empty, cancellationToken);
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
