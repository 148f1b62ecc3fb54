using BookMeAtOz.Audit;
using BookMeAtOz.Bookings;
using BookMeAtOz.Customers;
using BookMeAtOz.Notifications;
using BookMeAtOz.Tenancy;
using Npgsql;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

// Customers (a tenant's bookings grouped by lower(e-mail)), their export and erasure, and closing tenants. Summaries are
// computed from the bookings by the same code as the in-memory store's (CustomerSummary.Of). Erasure is one transaction:
// bookings, the audit entries about them (through bookmeatoz.erase_booking_audit, migration 0011: the audit log is
// append-only for the application), idempotency responses and notifications.
internal sealed partial class PostgresBookingStore : ICustomerStore, ITenantLifecycleStore
{
    // A customer's bookings: not holds (held, or released or lapsed as holds: a row made as a hold and never booked has
    // no manage token), not erased (an erased booking carries a placeholder address).
    private const string CustomerBookingFilter = """
        octet_length(b.manage_token_hash) > 0 AND lower(b.customer_email) NOT LIKE '%@erased.invalid'
        """;

    /// <inheritdoc />
    public Task<IReadOnlyList<CustomerSummary>> ListCustomersAsync(CustomerQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync(ReadFrom.Primary, "list customers", async (connection, ct) =>
        {
            var parameters = new List<NpgsqlParameter> { Uuid("tenant", query.TenantId), Int("limit", query.Limit) };
            var after = string.Empty;
            if (query.After is { } a)
            {
                after = """AND lower(b.customer_email) COLLATE "C" > @after""";
                parameters.Add(Text("after", a));
            }

            var having = string.Empty;
            if (query.Search is { } search)
            {
                having = "HAVING bool_or(b.customer_name ILIKE @pattern OR b.customer_email ILIKE @pattern OR COALESCE(b.customer_phone, '') ILIKE @pattern)";
                parameters.Add(Text("pattern", "%" + search.Replace(@"\", @"\\", StringComparison.Ordinal)
                    .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%"));
            }

            await using var batch = Batch(connection, null,
                SetTenant(query.TenantId),
                Command($"""
                    WITH page AS (
                        SELECT lower(b.customer_email) COLLATE "C" AS customer_key
                        FROM bookmeatoz.bookings b
                        WHERE b.tenant_id = @tenant AND {CustomerBookingFilter} {after}
                        GROUP BY 1 {having}
                        ORDER BY 1 LIMIT @limit)
                    SELECT {BookingColumns} FROM page p
                    JOIN bookmeatoz.bookings b ON b.tenant_id = @tenant AND lower(b.customer_email) = p.customer_key
                    WHERE {CustomerBookingFilter}
                    """, [.. parameters]));
            var bookings = await ReadCustomerBookingsAsync(batch, ct).ConfigureAwait(false);
            return (IReadOnlyList<CustomerSummary>)[.. bookings
                .GroupBy(b => CustomerSummary.Key(b.Customer.Email), StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => CustomerSummary.Of([.. g]))];
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<(CustomerSummary Customer, IReadOnlyList<Booking> Bookings)?> FindCustomerAsync(Guid tenantId, string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        return ReadAsync(ReadFrom.Primary, "find customer", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null, SetTenant(tenantId), SelectCustomerBookings(tenantId, email, forUpdate: false));
            var bookings = Ordered(await ReadCustomerBookingsAsync(batch, ct).ConfigureAwait(false));
            return bookings.Count == 0 ? ((CustomerSummary, IReadOnlyList<Booking>)?)null : (CustomerSummary.Of(bookings), bookings);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<CustomerExport?> ExportCustomerAsync(Guid tenantId, string email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        return WriteAsync("export customer", async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                List<Booking> bookings;
                await using (var batch = Batch(connection, transaction, SetTenant(tenantId), SelectCustomerBookings(tenantId, email, forUpdate: false)))
                {
                    bookings = Ordered(await ReadCustomerBookingsAsync(batch, ct).ConfigureAwait(false));
                }

                if (bookings.Count == 0)
                {
                    return null;
                }

                var ids = bookings.Select(b => b.Id).ToArray();
                var audit = new List<AuditEntry>();
                var notifications = new List<NotificationRecord>();
                await using (var batch = Batch(connection, transaction,
                    Command("""
                        SELECT audit_id, tenant_id, at, actor_type, actor_id, entity, entity_id, action, before::text, after::text
                        FROM bookmeatoz.audit_log WHERE tenant_id = @tenant AND entity_id = ANY(@ids)
                        """, Uuid("tenant", tenantId), Uuids("ids", ids)),
                    Command("""
                        SELECT notification_id, tenant_id, kind, booking_id, status, attempts, created_at, due_at, next_attempt_at, sent_at, last_error
                        FROM bookmeatoz.notifications
                        WHERE tenant_id = @tenant AND booking_id = ANY(@ids) AND kind NOT IN ('password_reset', 'invitation')
                        """, Uuid("tenant", tenantId), Uuids("ids", ids))))
                {
                    await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        audit.Add(new AuditEntry(
                            reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3),
                            reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.GetString(5), reader.GetGuid(6), reader.GetString(7),
                            reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9)));
                    }

                    await reader.NextResultAsync(ct).ConfigureAwait(false);
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        notifications.Add(new NotificationRecord(
                            reader.GetGuid(0), reader.GetGuid(1), NotificationNames.ParseKind(reader.GetString(2)), reader.GetGuid(3),
                            NotificationNames.ParseStatus(reader.GetString(4)) ?? NotificationStatus.Pending, reader.GetInt32(5),
                            reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8),
                            reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetString(10)));
                    }
                }

                await using (var batch = Batch(connection, transaction, PostgresAuditStore.Insert(CustomerAudit.Exported(tenantId, ids, now))))
                {
                    await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return new CustomerExport(
                    CustomerSummary.Of(bookings), bookings,
                    [.. audit.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)],
                    [.. notifications.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)]);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<CustomerErasure?> EraseCustomerAsync(Guid tenantId, string email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        return WriteAsync("erase customer", async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var erasureId = Guid.CreateVersion7(now);
                var placeholder = CustomerErasure.PlaceholderFor(erasureId);

                // The customer limit's lock: a booking checked against the limit is not made for the address meanwhile.
                var ids = new List<Guid>();
                await using (var batch = Batch(connection, transaction,
                    SetTenant(tenantId),
                    Command("SELECT pg_advisory_xact_lock(hashtextextended('bookmeatoz.customer:' || @tenant::text || ':' || lower(@email), 0))",
                        Uuid("tenant", tenantId), Text("email", email)),
                    Command($"""
                        UPDATE bookmeatoz.bookings b
                        SET customer_name = @name, customer_email = @placeholder, customer_phone = NULL, notes = NULL, cancel_reason = NULL,
                            answers = '[]', erased_at = @now
                        WHERE b.tenant_id = @tenant AND lower(b.customer_email) = lower(@email) AND {CustomerBookingFilter}
                        RETURNING b.booking_id
                        """, Uuid("tenant", tenantId), Text("email", email), Text("name", CustomerErasure.ErasedName),
                        Text("placeholder", placeholder), Time("now", now))))
                {
                    await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await reader.NextResultAsync(ct).ConfigureAwait(false);
                    await reader.NextResultAsync(ct).ConfigureAwait(false);
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        ids.Add(reader.GetGuid(0));
                    }
                }

                if (ids.Count == 0)
                {
                    return null;
                }

                var responses = new List<(string Key, string Response)>();
                await using (var batch = Batch(connection, transaction,
                    Command("SELECT bookmeatoz.erase_booking_audit(@tenant, @ids)", Uuid("tenant", tenantId), Uuids("ids", ids)),
                    Command("""
                        UPDATE bookmeatoz.notifications
                        SET status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status END,
                            last_error = CASE WHEN status = 'pending' THEN @erased ELSE NULL END,
                            locked_until = CASE WHEN status = 'pending' THEN NULL ELSE locked_until END
                        WHERE tenant_id = @tenant AND booking_id = ANY(@ids)
                        """, Uuid("tenant", tenantId), Uuids("ids", ids), Text("erased", ErasedNotificationError))))
                {
                    await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await using (var batch = Batch(connection, transaction,
                    Command("""
                        SELECT idempotency_key, response FROM bookmeatoz.idempotency_keys
                        WHERE tenant_id = @tenant AND response IS NOT NULL AND strpos(lower(response), lower(@email)) > 0
                        FOR UPDATE
                        """, Uuid("tenant", tenantId), Text("email", email))))
                {
                    await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        responses.Add((reader.GetString(0), reader.GetString(1)));
                    }
                }

                var erasure = new CustomerErasure(erasureId, placeholder, [.. ids.Order()]);
                var writes = responses.Select((r, i) => Command(
                    $"UPDATE bookmeatoz.idempotency_keys SET response = @response_{i} WHERE tenant_id = @tenant AND idempotency_key = @key_{i}",
                    Uuid("tenant", tenantId), Text($"key_{i}", r.Key), Text($"response_{i}", CustomerErasure.Scrub(r.Response, email, placeholder))))
                    .Append(PostgresAuditStore.Insert(CustomerAudit.Erased(tenantId, erasure, now)));
                await using (var batch = Batch(connection, transaction, [.. writes]))
                {
                    await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return erasure;
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> CloseTenantAsync(Guid tenantId, DateTimeOffset now, DateTimeOffset purgeAfter, CancellationToken cancellationToken) =>
        WriteAsync("close tenant", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command("""
                    WITH closed AS (
                        UPDATE bookmeatoz.tenants SET closed_at = @now, purge_after = @purge_after
                        WHERE tenant_id = @tenant AND closed_at IS NULL
                        RETURNING tenant_id),
                    changed AS (
                        INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                        SELECT tenant_id, 'tenant.updated', jsonb_build_object('tenantId', tenant_id) FROM closed)
                    INSERT INTO bookmeatoz.audit_log (tenant_id, audit_id, at, actor_type, actor_id, entity, entity_id, action, before, after)
                    SELECT tenant_id, @audit_id, @audit_at, @audit_actor_type, @audit_actor, @audit_entity, @audit_entity_id, @audit_action,
                           @audit_before, @audit_after
                    FROM closed
                    """, [Uuid("tenant", tenantId), Time("now", now), Time("purge_after", purgeAfter), .. AuditParameters(TenantLifecycle.ClosedEntry(tenantId, now, purgeAfter))]));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return batch.BatchCommands[1].RecordsAffected == 1;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Guid>> PurgeClosedTenantsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        WriteAsync("purge closed tenants", async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand("SELECT bookmeatoz.purge_closed_tenants(@now, @limit)", connection);
            command.Parameters.Add(Time("now", now));
            command.Parameters.Add(Int("limit", limit));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var purged = new List<Guid>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                purged.Add(reader.GetGuid(0));
            }

            return (IReadOnlyList<Guid>)purged;
        }, cancellationToken);

    private const string ErasedNotificationError = "The customer's data was erased.";

    private static NpgsqlParameter[] AuditParameters(AuditEntry entry) => [.. PostgresAuditStore.Insert(entry).Parameters.Select(p => p.Clone())];

    private static NpgsqlBatchCommand SelectCustomerBookings(Guid tenantId, string email, bool forUpdate) =>
        Command($"""
            SELECT {BookingColumns} FROM bookmeatoz.bookings b
            WHERE b.tenant_id = @tenant AND lower(b.customer_email) = lower(@email) AND {CustomerBookingFilter}
            {(forUpdate ? "FOR UPDATE" : string.Empty)}
            """, Uuid("tenant", tenantId), Text("email", email));

    private static List<Booking> Ordered(IEnumerable<Booking> bookings) => [.. bookings.OrderByDescending(b => b.Start).ThenByDescending(b => b.Id)];

    private static async Task<List<Booking>> ReadCustomerBookingsAsync(NpgsqlBatch batch, CancellationToken ct)
    {
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var result = new List<Booking>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(ReadBooking(reader));
        }

        return result;
    }
}
