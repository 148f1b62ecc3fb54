using BookMeAtOz.AspNetCore.Catalog;
using BookMeAtOz.Bookings;
using BookMeAtOz.Changes;
using BookMeAtOz.Contracts;
using BookMeAtOz.Persistence;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.AspNetCore.Caching;

/// <summary>
/// Read-mostly data through <see cref="HybridCache"/> (in memory, and in Redis when configured): tenants by slug and
/// id, services, staff and schedules, for tenant resolution and the catalog's <c>GET</c> routes. Every change drops the
/// entries it affects on every instance (<see cref="CacheInvalidator"/>), and a read that raced the change never serves
/// what it loaded (<see cref="FreshCache"/>). The booking path never reads from here: the booking service reads the
/// store itself. Misses are not cached, so a tenant or service created on another instance is found at once.
/// </summary>
internal sealed class CatalogCache(FreshCache cache, IBookingStore store, IOptions<BookMeAtOzApiOptions> options)
{
    /// <summary>Every entry carries this tag, so that one call can drop them all (after Redis was away).</summary>
    public const string AllTag = "bookmeatoz";

    private static readonly string[] Tags = [AllTag];

    private readonly HybridCacheEntryOptions _entry = new()
    {
        Expiration = options.Value.Cache.Expiration,
        LocalCacheExpiration = options.Value.Cache.LocalExpiration,
    };

    /// <summary>
    /// A tenant by slug. The slug-to-id mapping is cached and the tenant itself by id. A slug stays with its tenant
    /// until that tenant is closed and purged, after which a new business may take it: when the cached id no longer
    /// names a tenant, the mapping is dropped and read again, so the new owner of the slug is found at once.
    /// </summary>
    public async Task<Tenant?> FindTenantBySlugAsync(string? slug, CancellationToken cancellationToken)
    {
        if (!TenantSlug.IsValid(slug))
        {
            return null;
        }

        var key = CacheKeys.Slug(slug!);
        var id = await GetAsync(key, LoadSlug, cancellationToken).ConfigureAwait(false);
        if (id is null)
        {
            return null;
        }

        if (await FindTenantAsync(id.Id, cancellationToken).ConfigureAwait(false) is { } tenant)
        {
            return tenant;
        }

        await cache.DropAsync([key], cancellationToken).ConfigureAwait(false);
        id = await GetAsync(key, LoadSlug, cancellationToken).ConfigureAwait(false);
        return id is null ? null : await FindTenantAsync(id.Id, cancellationToken).ConfigureAwait(false);

        async Task<TenantRef?> LoadSlug(CancellationToken ct) =>
            (await store.FindTenantBySlugAsync(slug!, ct).ConfigureAwait(false)) is { } t ? new TenantRef(t.Id) : null;
    }

    public Task<Tenant?> FindTenantAsync(Guid tenantId, CancellationToken cancellationToken) =>
        GetAsync(CacheKeys.Tenant(tenantId), ct => store.FindTenantAsync(tenantId, ct), cancellationToken);

    public async Task<IReadOnlyList<Service>> ListServicesAsync(Guid tenantId, CancellationToken cancellationToken) =>
        await GetAsync(CacheKeys.Services(tenantId), async ct => (await store.ListServicesAsync(tenantId, ct).ConfigureAwait(false)).ToList(), cancellationToken)
            .ConfigureAwait(false) ?? [];

    public async Task<Service> GetServiceAsync(Guid tenantId, Guid serviceId, CancellationToken cancellationToken) =>
        await GetAsync(CacheKeys.Service(tenantId, serviceId), ct => store.FindServiceAsync(tenantId, serviceId, ct), cancellationToken).ConfigureAwait(false)
        ?? throw new NotFoundException("service");

    public async Task<IReadOnlyList<StaffMember>> ListStaffAsync(Guid tenantId, CancellationToken cancellationToken) =>
        await GetAsync(CacheKeys.StaffList(tenantId), async ct => (await store.ListStaffAsync(tenantId, ct).ConfigureAwait(false)).ToList(), cancellationToken)
            .ConfigureAwait(false) ?? [];

