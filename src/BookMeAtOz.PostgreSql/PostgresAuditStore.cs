using BookMeAtOz.Audit;
using Npgsql;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

/// <summary>
/// The audit log in <c>bookmeatoz.audit_log</c> (migration 0005). Entries are appended by the stores in the transaction
/// of the change they record (<see cref="Insert"/>); row-level security lets the application read and append a tenant's
/// entries, never change or remove them.
/// </summary>
internal sealed class PostgresAuditStore(PostgresDataSources sources, PostgresStoreOptions? options = null) : IAuditStore
{
    private readonly PostgresUnitOfWork _unitOfWork = new(sources, (options ?? new PostgresStoreOptions()).MaxAttempts,
        Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    /// <summary>The statement that appends <paramref name="entry"/>, for the transaction of its change.</summary>
    public static NpgsqlBatchCommand Insert(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Command("""
            INSERT INTO bookmeatoz.audit_log (tenant_id, audit_id, at, actor_type, actor_id, entity, entity_id, action, before, after)
            VALUES (@audit_tenant, @audit_id, @audit_at, @audit_actor_type, @audit_actor, @audit_entity, @audit_entity_id, @audit_action,
                    @audit_before, @audit_after)
            """,
            Uuid("audit_tenant", entry.TenantId), Uuid("audit_id", entry.Id), Time("audit_at", entry.At), Text("audit_actor_type", entry.ActorType),
            NullableUuid("audit_actor", entry.ActorId), Text("audit_entity", entry.Entity), Uuid("audit_entity_id", entry.EntityId),
            Text("audit_action", entry.Action), NullableJsonb("audit_before", entry.Before), NullableJsonb("audit_after", entry.After));
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _unitOfWork.RunAsync(sources.Primary, "list audit", readOnly: true, async (connection, ct) =>
        {
            var filter = "tenant_id = @tenant";
            var parameters = new List<NpgsqlParameter> { Uuid("tenant", query.TenantId), Int("limit", query.Limit) };
            if (query.Entity is { } entity)
            {
                filter += " AND entity_id = @entity";
                parameters.Add(Uuid("entity", entity));
            }

            if (query.Actor is { } actor)
            {
                filter += " AND actor_id = @actor";
                parameters.Add(Uuid("actor", actor));
            }

            if (query.From is { } from)
            {
                filter += " AND at >= @from";
                parameters.Add(Time("from", from));
            }

            if (query.To is { } to)
            {
                filter += " AND at < @to";
                parameters.Add(Time("to", to));
            }

            if (query.Before is { } before)
            {
                filter += " AND (at, audit_id) < (@before_at, @before_id)";
                parameters.Add(Time("before_at", before.At));
                parameters.Add(Uuid("before_id", before.Id));
            }

            await using var batch = Batch(connection, null,
                SetTenant(query.TenantId),
                Command($"""
                    SELECT audit_id, tenant_id, at, actor_type, actor_id, entity, entity_id, action, before::text, after::text
                    FROM bookmeatoz.audit_log WHERE {filter} ORDER BY at DESC, audit_id DESC LIMIT @limit
                    """, [.. parameters]));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            var result = new List<AuditEntry>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                result.Add(new AuditEntry(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.GetString(5), reader.GetGuid(6), reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9)));
            }

            return (IReadOnlyList<AuditEntry>)result;
        }, cancellationToken);
    }
}
