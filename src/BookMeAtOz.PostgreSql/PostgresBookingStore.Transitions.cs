using BookMeAtOz.Bookings;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

// Status transitions (approve, decline, expire, no-show): one compare-and-set UPDATE under the booking's row lock. A
// concurrent cancel, reschedule or other transition of the same booking waits for the lock and then finds the status
// changed, so exactly one of them wins. A status that frees the time leaves bookings_no_overlap at once (it covers only
// held, pending and confirmed) and gives back the booking's group seat in the same statement; the event goes to the
// outbox in the same transaction (its answers and location are added by the trigger of migration 0010).
internal sealed partial class PostgresBookingStore
{
    private const string Transition = """
        WITH b AS (
            UPDATE bookmeatoz.bookings
            SET status = @to,
                cancelled_at = coalesce(@freed_at, cancelled_at),
                cancel_reason = coalesce(@reason, cancel_reason),
                expires_at = CASE WHEN @to = 'confirmed' THEN NULL ELSE expires_at END
            WHERE tenant_id = @tenant AND booking_id = @id AND status = @from
              AND (@started_by IS NULL OR starts_at <= @started_by)
              AND (@due_by IS NULL OR expires_at <= @due_by)
              AND (@not_due_by IS NULL OR expires_at IS NULL OR expires_at > @not_due_by)
            RETURNING tenant_id, booking_id, service_id, staff_id, session_id, starts_at, ends_at, status),
        s AS (
            UPDATE bookmeatoz.sessions SET seats_taken = seats_taken - 1
            FROM b WHERE @frees AND sessions.tenant_id = b.tenant_id AND sessions.session_id = b.session_id)
        INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
        SELECT tenant_id, @type, jsonb_strip_nulls(jsonb_build_object(
            'bookingId', booking_id, 'serviceId', service_id, 'staffId', staff_id, 'start', starts_at, 'end', ends_at, 'status', status,
            'reason', @reason))
        FROM b
        """;

    /// <inheritdoc />
    public Task<TransitionResult> TransitionBookingAsync(BookingTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var frees = !BookingStatusNames.Occupies(transition.To);
        return WriteAsync("transition booking", async (connection, ct) =>
        {
            // One implicit transaction. The lock is a statement of its own (see CancelBookingAsync): the update after it
            // sees whatever a concurrent change committed before the lock was granted.
            await using var batch = Batch(connection, null,
                SetTenant(transition.TenantId),
                Command("SELECT FROM bookmeatoz.bookings WHERE tenant_id = @tenant AND booking_id = @id FOR UPDATE",
                    Uuid("tenant", transition.TenantId), Uuid("id", transition.BookingId)),
                Command(Transition,
                    Uuid("tenant", transition.TenantId), Uuid("id", transition.BookingId),
                    Text("from", ToSql(transition.From)), Text("to", ToSql(transition.To)),
                    NullableTime("freed_at", frees && transition.To != BookingStatus.NoShow ? transition.At : null),
                    NullableText("reason", transition.Reason),
                    NullableTime("started_by", transition.StartedBy), NullableTime("due_by", transition.DueBy),
                    NullableTime("not_due_by", transition.NotDueBy), Bool("frees", frees),
                    Text("type", BookingTransition.EventType(transition.To))),
                Command($"SELECT {BookingColumns} FROM bookmeatoz.bookings b WHERE b.tenant_id = @tenant AND b.booking_id = @id",
                    Uuid("tenant", transition.TenantId), Uuid("id", transition.BookingId)));
            Booking? booking;
            await using (var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                // Result sets: set_config's, the lock's, then the SELECT's (the transition returns none).
                await reader.NextResultAsync(ct).ConfigureAwait(false);
                await reader.NextResultAsync(ct).ConfigureAwait(false);
                booking = await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadBooking(reader) : null;
            }

            return booking is null ? new TransitionResult(TransitionStatus.NotFound, null)
                : batch.BatchCommands[2].RecordsAffected == 1 ? new TransitionResult(TransitionStatus.Transitioned, booking)
                : new TransitionResult(TransitionStatus.NotAllowed, booking);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<BookingKey>> FindLapsedApprovalsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        ReadAsync(ReadFrom.Primary, "find lapsed approvals", async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                Command("SELECT tenant_id, booking_id FROM bookmeatoz.lapsed_approvals(@now, @limit)", Time("now", now), Int("limit", limit)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var result = new List<BookingKey>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                result.Add(new BookingKey(reader.GetGuid(0), reader.GetGuid(1)));
            }

            return (IReadOnlyList<BookingKey>)result;
        }, cancellationToken);
}
