namespace BookMeAtOz.Contracts;

/// <summary>
/// The names of the real-time hub (<c>/hubs/availability</c>): its path, the methods a client calls and the events
/// the server sends. The browser app and <c>BookMeAtOzRealTimeClient</c> (BookMeAtOz.Client) use the same.
/// </summary>
public static class RealTimeNames
{
    /// <summary>The hub's path: <c>/hubs/availability</c>.</summary>
    public const string HubPath = "/hubs/availability";

    /// <summary>Client → server: <c>Subscribe(serviceId)</c>, start receiving <see cref="AvailabilityChanged"/> for a service.</summary>
    public const string Subscribe = "Subscribe";

    /// <summary>Client → server: <c>Unsubscribe(serviceId)</c>.</summary>
    public const string Unsubscribe = "Unsubscribe";

    /// <summary>Server → client: <c>availabilityChanged {serviceId, staffId, start, end}</c>.</summary>
    public const string AvailabilityChanged = "availabilityChanged";

    /// <summary>Server → signed-in admins and staff: <c>bookingChanged {bookingId, status}</c>.</summary>
    public const string BookingChanged = "bookingChanged";

    /// <summary>Server → signed-in admins: <c>waitlistOffered {entryId, holdId, serviceId, staffId, start, end, expiresAt}</c>.</summary>
    public const string WaitlistOffered = "waitlistOffered";
}

/// <summary>
/// What a subscribed service offers may have changed: fetch its availability again. With <c>start</c> and <c>end</c>,
/// only that time of that staff member changed (a booking made, cancelled or moved; time off); without them, anything
/// may have (hours, the service, the tenant's policy).
/// </summary>
/// <param name="ServiceId">The subscribed service.</param>
/// <param name="StaffId">The staff member whose time changed, if one.</param>
/// <param name="Start">Start of the changed time, in the tenant's time zone, if known.</param>
/// <param name="End">End of the changed time, if known.</param>
public sealed record AvailabilityChangedEvent(Guid ServiceId, Guid? StaffId, DateTimeOffset? Start, DateTimeOffset? End);

/// <summary>A booking was made, cancelled or moved (sent to the tenant's admins, and to the staff member it is with).</summary>
/// <param name="BookingId">The booking.</param>
/// <param name="Status">Its status now: <c>confirmed</c> or <c>cancelled</c>.</param>
public sealed record BookingChangedEvent(Guid BookingId, string Status);

/// <summary>A waitlist entry was offered a hold (product specification §10.4); instants in the tenant's zone.</summary>
/// <param name="EntryId">The waitlist entry.</param>
/// <param name="HoldId">The hold offered.</param>
/// <param name="ServiceId">The service.</param>
/// <param name="StaffId">The staff member of the held slot.</param>
/// <param name="Start">The held slot's start.</param>
/// <param name="End">The held slot's end.</param>
/// <param name="ExpiresAt">When the offer lapses with its hold.</param>
public sealed record WaitlistOfferedEvent(
    Guid EntryId, Guid HoldId, Guid ServiceId, Guid? StaffId, DateTimeOffset? Start, DateTimeOffset? End, DateTimeOffset? ExpiresAt);
