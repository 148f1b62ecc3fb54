using BookMeAtOz.Audit;
using BookMeAtOz.Auth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

/// <summary>
/// API keys in PostgreSQL (<c>bookmeatoz.api_keys</c>, migration 0017): one transaction per method, scoped to its tenant for
/// row-level security, on the primary (a key made or revoked a moment ago is seen by the next request on any instance).
/// </summary>
internal sealed class PostgresApiKeyStore : IApiKeyStore
{
    private const string Columns = "api_key_id, tenant_id, name, prefix, secret_hash, scopes, created_at, created_by, last_used_at";

    private readonly PostgresDataSources _sources;
    private readonly PostgresUnitOfWork _unitOfWork;

    public PostgresApiKeyStore(PostgresDataSources sources, PostgresStoreOptions? options = null, ILogger<PostgresApiKeyStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        options ??= new PostgresStoreOptions();
        options.Validate();
        _sources = sources;
        _unitOfWork = new PostgresUnitOfWork(sources, options.MaxAttempts, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <inheritdoc />
    public Task CreateApiKeyAsync(ApiKey key, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(audit);
        return RunAsync("create api key", readOnly: false, async (connection, ct) =>
        {
            // One batch without an explicit transaction runs as one implicit transaction: the key and its audit entry, or neither.
            await using var batch = Batch(connection, null,
                SetTenant(key.TenantId),
                Command($"""
                    INSERT INTO bookmeatoz.api_keys ({Columns})
                    VALUES (@id, @tenant, @name, @prefix, @hash, @scopes, @created, @created_by, NULL)
                    """,
                    Uuid("id", key.Id), Uuid("tenant", key.TenantId), Text("name", key.Name), Text("prefix", key.Prefix),
                    Bytes("hash", key.SecretHash), new NpgsqlParameter<string[]>("scopes", [.. ApiKeyAudit.ScopeNames(key.Scopes)]),
                    Time("created", key.CreatedAt), NullableUuid("created_by", key.CreatedBy)),
                PostgresAuditStore.Insert(audit));
            try
            {
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new BookMeAtOzException(ErrorCodes.Conflict, "An API key with this id or prefix already exists.", e);
            }

            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(Guid tenantId, CancellationToken cancellationToken) =>
        RunAsync("list api keys", readOnly: true, async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command($"SELECT {Columns} FROM bookmeatoz.api_keys WHERE tenant_id = @tenant ORDER BY created_at, api_key_id", Uuid("tenant", tenantId)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            var keys = new List<ApiKey>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                keys.Add(Read(reader));
            }

            return (IReadOnlyList<ApiKey>)keys;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<ApiKey?> FindApiKeyAsync(Guid tenantId, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return RunAsync("find api key", readOnly: true, async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command($"SELECT {Columns} FROM bookmeatoz.api_keys WHERE tenant_id = @tenant AND prefix = @prefix",
                    Uuid("tenant", tenantId), Text("prefix", prefix)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(reader) : null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RevokeApiKeyAsync(Guid tenantId, Guid keyId, Func<ApiKey, AuditEntry> audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return RunAsync("revoke api key", readOnly: false, async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                ApiKey key;
                await using (var delete = Batch(connection, transaction,
                    SetTenant(tenantId),
                    Command($"DELETE FROM bookmeatoz.api_keys WHERE tenant_id = @tenant AND api_key_id = @id RETURNING {Columns}",
                        Uuid("tenant", tenantId), Uuid("id", keyId))))
                {
                    await using var reader = await delete.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await reader.NextResultAsync(ct).ConfigureAwait(false);
                    if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        return false;
                    }

                    key = Read(reader);
                }

                await using (var record = Batch(connection, transaction, PostgresAuditStore.Insert(audit(key))))
                {
                    await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return true;
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task TouchApiKeyAsync(Guid tenantId, Guid keyId, DateTimeOffset now, DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        RunAsync("touch api key", readOnly: false, async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command("""
                    UPDATE bookmeatoz.api_keys SET last_used_at = @now
                    WHERE tenant_id = @tenant AND api_key_id = @id AND (last_used_at IS NULL OR last_used_at < @older_than)
                    """,
                    Time("now", now), Uuid("tenant", tenantId), Uuid("id", keyId), Time("older_than", olderThan)));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private static ApiKey Read(NpgsqlDataReader reader) =>
        new(
            reader.GetGuid(0),
            reader.GetGuid(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetFieldValue<byte[]>(4),
            ParseScopes(reader.GetFieldValue<string[]>(5)),
            reader.GetFieldValue<DateTimeOffset>(6),
            reader.IsDBNull(7) ? null : reader.GetGuid(7),
            reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8));

    private static ApiKeyScopes ParseScopes(string[] names)
    {
        var scopes = ApiKeyScopes.None;
        foreach (var name in names)
        {
            scopes |= name switch
            {
                "read" => ApiKeyScopes.Read,
                "bookings" => ApiKeyScopes.Bookings,
                "admin" => ApiKeyScopes.Admin,
                _ => throw new InvalidOperationException($"Unknown API key scope '{name}' in the database."),
            };
        }

        return scopes;
    }

    /// <summary>On the primary: a key made or revoked a moment ago counts at once.</summary>
    private Task<T> RunAsync<T>(string operation, bool readOnly, Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        _unitOfWork.RunAsync(_sources.Primary, operation, readOnly, work, cancellationToken);
}
