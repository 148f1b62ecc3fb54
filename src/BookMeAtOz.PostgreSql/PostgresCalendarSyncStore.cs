using BookMeAtOz.Calendars;
using BookMeAtOz.Scheduling;
using Npgsql;
using NpgsqlTypes;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

/// <summary>The PostgreSQL <see cref="ICalendarSyncStore"/> (migration 0019): tenant-scoped rows, cross-tenant claims in SECURITY DEFINER functions.</summary>
internal sealed class PostgresCalendarSyncStore(PostgresDataSources sources) : ICalendarSyncStore
{
    private const string Columns = """
        tenant_id, staff_id, connection_id, url, username, password, created_at, sync_token, window_start, last_sync_at, last_attempt_at,
        last_error, failures, next_sync_at, event_count, write_back_due
        """;

    public Task<CalendarConnection?> FindConnectionAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        RunAsync(sources.Primary, async (connection, ct) =>
        {
            await using var batch = Batch(connection, null, SetTenant(tenantId),
                Command($"SELECT {Columns} FROM bookmeatoz.calendar_connections WHERE tenant_id = @tenant AND staff_id = @staff",
                    Uuid("tenant", tenantId), Uuid("staff", staffId)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(reader) : null;
        }, cancellationToken);

    public Task SaveConnectionAsync(CalendarConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return RunAsync(sources.Primary, async (db, ct) =>
        {
            await using var transaction = await db.BeginTransactionAsync(ct).ConfigureAwait(false);
            // A different connection replaces the old one, whose busy time and written events go with it (cascade).
            await using var batch = Batch(db, transaction, SetTenant(connection.TenantId),
                Command("DELETE FROM bookmeatoz.calendar_connections WHERE tenant_id = @tenant AND staff_id = @staff AND connection_id <> @id",
                    Uuid("tenant", connection.TenantId), Uuid("staff", connection.StaffId), Uuid("id", connection.Id)),
                Command($"""
                    INSERT INTO bookmeatoz.calendar_connections ({Columns})
                    VALUES (@tenant, @staff, @id, @url, @username, @password, @created_at, @sync_token, @window_start, @last_sync_at,
                            @last_attempt_at, @last_error, @failures, @next_sync_at, @event_count, @write_back_due)
                    ON CONFLICT (tenant_id, staff_id) DO UPDATE SET
                        url = excluded.url, username = excluded.username, password = excluded.password, sync_token = excluded.sync_token,
                        window_start = excluded.window_start, last_sync_at = excluded.last_sync_at, last_attempt_at = excluded.last_attempt_at,
                        last_error = excluded.last_error, failures = excluded.failures, next_sync_at = excluded.next_sync_at,
                        event_count = excluded.event_count, write_back_due = excluded.write_back_due
                    """,
                    Uuid("tenant", connection.TenantId), Uuid("staff", connection.StaffId), Uuid("id", connection.Id), Text("url", connection.Url),
                    Text("username", connection.Username), Bytes("password", connection.ProtectedPassword), Time("created_at", connection.CreatedAt),
                    NullableText("sync_token", connection.SyncToken), NullableTime("window_start", connection.WindowStart),
                    NullableTime("last_sync_at", connection.LastSyncAt), NullableTime("last_attempt_at", connection.LastAttemptAt),
                    NullableText("last_error", connection.LastError), Int("failures", connection.Failures), Time("next_sync_at", connection.NextSyncAt),
                    Int("event_count", connection.EventCount), Bool("write_back_due", connection.WriteBackDue)));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<bool> DeleteConnectionAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        RunAsync(sources.Primary, async (connection, ct) =>
        {
            await using var batch = Batch(connection, null, SetTenant(tenantId),
                Command("DELETE FROM bookmeatoz.calendar_connections WHERE tenant_id = @tenant AND staff_id = @staff",
                    Uuid("tenant", tenantId), Uuid("staff", staffId)));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return batch.BatchCommands[1].RecordsAffected == 1;
        }, cancellationToken);

    public Task<IReadOnlyList<CalendarConnection>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        RunAsync(sources.Primary, async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand($"SELECT {Columns} FROM bookmeatoz.claim_calendar_syncs(@now, @lease, @limit)", connection);
            command.Parameters.Add(Time("now", now));
            command.Parameters.Add(new NpgsqlParameter<TimeSpan>("lease", lease));
            command.Parameters.Add(Int("limit", limit));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var result = new List<CalendarConnection>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                result.Add(Read(reader));
            }

            return (IReadOnlyList<CalendarConnection>)result;
        }, cancellationToken);

    public Task<DateTimeOffset?> NextSyncAtAsync(CancellationToken cancellationToken) =>
        RunAsync(sources.Primary, async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand("SELECT bookmeatoz.next_calendar_sync_at()", connection);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            return reader.IsDBNull(0) ? null : (DateTimeOffset?)reader.GetFieldValue<DateTimeOffset>(0);
        }, cancellationToken);

    public Task<bool> RequestSyncAsync(Guid tenantId, Guid staffId, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(sources.Primary, async (connection, ct) =>
        {
            await using var batch = Batch(connection, null, SetTenant(tenantId),
                Command("""
                    UPDATE bookmeatoz.calendar_connections SET next_sync_at = LEAST(next_sync_at, @now), write_back_due = true
                    WHERE tenant_id = @tenant AND staff_id = @staff
                    """, Uuid("tenant", tenantId), Uuid("staff", staffId), Time("now", now)));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return batch.BatchCommands[1].RecordsAffected == 1;
        }, cancellationToken);

    public Task<bool> SaveImportAsync(CalendarImport import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        return RunAsync(sources.Primary, async (connection, ct) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (var head = Batch(connection, transaction, SetTenant(import.TenantId),
                Command("SELECT 1 FROM bookmeatoz.calendar_connections WHERE tenant_id = @tenant AND connection_id = @connection FOR UPDATE",
                    Uuid("tenant", import.TenantId), Uuid("connection", import.ConnectionId))))
            {
                await using var reader = await head.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await reader.NextResultAsync(ct).ConfigureAwait(false);
                if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    return false;
                }
            }

            var gone = import.ReplaceAll ? null : import.RemovedHrefs.Concat(import.Events.Select(e => e.Href)).Distinct(StringComparer.Ordinal).ToArray();
            await using (var delete = Batch(connection, transaction, import.ReplaceAll
                ? Command("DELETE FROM bookmeatoz.calendar_busy WHERE tenant_id = @tenant AND connection_id = @connection",
                    Uuid("tenant", import.TenantId), Uuid("connection", import.ConnectionId))
                : Command("DELETE FROM bookmeatoz.calendar_busy WHERE tenant_id = @tenant AND connection_id = @connection AND href = ANY(@hrefs)",
                    Uuid("tenant", import.TenantId), Uuid("connection", import.ConnectionId), new NpgsqlParameter<string[]>("hrefs", gone!))))
            {
                await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            var rows = import.Events.SelectMany(e => e.Busy.Select(b => (e.Href, b))).ToList();
            if (rows.Count > 0)
            {
                // INSERT from arrays, not COPY: COPY FROM is refused on tables with row-level security.
                await using var insert = Batch(connection, transaction, Command("""
                    INSERT INTO bookmeatoz.calendar_busy (tenant_id, staff_id, connection_id, href, busy)
                    SELECT @tenant, @staff, @connection, x.href, tstzrange(x.starts_at, x.ends_at)
                    FROM unnest(@hrefs, @starts, @ends) AS x(href, starts_at, ends_at)
                    """, Uuid("tenant", import.TenantId), Uuid("staff", import.StaffId), Uuid("connection", import.ConnectionId),
                    new NpgsqlParameter<string[]>("hrefs", [.. rows.Select(r => r.Href)]),
                    new NpgsqlParameter<DateTime[]>("starts", [.. rows.Select(r => r.b.Start.UtcDateTime)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
                    new NpgsqlParameter<DateTime[]>("ends", [.. rows.Select(r => r.b.End.UtcDateTime)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz }));
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using (var finish = Batch(connection, transaction, Command("""
                UPDATE bookmeatoz.calendar_connections SET
                    sync_token = @token, window_start = CASE WHEN @replace THEN @window ELSE window_start END,
                    last_sync_at = @at, last_attempt_at = @at, last_error = NULL, failures = 0,
                    next_sync_at = CASE WHEN write_back_due THEN next_sync_at ELSE @next END,
                    event_count = (SELECT count(DISTINCT b.href) FROM bookmeatoz.calendar_busy b WHERE b.tenant_id = @tenant AND b.connection_id = @connection)
                WHERE tenant_id = @tenant AND connection_id = @connection
                """, Uuid("tenant", import.TenantId), Uuid("connection", import.ConnectionId), NullableText("token", import.SyncToken),
                Bool("replace", import.ReplaceAll), Time("window", import.WindowStart), Time("at", import.SyncedAt), Time("next", import.NextSyncAt))))
            {
                await finish.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<bool> RecordFailureAsync(
        Guid tenantId, Guid staffId, Guid connectionId, string message, DateTimeOffset at, DateTimeOffset nextSyncAt, CancellationToken cancellationToken) =>
        RunAsync(sources.Primary, async (connection, ct) =>
        {
            await using var batch = Batch(connection, null, SetTenant(tenantId),
                Command("""
                    UPDATE bookmeatoz.calendar_connections
                    SET last_error = @error, last_attempt_at = @at, failures = failures + 1, next_sync_at = @next, write_back_due = true
                    WHERE tenant_id = @tenant AND staff_id = @staff AND connection_id = @connection
                    """, Uuid("tenant", tenantId), Uuid("staff", staffId), Uuid("connection", connectionId), Text("error", message),
                    Time("at", at), Time("next", nextSyncAt)));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return batch.BatchCommands[1].RecordsAffected == 1;
        }, cancellationToken);

    public Task<IReadOnlyList<ExternalBusyTime>> GetBusyTimeAsync(
        Guid tenantId, IReadOnlyList<Guid> staffIds, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        RunAsync(sources.Standby, async (connection, ct) =>
        {
            // Merged per staff member: back-to-back or overlapping events block the same time as one range.
            await using var batch = Batch(connection, null, SetTenant(tenantId),
                Command("""
                    SELECT m.staff_id, lower(r), upper(r)
                    FROM (SELECT b.staff_id, range_agg(b.busy) AS busy FROM bookmeatoz.calendar_busy b
                          WHERE b.tenant_id = @tenant AND b.staff_id = ANY(@staff) AND b.busy && tstzrange(@from, @until)
                          GROUP BY b.staff_id) m
                    CROSS JOIN LATERAL unnest(m.busy) AS r
                    """, Uuid("tenant", tenantId), Uuids("staff", staffIds), Time("from", from), Time("until", until)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            var result = new List<ExternalBusyTime>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                result.Add(new ExternalBusyTime(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }

            return (IReadOnlyList<ExternalBusyTime>)result;
        }, cancellationToken);

    public Task<IReadOnlyList<CalendarWrittenEvent>> ListWrittenAsync(Guid tenantId, Guid staffId, Guid connectionId, CancellationToken cancellationToken) =>
        RunAsync(sources.Primary, async (connection, ct) =>
        {
            await using var batch = Batch(connection, null, SetTenant(tenantId),
                Command("""
                    SELECT booking_id, href, etag, starts_at, ends_at FROM bookmeatoz.calendar_written
                    WHERE tenant_id = @tenant AND connection_id = @connection AND staff_id = @staff
                    """, Uuid("tenant", tenantId), Uuid("connection", connectionId), Uuid("staff", staffId)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            var result = new List<CalendarWrittenEvent>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                result.Add(new CalendarWrittenEvent(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4)));
            }

            return (IReadOnlyList<CalendarWrittenEvent>)result;
        }, cancellationToken);

    public Task SaveWrittenAsync(Guid tenantId, Guid staffId, Guid connectionId, CalendarWrittenEvent written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(written);
        return RunAsync(sources.Primary, async (connection, ct) =>
        {
            // Only while the connection exists (a disconnect meanwhile leaves nothing behind).
            await using var batch = Batch(connection, null, SetTenant(tenantId),
                Command("""
                    INSERT INTO bookmeatoz.calendar_written (tenant_id, staff_id, connection_id, booking_id, href, etag, starts_at, ends_at)
                    SELECT @tenant, @staff, @connection, @booking, @href, @etag, @start, @end
                    WHERE EXISTS (SELECT 1 FROM bookmeatoz.calendar_connections c WHERE c.tenant_id = @tenant AND c.connection_id = @connection)
                    ON CONFLICT (tenant_id, connection_id, booking_id) DO UPDATE SET
                        href = excluded.href, etag = excluded.etag, starts_at = excluded.starts_at, ends_at = excluded.ends_at
                    """, Uuid("tenant", tenantId), Uuid("staff", staffId), Uuid("connection", connectionId), Uuid("booking", written.BookingId),
                    Text("href", written.Href), NullableText("etag", written.ETag), Time("start", written.Start), Time("end", written.End)));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task RemoveWrittenAsync(Guid tenantId, Guid staffId, Guid connectionId, Guid bookingId, CancellationToken cancellationToken) =>
        RunAsync(sources.Primary, async (connection, ct) =>
        {
            await using var batch = Batch(connection, null, SetTenant(tenantId),
                Command("DELETE FROM bookmeatoz.calendar_written WHERE tenant_id = @tenant AND connection_id = @connection AND booking_id = @booking",
                    Uuid("tenant", tenantId), Uuid("connection", connectionId), Uuid("booking", bookingId)));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<CalendarSyncHealth> GetHealthAsync(CancellationToken cancellationToken) =>
        RunAsync(sources.Primary, async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand("SELECT connections, failing, oldest_sync_at FROM bookmeatoz.calendar_sync_health()", connection);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            return new CalendarSyncHealth(reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
        }, cancellationToken);

    private static CalendarConnection Read(NpgsqlDataReader r) =>
        new(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetFieldValue<byte[]>(5), r.GetFieldValue<DateTimeOffset>(6))
        {
            SyncToken = r.IsDBNull(7) ? null : r.GetString(7),
            WindowStart = r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
            LastSyncAt = r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9),
            LastAttemptAt = r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10),
            LastError = r.IsDBNull(11) ? null : r.GetString(11),
            Failures = r.GetInt32(12),
            NextSyncAt = r.GetFieldValue<DateTimeOffset>(13),
            EventCount = r.GetInt32(14),
            WriteBackDue = r.GetBoolean(15),
        };

    private async Task<T> RunAsync<T>(NpgsqlDataSource source, Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
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
}
