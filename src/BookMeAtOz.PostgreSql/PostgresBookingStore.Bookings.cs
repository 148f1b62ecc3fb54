using System.Text;
using BookMeAtOz.Bookings;
using BookMeAtOz.Scheduling;
using Npgsql;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

// Bookings. A confirmed booking holds its staff member's time itself: the exclusion constraint on bookings
// refuses an overlap with another hold key (a one-to-one booking's key is its id; the bookings of a group session
// share the session's id), so no code path here checks for an overlap before writing. Group sessions count their
// seats in bookmeatoz.sessions with a guarded upsert.
internal sealed partial class PostgresBookingStore
{
    private const string BookingColumns = """
        b.booking_id, b.tenant_id, b.service_id, b.staff_id, b.starts_at, b.ends_at, b.buffer_before_minutes, b.buffer_after_minutes,
        b.status, b.customer_name, b.customer_email, b.customer_phone, b.notes, b.created_at, b.cancelled_at, b.cancel_reason,
        b.manage_token_hash, b.answers::text, b.customer_reschedules, b.expires_at, b.series_id, b.ical_sequence, b.locale, b.additional_staff_ids
        """;

    // How many columns BookingColumns reads (ReadBooking reads 0 to 23): a column selected after them is at this ordinal.
    private const int BookingColumnCount = 24;

    // The booking writes are PL/pgSQL functions (migration 0001), whose statements' plans PostgreSQL keeps per
    // connection: planning was half the cost of a booking, and PgBouncer's transaction pooling rules out
    // prepared statements. See the functions for what they do.
    private const string BookArguments = """
        @tenant, @id, @service, @staff, @start, @end, @before, @after, @blocked_start, @blocked_end, @status, @customer_name,
        @customer_email, @customer_phone, @notes, @created_at, @cancelled_at, @cancel_reason, @token_hash
        """;

    // With the expiry written with the row and the caller's clock, against which a conflicting hold is judged lapsed
    // (then released in this transaction and the insert tried again: migration 0009).
    private const string BookOneToOne = $"SELECT bookmeatoz.book_one_to_one({BookArguments}, @expires_at, @now)";

    private const string BookGroup = $"SELECT bookmeatoz.book_group({BookArguments}, @capacity, @expires_at, @now)";

    // Releases the lapsed holds overlapping a candidate's blocked range before it moves there (migration 0009).
    private const string ReleaseLapsedHolds =
        "SELECT bookmeatoz.release_lapsed_holds(@tenant, @staff, @blocked_start, @blocked_end, @now)";

    // Takes a seat of the group session of (staff, service, start), as book_group does.
    private const string TakeSeat = """
        INSERT INTO bookmeatoz.sessions (tenant_id, staff_id, service_id, starts_at, capacity, seats_taken)
        VALUES (@tenant, @staff, @service, @start, @capacity, 1)
        ON CONFLICT ON CONSTRAINT sessions_slot_key DO UPDATE
        SET seats_taken = sessions.seats_taken + 1, capacity = EXCLUDED.capacity
        WHERE sessions.seats_taken < EXCLUDED.capacity
        RETURNING session_id
        """;

    private const string GiveBackSeat =
        "UPDATE bookmeatoz.sessions SET seats_taken = seats_taken - 1 WHERE tenant_id = @tenant AND session_id = @session";

    private const string BookingMovedEvent = """
        INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
        SELECT tenant_id, 'booking.rescheduled', jsonb_build_object(
            'bookingId', booking_id, 'serviceId', service_id, 'staffId', staff_id, 'start', starts_at, 'end', ends_at,
            'status', status, 'previousStaffId', @old_staff::uuid, 'previousStart', @old_start::timestamptz,
            'previousEnd', @old_end::timestamptz)
        FROM b
        """;

    // Moves a booking; an overlap raises 23P01 (an UPDATE has no ON CONFLICT), so it runs inside a savepoint.
    private const string MoveOneToOne = $"""
        WITH b AS (
            UPDATE bookmeatoz.bookings
            SET staff_id = @staff, starts_at = @start, ends_at = @end, buffer_before_minutes = @before, buffer_after_minutes = @after,
                blocked_start = @blocked_start, blocked_end = @blocked_end, session_id = NULL, customer_reschedules = @customer_reschedules,
                additional_staff_ids = @additional_staff
            WHERE tenant_id = @tenant AND booking_id = @id
            RETURNING tenant_id, booking_id, service_id, staff_id, starts_at, ends_at, status)
        {BookingMovedEvent}
        """;

    private const string MoveGroup = $"""
        WITH seat AS (
            {TakeSeat}),
        b AS (
            UPDATE bookmeatoz.bookings
            SET staff_id = @staff, starts_at = @start, ends_at = @end, buffer_before_minutes = @before, buffer_after_minutes = @after,
                blocked_start = @blocked_start, blocked_end = @blocked_end, session_id = seat.session_id,
                customer_reschedules = @customer_reschedules, additional_staff_ids = @additional_staff
            FROM seat
            WHERE tenant_id = @tenant AND booking_id = @id
            RETURNING bookings.tenant_id, booking_id, bookings.service_id, bookings.staff_id, bookings.starts_at, ends_at, status)
        {BookingMovedEvent}
        """;

