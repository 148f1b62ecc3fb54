using BookMeAtOz.Webhooks;
using Npgsql;
using NpgsqlTypes;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

/// <summary>
/// Webhook subscriptions and deliveries in <c>bookmeatoz.webhook_subscriptions</c> and <c>webhook_deliveries</c>
/// (migration 0016). The outbox relay queues deliveries in its own transaction (<see cref="EnqueueCommand"/>);
/// claiming works across tenants through <c>claim_webhook_deliveries</c> (<c>FOR UPDATE SKIP LOCKED</c>, a lease per
/// claim); everything else is scoped to one tenant by row-level security like the rest of the store.
/// </summary>
internal sealed class PostgresWebhookStore(PostgresDataSources sources) : IWebhookStore
{
    private const string SubscriptionColumns = "subscription_id, tenant_id, url, events, enabled, created_at, failing_since, disabled_at";

    private const string DeliveryColumns = """
        delivery_id, subscription_id, event_id, event_type, status, attempts, created_at, next_attempt_at, last_attempt_at,
        response_status, duration_ms, response_excerpt, last_error, replay_of, body
        """;

    public Task<IReadOnlyList<WebhookSubscription>> ListAsync(Guid tenantId, CancellationToken cancellationToken) =>
        ReadSubscriptionsAsync(tenantId, $"SELECT {SubscriptionColumns} FROM bookmeatoz.webhook_subscriptions WHERE tenant_id = @tenant ORDER BY created_at, subscription_id",
            [Uuid("tenant", tenantId)], cancellationToken);

    public async Task<WebhookSubscription?> FindAsync(Guid tenantId, Guid subscriptionId, CancellationToken cancellationToken) =>
        First(await ReadSubscriptionsAsync(tenantId,
            $"SELECT {SubscriptionColumns} FROM bookmeatoz.webhook_subscriptions WHERE tenant_id = @tenant AND subscription_id = @id",
            [Uuid("tenant", tenantId), Uuid("id", subscriptionId)], cancellationToken).ConfigureAwait(false));

