using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace BookMeAtOz.AspNetCore.RealTime;

/// <summary>
/// Redis, where configured: <c>Degraded</c> (never <c>Unhealthy</c>) when it does not answer, because everything still
/// works without it (from PostgreSQL, on this instance); only real-time delivery across instances and the shared cache
/// wait for it.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConfigured)
        {
            return HealthCheckResult.Healthy("Redis is not configured (one instance: real-time and cache are in process).");
        }

        try
        {
            var multiplexer = await redis.GetAsync().ConfigureAwait(false);
            if (!multiplexer.IsConnected)
            {
                return HealthCheckResult.Degraded("Redis is not reachable: the API works from PostgreSQL; real-time events across instances wait for it.");
            }

            var latency = await multiplexer.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Redis answers ({latency.TotalMilliseconds:0.0} ms).");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis does not answer: the API works from PostgreSQL; real-time events across instances wait for it.", e);
        }
    }
}
