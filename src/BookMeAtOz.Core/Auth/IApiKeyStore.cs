using BookMeAtOz.Audit;

namespace BookMeAtOz.Auth;

/// <summary>
/// Where a tenant's API keys live. Every method is scoped to one tenant; a revoked key is gone, so that it stops working
/// on every instance with the next request.
/// </summary>
/// <remarks>Failures to reach the store surface as <see cref="StoreUnavailableException"/>.</remarks>
public interface IApiKeyStore
{
    /// <summary>Adds a key and records <paramref name="audit"/> with it, atomically.</summary>
    Task CreateApiKeyAsync(ApiKey key, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>The tenant's keys, oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>The tenant's key with this prefix, or null.</summary>
    Task<ApiKey?> FindApiKeyAsync(Guid tenantId, string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a key and records the audit entry <paramref name="audit"/> makes from it, atomically; false (nothing changed)
    /// when the tenant has no such key.
    /// </summary>
    Task<bool> RevokeApiKeyAsync(Guid tenantId, Guid keyId, Func<ApiKey, AuditEntry> audit, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the key's last-used time to <paramref name="now"/> when it is unset or older than <paramref name="olderThan"/>
    /// (so concurrent requests write it about once per interval); does nothing for a key that is gone.
    /// </summary>
    Task TouchApiKeyAsync(Guid tenantId, Guid keyId, DateTimeOffset now, DateTimeOffset olderThan, CancellationToken cancellationToken);
}
