using System.Globalization;
using BookMeAtOz.Audit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Tenancy;

/// <summary>
/// How long a closed tenant's data is kept, bound from <c>BookMeAtOz:Tenants</c>
/// (<c>BookMeAtOz__Tenants__ClosedRetentionDays</c>) and validated at start-up.
/// </summary>
public sealed class TenantRetentionOptions
{
    /// <summary>The configuration section: <c>BookMeAtOz:Tenants</c>.</summary>
    public const string SectionName = "BookMeAtOz:Tenants";

    /// <summary>
    /// Days a closed tenant's data is kept (and its slug stays taken) before the purge removes it. Default 30; 0–3650
    /// (0: purged at the purge's next run).
    /// </summary>
    public int ClosedRetentionDays { get; set; } = 30;

    /// <summary>How often the purge looks for closed tenants whose retention has ended. Default 1 hour; 10 milliseconds to 1 day.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    internal IEnumerable<string> Validate()
    {
        if (ClosedRetentionDays is < 0 or > 3650)
        {
            yield return "BookMeAtOz__Tenants__ClosedRetentionDays must be 0 to 3650.";
        }

        if (PurgeInterval < TimeSpan.FromMilliseconds(10) || PurgeInterval > TimeSpan.FromDays(1))
        {
            yield return "BookMeAtOz__Tenants__PurgeInterval must be 10 milliseconds to 1 day.";
        }
    }
}

/// <summary>Closing tenants and purging them after their retention. Implemented by both stores.</summary>
public interface ITenantLifecycleStore
{
    /// <summary>
    /// Closes an open tenant, recording <c>tenant.closed</c> in the same transaction (actor: <see cref="AuditActor.Current"/>):
    /// from then on it is not found (by id or slug), its slug stays taken, and its data is kept until
    /// <paramref name="purgeAfter"/>. False when there is no open tenant with this id.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="now">When.</param>
    /// <param name="purgeAfter">When its retention ends.</param>
    /// <param name="cancellationToken">Cancels the close.</param>
    /// <returns>Whether it was closed.</returns>
    Task<bool> CloseTenantAsync(Guid tenantId, DateTimeOffset now, DateTimeOffset purgeAfter, CancellationToken cancellationToken);

    /// <summary>Removes every row of up to <paramref name="limit"/> closed tenants whose retention ended by <paramref name="now"/>; their slugs are free again.</summary>
    /// <param name="now">The time.</param>
    /// <param name="limit">At most this many tenants.</param>
    /// <param name="cancellationToken">Cancels the purge.</param>
    /// <returns>The purged tenants.</returns>
    Task<IReadOnlyList<Guid>> PurgeClosedTenantsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}

/// <summary>The audit entry of a close, shared by both stores.</summary>
public static class TenantLifecycle
{
    /// <summary>The entry recording that the tenant was closed at <paramref name="now"/>, to be purged after <paramref name="purgeAfter"/>.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="now">When.</param>
    /// <param name="purgeAfter">When its retention ends.</param>
    /// <returns>The entry.</returns>
    public static AuditEntry ClosedEntry(Guid tenantId, DateTimeOffset now, DateTimeOffset purgeAfter)
    {
        var actor = AuditActor.Current;
        var after = string.Create(CultureInfo.InvariantCulture,
            $$"""{"closedAt":"{{BookingAudit.Instant(now)}}","purgeAfter":"{{BookingAudit.Instant(purgeAfter)}}"}""");
        return new AuditEntry(Guid.CreateVersion7(now), tenantId, now, actor.Type, actor.Id, "tenant", tenantId, AuditActions.TenantClosed, null, after);
    }
}

/// <summary>Binds and validates <see cref="TenantRetentionOptions"/>.</summary>
internal sealed class TenantRetentionOptionsSetup(IServiceProvider services)
    : IConfigureOptions<TenantRetentionOptions>, IValidateOptions<TenantRetentionOptions>
{
    public void Configure(TenantRetentionOptions options) => services.GetService<IConfiguration>()?.GetSection(TenantRetentionOptions.SectionName).Bind(options);

    public ValidateOptionsResult Validate(string? name, TenantRetentionOptions options)
    {
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// The background job that purges closed tenants once their retention has ended (<see cref="TenantRetentionOptions"/>):
/// every <see cref="TenantRetentionOptions.PurgeInterval"/>, as the system, by the store's clock. Failures are logged and
/// tried again at the next run.
/// </summary>
internal sealed partial class ClosedTenantPurger(
    IServiceProvider services, IOptions<TenantRetentionOptions> options, TimeProvider timeProvider, ILogger<ClosedTenantPurger> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var system = AuditActor.Begin(AuditActor.System);
        ITenantLifecycleStore store;
        try
        {
            // Resolved here, not in the constructor: a host whose booking store has no lifecycle store still starts.
            store = services.GetRequiredService<ITenantLifecycleStore>();
        }
        catch (InvalidOperationException e)
        {
            LogNoStore(logger, e);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                IReadOnlyList<Guid> purged;
                do
                {
                    purged = await store.PurgeClosedTenantsAsync(timeProvider.GetUtcNow(), 10, stoppingToken).ConfigureAwait(false);
                    foreach (var id in purged)
                    {
                        LogPurged(logger, id);
                    }
                }
                while (purged.Count > 0 && !stoppingToken.IsCancellationRequested);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogFailed(logger, e);
            }

            try
            {
                await Task.Delay(options.Value.PurgeInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(60, LogLevel.Information, "Purged closed tenant {TenantId} after its retention")]
    private static partial void LogPurged(ILogger logger, Guid tenantId);

    [LoggerMessage(62, LogLevel.Warning, "Closed tenants are not purged: the booking store offers no ITenantLifecycleStore")]
    private static partial void LogNoStore(ILogger logger, Exception exception);

    [LoggerMessage(61, LogLevel.Warning, "Purging closed tenants failed; trying again at the next run")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
