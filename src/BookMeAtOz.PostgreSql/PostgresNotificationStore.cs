using BookMeAtOz.Notifications;
using Npgsql;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

/// <summary>
/// The e-mail queue in <c>bookmeatoz.notifications</c> (migration 0003). Claiming works across tenants through
/// <c>claim_notifications</c> (<c>FOR UPDATE SKIP LOCKED</c>, a lease per claim); everything else is scoped to one
/// tenant by row-level security like the rest of the store.
/// </summary>
internal sealed class PostgresNotificationStore(PostgresDataSources sources) : INotificationStore
{
    private const string Columns = """
        notification_id, tenant_id, kind, booking_id, status, attempts, created_at, due_at, next_attempt_at, sent_at, last_error
        """;

    public Task<IReadOnlyList<NotificationWork>> ClaimAsync(int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            await using var batch = Batch(connection, null, Command(
                "SELECT tenant_id, notification_id, kind, booking_id, attempts, details::text, created_at FROM bookmeatoz.claim_notifications(@limit, @now, @lease)",
                Int("limit", limit), Time("now", now), new NpgsqlParameter<TimeSpan>("lease", lease)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var claimed = new List<NotificationWork>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                claimed.Add(new NotificationWork(
                    reader.GetGuid(1), reader.GetGuid(0), NotificationNames.ParseKind(reader.GetString(2)), reader.GetGuid(3), reader.GetInt32(4),
                    NotificationJson.Read(reader.GetString(5)), reader.GetFieldValue<DateTimeOffset>(6)));
            }

            return (IReadOnlyList<NotificationWork>)claimed;
        }, cancellationToken);

    public Task<bool> FinishAsync(NotificationWork work, NotificationOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(outcome);
        return RunAsync(async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(work.TenantId),
                Command("""
                    UPDATE bookmeatoz.notifications
                    SET status = @status, last_error = @error, locked_until = NULL,
                        sent_at = CASE WHEN @status = 'sent' THEN @at END,
                        next_attempt_at = COALESCE(@retry_at, next_attempt_at)
                    WHERE tenant_id = @tenant AND notification_id = @id AND attempts = @attempt AND status = 'pending'
                    """,
                    Uuid("tenant", work.TenantId), Uuid("id", work.Id), Int("attempt", work.Attempt),
                    Text("status", NotificationNames.Of(outcome.Status)), NullableText("error", outcome.Error), Time("at", outcome.At),
                    NullableTime("retry_at", outcome.RetryAt)));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return batch.BatchCommands[1].RecordsAffected == 1;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<NotificationRecord>> ListAsync(
        Guid tenantId, NotificationStatus? status, (DateTimeOffset CreatedAt, Guid Id)? after, int limit, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            // Booking e-mails only: account e-mails (resets, invitations) are nobody else's business.
            var filter = "tenant_id = @tenant AND kind NOT IN ('password_reset', 'invitation')";
            var parameters = new List<NpgsqlParameter> { Uuid("tenant", tenantId), Int("limit", limit) };
            if (status is { } s)
            {
                filter += " AND status = @status";
                parameters.Add(Text("status", NotificationNames.Of(s)));
            }

            if (after is { } a)
            {
                filter += " AND (created_at, notification_id) < (@after_at, @after_id)";
                parameters.Add(Time("after_at", a.CreatedAt));
                parameters.Add(Uuid("after_id", a.Id));
            }

            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command($"SELECT {Columns} FROM bookmeatoz.notifications WHERE {filter} ORDER BY created_at DESC, notification_id DESC LIMIT @limit",
                    [.. parameters]));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            var result = new List<NotificationRecord>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                result.Add(new NotificationRecord(
                    reader.GetGuid(0), reader.GetGuid(1), NotificationNames.ParseKind(reader.GetString(2)), reader.GetGuid(3),
                    NotificationNames.ParseStatus(reader.GetString(4)) ?? NotificationStatus.Pending, reader.GetInt32(5),
                    reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8),
                    reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetString(10)));
            }

            return (IReadOnlyList<NotificationRecord>)result;
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
}
