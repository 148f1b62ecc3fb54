using BookMeAtOz.Scheduling;
using Npgsql;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

// Services, staff, schedules and time off. Deleting a service or staff member marks it deleted (its bookings
// keep pointing at it); every change that can alter availability writes an outbox event in its transaction.
internal sealed partial class PostgresBookingStore
{
    private const string ServiceColumns = """
        s.service_id, s.tenant_id, s.name, s.duration_minutes, s.buffer_before_minutes, s.buffer_after_minutes,
        s.price_cents, s.capacity, s.slot_interval_minutes, s.active,
        ARRAY(SELECT ss.staff_id FROM bookmeatoz.service_staff ss
              WHERE ss.tenant_id = s.tenant_id AND ss.service_id = s.service_id ORDER BY ss.position) AS staff_ids,
        s.questions::text, s.location::text, s.requires_approval, s.resources::text, s.staff_required
        """;

    private const string StaffColumns = "st.staff_id, st.tenant_id, st.name, st.email, st.time_zone, st.active, st.max_bookings_per_day";

    /// <inheritdoc />
    public Task CreateServiceAsync(Service service, CancellationToken cancellationToken) =>
        CreateServiceAsync(service, maxServices: null, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryCreateServiceAsync(Service service, int maxServices, CancellationToken cancellationToken) =>
        CreateServiceAsync(service, maxServices, cancellationToken);

    private Task<bool> CreateServiceAsync(Service service, int? maxServices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        return WriteAsync("create service", async (connection, ct) =>
        {
            // With a cap, the tenant's row is locked first, so creates in one tenant count one after another; the insert
            // (and with it the staff and the event, which read the inserted row) happens only below the cap.
            var insert = Command($"""
                INSERT INTO bookmeatoz.services (tenant_id, service_id, name, duration_minutes, buffer_before_minutes, buffer_after_minutes,
                                                 price_cents, capacity, slot_interval_minutes, active, questions, location, requires_approval, resources,
                                                 staff_required)
                SELECT @tenant, @id, @name, @duration, @before, @after, @price, @capacity, @interval, @active, @questions, @location, @requires_approval, @resources,
                       @staff_required
                {(maxServices is null ? "" : "WHERE (SELECT count(*) FROM bookmeatoz.services WHERE tenant_id = @tenant AND deleted_at IS NULL) < @max")}
                """, [.. ServiceParameters(service), Int("max", maxServices ?? 0)]);
            await using var batch = Batch(connection, null,
                [SetTenant(service.TenantId),
                 .. maxServices is null ? Array.Empty<NpgsqlBatchCommand>() : [LockTenant(service.TenantId)],
                 ServiceStaffAfter(service),
                 insert,
                 ReplaceServiceStaff(service),
                 ServiceEvent(service.TenantId, service.Id, "service.created")]);
            try
            {
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new InvalidOperationException("A service with this id already exists.", e);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                throw new NotFoundException("tenant");
            }

            return insert.RecordsAffected == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Service?> FindServiceAsync(Guid tenantId, Guid serviceId, CancellationToken cancellationToken) =>
        ReadAsync(ReadFrom.Primary, "find service", async (connection, ct) =>
            (await ReadServicesAsync(connection, tenantId,
                $"SELECT {ServiceColumns} FROM bookmeatoz.services s WHERE s.tenant_id = @tenant AND s.service_id = @id AND s.deleted_at IS NULL",
                [Uuid("id", serviceId)], ct).ConfigureAwait(false)) is [var found, ..] ? found : null, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Service>> ListServicesAsync(Guid tenantId, CancellationToken cancellationToken) =>
        ReadAsync(ReadFrom.Primary, "list services", (connection, ct) =>
            ReadServicesAsync(connection, tenantId,
                $"""
                SELECT {ServiceColumns} FROM bookmeatoz.services s
                WHERE s.tenant_id = @tenant AND s.deleted_at IS NULL
                ORDER BY s.name COLLATE "C", s.service_id
                """, [], ct), cancellationToken);

    /// <inheritdoc />
    public Task<bool> UpdateServiceAsync(Service service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        return WriteAsync("update service", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(service.TenantId),
                ServiceStaffAfter(service),
                Command("""
                    UPDATE bookmeatoz.services
                    SET name = @name, duration_minutes = @duration, buffer_before_minutes = @before, buffer_after_minutes = @after,
                        price_cents = @price, capacity = @capacity, slot_interval_minutes = @interval, active = @active,
                        questions = @questions, location = @location, requires_approval = @requires_approval, resources = @resources,
                        staff_required = @staff_required
                    WHERE tenant_id = @tenant AND service_id = @id AND deleted_at IS NULL
                    """, ServiceParameters(service)),
                ReplaceServiceStaff(service),
                ServiceEvent(service.TenantId, service.Id, "service.updated"));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return batch.BatchCommands[2].RecordsAffected == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteServiceAsync(Guid tenantId, Guid serviceId, CancellationToken cancellationToken) =>
        WriteAsync("delete service", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command("""
                    WITH s AS (
                        UPDATE bookmeatoz.services SET deleted_at = now(), active = false
                        WHERE tenant_id = @tenant AND service_id = @id AND deleted_at IS NULL
                        RETURNING tenant_id, service_id)
                    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                    SELECT tenant_id, 'service.deleted', jsonb_build_object('serviceId', service_id) FROM s
                    """, Uuid("tenant", tenantId), Uuid("id", serviceId)));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return batch.BatchCommands[1].RecordsAffected == 1;
        }, cancellationToken);

    /// <inheritdoc />
    public Task CreateStaffAsync(StaffMember staff, CancellationToken cancellationToken) =>
        CreateStaffAsync(staff, maxStaff: null, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryCreateStaffAsync(StaffMember staff, int maxStaff, CancellationToken cancellationToken) =>
        CreateStaffAsync(staff, maxStaff, cancellationToken);

    private Task<bool> CreateStaffAsync(StaffMember staff, int? maxStaff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return WriteAsync("create staff", async (connection, ct) =>
        {
            // As for services: with a cap, creates in one tenant count one after another under the tenant's row lock.
            var insert = Command($"""
                WITH st AS (
                    INSERT INTO bookmeatoz.staff (tenant_id, staff_id, name, email, time_zone, active, max_bookings_per_day)
                    SELECT @tenant, @id, @name, @email, @zone, @active, @max_per_day
                    {(maxStaff is null ? "" : "WHERE (SELECT count(*) FROM bookmeatoz.staff WHERE tenant_id = @tenant AND deleted_at IS NULL) < @max")}
                    RETURNING tenant_id, staff_id)
                INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                SELECT tenant_id, 'staff.created', jsonb_build_object('staffId', staff_id) FROM st
                """, [.. StaffParameters(staff), Int("max", maxStaff ?? 0)]);
            await using var batch = Batch(connection, null,
                [SetTenant(staff.TenantId), .. maxStaff is null ? Array.Empty<NpgsqlBatchCommand>() : [LockTenant(staff.TenantId)], insert]);
            try
            {
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new InvalidOperationException("A staff member with this id already exists.", e);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                throw new NotFoundException("tenant");
            }

            return insert.RecordsAffected == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<StaffMember?> FindStaffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        ReadAsync(ReadFrom.Primary, "find staff", async (connection, ct) =>
            (await ReadStaffAsync(connection, tenantId,
                $"SELECT {StaffColumns} FROM bookmeatoz.staff st WHERE st.tenant_id = @tenant AND st.staff_id = @id AND st.deleted_at IS NULL",
                [Uuid("id", staffId)], ct).ConfigureAwait(false)) is [var found, ..] ? found : null, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StaffMember>> ListStaffAsync(Guid tenantId, CancellationToken cancellationToken) =>
        ReadAsync(ReadFrom.Primary, "list staff", (connection, ct) =>
            ReadStaffAsync(connection, tenantId,
                $"""
                SELECT {StaffColumns} FROM bookmeatoz.staff st
                WHERE st.tenant_id = @tenant AND st.deleted_at IS NULL
                ORDER BY st.name COLLATE "C", st.staff_id
                """, [], ct), cancellationToken);

    /// <inheritdoc />
    public Task<bool> UpdateStaffAsync(StaffMember staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return WriteAsync("update staff", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(staff.TenantId),
                Command("""
                    WITH st AS (
                        UPDATE bookmeatoz.staff SET name = @name, email = @email, time_zone = @zone, active = @active, max_bookings_per_day = @max_per_day
                        WHERE tenant_id = @tenant AND staff_id = @id AND deleted_at IS NULL
                        RETURNING tenant_id, staff_id)
                    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                    SELECT tenant_id, 'staff.updated', jsonb_build_object('staffId', staff_id) FROM st
                    """, StaffParameters(staff)));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return batch.BatchCommands[1].RecordsAffected == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteStaffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        WriteAsync("delete staff", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command("""
                    WITH st AS (
                        UPDATE bookmeatoz.staff SET deleted_at = now(), active = false
                        WHERE tenant_id = @tenant AND staff_id = @id AND deleted_at IS NULL
                        RETURNING tenant_id, staff_id)
                    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                    SELECT tenant_id, 'staff.deleted', jsonb_build_object('staffId', staff_id) FROM st
                    """, Uuid("tenant", tenantId), Uuid("id", staffId)));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return batch.BatchCommands[1].RecordsAffected == 1;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<StaffSchedule?> GetScheduleAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        ReadAsync(ReadFrom.Primary, "get schedule", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command("""
                    SELECT sc.weekly::text, sc.overrides::text
                    FROM bookmeatoz.staff st
                    LEFT JOIN bookmeatoz.staff_schedules sc ON sc.tenant_id = st.tenant_id AND sc.staff_id = st.staff_id
                    WHERE st.tenant_id = @tenant AND st.staff_id = @id AND st.deleted_at IS NULL
                    """, Uuid("tenant", tenantId), Uuid("id", staffId)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                return null;
            }

            return reader.IsDBNull(0) ? StaffSchedule.Empty : ScheduleJson.Read(reader.GetString(0), reader.GetString(1));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> SetScheduleAsync(Guid tenantId, Guid staffId, StaffSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var weekly = ScheduleJson.WriteWeekly(schedule);
        var overrides = ScheduleJson.WriteOverrides(schedule);
        return WriteAsync("set schedule", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command("""
                    WITH sc AS (
                        INSERT INTO bookmeatoz.staff_schedules (tenant_id, staff_id, weekly, overrides)
                        SELECT st.tenant_id, st.staff_id, @weekly, @overrides
                        FROM bookmeatoz.staff st
                        WHERE st.tenant_id = @tenant AND st.staff_id = @id AND st.deleted_at IS NULL
                        ON CONFLICT (tenant_id, staff_id)
                        DO UPDATE SET weekly = EXCLUDED.weekly, overrides = EXCLUDED.overrides, updated_at = now()
                        RETURNING tenant_id, staff_id)
                    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                    SELECT tenant_id, 'schedule.changed', jsonb_build_object('staffId', staff_id) FROM sc
                    """, Uuid("tenant", tenantId), Uuid("id", staffId), Jsonb("weekly", weekly), Jsonb("overrides", overrides)));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return batch.BatchCommands[1].RecordsAffected == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> AddTimeOffAsync(TimeOff timeOff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeOff);
        return WriteAsync("add time off", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(timeOff.TenantId),
                Command("""
                    WITH t AS (
                        INSERT INTO bookmeatoz.time_off (tenant_id, time_off_id, staff_id, starts_at, ends_at, reason)
                        SELECT st.tenant_id, @id, st.staff_id, @start, @end, @reason
                        FROM bookmeatoz.staff st
                        WHERE st.tenant_id = @tenant AND st.staff_id = @staff AND st.deleted_at IS NULL
                        ON CONFLICT DO NOTHING
                        RETURNING tenant_id, time_off_id, staff_id, starts_at, ends_at)
                    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                    SELECT tenant_id, 'timeoff.added',
                           jsonb_build_object('timeOffId', time_off_id, 'staffId', staff_id, 'start', starts_at, 'end', ends_at)
                    FROM t
                    """,
                    Uuid("tenant", timeOff.TenantId), Uuid("id", timeOff.Id), Uuid("staff", timeOff.StaffId),
                    Time("start", timeOff.Start), Time("end", timeOff.End), NullableText("reason", timeOff.Reason)));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return batch.BatchCommands[1].RecordsAffected == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TimeOff>> ListTimeOffAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        ReadAsync(ReadFrom.Primary, "list time off", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command("""
                    SELECT time_off_id, tenant_id, staff_id, starts_at, ends_at, reason
                    FROM bookmeatoz.time_off
                    WHERE tenant_id = @tenant AND staff_id = @staff
                    ORDER BY starts_at, time_off_id
                    """, Uuid("tenant", tenantId), Uuid("staff", staffId)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            var result = new List<TimeOff>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                result.Add(new TimeOff(
                    reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2),
                    reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5)));
            }

            return (IReadOnlyList<TimeOff>)result;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteTimeOffAsync(Guid tenantId, Guid staffId, Guid timeOffId, CancellationToken cancellationToken) =>
        WriteAsync("delete time off", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command("""
                    WITH t AS (
                        DELETE FROM bookmeatoz.time_off
                        WHERE tenant_id = @tenant AND time_off_id = @id AND staff_id = @staff
                        RETURNING tenant_id, time_off_id, staff_id, starts_at, ends_at)
                    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                    SELECT tenant_id, 'timeoff.deleted',
                           jsonb_build_object('timeOffId', time_off_id, 'staffId', staff_id, 'start', starts_at, 'end', ends_at)
                    FROM t
                    """, Uuid("tenant", tenantId), Uuid("id", timeOffId), Uuid("staff", staffId)));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return batch.BatchCommands[1].RecordsAffected == 1;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryAddClosureAsync(Closure closure, int maxClosures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closure);
        return WriteAsync("add closure", async (connection, ct) =>
        {
            // Adds under the tenant's row lock, so concurrent adds count one after another and never pass the cap.
            var insert = Command("""
                WITH c AS (
                    INSERT INTO bookmeatoz.closures (tenant_id, closure_id, from_date, to_date, reason)
                    SELECT @tenant, @id, @from, @to, @reason
                    WHERE (SELECT count(*) FROM bookmeatoz.closures WHERE tenant_id = @tenant) < @max
                    RETURNING tenant_id, closure_id)
                INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                SELECT tenant_id, 'closures.changed', jsonb_build_object('closureId', closure_id) FROM c
                """,
                Uuid("tenant", closure.TenantId), Uuid("id", closure.Id), new NpgsqlParameter<DateOnly>("from", closure.From),
                new NpgsqlParameter<DateOnly>("to", closure.To), NullableText("reason", closure.Reason), Int("max", maxClosures));
            await using var batch = Batch(connection, null, SetTenant(closure.TenantId), LockTenant(closure.TenantId), insert);
            try
            {
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new InvalidOperationException("A closure with this id already exists.", e);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                throw new NotFoundException("tenant");
            }

            // An unknown tenant has no closures to count, so the insert runs and its foreign key refuses it (above).
            return insert.RecordsAffected == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Closure>> ListClosuresAsync(Guid tenantId, CancellationToken cancellationToken) =>
        ReadAsync(ReadFrom.Primary, "list closures", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command("""
                    SELECT closure_id, tenant_id, from_date, to_date, reason FROM bookmeatoz.closures
                    WHERE tenant_id = @tenant ORDER BY from_date, closure_id
                    """, Uuid("tenant", tenantId)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            var result = new List<Closure>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                result.Add(new Closure(reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<DateOnly>(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }

            return (IReadOnlyList<Closure>)result;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteClosureAsync(Guid tenantId, Guid closureId, CancellationToken cancellationToken) =>
        WriteAsync("delete closure", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command("""
                    WITH c AS (
                        DELETE FROM bookmeatoz.closures WHERE tenant_id = @tenant AND closure_id = @id
                        RETURNING tenant_id, closure_id)
                    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                    SELECT tenant_id, 'closures.changed', jsonb_build_object('closureId', closure_id) FROM c
                    """, Uuid("tenant", tenantId), Uuid("id", closureId)));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return batch.BatchCommands[1].RecordsAffected == 1;
        }, cancellationToken);

    // Serializes the capped creates of one tenant until the batch commits. FOR NO KEY UPDATE leaves the foreign-key
    // checks of other writes (FOR KEY SHARE) alone; only tenant updates and other creates wait for it.
    private static NpgsqlBatchCommand LockTenant(Guid tenantId) =>
        Command("SELECT 1 FROM bookmeatoz.tenants WHERE tenant_id = @tenant FOR NO KEY UPDATE", Uuid("tenant", tenantId));

    private static NpgsqlParameter[] ServiceParameters(Service service) =>
    [
        Uuid("tenant", service.TenantId), Uuid("id", service.Id), Text("name", service.Name), Int("duration", service.DurationMinutes),
        Int("before", service.BufferBeforeMinutes), Int("after", service.BufferAfterMinutes), Long("price", service.PriceCents),
        Int("capacity", service.Capacity), NullableInt("interval", service.SlotIntervalMinutes), Bool("active", service.Active),
        Jsonb("questions", CatalogJson.WriteQuestions(service.Questions ?? [])), NullableJsonb("location", CatalogJson.WriteLocation(service.Location)),
        Bool("requires_approval", service.RequiresApproval), Jsonb("resources", CatalogJson.WriteResources(service.Resources ?? [])),
        Int("staff_required", service.StaffRequired),
    ];

    private static NpgsqlParameter[] StaffParameters(StaffMember staff) =>
    [
        Uuid("tenant", staff.TenantId), Uuid("id", staff.Id), Text("name", staff.Name), NullableText("email", staff.Email),
        Text("zone", staff.TimeZone), Bool("active", staff.Active), NullableInt("max_per_day", staff.MaxBookingsPerDay),
    ];

    // The staff list a service's write is about to store, for the audit trigger's snapshot of the service (migration 0013):
    // it runs before ReplaceServiceStaff, and reads the list before from service_staff.
    private static NpgsqlBatchCommand ServiceStaffAfter(Service service) =>
        Command("SELECT set_config('bookmeatoz.service_staff', @staff_json, true)",
            Text("staff_json", System.Text.Json.JsonSerializer.Serialize(service.StaffIds ?? [])));

    // Runs after the service's own insert or update in the same batch, so it sees it; for a service that
    // doesn't exist (or is deleted) it changes nothing.
    private static NpgsqlBatchCommand ReplaceServiceStaff(Service service) =>
        Command("""
            WITH live AS (
                SELECT tenant_id, service_id FROM bookmeatoz.services
                WHERE tenant_id = @tenant AND service_id = @id AND deleted_at IS NULL),
            gone AS (
                DELETE FROM bookmeatoz.service_staff ss USING live
                WHERE ss.tenant_id = live.tenant_id AND ss.service_id = live.service_id AND ss.staff_id <> ALL (@staff))
            INSERT INTO bookmeatoz.service_staff (tenant_id, service_id, staff_id, position)
            SELECT live.tenant_id, live.service_id, x.staff_id, x.position
            FROM live, unnest(@staff) WITH ORDINALITY AS x(staff_id, position)
            ON CONFLICT (tenant_id, service_id, staff_id) DO UPDATE SET position = EXCLUDED.position
            """, Uuid("tenant", service.TenantId), Uuid("id", service.Id), Uuids("staff", service.StaffIds ?? []));

    private static NpgsqlBatchCommand ServiceEvent(Guid tenantId, Guid serviceId, string type) =>
        Command("""
            INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
            SELECT tenant_id, @type, jsonb_build_object('serviceId', service_id)
            FROM bookmeatoz.services WHERE tenant_id = @tenant AND service_id = @id AND deleted_at IS NULL
            """, Uuid("tenant", tenantId), Uuid("id", serviceId), Text("type", type));

    private static async Task<IReadOnlyList<Service>> ReadServicesAsync(
        NpgsqlConnection connection, Guid tenantId, string sql, NpgsqlParameter[] parameters, CancellationToken ct)
    {
        await using var batch = Batch(connection, null, SetTenant(tenantId), Command(sql, [Uuid("tenant", tenantId), .. parameters]));
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var result = new List<Service>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(new Service(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5),
                reader.GetInt64(6), reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetInt32(8),
                reader.GetFieldValue<Guid[]>(10), reader.GetBoolean(9))
            {
                Questions = CatalogJson.ReadQuestions(reader.GetString(11)),
                Location = CatalogJson.ReadLocation(reader.IsDBNull(12) ? null : reader.GetString(12)),
                RequiresApproval = reader.GetBoolean(13),
                Resources = CatalogJson.ReadResources(reader.GetString(14)),
                StaffRequired = reader.GetInt32(15),
            });
        }

        return result;
    }

    private static async Task<IReadOnlyList<StaffMember>> ReadStaffAsync(
        NpgsqlConnection connection, Guid tenantId, string sql, NpgsqlParameter[] parameters, CancellationToken ct)
    {
        await using var batch = Batch(connection, null, SetTenant(tenantId), Command(sql, [Uuid("tenant", tenantId), .. parameters]));
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var result = new List<StaffMember>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(ReadStaffMember(reader, 0));
        }

        return result;
    }

    private static StaffMember ReadStaffMember(NpgsqlDataReader reader, int first) => new(
        reader.GetGuid(first), reader.GetGuid(first + 1), reader.GetString(first + 2),
        reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3), reader.GetString(first + 4), reader.GetBoolean(first + 5),
        reader.IsDBNull(first + 6) ? null : reader.GetInt32(first + 6));
}