    /// <inheritdoc />
    public Task<IReadOnlyList<StaffAvailability>> LoadAvailabilityAsync(
        Guid tenantId, IReadOnlyList<Guid> staffIds, DateTimeOffset rangeStart, DateTimeOffset rangeEnd, ReadFrom readFrom, BusyDetail detail,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staffIds);
        if (staffIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<StaffAvailability>>([]);
        }

        // Holds lapse on the application's clock, as the booking path judges them.
        var now = _timeProvider.GetUtcNow();
        return ReadAsync(readFrom, "load availability", async (connection, ct) =>
        {
            var ids = staffIds.Distinct().ToArray();
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command($"""
                    SELECT {StaffColumns}, sc.weekly::text, sc.overrides::text
                    FROM bookmeatoz.staff st
                    LEFT JOIN bookmeatoz.staff_schedules sc ON sc.tenant_id = st.tenant_id AND sc.staff_id = st.staff_id
                    WHERE st.tenant_id = @tenant AND st.staff_id = ANY (@ids) AND st.deleted_at IS NULL
                    """, Uuid("tenant", tenantId), Uuids("ids", ids)),
                // Bookings and time off, from functions with cached plans (migrations 0001 and 0004).
                Command(
                    detail == BusyDetail.Merged
                        ? "SELECT * FROM bookmeatoz.busy_ranges_merged(@tenant, @ids, @from, @to, @now)"
                        : "SELECT * FROM bookmeatoz.busy_ranges(@tenant, @ids, @from, @to, @now)",
                    Uuid("tenant", tenantId), Uuids("ids", ids), Time("from", rangeStart), Time("to", rangeEnd), Time("now", now)),
                // The collective bookings they serve as additional staff (migration 0020), one range each.
                Command(AdditionalStaffBusy,
                    Uuid("tenant", tenantId), Uuids("ids", ids), Time("from", rangeStart), Time("to", rangeEnd), Time("now", now)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);

            await reader.NextResultAsync(ct).ConfigureAwait(false);
            var staff = new Dictionary<Guid, (StaffMember Staff, StaffSchedule Schedule)>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var member = ReadStaffMember(reader, 0);
                var schedule = reader.IsDBNull(7) ? StaffSchedule.Empty : ScheduleJson.Read(reader.GetString(7), reader.GetString(8));
                staff[member.Id] = (member, schedule);
            }

            var busy = staff.Keys.ToDictionary(id => id, _ => new List<BusyRange>());
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                if (busy.TryGetValue(reader.GetGuid(0), out var list))
                {
                    list.Add(reader.IsDBNull(3)
                        ? new BusyRange(reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2))
                        : new BusyRange(
                            reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                            reader.GetGuid(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetGuid(3)));
                }
            }

            await reader.NextResultAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                if (busy.TryGetValue(reader.GetGuid(0), out var list))
                {
                    list.Add(new BusyRange(
                        reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                        reader.GetGuid(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetGuid(3)));
                }
            }

            var result = new List<StaffAvailability>(staff.Count);
            foreach (var id in staffIds)
            {
                if (staff.TryGetValue(id, out var s))
                {
                    result.Add(new StaffAvailability(s.Staff, s.Schedule, busy[id]));
                }
            }

            return (IReadOnlyList<StaffAvailability>)result;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<CreateBookingResult> CreateBookingAsync(CreateBookingCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(command.Candidates);
        var tenantId = command.Idempotency?.TenantId ?? (command.Candidates.Count > 0 ? command.Candidates[0].TenantId : (Guid?)null)
            ?? throw new ArgumentException("A command needs candidates or an idempotency entry.", nameof(command));
        if (command.Candidates.Any(c => c.TenantId != tenantId))
        {
            throw new ArgumentException("Every candidate must belong to the command's tenant.", nameof(command));
        }

        var now = _timeProvider.GetUtcNow();
        return WriteAsync("create booking", async (connection, ct) =>
        {
            try
            {
                return command.Idempotency is null && command.Candidates.Count == 1 && command.Capacity <= 1 && command.Limits is null
                       && command.Candidates[0].AdditionalStaffIds.Count == 0
                    ? await CreateOneAsync(connection, command.Candidates[0], now, ct).ConfigureAwait(false)
                    : await CreateInTransactionAsync(connection, tenantId, command, now, ct).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == ResourceUnavailable)
            {
                // The commit found a resource the service requires without enough free units (migration 0014): nothing was
                // written, not even the idempotency record, so a retry is judged afresh.
                return new CreateBookingResult(null, null);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                throw new NotFoundException(e.ConstraintName switch
                {
                    "sessions_service_fkey" => "service",
                    "sessions_staff_fkey" or "bookings_staff_fkey" => "staff member",
                    _ => "tenant",
                });
            }
        }, cancellationToken);
    }

