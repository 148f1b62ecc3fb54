using BookMeAtOz.Tenancy;

namespace BookMeAtOz.Scheduling;

/// <summary>
/// Everything the availability engine needs, with no store behind it: the service, the policy, the
/// staff who might perform it with their schedules and busy time, the clock reading and the window.
/// </summary>
/// <param name="Service">The service to find slots for (inactive = none).</param>
/// <param name="Policy">The tenant's policy (notice, advance, interval).</param>
/// <param name="From">Offered starts are at or after this instant.</param>
/// <param name="To">Offered starts are before this instant.</param>
/// <param name="Now">The clock reading the policy is applied to.</param>
/// <param name="Staff">Candidate staff; only active ones listed in the service's <c>StaffIds</c> count.</param>
/// <param name="DisplayTimeZone">The IANA zone the returned instants' offsets are in.</param>
public sealed record AvailabilityRequest(
    Service Service,
    TenantPolicy Policy,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset Now,
    IReadOnlyList<StaffAvailability> Staff,
    string DisplayTimeZone)
{
    /// <summary>The tenant's closures: no slot starts on one of their dates (in <see cref="ClosureTimeZone"/>). None by default.</summary>
    public IReadOnlyList<Closure> Closures { get; init; } = [];

    /// <summary>The IANA zone the closures' dates are in (the tenant's); null = <see cref="DisplayTimeZone"/>.</summary>
    public string? ClosureTimeZone { get; init; }

    /// <summary>
    /// The resources the service requires (<see cref="Service.Resources"/>) with the units in use; others are ignored. A
    /// required resource missing from this list, inactive, or with fewer units than required leaves the service with no slots.
    /// None by default.
    /// </summary>
    public IReadOnlyList<ResourceAvailability> Resources { get; init; } = [];
}

/// <summary>One staff member's inputs to the engine.</summary>
/// <param name="Staff">The staff member (their zone is the schedule's zone).</param>
/// <param name="Schedule">Their weekly hours and overrides.</param>
/// <param name="Busy">Their bookings and time off, in any order.</param>
public sealed record StaffAvailability(StaffMember Staff, StaffSchedule Schedule, IReadOnlyList<BusyRange> Busy);

/// <summary>
/// A blocked range of a staff member. A booking's range includes its buffers and names its service
/// and start, so bookings of a group service can share a session.
/// </summary>
/// <param name="Start">The start of the blocked range.</param>
/// <param name="End">The end, exclusive.</param>
/// <param name="ServiceId">The booking's service; null for time off.</param>
/// <param name="AppointmentStart">The booking's start (without buffer); null for time off.</param>
/// <param name="BookingId">The booking's id; null for time off.</param>
public readonly record struct BusyRange(
    DateTimeOffset Start,
    DateTimeOffset End,
    Guid? ServiceId = null,
    DateTimeOffset? AppointmentStart = null,
    Guid? BookingId = null)
{
    /// <summary>The range an active booking blocks.</summary>
    public static BusyRange FromBooking(Bookings.Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return new(booking.BlockedStart, booking.BlockedEnd, booking.ServiceId, booking.Start, booking.Id);
    }

    /// <summary>The range time off blocks.</summary>
    public static BusyRange FromTimeOff(TimeOff timeOff)
    {
        ArgumentNullException.ThrowIfNull(timeOff);
        return new(timeOff.Start, timeOff.End);
    }
}

/// <summary>A start instant with the staff free then and the seats left across them.</summary>
/// <param name="Start">The start, with the display zone's offset.</param>
/// <param name="End">The end (start + duration), with the display zone's offset.</param>
/// <param name="StaffIds">The staff free at this start, in the request's order.</param>
/// <param name="SeatsLeft">Bookings still possible at this start: the sum over the free staff of their seats left (1 each for one-to-one services).</param>
public sealed record AvailableSlot(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<Guid> StaffIds, int SeatsLeft);

/// <summary>The slots starting on one local date of the display zone.</summary>
/// <param name="Date">The local date.</param>
/// <param name="Slots">Its slots, by start (none when nothing is free that day).</param>
public sealed record AvailabilityDay(DateOnly Date, IReadOnlyList<AvailableSlot> Slots);
