using BookMeAtOz.Bookings;
using Npgsql;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

// Holds (migration 0009). A hold is a bookings row with status held and an expiry, made by the booking functions like
// any booking (the exclusion constraint and the session seats hold it). Booking it converts the row in place with one
// guarded UPDATE: still held, unexpired on the application's clock, same service, staff member and start. A release
// (or lapse) marks it expired and gives its seat back.
internal sealed partial class PostgresBookingStore
{
    // A function with a cached plan (migration 0009): the booking of a hold is as hot as a booking.
    private const string ConvertHold = """
        SELECT bookmeatoz.book_hold(@tenant, @id, @service, @staff, @start, @status, @customer_name, @customer_email,
                                    @customer_phone, @notes, @created_at, @token_hash, @answers, @expires_at, @now)
        """;

    /// <inheritdoc />
    public Task<CreateBookingResult> BookHoldAsync(BookHoldCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(command.Booking);
        var booking = command.Booking;
        return WriteAsync("book hold", async (connection, ct) =>
        {
            if (command.Idempotency is null && command.Limits?.MaxActiveBookingsPerCustomer is null)
            {
                // One round trip and one implicit transaction: the tenant's scope and the call in one statement, then the
                // customer's language when one was given.
                await using var batch = Batch(connection, null, [Scoped(booking.TenantId, ConvertHold, ConvertParameters(command)), .. KeepLocale(booking)]);
                await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await reader.ReadAsync(ct).ConfigureAwait(false);
                return new CreateBookingResult(reader.GetBoolean(0) ? booking : null, null);
            }

            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (command.Idempotency is { } idempotency)
                {
                    var (existing, _) = await ClaimKeyAsync(connection, transaction, idempotency, command.Now, null, 1, ct).ConfigureAwait(false);
                    if (existing is not null)
                    {
                        return new CreateBookingResult(null, existing);
                    }
                }
                else
                {
                    await using var scope = Batch(connection, transaction, SetTenant(booking.TenantId));
                    await scope.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                if (command.Limits is { MaxActiveBookingsPerCustomer: { } maxActive } limits
                    && await CustomerIsAtLimitAsync(connection, transaction, booking.TenantId, booking.Customer.Email, maxActive, limits.Now, ct).ConfigureAwait(false))
                {
                    await transaction.RollbackAsync(ct).ConfigureAwait(false);
                    return new CreateBookingResult(null, null) { LimitReached = true };
                }

                await using (var convert = Batch(connection, transaction, Command(ConvertHold, ConvertParameters(command))))
                {
                    if (await convert.ExecuteScalarAsync(ct).ConfigureAwait(false) is not true)
                    {
                        // Nothing is written, not even the idempotency record: a retry is judged afresh.
                        await transaction.RollbackAsync(ct).ConfigureAwait(false);
                        return new CreateBookingResult(null, null);
                    }
                }

                if (KeepLocale(booking) is [_, ..] locale)
                {
                    await using var write = Batch(connection, transaction, locale);
                    await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                if (command.Idempotency is { } entry)
                {
                    await using var record = Batch(connection, transaction, Command(
                        "UPDATE bookmeatoz.idempotency_keys SET response = @response WHERE tenant_id = @tenant AND idempotency_key = @key",
                        Text("response", entry.Response(booking)), Uuid("tenant", entry.TenantId), Text("key", entry.Key)));
                    await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return new CreateBookingResult(booking, null);
            }
        }, cancellationToken);
    }

    private static NpgsqlParameter[] ConvertParameters(BookHoldCommand command)
    {
        var b = command.Booking;
        ArgumentNullException.ThrowIfNull(b.Customer);
        return
        [
            Uuid("tenant", b.TenantId), Uuid("id", b.Id), Uuid("service", b.ServiceId), Uuid("staff", b.StaffId), Time("start", b.Start),
            Text("status", ToSql(b.Status)), Text("customer_name", b.Customer.Name), Text("customer_email", b.Customer.Email),
            NullableText("customer_phone", b.Customer.Phone), NullableText("notes", b.Notes), Time("created_at", b.CreatedAt),
            Bytes("token_hash", b.ManageTokenHash ?? []), Jsonb("answers", CatalogJson.WriteAnswers(b.Answers)),
            NullableTime("expires_at", b.ExpiresAt), Time("now", command.Now),
        ];
    }

    /// <inheritdoc />
    public Task<Booking?> ReleaseHoldAsync(Guid tenantId, Guid holdId, CancellationToken cancellationToken) =>
        WriteAsync("release hold", async (connection, ct) =>
        {
            // One statement: the release, the seat given back and the event; a concurrent second release finds nothing held.
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command($"""
                    WITH b AS (
                        UPDATE bookmeatoz.bookings SET status = 'expired'
                        WHERE tenant_id = @tenant AND booking_id = @id AND status = 'held'
                        RETURNING *),
                    s AS (
                        UPDATE bookmeatoz.sessions SET seats_taken = seats_taken - 1
                        FROM b WHERE sessions.tenant_id = b.tenant_id AND sessions.session_id = b.session_id),
                    o AS (
                        INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                        SELECT tenant_id, 'hold.released', jsonb_build_object(
                            'bookingId', booking_id, 'serviceId', service_id, 'staffId', staff_id, 'start', starts_at, 'end', ends_at, 'status', status)
                        FROM b)
                    SELECT {BookingColumns} FROM b
                    """, Uuid("tenant", tenantId), Uuid("id", holdId)));
            return await ReadBookingsAsync(batch, ct).ConfigureAwait(false) is [var released, ..] ? released : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Booking>> ExpireLapsedHoldsAsync(DateTimeOffset now, DateTimeOffset purgeBefore, int limit, CancellationToken cancellationToken) =>
        WriteAsync("sweep holds", async (connection, ct) =>
        {
            // Across tenants, inside the owner's function (as the outbox relay claims events).
            await using var batch = Batch(connection, null,
                Command($"SELECT {BookingColumns} FROM bookmeatoz.sweep_holds(@now, @purge_before, @limit) b",
                    Time("now", now), Time("purge_before", purgeBefore), Int("limit", limit)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var expired = new List<Booking>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                expired.Add(ReadBooking(reader));
            }

            return (IReadOnlyList<Booking>)expired;
        }, cancellationToken);
}
