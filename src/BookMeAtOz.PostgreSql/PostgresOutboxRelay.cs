using BookMeAtOz.Persistence;
using System.Text.Json;
using BookMeAtOz.Changes;
using BookMeAtOz.Notifications;
using BookMeAtOz.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

/// <summary>
/// Delivers the outbox: claims committed, undelivered events (<c>FOR UPDATE SKIP LOCKED</c>, so every instance may
/// run one and none takes another's), and in the same transaction marks them processed and queues their e-mails;
/// after that commits, hands the events to the real-time hub and the cache. A rolled-back change never wrote an
/// event, so it is never published. A write on this instance wakes the relay at once; events of other writers are
/// found by polling every <see cref="NotificationOptions.OutboxPollInterval"/>.
/// </summary>
internal sealed partial class PostgresOutboxRelay(
    PostgresDataSources sources,
    ChangeEventPublisher publisher,
    NotificationPlanner planner,
    OutboxWakeSignal wake,
    NotificationWakeSignal dispatcher,
    WebhookWakeSignal webhookDispatcher,
    IOptions<NotificationOptions> options,
    TimeProvider timeProvider,
    ILogger<PostgresOutboxRelay> logger) : BackgroundService, IStoreHostedService
{
    /// <summary>Events claimed per transaction.</summary>
    internal const int BatchSize = 200;

    private DateTimeOffset _nextPurge;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var relayed = 0;
            try
            {
                relayed = await RelayOnceAsync(stoppingToken).ConfigureAwait(false);
                await PurgeIfDueAsync(stoppingToken).ConfigureAwait(false);
                if (failing)
                {
                    LogRecovered(logger);
                }

                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The relay outlives any one failure (the database restarting, a schema not migrated yet).
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (!failing)
                {
                    LogFailed(logger, e);
                }

                failing = true;
            }

            if (relayed < BatchSize)
            {
                try
                {
                    await wake.Signal.WaitAsync(options.Value.OutboxPollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Relays one batch; returns how many events it claimed.</summary>
    internal async Task<int> RelayOnceAsync(CancellationToken cancellationToken)
    {
        List<ChangeEvent> changes;
        bool queued;
        bool webhooks;
        var connection = await sources.Primary.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                List<DateTimeOffset> committedAt;
                (changes, committedAt) = await ClaimAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                if (changes.Count == 0)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return 0;
                }

                var plan = planner.Plan(changes, timeProvider.GetUtcNow());
                queued = !plan.IsEmpty;
                if (queued)
                {
                    await using var apply = Batch(connection, transaction, PlanCommand(plan, timeProvider.GetUtcNow()));
                    await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                // The webhook deliveries, in the same transaction: every committed event is queued exactly once per subscription.
                var events = changes.Select((c, i) => WebhookEventWriter.Write(c, Guid.CreateVersion7(committedAt[i]), committedAt[i], c.OutboxId!.Value))
                    .OfType<WebhookEvent>().ToList();
                webhooks = events.Count > 0;
                if (webhooks)
                {
                    await using var enqueue = Batch(connection, transaction, PostgresWebhookStore.EnqueueCommand(events, timeProvider.GetUtcNow()));
                    await enqueue.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (queued)
        {
            dispatcher.Signal.Set();
        }

        if (webhooks)
        {
            webhookDispatcher.Signal.Set();
        }

        // Committed: the events are final. Listeners on their way out don't stop the others from hearing of them.
        await publisher.PublishAsync(changes, CancellationToken.None).ConfigureAwait(false);
        return changes.Count;
    }

    private static async Task<(List<ChangeEvent> Changes, List<DateTimeOffset> CommittedAt)> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var claim = Batch(connection, transaction,
            Command("SELECT outbox_id, tenant_id, type, payload::text, created_at FROM bookmeatoz.claim_outbox(@limit)", Int("limit", BatchSize)));
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(ChangeEvent Change, DateTimeOffset CreatedAt)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((Parse(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3)), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        // The function's UPDATE returns rows in no particular order.
        rows.Sort((a, b) => a.Change.OutboxId!.Value.CompareTo(b.Change.OutboxId!.Value));
        return ([.. rows.Select(r => r.Change)], [.. rows.Select(r => r.CreatedAt)]);
    }

    /// <summary>An outbox row as a change (payloads: migration 0001 and the store's SQL).</summary>
    internal static ChangeEvent Parse(long outboxId, Guid tenantId, string type, string payload)
    {
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        return new ChangeEvent(
            tenantId, type,
            BookingId: Id(root, "bookingId"),
            ServiceId: Id(root, "serviceId"),
            StaffId: Id(root, "staffId"),
            Start: Instant(root, "start"),
            End: Instant(root, "end"),
            Status: root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String ? status.GetString() : null,
            PreviousStaffId: Id(root, "previousStaffId"),
            PreviousStart: Instant(root, "previousStart"),
            PreviousEnd: Instant(root, "previousEnd"),
            OutboxId: outboxId,
            UserId: Id(root, "userId"),
            AccountTokenId: Id(root, "tokenId"))
        {
            ResourceId = Id(root, "resourceId"),
            SeriesId = Id(root, "seriesId"),
            WaitlistEntryId = Id(root, "waitlistEntryId"),
            ExpiresAt = Instant(root, "expiresAt"),
        };

        static Guid? Id(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id) ? id : null;

        static DateTimeOffset? Instant(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var instant) ? instant : null;
    }

    private static NpgsqlBatchCommand PlanCommand(NotificationPlan plan, DateTimeOffset now) =>
        Command("""
            SELECT bookmeatoz.plan_notifications(@cancel_tenants, @cancel_bookings, @tenants, @ids, @kinds, @bookings, @outbox, @due, @details, @now)
            """,
            Uuids("cancel_tenants", plan.CancelReminders.Select(c => c.TenantId)),
            Uuids("cancel_bookings", plan.CancelReminders.Select(c => c.BookingId)),
            Uuids("tenants", plan.Add.Select(n => n.TenantId)),
            Uuids("ids", plan.Add.Select(n => n.Id)),
            new NpgsqlParameter<string[]>("kinds", [.. plan.Add.Select(n => NotificationNames.Of(n.Kind))]),
            Uuids("bookings", plan.Add.Select(n => n.BookingId)),
            new NpgsqlParameter("outbox", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = plan.Add.Select(n => n.OutboxId).ToArray() },
            new NpgsqlParameter<DateTimeOffset[]>("due", [.. plan.Add.Select(n => n.DueAt.ToUniversalTime())]),
            new NpgsqlParameter("details", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = plan.Add.Select(n => NotificationJson.Write(n.Details)).ToArray() },
            Time("now", now));

    private async Task PurgeIfDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (now < _nextPurge)
        {
            return;
        }

        _nextPurge = now + TimeSpan.FromHours(1);
        await using var connection = await sources.Primary.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var purge = Batch(connection, null,
            Command("SELECT bookmeatoz.purge_outbox(@before, 10000)", Time("before", now - options.Value.OutboxRetention)));
        await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(40, LogLevel.Warning, "The outbox relay failed; it keeps trying (events wait in the outbox meanwhile)")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(41, LogLevel.Information, "The outbox relay works again")]
    private static partial void LogRecovered(ILogger logger);
}

/// <summary>The jsonb form of <see cref="NotificationDetails"/>.</summary>
internal static class NotificationJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static string Write(NotificationDetails details) => JsonSerializer.Serialize(details, Json);

    public static NotificationDetails Read(string json) => JsonSerializer.Deserialize<NotificationDetails>(json, Json) ?? NotificationDetails.None;
}