    // The common case in one round trip: the batch is one implicit transaction, its first statement the tenant's scope and
    // the booking function's call in one.
    private static async Task<CreateBookingResult> CreateOneAsync(NpgsqlConnection connection, Booking candidate, DateTimeOffset now, CancellationToken ct)
    {
        await using var batch = Batch(connection, null,
            [Scoped(candidate.TenantId, BookOneToOne, BookingParameters(candidate, now)), .. KeepAnswers(candidate), .. KeepLocale(candidate)]);
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        var booked = reader.GetBoolean(0);

        // The implicit transaction commits after the last result: read to the end, so that a refusal at commit (a resource
        // without free units, migration 0014) is seen here rather than lost.
        while (await reader.NextResultAsync(ct).ConfigureAwait(false))
        {
        }

        return new CreateBookingResult(booked ? candidate : null, null);
    }

    private static async Task<CreateBookingResult> CreateInTransactionAsync(
        NpgsqlConnection connection, Guid tenantId, CreateBookingCommand command, DateTimeOffset now, CancellationToken ct)
    {
        var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var idempotency = command.Idempotency;
            var limits = command.Limits;
            Booking? made = null;
            var next = 0;
            NpgsqlBatchCommand? scope = null;
            if (idempotency is null)
            {
                // The tenant scope rides along with the first candidate.
                scope = SetTenant(tenantId);
            }
            else
            {
                // So does the first candidate with the claim of the key (unless limits are to be checked first).
                var first = command.Candidates.Count > 0 && limits is null && !HasTeams(command.Candidates) ? command.Candidates[0] : null;
                var (existing, firstBooked) = await ClaimKeyAsync(connection, transaction, idempotency, now, first, command.Capacity, ct)
                    .ConfigureAwait(false);
                if (existing is not null)
                {
                    return new CreateBookingResult(null, existing);
                }

                next = first is null ? 0 : 1;
                made = firstBooked ? first : null;
            }

            var limitReached = false;
            var skippedForLimit = false;
            if ((limits is not null || HasTeams(command.Candidates)) && scope is not null)
            {
                await using var set = Batch(connection, transaction, scope);
                await set.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                scope = null;
            }

            if (limits is { MaxActiveBookingsPerCustomer: { } maxActive } && command.Candidates.Count > 0)
            {
                limitReached = await CustomerIsAtLimitAsync(connection, transaction, tenantId, command.Candidates[0].Customer.Email, maxActive, limits.Now, ct)
                    .ConfigureAwait(false);
            }

            if (!limitReached)
            {
                await LockTeamsAsync(connection, transaction, tenantId, command.Candidates, ct).ConfigureAwait(false);
                await LockLimitedStaffAsync(connection, transaction, limits, tenantId, ct).ConfigureAwait(false);
            }

            for (var i = next; made is null && !limitReached && i < command.Candidates.Count; i++)
            {
                var candidate = command.Candidates[i];
                if (await TeamDayIsFullAsync(connection, transaction, limits, candidate, tenantId, null, ct).ConfigureAwait(false))
                {
                    // The others are still tried; if none books, the limit is the answer.
                    skippedForLimit = true;
                    continue;
                }

                if (!await TeamIsFreeAsync(connection, transaction, candidate, now, ct).ConfigureAwait(false))
                {
                    continue;
                }

                await using var batch = Batch(connection, transaction, scope is null
                    ? [BookCommand(candidate, command.Capacity, null, now), .. AssignTeam(candidate)]
                    : [scope, BookCommand(candidate, command.Capacity, null, now), .. AssignTeam(candidate)]);
                await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
                if (scope is not null)
                {
                    await reader.NextResultAsync(ct).ConfigureAwait(false);
                }

                scope = null;
                await reader.ReadAsync(ct).ConfigureAwait(false);
                made = reader.GetBoolean(0) ? candidate : null;
            }

            if (made is null && (limitReached || skippedForLimit))
            {
                // A limit refusal writes nothing, not even the idempotency record: a retry is judged afresh.
                await transaction.RollbackAsync(ct).ConfigureAwait(false);
                return new CreateBookingResult(null, null) { LimitReached = true };
            }

            if (made is not null && KeepLocale(made) is [_, ..] locale)
            {
                await using var write = Batch(connection, transaction, locale);
                await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            if (made is not null && KeepAnswers(made) is [_, ..] keep)
            {
                await using var answers = Batch(connection, transaction, keep);
                await answers.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            if (idempotency is not null)
            {
                await using var record = Batch(connection, transaction, Command(
                    "UPDATE bookmeatoz.idempotency_keys SET response = @response WHERE tenant_id = @tenant AND idempotency_key = @key",
                    Text("response", idempotency.Response(made)), Uuid("tenant", idempotency.TenantId), Text("key", idempotency.Key)));
                await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return new CreateBookingResult(made, null);
        }
    }

    /// <summary>
    /// Locks the rows of the staff with a daily limit in <paramref name="limits"/> until the transaction ends, all at once and
    /// in id order (so that two transactions never wait for each other's staff). FOR NO KEY UPDATE leaves the foreign-key
    /// checks of other bookings (FOR KEY SHARE) alone: only other limited bookings of the same staff wait, and then count
    /// one after another.
    /// </summary>
    private static async Task LockLimitedStaffAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, BookingLimits? limits, Guid tenantId, CancellationToken ct)
    {
        if (limits is not { StaffDays.Count: > 0 })
        {
            return;
        }

        await using var batch = Batch(connection, transaction, Command(
            "SELECT FROM bookmeatoz.staff WHERE tenant_id = @tenant AND staff_id = ANY (@ids) ORDER BY staff_id FOR NO KEY UPDATE",
            Uuid("tenant", tenantId), Uuids("ids", limits.StaffDays.Select(d => d.StaffId).Distinct().ToArray())));
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether the staff member's local day (per <paramref name="limits"/>) already holds their daily maximum of active
    /// bookings, not counting <paramref name="ignoreBookingId"/>. Called after <see cref="LockLimitedStaffAsync"/>; the
    /// count is a statement of its own, started after the lock was granted, so it sees every booking committed before.
    /// </summary>
    private static async Task<bool> DayIsFullAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, BookingLimits? limits, Guid staffId, Guid tenantId, Guid? ignoreBookingId,
        CancellationToken ct)
    {
        if (limits?.StaffDays.FirstOrDefault(l => l.StaffId == staffId) is not { } day)
        {
            return false;
        }

        await using var batch = Batch(connection, transaction,
            Command("""
                SELECT (SELECT count(*) FROM bookmeatoz.bookings
                        WHERE tenant_id = @tenant AND staff_id = @staff AND (status IN ('pending', 'confirmed') OR (status = 'held' AND expires_at > @now))
                          AND starts_at >= @day_start AND starts_at < @day_end
                          AND booking_id IS DISTINCT FROM @ignore)
                     -- and the collective bookings they serve as additional staff (migration 0020)
                     + (SELECT count(*) FROM bookmeatoz.booking_staff s
                        JOIN bookmeatoz.bookings b ON b.tenant_id = s.tenant_id AND b.booking_id = s.booking_id
                        WHERE s.tenant_id = @tenant AND s.staff_id = @staff
                          AND s.blocked_start > @day_start - interval '2 days' AND s.blocked_start < @day_end
                          AND b.starts_at >= @day_start AND b.starts_at < @day_end AND NOT (b.status = 'held' AND b.expires_at <= @now)
                          AND b.booking_id IS DISTINCT FROM @ignore)
                """,
                Uuid("tenant", tenantId), Uuid("staff", staffId), Time("day_start", day.DayStart), Time("day_end", day.DayEnd), Time("now", limits.Now),
                new NpgsqlParameter<Guid?>("ignore", ignoreBookingId) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid }));
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        return reader.GetInt64(0) >= day.Max;
    }

