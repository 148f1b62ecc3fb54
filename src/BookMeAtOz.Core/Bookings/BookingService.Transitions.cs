using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using BookMeAtOz.Validation;

namespace BookMeAtOz.Bookings;

// The approval lifecycle (SPEC §9.2) and no-shows (§9.6): every change is one compare-and-set of the store's, so
// concurrent approve, decline, expiry and cancel of one booking change it at most once; the loser is told why.
public sealed partial class BookingService
{
    /// <summary>
    /// The status a new booking of <paramref name="service"/> starts in, and when that status lapses: <c>pending</c> until
    /// the approval deadline for a service that requires approval, else <c>confirmed</c> (no deadline). The deadline is
    /// <paramref name="now"/> plus the policy's <see cref="TenantPolicy.ApprovalHours"/>, but never after the start: a
    /// booking cannot be approved once its appointment has begun. The deadline is cut to a whole second.
    /// </summary>
    /// <param name="tenant">The tenant (its policy).</param>
    /// <param name="service">The service booked.</param>
    /// <param name="start">The booking's start.</param>
    /// <param name="now">When it is booked.</param>
    public static (BookingStatus Status, DateTimeOffset? ExpiresAt) InitialState(Tenant tenant, Service service, DateTimeOffset start, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(service);
        if (!service.RequiresApproval)
        {
            return (BookingStatus.Confirmed, null);
        }

        // In whole seconds: what every store keeps exactly (PostgreSQL keeps microseconds, .NET ticks).
        var deadline = now.AddHours((tenant.Policy ?? TenantPolicy.Default).ApprovalHours).ToUniversalTime();
        deadline = deadline.AddTicks(-(deadline.UtcTicks % TimeSpan.TicksPerSecond));
        var startUtc = start.ToUniversalTime();
        return (BookingStatus.Pending, deadline < startUtc ? deadline : startUtc);
    }

    /// <summary>Approves a pending booking (it becomes <c>confirmed</c>), before its approval deadline.</summary>
    /// <exception cref="NotFoundException">It does not exist.</exception>
    /// <exception cref="BookMeAtOzException"><c>invalid_transition</c> when it is not pending (also once its deadline passed: then it is expired).</exception>
    public Task<Booking> ApproveBookingAsync(Guid tenantId, Guid bookingId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return TransitionAsync(new BookingTransition(tenantId, bookingId, BookingStatus.Pending, BookingStatus.Confirmed, now) { NotDueBy = now },
            "Only a pending booking can be approved", cancellationToken);
    }

    /// <summary>Declines a pending booking (it becomes <c>declined</c>, freeing its time at once), before its approval deadline.</summary>
    /// <exception cref="BookMeAtOzValidationException">The reason is too long or has control characters.</exception>
    /// <exception cref="NotFoundException">It does not exist.</exception>
    /// <exception cref="BookMeAtOzException"><c>invalid_transition</c> when it is not pending.</exception>
    public Task<Booking> DeclineBookingAsync(Guid tenantId, Guid bookingId, string? reason, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        Text.ValidateOptional(reason, errors, "reason", Text.NotesMaxLength);
        errors.ThrowIfAny();
        var now = timeProvider.GetUtcNow();
        return TransitionAsync(
            new BookingTransition(tenantId, bookingId, BookingStatus.Pending, BookingStatus.Declined, now) { NotDueBy = now, Reason = reason },
            "Only a pending booking can be declined", cancellationToken);
    }

    /// <summary>Marks a confirmed booking whose start has passed <c>no_show</c>; it stays in the history.</summary>
    /// <exception cref="NotFoundException">It does not exist.</exception>
    /// <exception cref="BookMeAtOzException"><c>invalid_transition</c> when it is not confirmed or has not started.</exception>
    public Task<Booking> MarkNoShowAsync(Guid tenantId, Guid bookingId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return TransitionAsync(new BookingTransition(tenantId, bookingId, BookingStatus.Confirmed, BookingStatus.NoShow, now) { StartedBy = now },
            "Only a confirmed booking whose start has passed can be marked a no-show", cancellationToken);
    }

    /// <summary>
    /// Expires up to <paramref name="limit"/> pending bookings of every tenant whose approval deadline has passed (what the
    /// background sweep runs); answers how many it expired. A booking decided meanwhile is left as it is.
    /// </summary>
    /// <param name="limit">The most to expire in this call.</param>
    /// <param name="cancellationToken">Stops the sweep between bookings.</param>
    public async Task<int> ExpireLapsedApprovalsAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var now = timeProvider.GetUtcNow();
        var expired = 0;
        foreach (var key in await store.FindLapsedApprovalsAsync(now, limit, cancellationToken).ConfigureAwait(false))
        {
            var result = await store.TransitionBookingAsync(Expiry(key.TenantId, key.BookingId, now), cancellationToken).ConfigureAwait(false);
            if (result.Status == TransitionStatus.Transitioned)
            {
                BookMeAtOzDiagnostics.BookingTransitions.Add(1, new KeyValuePair<string, object?>("status", "expired"));
                expired++;
            }
        }

        return expired;
    }

    /// <summary>A pending booking past its deadline, expired now (by the system); anything else as it is.</summary>
    private async Task<Booking> ExpireIfLapsedAsync(Booking booking, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (booking is not { Status: BookingStatus.Pending, ExpiresAt: { } deadline } || deadline > now)
        {
            return booking;
        }

        var result = await store.TransitionBookingAsync(Expiry(booking.TenantId, booking.Id, now), cancellationToken).ConfigureAwait(false);
        if (result.Status == TransitionStatus.Transitioned)
        {
            BookMeAtOzDiagnostics.BookingTransitions.Add(1, new KeyValuePair<string, object?>("status", "expired"));
        }

        // Expired here, or decided (or expired) by someone else meanwhile: either way, the booking as it is now.
        return result.Booking ?? throw new NotFoundException("booking");
    }

    private static BookingTransition Expiry(Guid tenantId, Guid bookingId, DateTimeOffset now) =>
        new(tenantId, bookingId, BookingStatus.Pending, BookingStatus.Expired, now) { DueBy = now };

    private async Task<Booking> TransitionAsync(BookingTransition transition, string refusal, CancellationToken cancellationToken)
    {
        // Reading first expires a lapsed pending booking, so that an approval after the deadline meets an expired booking.
        await GetBookingAsync(transition.TenantId, transition.BookingId, cancellationToken).ConfigureAwait(false);
        var result = await store.TransitionBookingAsync(transition, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case TransitionStatus.Transitioned:
                BookMeAtOzDiagnostics.BookingTransitions.Add(1, new KeyValuePair<string, object?>("status", BookingStatusNames.Name(transition.To)));
                return result.Booking!;
            case TransitionStatus.NotFound:
                throw new NotFoundException("booking");
            default:
                var why = result.Booking is not { } current ? "."
                    : current.Status == transition.From && transition.StartedBy is not null ? "; this one has not started yet."
                    : current.Status == transition.From ? "; its approval deadline has passed."
                    : $"; this one is {BookingStatusNames.Name(current.Status)}.";
                throw new BookMeAtOzException(ErrorCodes.InvalidTransition, refusal + why);
        }
    }
}
