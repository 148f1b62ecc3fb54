using BookMeAtOz.Audit;

namespace BookMeAtOz.Auth;

/// <summary>The in-memory store's API keys, under the users' lock and with their audit log.</summary>
internal sealed partial class InMemoryUserStore : IApiKeyStore
{
    private readonly Dictionary<(Guid TenantId, string Prefix), ApiKey> _apiKeys = [];

    /// <inheritdoc />
    public Task CreateApiKeyAsync(ApiKey key, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(audit);
        lock (_gate)
        {
            if (_apiKeys.Values.Any(k => k.Id == key.Id) || !_apiKeys.TryAdd((key.TenantId, key.Prefix), key))
            {
                throw new BookMeAtOzException(ErrorCodes.Conflict, "An API key with this id or prefix already exists.");
            }

            auditLog.Append(audit);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ApiKey>>([.. _apiKeys.Values.Where(k => k.TenantId == tenantId).OrderBy(k => k.CreatedAt).ThenBy(k => k.Id)]);
        }
    }

    /// <inheritdoc />
    public Task<ApiKey?> FindApiKeyAsync(Guid tenantId, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        lock (_gate)
        {
            return Task.FromResult(_apiKeys.GetValueOrDefault((tenantId, prefix)));
        }
    }

    /// <inheritdoc />
    public Task<bool> RevokeApiKeyAsync(Guid tenantId, Guid keyId, Func<ApiKey, AuditEntry> audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        lock (_gate)
        {
            if (_apiKeys.Values.FirstOrDefault(k => k.TenantId == tenantId && k.Id == keyId) is not { } key)
            {
                return Task.FromResult(false);
            }

            var entry = audit(key);
            _apiKeys.Remove((tenantId, key.Prefix));
            auditLog.Append(entry);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task TouchApiKeyAsync(Guid tenantId, Guid keyId, DateTimeOffset now, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_apiKeys.Values.FirstOrDefault(k => k.TenantId == tenantId && k.Id == keyId) is { } key
                && (key.LastUsedAt is not { } last || last < olderThan))
            {
                _apiKeys[(tenantId, key.Prefix)] = key with { LastUsedAt = now };
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Forgets a tenant's keys (its purge); called under the lock.</summary>
    private void RemoveApiKeys(Guid tenantId)
    {
        foreach (var key in _apiKeys.Keys.Where(k => k.TenantId == tenantId).ToList())
        {
            _apiKeys.Remove(key);
        }
    }
}
