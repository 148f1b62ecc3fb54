using BookMeAtOz.Bookings;
using Npgsql;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

// Recurring series (migration 0015). A series is booked in one transaction by the booking functions of the single
// booking, so the exclusion constraint and the session seats decide every occurrence as they decide one booking: an
// all-or-nothing series that loses one occurrence to a concurrent booking rolls back to its savepoint and books nothing.
// Without limits to count, the occurrences go in round trips of one statement each (the first candidate of every
// occurrence in one batch, then the next candidate of those that did not fit); with limits, one by one.
internal sealed partial class PostgresBookingStore
{
    private const string EndSeries =
        "SELECT set_config('bookmeatoz.series_id', '', true), set_config('bookmeatoz.series_answers', '', true), set_config('bookmeatoz.series_events', '', true)";

    private const string InsertSeries = """
        INSERT INTO bookmeatoz.booking_series (tenant_id, series_id, manage_token_hash, created_at)
        VALUES (@tenant, @series, @token_hash, @created_at)
        """;

    /// <inheritdoc />
    public Task<CreateSeriesResult> CreateSeriesAsync(CreateSeriesCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var series = command.Series;
        if (command.Occurrences.SelectMany(o => o.Candidates).Any(c => c.TenantId != series.TenantId || c.SeriesId != series.Id))
        {
            throw new ArgumentException("Every candidate must belong to the series' tenant and series.", nameof(command));
        }

        var now = _timeProvider.GetUtcNow();
        return WriteAsync("create series", async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var idempotency = command.Idempotency;
                if (idempotency is not null)
                {
                    var claim = new IdempotencyEntry(idempotency.TenantId, idempotency.Key, idempotency.Fingerprint, idempotency.ExpiresAt, _ => string.Empty);
                    var (existing, _) = await ClaimKeyAsync(connection, transaction, claim, now, null, command.Capacity, ct).ConfigureAwait(false);
                    if (existing is not null)
                    {
                        return new CreateSeriesResult([], [], existing);
                    }
                }

                // Without a key to claim, the tenant scope rides along with the series' first statements.
                var result = await BookSeriesAsync(connection, transaction, command, now, idempotency is null ? SetTenant(series.TenantId) : null, ct)
                    .ConfigureAwait(false);
                if (idempotency is not null)
                {
                    await using var record = Batch(connection, transaction, Command(
                        "UPDATE bookmeatoz.idempotency_keys SET response = @response WHERE tenant_id = @tenant AND idempotency_key = @key",
                        Text("response", idempotency.Response(result)), Uuid("tenant", idempotency.TenantId), Text("key", idempotency.Key)));
                    await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                try
                {
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                }
                catch (PostgresException e) when (e.SqlState == ResourceUnavailable)
                {
                    // The commit found a resource the service requires without enough free units for some occurrence
                    // (migration 0014): nothing was written, not even the idempotency record. Which occurrence is not
                    // known here, so every occurrence meant to be booked is answered as unavailable.
                    return new CreateSeriesResult([], [.. command.Occurrences.Select(o => new SeriesSkip(o.Start, o.RefusedCode ?? ErrorCodes.SlotUnavailable))], null);
                }

                return result;
            }
        }, cancellationToken);
    }

    /// <summary>Books the occurrences inside the caller's transaction, from a savepoint it rolls back to when nothing is to be kept.</summary>
    private static async Task<CreateSeriesResult> BookSeriesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CreateSeriesCommand command, DateTimeOffset now, NpgsqlBatchCommand? scope,
        CancellationToken ct)
    {
        var series = command.Series;
        var tenantId = series.TenantId;
        var refused = command.Occurrences.Where(o => o.RefusedCode is not null).Select(o => new SeriesSkip(o.Start, o.RefusedCode!)).ToList();
        var toBook = command.Occurrences.Where(o => o.RefusedCode is null && o.Candidates.Count > 0).ToList();
        if (toBook.Count == 0 || (command.AllOrNothing && refused.Count > 0))
        {
            return new CreateSeriesResult([], Sorted(refused), null);
        }

        var answers = toBook[0].Candidates[0].Answers;
        await using (var start = Batch(connection, transaction, [
            .. (NpgsqlBatchCommand[])(scope is null ? [] : [scope]),
            Command("SAVEPOINT bookmeatoz_series"),
            Command("""
                SELECT set_config('bookmeatoz.series_id', @series, true), set_config('bookmeatoz.series_answers', @answers, true),
                       set_config('bookmeatoz.series_events', 'on', true)
                """,
                Text("series", series.Id.ToString()), Text("answers", answers.Count > 0 ? CatalogJson.WriteAnswers(answers) : string.Empty)),
            Command(InsertSeries, Uuid("tenant", tenantId), Uuid("series", series.Id), Bytes("token_hash", series.ManageTokenHash),
                Time("created_at", series.CreatedAt))]))
        {
            await start.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var booked = command.HasLimits || toBook.Exists(o => HasTeams(o.Candidates))
            ? await BookOneByOneAsync(connection, transaction, command, toBook, refused, now, ct).ConfigureAwait(false)
            : await BookInRoundsAsync(connection, transaction, command, toBook, refused, now, ct).ConfigureAwait(false);

        if (booked.Count == 0 || (command.AllOrNothing && refused.Count > 0))
        {
            // Nothing kept: not the series row, not an occurrence, not an event (the idempotency record is written after).
            await using var undo = Batch(connection, transaction, Command("ROLLBACK TO SAVEPOINT bookmeatoz_series"),
                Command(EndSeries));
            await undo.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return new CreateSeriesResult([], Sorted(refused), null);
        }

        // The series' one event, after its bookings' (the relay plans the series' one e-mail from it).
        var head = booked.MinBy(b => b.Start)!;
        await using (var done = Batch(connection, transaction,
            Command("""
                INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                VALUES (@tenant, 'series.created', jsonb_build_object('seriesId', @series, 'bookingId', @id, 'serviceId', @service,
                    'staffId', @staff, 'start', @start, 'end', @end, 'status', @status))
                """, Uuid("tenant", tenantId), Uuid("series", series.Id), Uuid("id", head.Id), Uuid("service", head.ServiceId), Uuid("staff", head.StaffId),
                Time("start", head.Start), Time("end", head.End), Text("status", ToSql(head.Status))),
            Command(EndSeries)))
        {
            await done.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return new CreateSeriesResult([.. booked.OrderBy(b => b.Start)], Sorted(refused), null);
    }

    /// <summary>Round r tries the r-th candidate of every occurrence not yet booked, all in one batch.</summary>
    private static async Task<List<Booking>> BookInRoundsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CreateSeriesCommand command, List<SeriesOccurrence> toBook, List<SeriesSkip> refused,
        DateTimeOffset now, CancellationToken ct)
    {
        var booked = new List<Booking>(toBook.Count);
        var pending = toBook;
        for (var round = 0; pending.Count > 0; round++)
        {
            await using var batch = Batch(connection, transaction, [.. pending.Select(o => BookCommand(o.Candidates[round], command.Capacity, null, now))]);
            await using (var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                var next = new List<SeriesOccurrence>();
                foreach (var occurrence in pending)
                {
                    await reader.ReadAsync(ct).ConfigureAwait(false);
                    if (reader.GetBoolean(0))
                    {
                        booked.Add(occurrence.Candidates[round]);
                    }
                    else if (round + 1 < occurrence.Candidates.Count)
                    {
                        next.Add(occurrence);
                    }
                    else
                    {
                        refused.Add(new SeriesSkip(occurrence.Start, ErrorCodes.SlotUnavailable));
                    }

                    await reader.NextResultAsync(ct).ConfigureAwait(false);
                }

                pending = next;
            }

            if (command.AllOrNothing && refused.Count > 0)
            {
                break;
            }
        }

        return booked;
    }

    /// <summary>With limits: each occurrence after the customer's count and each candidate after its staff member's day count.</summary>
    private static async Task<List<Booking>> BookOneByOneAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CreateSeriesCommand command, List<SeriesOccurrence> toBook, List<SeriesSkip> refused,
        DateTimeOffset now, CancellationToken ct)
    {
        var tenantId = command.Series.TenantId;
        var customerActive = 0L;
        if (command.MaxActiveBookingsPerCustomer is not null)
        {
            await using var count = Batch(connection, transaction,
                Command("SELECT pg_advisory_xact_lock(hashtextextended('bookmeatoz.customer:' || @tenant::text || ':' || lower(@email), 0))",
                    Uuid("tenant", tenantId), Text("email", toBook[0].Candidates[0].Customer.Email)),
                Command("""
                    SELECT count(*) FROM bookmeatoz.bookings
                    WHERE tenant_id = @tenant AND lower(customer_email) = lower(@email) AND starts_at > @now
                      AND (status IN ('pending', 'confirmed') OR (status = 'held' AND expires_at > @now))
                    """, Uuid("tenant", tenantId), Text("email", toBook[0].Candidates[0].Customer.Email), Time("now", command.Now)));
            await using var reader = await count.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            customerActive = reader.GetInt64(0);
        }

        var allDays = new BookingLimits { StaffDays = [.. toBook.SelectMany(o => o.StaffDays)], Now = command.Now };
        await LockTeamsAsync(connection, transaction, tenantId, [.. toBook.SelectMany(o => o.Candidates)], ct).ConfigureAwait(false);
        await LockLimitedStaffAsync(connection, transaction, allDays, tenantId, ct).ConfigureAwait(false);
        var booked = new List<Booking>(toBook.Count);
        foreach (var occurrence in toBook)
        {
            if (command.AllOrNothing && refused.Count > 0)
            {
                break;
            }

            if (command.MaxActiveBookingsPerCustomer is { } max && customerActive + booked.Count >= max)
            {
                refused.Add(new SeriesSkip(occurrence.Start, ErrorCodes.BookingLimitReached));
                continue;
            }

            var limits = new BookingLimits { StaffDays = occurrence.StaffDays, Now = command.Now };
            var limited = false;
            Booking? made = null;
            foreach (var candidate in occurrence.Candidates)
            {
                if (await TeamDayIsFullAsync(connection, transaction, limits, candidate, tenantId, null, ct).ConfigureAwait(false))
                {
                    limited = true;
                    continue;
                }

                if (!await TeamIsFreeAsync(connection, transaction, candidate, now, ct).ConfigureAwait(false))
                {
                    continue;
                }

                await using var batch = Batch(connection, transaction, [BookCommand(candidate, command.Capacity, null, now), .. AssignTeam(candidate)]);
                await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await reader.ReadAsync(ct).ConfigureAwait(false);
                if (reader.GetBoolean(0))
                {
                    made = candidate;
                    break;
                }
            }

            if (made is null)
            {
                refused.Add(new SeriesSkip(occurrence.Start, limited ? ErrorCodes.BookingLimitReached : ErrorCodes.SlotUnavailable));
            }
            else
            {
                booked.Add(made);
            }
        }

        return booked;
    }

    private static List<SeriesSkip> Sorted(List<SeriesSkip> skips) => [.. skips.OrderBy(s => s.Start)];

    /// <inheritdoc />
    public Task<BookingSeries?> FindSeriesAsync(Guid tenantId, Guid seriesId, CancellationToken cancellationToken) =>
        ReadAsync(ReadFrom.Primary, "find series", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command("SELECT manage_token_hash, created_at FROM bookmeatoz.booking_series WHERE tenant_id = @tenant AND series_id = @series",
                    Uuid("tenant", tenantId), Uuid("series", seriesId)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false)
                ? new BookingSeries(seriesId, tenantId, reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<DateTimeOffset>(1))
                : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Booking>> ListSeriesBookingsAsync(Guid tenantId, Guid seriesId, CancellationToken cancellationToken) =>
        ReadAsync(ReadFrom.Primary, "list series bookings", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command($"""
                    SELECT {BookingColumns} FROM bookmeatoz.bookings b
                    WHERE b.tenant_id = @tenant AND b.series_id = @series
                    ORDER BY b.starts_at, b.booking_id
                    """, Uuid("tenant", tenantId), Uuid("series", seriesId)));
            return await ReadBookingsAsync(batch, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Booking>> CancelBookingsAsync(
        Guid tenantId, IReadOnlyList<Guid> bookingIds, DateTimeOffset cancelledAt, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bookingIds);
        var ids = bookingIds.Distinct().Order().ToArray();
        return WriteAsync("cancel bookings", async (connection, ct) =>
        {
            // One implicit transaction, as CancelBookingAsync: the bookings locked first (in id order, so two such cancels
            // never wait for each other), in a statement of their own; then cancel, seats and events in one statement.
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command("SELECT set_config('bookmeatoz.series_events', 'on', true)"),
                Command("SELECT FROM bookmeatoz.bookings WHERE tenant_id = @tenant AND booking_id = ANY (@ids) ORDER BY booking_id FOR UPDATE",
                    Uuid("tenant", tenantId), Uuids("ids", ids)),
                Command("""
                    WITH b AS (
                        UPDATE bookmeatoz.bookings
                        SET status = 'cancelled', cancelled_at = @cancelled_at, cancel_reason = @reason
                        WHERE tenant_id = @tenant AND booking_id = ANY (@ids) AND status IN ('pending', 'confirmed')
                        RETURNING tenant_id, booking_id, service_id, staff_id, session_id, starts_at, ends_at, status),
                    s AS (
                        UPDATE bookmeatoz.sessions x SET seats_taken = x.seats_taken - g.n
                        FROM (SELECT b.tenant_id, b.session_id, count(*)::integer AS n FROM b WHERE b.session_id IS NOT NULL GROUP BY 1, 2) g
                        WHERE x.tenant_id = g.tenant_id AND x.session_id = g.session_id)
                    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                    SELECT tenant_id, 'booking.cancelled', jsonb_build_object(
                        'bookingId', booking_id, 'serviceId', service_id, 'staffId', staff_id, 'start', starts_at, 'end', ends_at, 'status', status)
                    FROM b ORDER BY starts_at
                    """, Uuid("tenant", tenantId), Uuids("ids", ids), Time("cancelled_at", cancelledAt), NullableText("reason", reason)),
                Command($"SELECT {BookingColumns} FROM bookmeatoz.bookings b WHERE b.tenant_id = @tenant AND b.booking_id = ANY (@ids) ORDER BY b.starts_at, b.booking_id",
                    Uuid("tenant", tenantId), Uuids("ids", ids)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            // Result sets: set_config's twice, the lock's, then the SELECT's (the cancel returns none).
            for (var i = 0; i < 3; i++)
            {
                await reader.NextResultAsync(ct).ConfigureAwait(false);
            }

            var result = new List<Booking>(ids.Length);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                result.Add(ReadBooking(reader));
            }

            return (IReadOnlyList<Booking>)result;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RescheduleManyResult> RescheduleBookingsAsync(IReadOnlyList<RescheduleCommand> commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        if (commands.Count == 0)
        {
            return Task.FromResult(new RescheduleManyResult([], null));
        }

        var tenantId = commands[0].TenantId;
        if (commands.Any(c => c.TenantId != tenantId))
        {
            throw new ArgumentException("Every move must belong to one tenant.", nameof(commands));
        }

        var now = _timeProvider.GetUtcNow();
        return WriteAsync("reschedule bookings", async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using (var scope = Batch(connection, transaction, SetTenant(tenantId), Command("SELECT set_config('bookmeatoz.series_events', 'on', true)")))
                {
                    await scope.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                // Every booking locked first, in id order (two such moves never wait for each other half-way).
                await using (var lockAll = Batch(connection, transaction, Command(
                    "SELECT FROM bookmeatoz.bookings WHERE tenant_id = @tenant AND booking_id = ANY (@ids) ORDER BY booking_id FOR UPDATE",
                    Uuid("tenant", tenantId), Uuids("ids", commands.Select(c => c.BookingId).Distinct().Order()))))
                {
                    await lockAll.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                var moved = new List<Booking>(commands.Count);
                foreach (var command in commands)
                {
                    var result = await MoveInTransactionAsync(connection, transaction, command, now, ct).ConfigureAwait(false);
                    if (result.Status != RescheduleStatus.Rescheduled)
                    {
                        await transaction.RollbackAsync(ct).ConfigureAwait(false);
                        return new RescheduleManyResult([], result);
                    }

                    moved.Add(result.Booking!);
                }

                try
                {
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                }
                catch (PostgresException e) when (e.SqlState == ResourceUnavailable)
                {
                    // A new time lacks free units of a resource the service requires (migration 0014): nothing moved.
                    return new RescheduleManyResult([], new RescheduleResult(RescheduleStatus.Conflict, null));
                }

                return new RescheduleManyResult(moved, null);
            }
        }, cancellationToken);
    }
}
