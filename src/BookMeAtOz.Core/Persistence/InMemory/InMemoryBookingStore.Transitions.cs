using BookMeAtOz.Bookings;

namespace BookMeAtOz.Persistence.InMemory;

// Status transitions: a compare-and-set under the tenant's lock. Seats are counted from the bookings that occupy, so a
// status that frees time gives back its seat by itself.
public sealed partial class InMemoryBookingStore
{
    /// <inheritdoc />
    public Task<TransitionResult> TransitionBookingAsync(BookingTransition transition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return Task.FromResult(Write(transition.TenantId, d =>
        {
            if (!d.Bookings.TryGetValue(transition.BookingId, out var booking))
            {
                return new TransitionResult(TransitionStatus.NotFound, null);
            }

            if (!transition.Allows(booking))
            {
                return new TransitionResult(TransitionStatus.NotAllowed, booking);
            }

            var changed = transition.Apply(booking);
            d.Bookings[booking.Id] = changed;
            return new TransitionResult(TransitionStatus.Transitioned, d.Bookings[booking.Id]);
        }) ?? new TransitionResult(TransitionStatus.NotFound, null));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<BookingKey>> FindLapsedApprovalsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        List<TenantData> tenants;
        lock (_tenantsLock)
        {
            tenants = [.. _tenants.Values];
        }

        var due = new List<(DateTimeOffset Deadline, BookingKey Key)>();
        foreach (var d in tenants)
        {
            Read(d, () =>
            {
                foreach (var b in d.Bookings.Values)
                {
                    if (b is { Status: BookingStatus.Pending, ExpiresAt: { } deadline } && deadline <= now)
                    {
                        due.Add((deadline, new BookingKey(b.TenantId, b.Id)));
                    }
                }

                return 0;
            });
        }

        return Task.FromResult<IReadOnlyList<BookingKey>>([.. due.OrderBy(x => x.Deadline).Take(limit).Select(x => x.Key)]);
    }
}
