using BookMeAtOz.Changes;

namespace BookMeAtOz.Bookings;

/// <summary>
/// A change of a booking's status that a store makes as one compare-and-set under the booking's lock (SPEC §9.2, §9.6):
/// from exactly <see cref="From"/> to <see cref="To"/>, or nothing. A status that frees time gives back the booking's
/// seat at once.
/// </summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="BookingId">The booking.</param>
/// <param name="From">The status the booking must have.</param>
/// <param name="To">The status it gets.</param>
/// <param name="At">When the change happens (recorded as <see cref="Booking.CancelledAt"/> when it frees the time).</param>
public sealed record BookingTransition(Guid TenantId, Guid BookingId, BookingStatus From, BookingStatus To, DateTimeOffset At)
{
    /// <summary>Why (a decline's reason), kept as <see cref="Booking.CancelReason"/>; null = none.</summary>
    public string? Reason { get; init; }

    /// <summary>When set, the booking must have started by then (a no-show).</summary>
    public DateTimeOffset? StartedBy { get; init; }

    /// <summary>When set, the booking's <see cref="Booking.ExpiresAt"/> must be at or before it (an expiry).</summary>
    public DateTimeOffset? DueBy { get; init; }

    /// <summary>When set, the booking's <see cref="Booking.ExpiresAt"/> must be after it (an approval or decline within the deadline).</summary>
    public DateTimeOffset? NotDueBy { get; init; }

    /// <summary>Whether the booking, as it is, meets every condition of this transition.</summary>
    public bool Allows(Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return booking.Status == From
            && (StartedBy is not { } started || booking.Start <= started)
            && (DueBy is not { } due || booking.ExpiresAt is { } e1 && e1 <= due)
            && (NotDueBy is not { } notDue || booking.ExpiresAt is not { } e2 || e2 > notDue);
    }

    /// <summary>The booking after this transition.</summary>
    public Booking Apply(Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var frees = !BookingStatusNames.Occupies(To);
        return booking with
        {
            Status = To,
            CancelledAt = frees && To != BookingStatus.NoShow ? At : booking.CancelledAt,
            CancelReason = Reason ?? booking.CancelReason,
            ExpiresAt = To == BookingStatus.Confirmed ? null : booking.ExpiresAt,
        };
    }

    /// <summary>The event type a transition to <paramref name="to"/> raises.</summary>
    public static string EventType(BookingStatus to) => to switch
    {
        BookingStatus.Confirmed => ChangeTypes.BookingApproved,
        BookingStatus.Declined => ChangeTypes.BookingDeclined,
        BookingStatus.Expired => ChangeTypes.BookingExpired,
        BookingStatus.NoShow => ChangeTypes.BookingNoShow,
        BookingStatus.Cancelled => ChangeTypes.BookingCancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(to), to, "No transition leads to this status."),
    };
}

/// <summary>The outcome of <see cref="Persistence.IBookingStore.TransitionBookingAsync"/>.</summary>
public enum TransitionStatus
{
    /// <summary>Changed.</summary>
    Transitioned,
    /// <summary>The booking does not exist.</summary>
    NotFound,
    /// <summary>The booking's status (or time) does not allow the transition; nothing changed.</summary>
    NotAllowed,
}

/// <summary>The outcome of a transition, with the booking as it is afterwards (null when it does not exist).</summary>
/// <param name="Status">What happened.</param>
/// <param name="Booking">The booking as it is now.</param>
public sealed record TransitionResult(TransitionStatus Status, Booking? Booking);

/// <summary>A booking of some tenant, named across tenants (what a background sweep finds).</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="BookingId">The booking.</param>
public sealed record BookingKey(Guid TenantId, Guid BookingId);
