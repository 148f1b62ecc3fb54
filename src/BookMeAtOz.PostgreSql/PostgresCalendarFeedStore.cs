using BookMeAtOz.Audit;
using BookMeAtOz.Calendars;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

/// <summary>
/// Calendar feeds in <c>bookmeatoz.calendar_feeds</c> (migration 0018): one row per staff member, replaced in one statement
/// when the feed is rotated, so the old token's hash is gone in the commit that issues the new one.
/// </summary>
internal sealed class PostgresCalendarFeedStore(PostgresDataSources sources, PostgresStoreOptions? options = null) : ICalendarFeedStore
{
    private readonly PostgresUnitOfWork _unitOfWork = new(sources, (options ?? new PostgresStoreOptions()).MaxAttempts,
        Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    public Task<bool> SetFeedAsync(CalendarFeed feed, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(audit);
        return _unitOfWork.RunAsync(sources.Primary, "set calendar feed", readOnly: false, async (connection, ct) =>
        {
            // Only for a staff member who exists (not deleted); the upsert replaces the hash of an earlier token, and the
            // audit entry is written in the same transaction, only when the feed was.
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using var batch = Batch(connection, transaction,
                    SetTenant(feed.TenantId),
                    Command("""
                        INSERT INTO bookmeatoz.calendar_feeds (tenant_id, staff_id, token_hash, created_at)
                        SELECT st.tenant_id, st.staff_id, @hash, @now FROM bookmeatoz.staff st
                        WHERE st.tenant_id = @tenant AND st.staff_id = @staff AND st.deleted_at IS NULL
                        ON CONFLICT ON CONSTRAINT calendar_feeds_pkey
                        DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at
                        """, Uuid("tenant", feed.TenantId), Uuid("staff", feed.StaffId), Bytes("hash", feed.TokenHash), Time("now", feed.CreatedAt)));
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                if (batch.BatchCommands[^1].RecordsAffected != 1)
                {
                    await transaction.RollbackAsync(ct).ConfigureAwait(false);
                    return false;
                }

                await using (var record = Batch(connection, transaction, PostgresAuditStore.Insert(audit)))
                {
                    await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return true;
            }
        }, cancellationToken);
    }

    public Task<bool> DeleteFeedAsync(Guid tenantId, Guid staffId, Func<CalendarFeed, AuditEntry> audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return _unitOfWork.RunAsync(sources.Primary, "delete calendar feed", readOnly: false, async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                CalendarFeed? removed = null;
                await using (var batch = Batch(connection, transaction,
                    SetTenant(tenantId),
                    Command("DELETE FROM bookmeatoz.calendar_feeds WHERE tenant_id = @tenant AND staff_id = @staff RETURNING token_hash, created_at",
                        Uuid("tenant", tenantId), Uuid("staff", staffId))))
                {
                    await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await reader.NextResultAsync(ct).ConfigureAwait(false);
                    if (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        removed = new CalendarFeed(tenantId, staffId, reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<DateTimeOffset>(1));
                    }
                }

                if (removed is null)
                {
                    await transaction.RollbackAsync(ct).ConfigureAwait(false);
                    return false;
                }

                await using (var record = Batch(connection, transaction, PostgresAuditStore.Insert(audit(removed))))
                {
                    await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return true;
            }
        }, cancellationToken);
    }

    public Task<CalendarFeed?> FindFeedAsync(Guid tenantId, byte[] tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        // The primary: a rotation or revocation takes effect at once, never after a standby's replay delay.
        return _unitOfWork.RunAsync(sources.Primary, "find calendar feed", readOnly: true, async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command("SELECT staff_id, created_at FROM bookmeatoz.calendar_feeds WHERE tenant_id = @tenant AND token_hash = @hash",
                    Uuid("tenant", tenantId), Bytes("hash", tokenHash)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false)
                ? new CalendarFeed(tenantId, reader.GetGuid(0), tokenHash, reader.GetFieldValue<DateTimeOffset>(1))
                : null;
        }, cancellationToken);
    }
}
