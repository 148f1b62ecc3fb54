using BookMeAtOz.Audit;
using BookMeAtOz.Bookings;
using BookMeAtOz.Waitlist;
using Npgsql;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

/// <summary>
/// The waitlist in <c>bookmeatoz.waitlist_entries</c> (migration 0021), scoped to one tenant by row-level security. An
/// offer is one guarded statement (still waiting) that also writes the <c>waitlist.offered</c> outbox event and the
/// audit entry; a tenant's offer passes are serialized across instances by a transaction-scoped advisory lock (taken without waiting: a
/// pass that finds it taken leaves the work to the running one and is retried) held on a
/// connection of its own for the pass.
/// </summary>
internal sealed class PostgresWaitlistStore(PostgresDataSources sources) : IWaitlistStore
{
    private const string Columns = """
        entry_id, tenant_id, service_id, staff_id, from_date, to_date, customer_name, customer_email, customer_phone, status, created_at,
        leave_token_hash, hold_id, offer_start, offer_expires_at, updated_at
        """;

    public Task JoinAsync(WaitlistEntry entry, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return RunAsync(async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(entry.TenantId),
                Command("""
                    INSERT INTO bookmeatoz.waitlist_entries (tenant_id, entry_id, service_id, staff_id, from_date, to_date, customer_name,
                        customer_email, customer_phone, leave_token_hash, status, created_at, updated_at)
                    VALUES (@tenant, @id, @service, @staff, @from, @to, @name, @email, @phone, @hash, 'waiting', @now, @now)
                    """,
                    Uuid("tenant", entry.TenantId), Uuid("id", entry.Id), Uuid("service", entry.ServiceId), NullableUuid("staff", entry.StaffId),
                    new NpgsqlParameter<DateOnly>("from", entry.From), new NpgsqlParameter<DateOnly>("to", entry.To),
                    Text("name", entry.Customer.Name), Text("email", entry.Customer.Email), NullableText("phone", entry.Customer.Phone),
                    Bytes("hash", entry.LeaveTokenHash ?? []), Time("now", entry.CreatedAt)),
                PostgresAuditStore.Insert(audit));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public async Task<WaitlistEntry?> FindAsync(Guid tenantId, Guid entryId, CancellationToken cancellationToken) =>
        (await ReadAsync(tenantId, $"SELECT {Columns} FROM bookmeatoz.waitlist_entries WHERE tenant_id = @tenant AND entry_id = @id",
            [Uuid("tenant", tenantId), Uuid("id", entryId)], cancellationToken).ConfigureAwait(false)) is [var entry, ..] ? entry : null;

    public Task<IReadOnlyList<WaitlistEntry>> ListAsync(WaitlistQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = "tenant_id = @tenant";
        var parameters = new List<NpgsqlParameter> { Uuid("tenant", query.TenantId), Int("limit", query.Limit) };
        if (query.ServiceId is { } serviceId)
        {
            filter += " AND service_id = @service";
            parameters.Add(Uuid("service", serviceId));
        }

        if (query.Status is { } status)
        {
            filter += " AND status = @status";
            parameters.Add(Text("status", status));
        }

        if (query.After is { } after)
        {
            // Join order (join time, then id); an unknown cursor matches no row, so the list ends (as in memory).
            filter += " AND (created_at, entry_id) > (SELECT a.created_at, a.entry_id FROM bookmeatoz.waitlist_entries a WHERE a.tenant_id = @tenant AND a.entry_id = @after)";
            parameters.Add(Uuid("after", after));
        }

        return ReadAsync(query.TenantId, $"SELECT {Columns} FROM bookmeatoz.waitlist_entries WHERE {filter} ORDER BY created_at, entry_id LIMIT @limit",
            [.. parameters], cancellationToken);
    }

    public Task<IReadOnlyList<WaitlistEntry>> ListActiveAsync(Guid tenantId, int limit, CancellationToken cancellationToken) =>
        ReadAsync(tenantId, $"""
            SELECT {Columns} FROM bookmeatoz.waitlist_entries
            WHERE tenant_id = @tenant AND status IN ('waiting', 'offered') ORDER BY created_at, entry_id LIMIT @limit
            """, [Uuid("tenant", tenantId), Int("limit", limit)], cancellationToken);

    public Task<IReadOnlyList<Guid>> ListActiveTenantsAsync(int limit, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            await using var batch = Batch(connection, null, Command("SELECT tenant_id FROM bookmeatoz.waitlist_active_tenants(@limit)", Int("limit", limit)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var tenants = new List<Guid>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                tenants.Add(reader.GetGuid(0));
            }

            return (IReadOnlyList<Guid>)tenants;
        }, cancellationToken);

    public Task<bool> TransitionAsync(
        Guid tenantId, Guid entryId, string fromStatus, string toStatus, DateTimeOffset now, AuditEntry? audit, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using (var update = Batch(connection, transaction,
                    SetTenant(tenantId),
                    Command("""
                        UPDATE bookmeatoz.waitlist_entries SET status = @to, updated_at = @now
                        WHERE tenant_id = @tenant AND entry_id = @id AND status = @from
                        """, Uuid("tenant", tenantId), Uuid("id", entryId), Text("from", fromStatus), Text("to", toStatus), Time("now", now))))
                {
                    await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    if (update.BatchCommands[1].RecordsAffected != 1)
                    {
                        await transaction.RollbackAsync(ct).ConfigureAwait(false);
                        return false;
                    }
                }

                if (audit is not null)
                {
                    await using var record = Batch(connection, transaction, PostgresAuditStore.Insert(audit));
                    await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return true;
            }
        }, cancellationToken);

