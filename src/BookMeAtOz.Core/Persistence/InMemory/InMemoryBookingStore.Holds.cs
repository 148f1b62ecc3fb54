using BookMeAtOz.Bookings;

namespace BookMeAtOz.Persistence.InMemory;

// Holds. A hold is a booking with status held and an expiry; every check of the store asks OccupiesAt(now) under the
// tenant's lock, so a lapsed hold frees its time and seat at its expiry, before the sweeper marks it expired.
public sealed partial class InMemoryBookingStore
{
    /// <inheritdoc />
    public Task<CreateBookingResult> BookHoldAsync(BookHoldCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var booking = command.Booking;
        return Task.FromResult(Write(booking.TenantId, d =>
        {
            var idem = command.Idempotency;
            if (idem is not null && d.Idempotency.TryGetValue(idem.Key, out var existing) && existing.ExpiresAt > command.Now)
            {
                return new CreateBookingResult(null, existing.Record);
            }

            if (!d.Bookings.TryGetValue(booking.Id, out var hold)
                || hold.Status != BookingStatus.Held || !hold.OccupiesAt(command.Now)
                || hold.ServiceId != booking.ServiceId || hold.StaffId != booking.StaffId || hold.Start != booking.Start)
            {
                return new CreateBookingResult(null, null);
            }

            if (command.Limits is { MaxActiveBookingsPerCustomer: { } maxActive } limits
                && ActiveBookingsOfCustomer(d, booking.Customer.Email, limits.Now) >= maxActive)
            {
                return new CreateBookingResult(null, null) { LimitReached = true };
            }

            // The time, seat and staff member stay the hold's: only what a booking adds changes.
            var made = hold with
            {
                Status = booking.Status,
                Customer = booking.Customer,
                Notes = booking.Notes,
                CreatedAt = booking.CreatedAt,
                ManageTokenHash = booking.ManageTokenHash,
                Answers = booking.Answers,
                ExpiresAt = booking.ExpiresAt,
                Locale = booking.Locale,
            };
            d.Bookings[made.Id] = made;
            if (idem is not null)
            {
                d.Idempotency[idem.Key] = (new IdempotencyRecord(idem.Fingerprint, idem.Response(made)), idem.ExpiresAt);
            }

            return new CreateBookingResult(made, null);
        }) ?? new CreateBookingResult(null, null));
    }

    /// <inheritdoc />
    public Task<Booking?> ReleaseHoldAsync(Guid tenantId, Guid holdId, CancellationToken cancellationToken) =>
        Task.FromResult(Write(tenantId, d =>
        {
            if (!d.Bookings.TryGetValue(holdId, out var hold) || hold.Status != BookingStatus.Held)
            {
                return null;
            }

            var released = hold with { Status = BookingStatus.Expired };
            d.Bookings[holdId] = released;
            return released;
        }));

    /// <inheritdoc />
    public Task<IReadOnlyList<Booking>> ExpireLapsedHoldsAsync(DateTimeOffset now, DateTimeOffset purgeBefore, int limit, CancellationToken cancellationToken)
    {
        List<TenantData> tenants;
        lock (_tenantsLock)
        {
            tenants = [.. _tenants.Values];
        }

        var expired = new List<Booking>();
        var purged = 0;
        foreach (var d in tenants)
        {
            Read(d, () =>
            {
                foreach (var b in d.Bookings.Values.ToList())
                {
                    if (expired.Count < limit && b.Status == BookingStatus.Held && b.ExpiresAt is { } lapse && lapse <= now)
                    {
                        var marked = b with { Status = BookingStatus.Expired };
                        d.Bookings[b.Id] = marked;
                        expired.Add(marked);
                    }
                    else if (purged < limit && b is { Status: BookingStatus.Expired, IsHold: true, ExpiresAt: { } gone } && gone < purgeBefore)
                    {
                        d.Bookings.Remove(b.Id);
                        Unindex(d, b);

                        purged++;
                    }
                }

                return true;
            });
        }

        return Task.FromResult<IReadOnlyList<Booking>>(expired);
    }
}
