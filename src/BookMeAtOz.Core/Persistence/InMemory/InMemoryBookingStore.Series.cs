using BookMeAtOz.Bookings;

namespace BookMeAtOz.Persistence.InMemory;

// Recurring series: every occurrence is decided under the tenant's lock before anything is written, so an
// all-or-nothing series that cannot book one occurrence writes nothing (SPEC §10.2).
public sealed partial class InMemoryBookingStore
{
    /// <inheritdoc />
    public Task<CreateSeriesResult> CreateSeriesAsync(CreateSeriesCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenantId = command.Series.TenantId;
        if (command.Occurrences.SelectMany(o => o.Candidates).Any(c => c.TenantId != tenantId || c.SeriesId != command.Series.Id))
        {
            throw new ArgumentException("Every candidate must belong to the series' tenant and series.", nameof(command));
        }

        var now = timeProvider.GetUtcNow();
        return Task.FromResult(Write(tenantId, d =>
        {
            var idem = command.Idempotency;
            if (idem is not null && d.Idempotency.TryGetValue(idem.Key, out var existing) && existing.ExpiresAt > now)
            {
                return new CreateSeriesResult([], [], existing.Record);
            }

            var picked = new List<Booking>();
            var refused = new List<SeriesSkip>();
            var customerActive = command.MaxActiveBookingsPerCustomer is null || command.Occurrences.Count == 0
                ? 0
                : ActiveBookingsOfCustomer(d, command.Occurrences.SelectMany(o => o.Candidates).FirstOrDefault()?.Customer.Email ?? string.Empty, command.Now);
            foreach (var occurrence in command.Occurrences)
            {
                if (occurrence.RefusedCode is { } code)
                {
                    refused.Add(new SeriesSkip(occurrence.Start, code));
                    continue;
                }

                if (command.MaxActiveBookingsPerCustomer is { } max && customerActive + picked.Count >= max)
                {
                    refused.Add(new SeriesSkip(occurrence.Start, ErrorCodes.BookingLimitReached));
                    continue;
                }

                var limits = new BookingLimits { StaffDays = occurrence.StaffDays, Now = command.Now };
                var fitted = false;
                var limited = false;
                foreach (var candidate in occurrence.Candidates)
                {
                    if (!Fits(d, candidate, command.Capacity, ignoreBookingId: null, now))
                    {
                        continue;
                    }

                    if (DayIsFull(d, limits, candidate, ignoreBookingId: null, now))
                    {
                        limited = true;
                        continue;
                    }

                    picked.Add(candidate);
                    fitted = true;
                    break;
                }

                if (!fitted)
                {
                    refused.Add(new SeriesSkip(occurrence.Start, limited ? ErrorCodes.BookingLimitReached : ErrorCodes.SlotUnavailable));
                }
            }

            var booked = command.AllOrNothing && refused.Count > 0 ? [] : picked;
            if (booked.Count > 0)
            {
                d.Series[command.Series.Id] = command.Series;
                foreach (var booking in booked)
                {
                    Add(d, booking);
                }
            }

            var result = new CreateSeriesResult(booked, refused, null);
            if (idem is not null)
            {
                d.Idempotency[idem.Key] = (new IdempotencyRecord(idem.Fingerprint, idem.Response(result)), idem.ExpiresAt);
            }

            return result;
        }) ?? new CreateSeriesResult([], [.. command.Occurrences.Select(o => new SeriesSkip(o.Start, ErrorCodes.SlotUnavailable))], null));
    }

    /// <inheritdoc />
    public Task<BookingSeries?> FindSeriesAsync(Guid tenantId, Guid seriesId, CancellationToken cancellationToken) =>
        Task.FromResult(Query(tenantId, d => d.Series.GetValueOrDefault(seriesId)));

    /// <inheritdoc />
    public Task<IReadOnlyList<Booking>> ListSeriesBookingsAsync(Guid tenantId, Guid seriesId, CancellationToken cancellationToken) =>
        Task.FromResult(Query(tenantId, d => (IReadOnlyList<Booking>)[.. d.Bookings.Values
            .Where(b => b.SeriesId == seriesId)
            .OrderBy(b => b.Start).ThenBy(b => b.Id)]) ?? []);

    /// <inheritdoc />
    public Task<IReadOnlyList<Booking>> CancelBookingsAsync(
        Guid tenantId, IReadOnlyList<Guid> bookingIds, DateTimeOffset cancelledAt, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bookingIds);
        return Task.FromResult(Write(tenantId, d =>
        {
            var result = new List<Booking>(bookingIds.Count);
            foreach (var id in bookingIds.Distinct())
            {
                if (!d.Bookings.TryGetValue(id, out var b))
                {
                    continue;
                }

                if (b.Status is BookingStatus.Pending or BookingStatus.Confirmed)
                {
                    b = b with { Status = BookingStatus.Cancelled, CancelledAt = cancelledAt, CancelReason = reason };
                    d.Bookings[id] = b;
                }

                result.Add(b);
            }

            return (IReadOnlyList<Booking>)result;
        }) ?? []);
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

        var now = timeProvider.GetUtcNow();
        return Task.FromResult(Write(tenantId, d =>
        {
            var undo = new List<(Booking Before, Booking After)>();
            foreach (var command in commands)
            {
                var original = d.Bookings.GetValueOrDefault(command.BookingId);
                var result = MoveOne(d, command, now);
                if (result.Status != RescheduleStatus.Rescheduled)
                {
                    // Put back every move made so far: the whole set moves, or nothing does.
                    for (var i = undo.Count - 1; i >= 0; i--)
                    {
                        var (before, after) = undo[i];
                        Unindex(d, after);
                        d.Bookings.Remove(after.Id);
                        Add(d, before);
                    }

                    return new RescheduleManyResult([], result);
                }

                undo.Add((original!, result.Booking!));
            }

            return new RescheduleManyResult([.. undo.Select(u => u.After)], null);
        }) ?? new RescheduleManyResult([], new RescheduleResult(RescheduleStatus.NotFound, null)));
    }
}
