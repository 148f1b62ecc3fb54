using BookMeAtOz.AspNetCore.Caching;
using BookMeAtOz.Auth;
using Microsoft.Extensions.Caching.Hybrid;

namespace BookMeAtOz.AspNetCore.Auth;

/// <summary>
/// Whether an access token's security stamp is still its user's: on every authenticated request, so that a role change,
/// a removal or a new password ends the user's tokens at once. The user's current stamp is kept in this process only
/// (never in Redis), for <see cref="Lifetime"/> at most; every change of a user is announced as <c>user.changed</c>, and
/// <see cref="CacheInvalidator"/> drops the entry here right after the write and on every other instance through its
/// Redis channel (and again when the change is relayed from the outbox). Without Redis, other instances see the change
/// within <see cref="Lifetime"/>.
/// </summary>
internal sealed class SecurityStampValidator(FreshCache cache, IUserStore users)
{
    /// <summary>How long a user's stamp is kept in memory: 30 seconds.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private static readonly string[] Tags = [CatalogCache.AllTag];

    private static readonly HybridCacheEntryOptions Entry = new()
    {
        Expiration = Lifetime,
        LocalCacheExpiration = Lifetime,
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    /// <summary>True when the user exists and <paramref name="stamp"/> is their current security stamp.</summary>
    public async ValueTask<bool> IsCurrentAsync(Guid tenantId, Guid userId, Guid stamp, CancellationToken cancellationToken)
    {
        var current = await cache.GetAsync(
            CacheKeys.User(tenantId, userId),
            async ct => new StampEntry((await users.FindUserAsync(tenantId, userId, ct).ConfigureAwait(false))?.SecurityStamp),
            Entry, Tags, cancellationToken).ConfigureAwait(false);
        return current?.Stamp is { } s && s == stamp;
    }

    /// <summary>A user's current stamp, or null when the user does not exist.</summary>
    internal sealed record StampEntry(Guid? Stamp);
}