    public Task<bool> CreateAsync(WebhookSubscription subscription, byte[] protectedSecret, int maxPerTenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return RunAsync(async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // The tenant's row lock serializes creates, so the limit holds under concurrency.
                await using var batch = Batch(connection, transaction,
                    SetTenant(subscription.TenantId),
                    Command("SELECT 1 FROM bookmeatoz.tenants WHERE tenant_id = @tenant FOR NO KEY UPDATE", Uuid("tenant", subscription.TenantId)),
                    Command("""
                        INSERT INTO bookmeatoz.webhook_subscriptions (tenant_id, subscription_id, url, events, enabled, secret, created_at)
                        SELECT @tenant, @id, @url, @events, true, @secret, @now
                        WHERE (SELECT count(*) FROM bookmeatoz.webhook_subscriptions WHERE tenant_id = @tenant) < @max
                        """,
                        Uuid("tenant", subscription.TenantId), Uuid("id", subscription.Id), Text("url", subscription.Url),
                        new NpgsqlParameter<string[]>("events", [.. subscription.Events]), Bytes("secret", protectedSecret),
                        Time("now", subscription.CreatedAt), Int("max", maxPerTenant)));
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                var created = batch.BatchCommands[2].RecordsAffected == 1;
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return created;
            }
        }, cancellationToken);
    }

    public async Task<WebhookSubscription?> UpdateAsync(
        Guid tenantId, Guid subscriptionId, string? url, IReadOnlyList<string>? events, bool? enabled, DateTimeOffset now, CancellationToken cancellationToken) =>
        First(await ReadSubscriptionsAsync(tenantId, $"""
            UPDATE bookmeatoz.webhook_subscriptions
            SET url = COALESCE(@url, url), events = COALESCE(@events, events),
                enabled = COALESCE(@enabled, enabled),
                failing_since = CASE WHEN @enabled AND NOT enabled THEN NULL ELSE failing_since END,
                disabled_at = CASE WHEN @enabled THEN NULL WHEN NOT @enabled AND enabled THEN @now ELSE disabled_at END
            WHERE tenant_id = @tenant AND subscription_id = @id
            RETURNING {SubscriptionColumns}
            """,
            [Uuid("tenant", tenantId), Uuid("id", subscriptionId), NullableText("url", url),
             new NpgsqlParameter("events", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = events is null ? DBNull.Value : events.ToArray() },
             new NpgsqlParameter("enabled", NpgsqlDbType.Boolean) { Value = enabled is { } e ? e : DBNull.Value }, Time("now", now)],
            cancellationToken).ConfigureAwait(false));

    public Task<bool> DeleteAsync(Guid tenantId, Guid subscriptionId, CancellationToken cancellationToken) =>
        ExecuteAsync(tenantId, "DELETE FROM bookmeatoz.webhook_subscriptions WHERE tenant_id = @tenant AND subscription_id = @id",
            [Uuid("tenant", tenantId), Uuid("id", subscriptionId)], cancellationToken);

    public Task<bool> RotateSecretAsync(Guid tenantId, Guid subscriptionId, byte[] protectedSecret, DateTimeOffset previousUntil, CancellationToken cancellationToken) =>
        ExecuteAsync(tenantId, """
            UPDATE bookmeatoz.webhook_subscriptions
            SET previous_secret = secret, previous_secret_until = @until, secret = @secret
            WHERE tenant_id = @tenant AND subscription_id = @id
            """,
            [Uuid("tenant", tenantId), Uuid("id", subscriptionId), Bytes("secret", protectedSecret), Time("until", previousUntil)], cancellationToken);

    public async Task EnqueueAsync(IReadOnlyList<WebhookEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        await RunAsync(async (connection, ct) =>
        {
            await using var batch = Batch(connection, null, EnqueueCommand(events, now));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The relay's statement: queues the events for the subscriptions that want them (run it in the relay's transaction).</summary>
    internal static NpgsqlBatchCommand EnqueueCommand(IReadOnlyList<WebhookEvent> events, DateTimeOffset now) =>
        Command("SELECT bookmeatoz.enqueue_webhooks(@tenants, @ids, @types, @keys, @sequences, @bodies, @created, @now)",
            Uuids("tenants", events.Select(e => e.TenantId)),
            Uuids("ids", events.Select(e => e.Id)),
            new NpgsqlParameter<string[]>("types", [.. events.Select(e => e.Type)]),
            new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = events.Select(e => e.OrderKey).ToArray() },
            new NpgsqlParameter<long[]>("sequences", [.. events.Select(e => e.Sequence)]),
            new NpgsqlParameter<string[]>("bodies", [.. events.Select(e => e.Body)]),
            new NpgsqlParameter<DateTimeOffset[]>("created", [.. events.Select(e => e.CreatedAt.ToUniversalTime())]),
            Time("now", now));

    public Task<bool> EnqueueDirectAsync(Guid subscriptionId, Guid deliveryId, WebhookEvent webhookEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        return ExecuteAsync(webhookEvent.TenantId, """
            INSERT INTO bookmeatoz.webhook_deliveries (tenant_id, delivery_id, subscription_id, event_id, event_type, order_key, sequence, body,
                                                       event_created_at, next_attempt_at, created_at)
            SELECT @tenant, @delivery, subscription_id, @event, @type, NULL, @sequence, @body, @created, @now, @now
            FROM bookmeatoz.webhook_subscriptions WHERE tenant_id = @tenant AND subscription_id = @id
            """,
            [Uuid("tenant", webhookEvent.TenantId), Uuid("id", subscriptionId), Uuid("delivery", deliveryId), Uuid("event", webhookEvent.Id),
             Text("type", webhookEvent.Type), Long("sequence", webhookEvent.Sequence), Text("body", webhookEvent.Body),
             Time("created", webhookEvent.CreatedAt), Time("now", now)], cancellationToken);
    }

    public Task<bool> ReplayAsync(Guid tenantId, Guid subscriptionId, Guid deliveryId, Guid newDeliveryId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(tenantId, """
            INSERT INTO bookmeatoz.webhook_deliveries (tenant_id, delivery_id, subscription_id, event_id, event_type, order_key, sequence, body,
                                                       event_created_at, replay_of, next_attempt_at, created_at)
            SELECT tenant_id, @new, subscription_id, event_id, event_type, NULL, sequence, body, event_created_at, delivery_id, @now, @now
            FROM bookmeatoz.webhook_deliveries WHERE tenant_id = @tenant AND subscription_id = @id AND delivery_id = @delivery
            """,
            [Uuid("tenant", tenantId), Uuid("id", subscriptionId), Uuid("delivery", deliveryId), Uuid("new", newDeliveryId), Time("now", now)],
            cancellationToken);

    public Task<IReadOnlyList<WebhookDeliveryRecord>> ListDeliveriesAsync(
        Guid tenantId, Guid subscriptionId, (DateTimeOffset CreatedAt, Guid Id)? after, int limit, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            var filter = "tenant_id = @tenant AND subscription_id = @id";
            var parameters = new List<NpgsqlParameter> { Uuid("tenant", tenantId), Uuid("id", subscriptionId), Int("limit", limit) };
            if (after is { } a)
            {
                filter += " AND (created_at, delivery_id) < (@after_at, @after_id)";
                parameters.Add(Time("after_at", a.CreatedAt));
                parameters.Add(Uuid("after_id", a.Id));
            }

            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command($"SELECT {DeliveryColumns} FROM bookmeatoz.webhook_deliveries WHERE {filter} ORDER BY created_at DESC, delivery_id DESC LIMIT @limit",
                    [.. parameters]));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            var result = new List<WebhookDeliveryRecord>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var status = reader.GetString(4) switch
                {
                    "delivered" => WebhookDeliveryStatus.Delivered,
                    "failed" => WebhookDeliveryStatus.Failed,
                    _ => WebhookDeliveryStatus.Pending,
                };
                result.Add(new WebhookDeliveryRecord(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), status, reader.GetInt32(5),
                    reader.GetFieldValue<DateTimeOffset>(6), status == WebhookDeliveryStatus.Pending ? reader.GetFieldValue<DateTimeOffset>(7) : null,
                    ReadTime(reader, 8), reader.IsDBNull(9) ? null : reader.GetInt32(9), reader.IsDBNull(10) ? null : reader.GetInt32(10),
                    reader.IsDBNull(11) ? null : reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12),
                    reader.IsDBNull(13) ? null : reader.GetGuid(13), reader.GetString(14)));
            }

            return (IReadOnlyList<WebhookDeliveryRecord>)result;
        }, cancellationToken);

    public Task<IReadOnlyList<WebhookWork>> ClaimAsync(int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            await using var batch = Batch(connection, null, Command("""
                SELECT tenant_id, delivery_id, subscription_id, url, event_type, body, attempts, secret, previous_secret, previous_secret_until,
                       failing_since, event_created_at
                FROM bookmeatoz.claim_webhook_deliveries(@limit, @now, @lease)
                """,
                Int("limit", limit), Time("now", now), new NpgsqlParameter<TimeSpan>("lease", lease)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var claimed = new List<WebhookWork>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                claimed.Add(new WebhookWork(
                    reader.GetGuid(1), reader.GetGuid(0), reader.GetGuid(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    reader.GetInt32(6),
                    new WebhookSecrets(reader.GetFieldValue<byte[]>(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<byte[]>(8), ReadTime(reader, 9)),
                    ReadTime(reader, 10), reader.GetFieldValue<DateTimeOffset>(11)));
            }

            return (IReadOnlyList<WebhookWork>)claimed;
        }, cancellationToken);

    public Task<DateTimeOffset?> NextAttemptAtAsync(CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            await using var batch = Batch(connection, null, Command("SELECT bookmeatoz.next_webhook_attempt_at()"));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            return reader.IsDBNull(0) ? null : (DateTimeOffset?)reader.GetFieldValue<DateTimeOffset>(0);
        }, cancellationToken);

    public Task<IReadOnlyList<WebhookFinish>> FinishAsync(IReadOnlyList<(WebhookWork Work, WebhookOutcome Outcome)> attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<WebhookFinish>>([]);
        }

        // One round trip for the lot: each outcome is recorded under its tenant (row-level security), the statements
        // one after the other in one implicit transaction (the tenant setting is transaction-local; each overrides the last).
        return RunAsync(async (connection, ct) =>
        {
            var commands = new List<NpgsqlBatchCommand>(attempts.Count * 2);
            foreach (var (work, outcome) in attempts)
            {
                ArgumentNullException.ThrowIfNull(work);
                ArgumentNullException.ThrowIfNull(outcome);
                commands.Add(SetTenant(work.TenantId));
                commands.Add(Command("""
                    SELECT bookmeatoz.finish_webhook_delivery(@tenant, @delivery, @attempt, @delivered, @at, @status, @duration, @excerpt, @error,
                                                              @retry_at, @disable)
                    """,
                    Uuid("tenant", work.TenantId), Uuid("delivery", work.DeliveryId), Int("attempt", work.Attempt), Bool("delivered", outcome.Delivered),
                    Time("at", outcome.At), NullableInt("status", outcome.ResponseStatus), Int("duration", outcome.DurationMs),
                    NullableText("excerpt", outcome.ResponseExcerpt), NullableText("error", outcome.Error), NullableTime("retry_at", outcome.RetryAt),
                    Bool("disable", outcome.Disable)));
            }

            await using var batch = Batch(connection, null, [.. commands]);
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var result = new List<WebhookFinish>(attempts.Count);
            for (var i = 0; i < attempts.Count; i++)
            {
                if (i > 0)
                {
                    await reader.NextResultAsync(ct).ConfigureAwait(false);
                }

                await reader.NextResultAsync(ct).ConfigureAwait(false);
                await reader.ReadAsync(ct).ConfigureAwait(false);
                result.Add(reader.GetString(0) switch
                {
                    "disabled" => WebhookFinish.Disabled,
                    "claim_lost" => WebhookFinish.ClaimLost,
                    _ => WebhookFinish.Recorded,
                });
            }

            return (IReadOnlyList<WebhookFinish>)result;
        }, cancellationToken);
    }

    private static WebhookSubscription? First(IReadOnlyList<WebhookSubscription> list) => list.Count > 0 ? list[0] : null;

    private static DateTimeOffset? ReadTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private Task<IReadOnlyList<WebhookSubscription>> ReadSubscriptionsAsync(
        Guid tenantId, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            await using var batch = Batch(connection, null, SetTenant(tenantId), Command(sql, parameters));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            var result = new List<WebhookSubscription>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                result.Add(new WebhookSubscription(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<string[]>(3), reader.GetBoolean(4),
                    reader.GetFieldValue<DateTimeOffset>(5), ReadTime(reader, 6), ReadTime(reader, 7)));
            }

            return (IReadOnlyList<WebhookSubscription>)result;
        }, cancellationToken);

    private Task<bool> ExecuteAsync(Guid tenantId, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken) =>
        RunAsync(async (connection, ct) =>
        {
            await using var batch = Batch(connection, null, SetTenant(tenantId), Command(sql, parameters));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return batch.BatchCommands[1].RecordsAffected > 0;
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
