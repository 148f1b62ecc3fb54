using BookMeAtOz.Audit;
using BookMeAtOz.Auth;
using BookMeAtOz.Tenancy;
using Npgsql;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

internal sealed partial class PostgresBookingStore
{
    private const string TenantColumns =
        "tenant_id, slug, name, time_zone, currency, min_notice_minutes, max_advance_days, slot_interval_minutes, cancellation_notice_minutes, "
        + "reschedule_notice_minutes, max_reschedules, max_active_bookings, hold_minutes, approval_hours, embed_origins, default_language";

    /// <inheritdoc />
    public Task CreateTenantAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return WriteAsync("create tenant", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null, SetTenant(tenant.Id), InsertTenant(tenant));
            await ExecuteTenantInsertAsync(batch, tenant, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task CreateTenantAsync(Tenant tenant, User owner, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(audit);
        if (owner.TenantId != tenant.Id || owner.Role != UserRole.Owner)
        {
            throw new ArgumentException("The owner must be an owner of the new tenant.", nameof(owner));
        }

        return WriteAsync("sign up", async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // One transaction: a failure anywhere (the owner, the audit entry) leaves no tenant behind.
                await using var batch = Batch(connection, transaction,
                    SetTenant(tenant.Id), InsertTenant(tenant), PostgresUserStore.InsertUser(owner), PostgresAuditStore.Insert(audit));
                await ExecuteTenantInsertAsync(batch, tenant, ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return true;
            }
        }, cancellationToken);
    }

    private static NpgsqlBatchCommand InsertTenant(Tenant tenant)
    {
        var policy = tenant.Policy ?? TenantPolicy.Default;
        return Command($"""
            INSERT INTO bookmeatoz.tenants ({TenantColumns})
            VALUES (@id, @slug, @name, @zone, @currency, @notice, @advance, @interval, @cancel, @reschedule_notice, @max_reschedules, @max_active, @hold_minutes, @approval_hours, @embed_origins, @default_language)
            """,
            [Uuid("id", tenant.Id), Text("slug", tenant.Slug), Text("name", tenant.Name), Text("zone", tenant.TimeZone),
            Text("currency", tenant.Currency), Int("notice", policy.MinNoticeMinutes), Int("advance", policy.MaxAdvanceDays),
            NullableInt("interval", policy.SlotIntervalMinutes), Int("cancel", policy.CancellationNoticeMinutes), .. PolicyAdditions(policy),
            EmbedOriginsParameter(tenant), DefaultLanguageParameter(tenant)]);
    }

    private static NpgsqlParameter<string[]> EmbedOriginsParameter(Tenant tenant) => new("embed_origins", [.. tenant.EmbedOrigins]);

    private static NpgsqlParameter DefaultLanguageParameter(Tenant tenant) => NullableText("default_language", tenant.DefaultLanguage);

    private static NpgsqlParameter[] PolicyAdditions(TenantPolicy policy) =>
    [
        NullableInt("reschedule_notice", policy.RescheduleNoticeMinutes), NullableInt("max_reschedules", policy.MaxReschedules),
        NullableInt("max_active", policy.MaxActiveBookings), Int("hold_minutes", policy.HoldMinutes), Int("approval_hours", policy.ApprovalHours),
    ];

    private static async Task ExecuteTenantInsertAsync(NpgsqlBatch batch, Tenant tenant, CancellationToken ct)
    {
        try
        {
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "tenants_slug_key" or "tenants_pkey" })
        {
            throw new BookMeAtOzException(ErrorCodes.SlugTaken, $"The slug '{tenant.Slug}' is taken.", e);
        }
    }

    /// <inheritdoc />
    public Task<Tenant?> FindTenantAsync(Guid tenantId, CancellationToken cancellationToken) =>
        ReadAsync(ReadFrom.Primary, "find tenant", (connection, ct) => ReadTenantAsync(connection,
            SetTenant(tenantId),
            Command($"SELECT {TenantColumns} FROM bookmeatoz.tenants WHERE tenant_id = @id AND closed_at IS NULL", Uuid("id", tenantId)), ct), cancellationToken);

    /// <inheritdoc />
    public Task<Tenant?> FindTenantBySlugAsync(string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slug);
        return ReadAsync(ReadFrom.Primary, "find tenant by slug", (connection, ct) => ReadTenantAsync(connection,
            SetTenantSlug(slug),
            Command($"SELECT {TenantColumns} FROM bookmeatoz.tenants WHERE slug = @slug AND closed_at IS NULL", Text("slug", slug)), ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> UpdateTenantAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var policy = tenant.Policy ?? TenantPolicy.Default;
        return WriteAsync("update tenant", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenant.Id),
                Command("""
                    WITH t AS (
                        UPDATE bookmeatoz.tenants
                        SET name = @name, time_zone = @zone, currency = @currency, min_notice_minutes = @notice,
                            max_advance_days = @advance, slot_interval_minutes = @interval, cancellation_notice_minutes = @cancel,
                            reschedule_notice_minutes = @reschedule_notice, max_reschedules = @max_reschedules, max_active_bookings = @max_active,
                            hold_minutes = @hold_minutes, approval_hours = @approval_hours, embed_origins = @embed_origins, default_language = @default_language
                        WHERE tenant_id = @id
                        RETURNING tenant_id)
                    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                    SELECT tenant_id, 'tenant.updated', jsonb_build_object('tenantId', tenant_id) FROM t
                    """,
                    [Uuid("id", tenant.Id), Text("name", tenant.Name), Text("zone", tenant.TimeZone), Text("currency", tenant.Currency),
                    Int("notice", policy.MinNoticeMinutes), Int("advance", policy.MaxAdvanceDays),
                    NullableInt("interval", policy.SlotIntervalMinutes), Int("cancel", policy.CancellationNoticeMinutes), .. PolicyAdditions(policy),
                    EmbedOriginsParameter(tenant), DefaultLanguageParameter(tenant)]));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return batch.BatchCommands[1].RecordsAffected == 1;
        }, cancellationToken);
    }

    private static async Task<Tenant?> ReadTenantAsync(NpgsqlConnection connection, NpgsqlBatchCommand scope, NpgsqlBatchCommand query, CancellationToken ct)
    {
        await using var batch = Batch(connection, null, scope, query);
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        return new Tenant(
            reader.GetGuid(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            new TenantPolicy(
                reader.GetInt32(5),
                reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetInt32(9),
                reader.IsDBNull(10) ? null : reader.GetInt32(10),
                reader.IsDBNull(11) ? null : reader.GetInt32(11),
                reader.GetInt32(13))
            {
                HoldMinutes = reader.GetInt32(12),
            })
        {
            EmbedOrigins = reader.GetFieldValue<string[]>(14),
            DefaultLanguage = reader.IsDBNull(15) ? null : reader.GetString(15),
        };
    }
}
