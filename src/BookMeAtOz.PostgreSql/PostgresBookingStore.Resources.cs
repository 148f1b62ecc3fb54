using BookMeAtOz.Scheduling;
using Npgsql;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

// Resources (migration 0014). Deleting one marks it deleted (the unit rows of bookings made keep pointing at it); every
// change writes a resource.changed outbox event in its transaction. The units bookings use are kept by the database itself
// (the deferred trigger of migration 0014): nothing here writes them.
internal sealed partial class PostgresBookingStore
{
    /// <summary>SQLSTATE raised at commit when a booking cannot get the units of a resource its service requires.</summary>
    internal const string ResourceUnavailable = "BMZ02";

    private const string ResourceColumns = "r.resource_id, r.tenant_id, r.name, r.kind, r.quantity, r.active";

    /// <inheritdoc />
    public Task<bool> TryCreateResourceAsync(Resource resource, int maxResources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return WriteAsync("create resource", async (connection, ct) =>
        {
            var insert = Command("""
                WITH r AS (
                    INSERT INTO bookmeatoz.resources (tenant_id, resource_id, name, kind, quantity, active)
                    SELECT @tenant, @id, @name, @kind, @quantity, @active
                    WHERE (SELECT count(*) FROM bookmeatoz.resources WHERE tenant_id = @tenant AND deleted_at IS NULL) < @max
                    RETURNING tenant_id, resource_id)
                INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                SELECT tenant_id, 'resource.changed', jsonb_build_object('resourceId', resource_id) FROM r
                """, [.. ResourceParameters(resource), Int("max", maxResources)]);
            await using var batch = Batch(connection, null, SetTenant(resource.TenantId), LockTenant(resource.TenantId), insert);
            try
            {
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new InvalidOperationException("A resource with this id already exists.", e);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                throw new NotFoundException("tenant");
            }

            return insert.RecordsAffected == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Resource?> FindResourceAsync(Guid tenantId, Guid resourceId, CancellationToken cancellationToken) =>
        ReadAsync(ReadFrom.Primary, "find resource", async (connection, ct) =>
            (await ReadResourcesAsync(connection, tenantId,
                $"SELECT {ResourceColumns} FROM bookmeatoz.resources r WHERE r.tenant_id = @tenant AND r.resource_id = @id AND r.deleted_at IS NULL",
                [Uuid("id", resourceId)], ct).ConfigureAwait(false)) is [var found, ..] ? found : null, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Resource>> ListResourcesAsync(Guid tenantId, CancellationToken cancellationToken) =>
        ReadAsync(ReadFrom.Primary, "list resources", (connection, ct) =>
            ReadResourcesAsync(connection, tenantId,
                $"""
                SELECT {ResourceColumns} FROM bookmeatoz.resources r
                WHERE r.tenant_id = @tenant AND r.deleted_at IS NULL
                ORDER BY r.name COLLATE "C", r.resource_id
                """, [], ct), cancellationToken);

    /// <inheritdoc />
    public Task<ResourceWrite> UpdateResourceAsync(Resource resource, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return WriteAsync("update resource", async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // FOR UPDATE waits for bookings taking units (FOR KEY SHARE) and makes later ones wait; the check of the
                // units in use is a statement of its own, so it sees what those bookings committed.
                int? quantity = null;
                await using (var batch = Batch(connection, transaction,
                    SetTenant(resource.TenantId),
                    Command("SELECT quantity FROM bookmeatoz.resources WHERE tenant_id = @tenant AND resource_id = @id AND deleted_at IS NULL FOR UPDATE",
                        Uuid("tenant", resource.TenantId), Uuid("id", resource.Id))))
                {
                    await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await reader.NextResultAsync(ct).ConfigureAwait(false);
                    if (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        quantity = reader.GetInt32(0);
                    }
                }

                if (quantity is not { } before)
                {
                    return ResourceWrite.NotFound;
                }

                var update = Command("""
                    WITH r AS (
                        UPDATE bookmeatoz.resources SET name = @name, kind = @kind, quantity = @quantity, active = @active
                        WHERE tenant_id = @tenant AND resource_id = @id
                          AND (@quantity >= @before OR NOT EXISTS (
                              SELECT 1 FROM bookmeatoz.resource_units u
                              WHERE u.tenant_id = @tenant AND u.resource_id = @id AND u.blocked_end > @now
                                AND NOT EXISTS (SELECT 1 FROM bookmeatoz.bookings b
                                                WHERE b.tenant_id = u.tenant_id AND b.booking_id = u.booking_id
                                                  AND b.status = 'held' AND b.expires_at <= @now)))
                        RETURNING tenant_id, resource_id)
                    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                    SELECT tenant_id, 'resource.changed', jsonb_build_object('resourceId', resource_id) FROM r
                    """, [.. ResourceParameters(resource), Int("before", before), Time("now", now)]);
                await using (var batch = Batch(connection, transaction, update))
                {
                    await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                if (update.RecordsAffected != 1)
                {
                    await transaction.RollbackAsync(ct).ConfigureAwait(false);
                    return ResourceWrite.InUse;
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return ResourceWrite.Done;
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ResourceWrite> DeleteResourceAsync(Guid tenantId, Guid resourceId, CancellationToken cancellationToken) =>
        WriteAsync("delete resource", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command("""
                    WITH target AS (
                        SELECT tenant_id, resource_id,
                               EXISTS (SELECT 1 FROM bookmeatoz.services s
                                       WHERE s.tenant_id = @tenant AND s.deleted_at IS NULL
                                         AND s.resources @> jsonb_build_array(jsonb_build_object('resourceId', @id::text))) AS required
                        FROM bookmeatoz.resources WHERE tenant_id = @tenant AND resource_id = @id AND deleted_at IS NULL
                        FOR UPDATE),
                    r AS (
                        UPDATE bookmeatoz.resources x SET deleted_at = now(), active = false
                        FROM target WHERE NOT target.required AND x.tenant_id = target.tenant_id AND x.resource_id = target.resource_id
                        RETURNING x.tenant_id, x.resource_id),
                    o AS (
                        INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                        SELECT tenant_id, 'resource.changed', jsonb_build_object('resourceId', resource_id) FROM r)
                    SELECT (SELECT count(*) FROM target)::integer, (SELECT count(*) FROM r)::integer
                    """, Uuid("tenant", tenantId), Uuid("id", resourceId)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            return reader.GetInt32(0) == 0 ? ResourceWrite.NotFound : reader.GetInt32(1) == 1 ? ResourceWrite.Done : ResourceWrite.InUse;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ResourceAvailability>> LoadResourceAvailabilityAsync(
        Guid tenantId, IReadOnlyList<Guid> resourceIds, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, ReadFrom readFrom,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resourceIds);
        if (resourceIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<ResourceAvailability>>([]);
        }

        return ReadAsync(readFrom, "load resource availability", async (connection, ct) =>
        {
            // Per booking and resource: its blocked range and how many units it holds. The rows of a hold that has lapsed
            // (by the store's clock) are left out whether or not the sweeper has marked it expired: the booking write
            // releases them when it needs their units (migration 0022).
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command($"""
                    SELECT {ResourceColumns} FROM bookmeatoz.resources r
                    WHERE r.tenant_id = @tenant AND r.resource_id = ANY (@ids) AND r.deleted_at IS NULL
                    """, Uuid("tenant", tenantId), Uuids("ids", resourceIds)),
                Command("""
                    SELECT u.resource_id, u.booking_id, u.blocked_start, u.blocked_end, count(*)::integer
                    FROM bookmeatoz.resource_units u
                    WHERE u.tenant_id = @tenant AND u.resource_id = ANY (@ids)
                      AND u.blocked_start > @from - interval '2 days' AND u.blocked_start < @to AND u.blocked_end > @from
                      AND NOT EXISTS (SELECT 1 FROM bookmeatoz.bookings b
                                      WHERE b.tenant_id = u.tenant_id AND b.booking_id = u.booking_id
                                        AND b.status = 'held' AND b.expires_at <= @now)
                    GROUP BY u.resource_id, u.booking_id, u.blocked_start, u.blocked_end
                    ORDER BY u.blocked_start
                    """, Uuid("tenant", tenantId), Uuids("ids", resourceIds), Time("from", rangeStart), Time("to", rangeEnd),
                    Time("now", _timeProvider.GetUtcNow())));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            var resources = new List<Resource>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                resources.Add(ReadResource(reader));
            }

            await reader.NextResultAsync(ct).ConfigureAwait(false);
            var uses = resources.ToDictionary(r => r.Id, _ => new List<ResourceUse>());
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                if (uses.TryGetValue(reader.GetGuid(0), out var list))
                {
                    list.Add(new ResourceUse(reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt32(4), reader.GetGuid(1)));
                }
            }

            return (IReadOnlyList<ResourceAvailability>)[.. resources.Select(r => new ResourceAvailability(r, uses[r.Id]))];
        }, cancellationToken);
    }

    private static NpgsqlParameter[] ResourceParameters(Resource resource) =>
    [
        Uuid("tenant", resource.TenantId), Uuid("id", resource.Id), Text("name", resource.Name), Text("kind", resource.Kind),
        Int("quantity", resource.Quantity), Bool("active", resource.Active),
    ];

    private static async Task<IReadOnlyList<Resource>> ReadResourcesAsync(
        NpgsqlConnection connection, Guid tenantId, string sql, NpgsqlParameter[] parameters, CancellationToken ct)
    {
        await using var batch = Batch(connection, null, SetTenant(tenantId), Command(sql, [Uuid("tenant", tenantId), .. parameters]));
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var result = new List<Resource>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(ReadResource(reader));
        }

        return result;
    }

    private static Resource ReadResource(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetBoolean(5));
}