    public Task<bool> OfferAsync(WaitlistEntry offered, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offered);
        return RunAsync(async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // The offer, and its event in the same statement: a second offer of the entry (or of the hold) finds nothing.
                await using (var offer = Batch(connection, transaction,
                    SetTenant(offered.TenantId),
                    Command("""
                        WITH w AS (
                            UPDATE bookmeatoz.waitlist_entries
                            SET status = 'offered', hold_id = @hold, offer_start = @start, offer_expires_at = @expires, updated_at = @now
                            WHERE tenant_id = @tenant AND entry_id = @id AND status = 'waiting'
                            RETURNING tenant_id, entry_id, service_id)
                        INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                        SELECT w.tenant_id, 'waitlist.offered', jsonb_build_object(
                            'bookingId', b.booking_id, 'serviceId', b.service_id, 'staffId', b.staff_id, 'start', b.starts_at, 'end', b.ends_at,
                            'status', 'offered', 'waitlistEntryId', w.entry_id, 'expiresAt', b.expires_at)
                        FROM w JOIN bookmeatoz.bookings b ON b.tenant_id = w.tenant_id AND b.booking_id = @hold AND b.status = 'held'
                        """,
                        Uuid("tenant", offered.TenantId), Uuid("id", offered.Id), Uuid("hold", offered.HoldId ?? Guid.Empty),
                        NullableTime("start", offered.OfferStart), NullableTime("expires", offered.OfferExpiresAt), Time("now", offered.UpdatedAt))))
                {
                    await offer.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    if (offer.BatchCommands[1].RecordsAffected != 1)
                    {
                        await transaction.RollbackAsync(ct).ConfigureAwait(false);
                        return false;
                    }
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

    public async Task<IAsyncDisposable?> TryLockTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        // A connection of its own, in a transaction that holds the tenant's advisory lock until the pass is over.
        var connection = await sources.Primary.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            bool taken;
            await using (var batch = Batch(connection, transaction,
                Command("SELECT pg_try_advisory_xact_lock(hashtextextended('bookmeatoz.waitlist:' || @tenant, 0))", Text("tenant", tenantId.ToString()))))
            {
                taken = await batch.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
            }

            if (!taken)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            return new Held(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private Task<IReadOnlyList<WaitlistEntry>> ReadAsync(Guid tenantId, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            await using var batch = Batch(connection, null, SetTenant(tenantId), Command(sql, parameters));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            var entries = new List<WaitlistEntry>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                entries.Add(new WaitlistEntry(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetGuid(3),
                    reader.GetFieldValue<DateOnly>(4), reader.GetFieldValue<DateOnly>(5),
                    new Customer(reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)),
                    reader.GetString(9), reader.GetFieldValue<DateTimeOffset>(10))
                {
                    LeaveTokenHash = reader.GetFieldValue<byte[]>(11),
                    HoldId = reader.IsDBNull(12) ? null : reader.GetGuid(12),
                    OfferStart = reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13),
                    OfferExpiresAt = reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14),
                    UpdatedAt = reader.GetFieldValue<DateTimeOffset>(15),
                });
            }

            return (IReadOnlyList<WaitlistEntry>)entries;
        }, cancellationToken);

    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await sources.Primary.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await work(connection, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (PostgresFaults.IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
        {
            if (PostgresFaults.BreaksConnections(e))
            {
                sources.Clear();
            }

            throw new StoreUnavailableException("The database is unavailable; try again shortly.", e);
        }
    }

    private sealed class Held(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