    public async Task<StaffMember> GetStaffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        await GetAsync(CacheKeys.Staff(tenantId, staffId), ct => store.FindStaffAsync(tenantId, staffId, ct), cancellationToken).ConfigureAwait(false)
        ?? throw new NotFoundException("staff member");

    /// <summary>A staff member's schedule, in its wire form.</summary>
    public async Task<ScheduleDto> GetScheduleAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        await GetAsync(CacheKeys.Schedule(tenantId, staffId),
            async ct => await store.GetScheduleAsync(tenantId, staffId, ct).ConfigureAwait(false) is { } s ? CatalogMapping.ToDto(s) : null,
            cancellationToken).ConfigureAwait(false)
        ?? throw new NotFoundException("staff member");

    private Task<T?> GetAsync<T>(string key, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class => cache.GetAsync(key, load, _entry, Tags, cancellationToken);

    /// <summary>A tenant's id, as the value of a slug entry.</summary>
    internal sealed record TenantRef(Guid Id);
}

/// <summary>The cache keys, and which a change makes stale.</summary>
internal static class CacheKeys
{
    public static string Slug(string slug) => $"bmz:slug:{slug}";

    public static string Tenant(Guid tenantId) => $"bmz:tenant:{tenantId:N}";

    public static string Services(Guid tenantId) => $"bmz:services:{tenantId:N}";

    public static string Service(Guid tenantId, Guid serviceId) => $"bmz:service:{tenantId:N}:{serviceId:N}";

    public static string StaffList(Guid tenantId) => $"bmz:staff:{tenantId:N}";

    public static string Staff(Guid tenantId, Guid staffId) => $"bmz:staff:{tenantId:N}:{staffId:N}";

    public static string Schedule(Guid tenantId, Guid staffId) => $"bmz:schedule:{tenantId:N}:{staffId:N}";

    /// <summary>What this instance knows of a user's security stamp (<see cref="Auth.SecurityStampValidator"/>).</summary>
    public static string User(Guid tenantId, Guid userId) => $"bmz:user:{tenantId:N}:{userId:N}";

    private const string AvailabilityPrefix = "bmz:availability:";

    /// <summary>Stands for everything <see cref="AvailabilityCache"/> keeps for a tenant; every change names it.</summary>
    public static string Availability(Guid tenantId) => $"{AvailabilityPrefix}{tenantId:N}";

    /// <summary>Whether <paramref name="key"/> is a tenant's <see cref="Availability"/> key, and whose.</summary>
    public static bool IsAvailability(string key, out Guid tenantId)
    {
        tenantId = default;
        return key.StartsWith(AvailabilityPrefix, StringComparison.Ordinal)
            && Guid.TryParseExact(key.AsSpan(AvailabilityPrefix.Length), "N", out tenantId);
    }

    /// <summary>The entries a change makes stale: the tenant's availability answers, and the catalog entries it touches.</summary>
    public static IEnumerable<string> StaleAfter(ChangeEvent change)
    {
        var t = change.TenantId;
        if (change.Type == ChangeTypes.UserChanged)
        {
            // Users change nothing a customer sees.
            if (change.UserId is { } userId)
            {
                yield return User(t, userId);
            }

            yield break;
        }

        yield return Availability(t);
        switch (change.Type)
        {
            case ChangeTypes.ServiceCreated or ChangeTypes.ServiceUpdated or ChangeTypes.ServiceDeleted:
                yield return Services(t);
                if (change.ServiceId is { } serviceId)
                {
                    yield return Service(t, serviceId);
                }

                break;
            case ChangeTypes.StaffCreated or ChangeTypes.StaffUpdated or ChangeTypes.StaffDeleted:
                yield return StaffList(t);
                if (change.StaffId is { } staffId)
                {
                    yield return Staff(t, staffId);
                    yield return Schedule(t, staffId);
                }

                break;
            case ChangeTypes.ScheduleChanged when change.StaffId is { } scheduled:
                yield return Schedule(t, scheduled);
                break;
            case ChangeTypes.TenantUpdated:
                yield return Tenant(t);
                break;
        }
    }
}