    /// <summary>
    /// Whether the customer's e-mail (case-insensitive) already holds <paramref name="max"/> active bookings starting after
    /// <paramref name="now"/>. A transaction advisory lock on (tenant, lower(e-mail)) makes the limited bookings of one
    /// customer count one after another; the count, a statement of its own, sees every booking committed before the lock.
    /// </summary>
    private static async Task<bool> CustomerIsAtLimitAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, string email, int max, DateTimeOffset now, CancellationToken ct)
    {
        await using var batch = Batch(connection, transaction,
            Command("SELECT pg_advisory_xact_lock(hashtextextended('bookmeatoz.customer:' || @tenant::text || ':' || lower(@email), 0))",
                Uuid("tenant", tenantId), Text("email", email)),
            Command("""
                SELECT count(*) FROM bookmeatoz.bookings
                WHERE tenant_id = @tenant AND lower(customer_email) = lower(@email) AND starts_at > @now
                  AND (status IN ('pending', 'confirmed') OR (status = 'held' AND expires_at > @now))
                """, Uuid("tenant", tenantId), Text("email", email), Time("now", now)));
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        return reader.GetInt64(0) >= max;
    }

    /// <summary>
    /// Claims an idempotency key for this transaction by inserting its row first (an expired row is taken
    /// over). When another request holds the key, the insert waits on the primary key until that request's
    /// transaction ends; then the recorded outcome is returned instead. The first candidate, if any, is tried in
    /// the same round trip, guarded by the claim: it runs only when the key's row is this transaction's (its
    /// response not yet recorded; a committed row always has one).
    /// </summary>
    private static async Task<(IdempotencyRecord? Existing, bool FirstBooked)> ClaimKeyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IdempotencyEntry entry, DateTimeOffset now, Booking? first, int capacity,
        CancellationToken ct)
    {
        List<NpgsqlBatchCommand> commands =
        [
            SetTenant(entry.TenantId),
            Command("""
                INSERT INTO bookmeatoz.idempotency_keys (tenant_id, idempotency_key, fingerprint, response, expires_at)
                VALUES (@tenant, @key, @fingerprint, NULL, @expires_at)
                ON CONFLICT (tenant_id, idempotency_key) DO UPDATE
                SET fingerprint = EXCLUDED.fingerprint, response = NULL, expires_at = EXCLUDED.expires_at, created_at = now()
                WHERE bookmeatoz.idempotency_keys.expires_at <= @now
                """,
                Uuid("tenant", entry.TenantId), Text("key", entry.Key), Text("fingerprint", entry.Fingerprint),
                Time("expires_at", entry.ExpiresAt), Time("now", now)),
            Command(
                "SELECT fingerprint, response FROM bookmeatoz.idempotency_keys WHERE tenant_id = @tenant AND idempotency_key = @key",
                Uuid("tenant", entry.TenantId), Text("key", entry.Key)),
        ];
        if (first is not null)
        {
            commands.Add(BookCommand(first, capacity, entry.Key, now));
        }

        // Result sets: set_config's, the SELECT's, the guarded candidate's (the INSERT returns none).
        await using var batch = Batch(connection, transaction, [.. commands]);
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        IdempotencyRecord? existing = null;
        if (batch.BatchCommands[1].RecordsAffected != 1 && await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            existing = new IdempotencyRecord(reader.GetString(0), reader.IsDBNull(1) ? string.Empty : reader.GetString(1));
        }

        var firstBooked = false;
        if (first is not null && await reader.NextResultAsync(ct).ConfigureAwait(false) && await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            firstBooked = reader.GetBoolean(0);
        }

        return (existing, firstBooked);
    }

    /// <summary>
    /// Stores the answers of a booking just made in the same transaction (a separate statement, so that the booking
    /// functions keep their signatures): none when there are none, or when the booking was not made. The expiry (of a
    /// hold or a pending booking) is written by the booking functions with the row (migration 0009).
    /// </summary>
    /// <summary>
    /// Stores the language the customer booked in, a statement after the booking function wrote the row (which it does
    /// not know of), in the same transaction; for a candidate that was not booked it changes nothing. No trigger watches
    /// the column.
    /// </summary>
    internal static NpgsqlBatchCommand[] KeepLocale(Booking booking) => booking.Locale is { } locale
        ? [Command("UPDATE bookmeatoz.bookings SET locale = @locale WHERE tenant_id = @tenant AND booking_id = @id AND status <> 'held'",
            Text("locale", locale), Uuid("tenant", booking.TenantId), Uuid("id", booking.Id))]
        : [];

    private static NpgsqlBatchCommand[] KeepAnswers(Booking booking) => booking.Answers is { Count: > 0 }
        ? [Command(
            "UPDATE bookmeatoz.bookings SET answers = @answers WHERE tenant_id = @tenant AND booking_id = @id",
            Jsonb("answers", CatalogJson.WriteAnswers(booking.Answers)), Uuid("tenant", booking.TenantId), Uuid("id", booking.Id)),
            RefreshCreatedEvent(booking)]
        : [];

    /// <summary>
    /// Puts the answers just stored into the booking's <c>booking.created</c> event, written a statement earlier by the
    /// booking function (its trigger saw no answers yet; migration 0010). That event is this session's latest outbox row;
    /// the sequence is read only when the booking was made (else there is no row to read it for, and maybe no value).
    /// </summary>
    private static NpgsqlBatchCommand RefreshCreatedEvent(Booking booking) => Command("""
        UPDATE bookmeatoz.outbox o SET payload = jsonb_set(o.payload, '{answers}', b.answers)
        FROM (SELECT answers, currval(pg_get_serial_sequence('bookmeatoz.outbox', 'outbox_id')) AS outbox_id
              FROM bookmeatoz.bookings WHERE tenant_id = @tenant AND booking_id = @id) b
        WHERE o.tenant_id = @tenant AND o.outbox_id = b.outbox_id AND o.type = 'booking.created' AND o.payload ->> 'bookingId' = @id::text
        """, Uuid("tenant", booking.TenantId), Uuid("id", booking.Id));

    /// <summary>
    /// The statement that books a candidate (one-to-one, or a seat of its group session); with
    /// <paramref name="claimedKey"/>, only if this transaction holds that idempotency key.
    /// </summary>
    private static NpgsqlBatchCommand BookCommand(Booking candidate, int capacity, string? claimedKey, DateTimeOffset now)
    {
        var call = capacity <= 1 ? BookOneToOne : BookGroup;
        NpgsqlParameter[] parameters = capacity <= 1 ? BookingParameters(candidate, now) : [.. BookingParameters(candidate, now), Int("capacity", capacity)];
        return claimedKey is null
            ? Command(call, parameters)
            : Command($"""
                {call}
                FROM bookmeatoz.idempotency_keys
                WHERE tenant_id = @tenant AND idempotency_key = @claimed_key AND response IS NULL
                """, [.. parameters, Text("claimed_key", claimedKey)]);
    }

    /// <inheritdoc />
    public Task<IdempotencyRecord?> FindIdempotencyRecordAsync(Guid tenantId, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ReadAsync(ReadFrom.Primary, "find idempotency record", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command("""
                    SELECT fingerprint, response FROM bookmeatoz.idempotency_keys
                    WHERE tenant_id = @tenant AND idempotency_key = @key AND expires_at > @now AND response IS NOT NULL
                    """, Uuid("tenant", tenantId), Text("key", key), Time("now", now)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? new IdempotencyRecord(reader.GetString(0), reader.GetString(1)) : null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Booking?> FindBookingAsync(Guid tenantId, Guid bookingId, CancellationToken cancellationToken) =>
        ReadAsync(ReadFrom.Primary, "find booking", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command($"SELECT {BookingColumns} FROM bookmeatoz.bookings b WHERE b.tenant_id = @tenant AND b.booking_id = @id",
                    Uuid("tenant", tenantId), Uuid("id", bookingId)));
            return await ReadBookingsAsync(batch, ct).ConfigureAwait(false) is [var found, ..] ? found : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Booking>> ListBookingsAsync(BookingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<Booking>>([]);
        }

        return ReadAsync(ReadFrom.Primary, "list bookings", async (connection, ct) =>
        {
            // The index is (tenant, staff, start, id). For one staff member it is a range scan in page order; for
            // all, the first page of each staff member (deleted ones too: the staff foreign key guarantees every
            // booking's staff row exists), merged.
            // Rows made as holds and never booked (no manage token) are not bookings.
            var filter = new StringBuilder("b.starts_at >= @from AND b.starts_at < @to AND b.manage_token_hash <> '\\x'::bytea");
            var parameters = new List<NpgsqlParameter> { Uuid("tenant", query.TenantId), Time("from", query.From), Time("to", query.To), Int("limit", query.Limit) };
            if (query.Status is { } status)
            {
                filter.Append(" AND b.status = @status");
                parameters.Add(Text("status", ToSql(status)));
            }

            if (query.After is { } after)
            {
                filter.Append(" AND (b.starts_at, b.booking_id) > (@after_start, @after_id)");
                parameters.Add(Time("after_start", after.Start));
                parameters.Add(Uuid("after_id", after.Id));
            }

            string sql;
            if (query.StaffId is { } staffId)
            {
                parameters.Add(Uuid("staff", staffId));
                // With the active collective bookings the staff member serves as one of the additional staff (migration 0020).
                sql = $"""
                    SELECT {BookingColumns} FROM (
                        (SELECT b.* FROM bookmeatoz.bookings b
                         WHERE b.tenant_id = @tenant AND b.staff_id = @staff AND {filter}
                         ORDER BY b.starts_at, b.booking_id LIMIT @limit)
                        UNION ALL
                        (SELECT b.* FROM bookmeatoz.booking_staff s
                         JOIN bookmeatoz.bookings b ON b.tenant_id = s.tenant_id AND b.booking_id = s.booking_id
                         WHERE s.tenant_id = @tenant AND s.staff_id = @staff AND s.blocked_start < @to AND s.blocked_end > @from - interval '2 days'
                           AND {filter}
                         ORDER BY b.starts_at, b.booking_id LIMIT @limit)) b
                    ORDER BY b.starts_at, b.booking_id LIMIT @limit
                    """;
            }
            else
            {
                sql = $"""
                    SELECT {BookingColumns}
                    FROM bookmeatoz.staff st
                    CROSS JOIN LATERAL (
                        SELECT {BookingColumns} FROM bookmeatoz.bookings b
                        WHERE b.tenant_id = st.tenant_id AND b.staff_id = st.staff_id AND {filter}
                        ORDER BY b.starts_at, b.booking_id LIMIT @limit) b
                    WHERE st.tenant_id = @tenant
                    ORDER BY b.starts_at, b.booking_id LIMIT @limit
                    """;
            }

            await using var batch = Batch(connection, null, SetTenant(query.TenantId), Command(sql, [.. parameters]));
            return await ReadBookingsAsync(batch, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Booking?> CancelBookingAsync(Guid tenantId, Guid bookingId, DateTimeOffset cancelledAt, string? reason, CancellationToken cancellationToken) =>
        WriteAsync("cancel booking", async (connection, ct) =>
        {
            // One implicit transaction. The booking is locked first, in a statement of its own: a concurrent
            // reschedule may be moving it to a session created after this transaction began, and only a statement
            // started after the lock is granted sees that session. Then cancelling, freeing the seat (a session with
            // no seats left holds no time) and the event happen in one statement; a concurrent second cancel
            // finds nothing left to cancel. The final SELECT sees the outcome either way.
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command("SELECT FROM bookmeatoz.bookings WHERE tenant_id = @tenant AND booking_id = @id FOR UPDATE",
                    Uuid("tenant", tenantId), Uuid("id", bookingId)),
                Command("""
                    WITH b AS (
                        UPDATE bookmeatoz.bookings
                        SET status = 'cancelled', cancelled_at = @cancelled_at, cancel_reason = @reason
                        WHERE tenant_id = @tenant AND booking_id = @id AND status IN ('pending', 'confirmed')
                        RETURNING tenant_id, booking_id, service_id, staff_id, session_id, starts_at, ends_at, status),
                    s AS (
                        UPDATE bookmeatoz.sessions SET seats_taken = seats_taken - 1
                        FROM b WHERE sessions.tenant_id = b.tenant_id AND sessions.session_id = b.session_id)
                    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                    SELECT tenant_id, 'booking.cancelled', jsonb_build_object(
                        'bookingId', booking_id, 'serviceId', service_id, 'staffId', staff_id, 'start', starts_at, 'end', ends_at, 'status', status)
                    FROM b
                    """, Uuid("tenant", tenantId), Uuid("id", bookingId), Time("cancelled_at", cancelledAt), NullableText("reason", reason)),
                Command($"SELECT {BookingColumns} FROM bookmeatoz.bookings b WHERE b.tenant_id = @tenant AND b.booking_id = @id",
                    Uuid("tenant", tenantId), Uuid("id", bookingId)));
            // Result sets: set_config's, the lock's, then the SELECT's (the cancel returns none).
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadBooking(reader) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<RescheduleResult> RescheduleBookingAsync(RescheduleCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(command.Candidates);
        var now = _timeProvider.GetUtcNow();
        return WriteAsync("reschedule booking", async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await MoveInTransactionAsync(connection, transaction, command, now, ct, SetTenant(command.TenantId)).ConfigureAwait(false);
                if (result.Status == RescheduleStatus.Rescheduled)
                {
                    try
                    {
                        await transaction.CommitAsync(ct).ConfigureAwait(false);
                    }
                    catch (PostgresException e) when (e.SqlState == ResourceUnavailable)
                    {
                        // The new time lacks free units of a resource the service requires (every staff candidate
                        // would: resources do not depend on the staff member). Nothing changed.
                        return new RescheduleResult(RescheduleStatus.Conflict, result.Booking);
                    }
                }
                else
                {
                    await transaction.RollbackAsync(ct).ConfigureAwait(false);
                }

                return result;
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Moves a booking inside the caller's transaction (which commits or rolls back on the outcome); with
    /// <paramref name="scope"/>, the tenant is set in the same round trip as the booking's lock.
    /// </summary>
    private static async Task<RescheduleResult> MoveInTransactionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, RescheduleCommand command, DateTimeOffset now, CancellationToken ct,
        NpgsqlBatchCommand? scope = null)
    {
        // Lock the booking (a statement of its own: later statements then see whatever a concurrent change
        // committed before the lock was granted).
        Booking current;
        Guid? oldSession;
        var lockBooking = Command($"SELECT {BookingColumns}, b.session_id FROM bookmeatoz.bookings b WHERE b.tenant_id = @tenant AND b.booking_id = @id FOR UPDATE",
            Uuid("tenant", command.TenantId), Uuid("id", command.BookingId));
        await using (var batch = Batch(connection, transaction, scope is null ? [lockBooking] : [scope, lockBooking]))
        {
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (scope is not null)
            {
                await reader.NextResultAsync(ct).ConfigureAwait(false);
            }

            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                return new RescheduleResult(RescheduleStatus.NotFound, null);
            }

            current = ReadBooking(reader);
            oldSession = reader.IsDBNull(BookingColumnCount) ? null : reader.GetGuid(BookingColumnCount);
        }

        if (!current.IsActive || current.Status == BookingStatus.Held)
        {
            return new RescheduleResult(RescheduleStatus.NotActive, current);
        }

        // The count is read under the booking's row lock: concurrent moves of one booking count one after another.
        if (command.ByCustomer && command.MaxCustomerReschedules is { } max && current.CustomerReschedules >= max)
        {
            return new RescheduleResult(RescheduleStatus.MaxReschedulesReached, current);
        }

        var limitReached = false;
        await LockTeamsAsync(connection, transaction, command.TenantId, command.Candidates, ct).ConfigureAwait(false);
        await LockLimitedStaffAsync(connection, transaction, command.Limits, command.TenantId, ct).ConfigureAwait(false);

        // Give back the old seat first, so that the booking can move to another time of its own session's.
        // The booking's own old time never blocks the new: the exclusion constraint ignores the row version
        // this transaction replaces.
        NpgsqlBatchCommand[] release = oldSession is { } old
            ? [Command(GiveBackSeat, Uuid("tenant", command.TenantId), Uuid("session", old))]
            : [];
        foreach (var candidate in command.Candidates)
        {
            var moved = current with
            {
                StaffId = candidate.StaffId,
                AdditionalStaffIds = candidate.AdditionalStaffIds,
                Start = candidate.Start,
                End = candidate.End,
                BufferBeforeMinutes = candidate.BufferBeforeMinutes,
                BufferAfterMinutes = candidate.BufferAfterMinutes,
                CustomerReschedules = current.CustomerReschedules + (command.ByCustomer ? 1 : 0),
            };
            if (await TeamDayIsFullAsync(connection, transaction, command.Limits, moved, moved.TenantId, moved.Id, ct).ConfigureAwait(false))
            {
                limitReached = true;
                continue;
            }

            if (!await TeamIsFreeAsync(connection, transaction, moved, now, ct).ConfigureAwait(false))
            {
                continue;
            }

            NpgsqlParameter[] parameters =
            [
                .. SeatParameters(moved), Int("capacity", command.Capacity), Uuid("id", moved.Id), Int("before", moved.BufferBeforeMinutes),
                Int("after", moved.BufferAfterMinutes), Time("end", moved.End), Time("blocked_start", moved.BlockedStart),
                Time("blocked_end", moved.BlockedEnd), Uuid("old_staff", current.StaffId), Time("old_start", current.Start),
                Time("old_end", current.End), Int("customer_reschedules", moved.CustomerReschedules),
                Uuids("additional_staff", moved.AdditionalStaffIds),
            ];
            // A candidate that doesn't fit is rolled back to its savepoint, releasing any session row lock
            // it took (a full session is locked too), so that failed candidates hold nothing.
            await using var move = Batch(connection, transaction,
            [
                .. release,
                Command(ReleaseLapsedHolds, Uuid("tenant", moved.TenantId), Uuid("staff", moved.StaffId),
                    Time("blocked_start", moved.BlockedStart), Time("blocked_end", moved.BlockedEnd), Time("now", now)),
                Command("SAVEPOINT bookmeatoz_move"),
                Command(command.Capacity <= 1 ? MoveOneToOne : MoveGroup, parameters),
            ]);
            release = [];
            var fits = false;
            try
            {
                await move.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                fits = move.BatchCommands[^1].RecordsAffected == 1;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.ExclusionViolation or ResourceUnavailable)
            {
                // The new time overlaps another hold, or a collective booking the staff member serves (migration 0020).
            }

            if (fits)
            {
                // As the bookings_ical_sequence trigger (migration 0018) wrote it.
                var samePlace = moved.Start == current.Start && moved.End == current.End && moved.StaffId == current.StaffId;
                return new RescheduleResult(RescheduleStatus.Rescheduled, moved with { Sequence = current.Sequence + (samePlace ? 0 : 1) });
            }

            await using var rollback = Batch(connection, transaction, Command("ROLLBACK TO SAVEPOINT bookmeatoz_move"));
            await rollback.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return new RescheduleResult(limitReached ? RescheduleStatus.LimitReached : RescheduleStatus.Conflict, current);
    }


    private static NpgsqlParameter[] SeatParameters(Booking booking) =>
    [
        Uuid("tenant", booking.TenantId), Uuid("staff", booking.StaffId), Uuid("service", booking.ServiceId), Time("start", booking.Start),
    ];

    private static NpgsqlParameter[] BookingParameters(Booking booking, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(booking.Customer);
        return
        [
            Uuid("tenant", booking.TenantId), Uuid("id", booking.Id), Uuid("service", booking.ServiceId), Uuid("staff", booking.StaffId),
            Time("start", booking.Start), Time("end", booking.End), Time("blocked_start", booking.BlockedStart), Time("blocked_end", booking.BlockedEnd),
            Int("before", booking.BufferBeforeMinutes), Int("after", booking.BufferAfterMinutes), Text("status", ToSql(booking.Status)),
            Text("customer_name", booking.Customer.Name), Text("customer_email", booking.Customer.Email),
            NullableText("customer_phone", booking.Customer.Phone), NullableText("notes", booking.Notes), Time("created_at", booking.CreatedAt),
            NullableTime("cancelled_at", booking.CancelledAt), NullableText("cancel_reason", booking.CancelReason),
            Bytes("token_hash", booking.ManageTokenHash ?? []), NullableTime("expires_at", booking.ExpiresAt), Time("now", now),
        ];
    }

    private static async Task<IReadOnlyList<Booking>> ReadBookingsAsync(NpgsqlBatch batch, CancellationToken ct)
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

    private static Booking ReadBooking(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetGuid(2),
        reader.GetGuid(3),
        reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.GetInt32(6),
        reader.GetInt32(7),
        ParseStatus(reader.GetString(8)),
        new Customer(reader.GetString(9), reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11)),
        reader.IsDBNull(12) ? null : reader.GetString(12),
        reader.GetFieldValue<DateTimeOffset>(13),
        reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14),
        reader.IsDBNull(15) ? null : reader.GetString(15),
        reader.GetFieldValue<byte[]>(16))
    {
        Answers = CatalogJson.ReadAnswers(reader.GetString(17)),
        CustomerReschedules = reader.GetInt32(18),
        ExpiresAt = reader.IsDBNull(19) ? null : reader.GetFieldValue<DateTimeOffset>(19),
        SeriesId = reader.IsDBNull(20) ? null : reader.GetGuid(20),
        Sequence = reader.GetInt32(21),
        Locale = reader.IsDBNull(22) ? null : reader.GetString(22),
        AdditionalStaffIds = reader.GetFieldValue<Guid[]>(23),
    };
}
