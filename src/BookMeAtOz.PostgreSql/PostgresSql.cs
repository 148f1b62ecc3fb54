using System.Globalization;
using BookMeAtOz.Audit;
using BookMeAtOz.Bookings;
using Npgsql;
using NpgsqlTypes;

namespace BookMeAtOz.PostgreSql;

/// <summary>Typed parameters and the statements every unit of work starts with.</summary>
internal static class PostgresSql
{
    /// <summary>
    /// Scopes the rest of the transaction to one tenant for row-level security. Transaction-local
    /// (<c>is_local = true</c>), so it ends with the transaction and is safe with PgBouncer's transaction
    /// pooling and with pooled connections.
    /// </summary>
    /// <remarks>
    /// It also names who acts (<see cref="AuditActor.Current"/>) and, inside a write of the booking store, the store's
    /// clock, for the audit entries the bookings trigger writes (migration 0011).
    /// </remarks>
    public static NpgsqlBatchCommand SetTenant(Guid tenantId)
    {
        var actor = AuditActor.Current;
        return Command("""
            SELECT set_config('bookmeatoz.tenant_id', @tenant, true), set_config('bookmeatoz.actor_type', @actor_type, true),
                   set_config('bookmeatoz.actor_id', @actor_id, true), set_config('bookmeatoz.audit_at', @audit_at, true)
            """,
            Text("tenant", tenantId.ToString()), Text("actor_type", actor.Type), Text("actor_id", actor.Id?.ToString() ?? string.Empty),
            Text("audit_at", AuditTime.Value is { } at ? at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : string.Empty));
    }

    /// <summary>
    /// <see cref="SetTenant"/> and one more statement as a single statement: <paramref name="select"/> (a <c>SELECT</c> of
    /// expressions, with no <c>FROM</c>) computed over <c>(SELECT set_config(…), …) AS scope</c>. One statement fewer to parse,
    /// plan and execute on the hot booking paths (measured in docs/performance.md). The settings are made before
    /// <paramref name="select"/> is computed: its row comes from the scope's row, which the <c>WHERE</c> reads (PostgreSQL
    /// neither flattens a subquery whose select list calls volatile functions nor drops such an unused output).
    /// </summary>
    /// <remarks>The scope's parameters are named <c>scope_tenant</c>, <c>scope_actor_type</c>, <c>scope_actor_id</c> and
    /// <c>scope_audit_at</c>; <paramref name="parameters"/> must not use these names.</remarks>
    public static NpgsqlBatchCommand Scoped(Guid tenantId, string select, params NpgsqlParameter[] parameters)
    {
        var actor = AuditActor.Current;
        var command = Command($"""
            {select}
            FROM (SELECT set_config('bookmeatoz.tenant_id', @scope_tenant, true) AS tenant,
                         set_config('bookmeatoz.actor_type', @scope_actor_type, true), set_config('bookmeatoz.actor_id', @scope_actor_id, true),
                         set_config('bookmeatoz.audit_at', @scope_audit_at, true)) AS scope
            WHERE scope.tenant IS NOT NULL
            """, parameters);
        command.Parameters.Add(Text("scope_tenant", tenantId.ToString()));
        command.Parameters.Add(Text("scope_actor_type", actor.Type));
        command.Parameters.Add(Text("scope_actor_id", actor.Id?.ToString() ?? string.Empty));
        command.Parameters.Add(Text("scope_audit_at", AuditTime.Value is { } at ? at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : string.Empty));
        return command;
    }

    /// <summary>The time the audit entries of the current write are recorded at (the booking store's clock), when set.</summary>
    public static readonly AsyncLocal<DateTimeOffset?> AuditTime = new();

    /// <summary>Lets the rest of the transaction read the one tenant with this slug (and nothing else).</summary>
    public static NpgsqlBatchCommand SetTenantSlug(string slug) =>
        Command("SELECT set_config('bookmeatoz.tenant_slug', @slug, true)", Text("slug", slug));

    public static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    public static NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction? transaction, params NpgsqlBatchCommand[] commands)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    public static NpgsqlParameter<Guid> Uuid(string name, Guid value) => new(name, value);

    public static NpgsqlParameter<Guid[]> Uuids(string name, IEnumerable<Guid> values) => new(name, [.. values]);

    public static NpgsqlParameter NullableUuid(string name, Guid? value) =>
        new(name, NpgsqlDbType.Uuid) { Value = value is { } v ? v : DBNull.Value };

    public static NpgsqlParameter<string> Text(string name, string value) => new(name, value);

    public static NpgsqlParameter NullableText(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter<int> Int(string name, int value) => new(name, value);

    public static NpgsqlParameter NullableInt(string name, int? value) =>
        new(name, NpgsqlDbType.Integer) { Value = value is { } v ? v : DBNull.Value };

    public static NpgsqlParameter<long> Long(string name, long value) => new(name, value);

    public static NpgsqlParameter<bool> Bool(string name, bool value) => new(name, value);

    public static NpgsqlParameter<byte[]> Bytes(string name, byte[] value) => new(name, value);

    /// <summary>An instant; Npgsql writes <c>timestamptz</c> only from UTC values.</summary>
    public static NpgsqlParameter<DateTimeOffset> Time(string name, DateTimeOffset value) => new(name, value.ToUniversalTime());

    public static NpgsqlParameter NullableTime(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? v.ToUniversalTime() : DBNull.Value };

    public static NpgsqlParameter Jsonb(string name, string json) => new(name, NpgsqlDbType.Jsonb) { Value = json };

    public static NpgsqlParameter NullableJsonb(string name, string? json) => new(name, NpgsqlDbType.Jsonb) { Value = (object?)json ?? DBNull.Value };

    public static string ToSql(BookingStatus status) => BookingStatusNames.Name(status);

    public static BookingStatus ParseStatus(string status) =>
        BookingStatusNames.Parse(status) ?? throw new InvalidOperationException($"Unknown booking status '{status}' in the database.");
}
