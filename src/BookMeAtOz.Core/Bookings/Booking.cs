using BookMeAtOz.Validation;

namespace BookMeAtOz.Bookings;

/// <summary>
/// Where a booking is in its lifecycle. <see cref="Held"/>, <see cref="Pending"/> and <see cref="Confirmed"/> occupy
/// time and seats under the store's invariants; every other status frees them at once.
/// </summary>
public enum BookingStatus
{
    /// <summary>Booked and holding its time.</summary>
    Confirmed,
    /// <summary>Cancelled; its time is free.</summary>
    Cancelled,
    /// <summary>A checkout hold: it occupies its time until <see cref="Booking.ExpiresAt"/>, and never after, even before it is marked <see cref="Expired"/>.</summary>
    Held,
    /// <summary>Awaiting the business's approval; it occupies its time.</summary>
    Pending,
    /// <summary>Declined by the business; its time is free.</summary>
    Declined,
    /// <summary>A hold or a pending booking that lapsed; its time is free.</summary>
    Expired,
    /// <summary>The customer did not come; its time is free, and it stays in the history.</summary>
    NoShow,
}

/// <summary>The wire and storage names of <see cref="BookingStatus"/> (<c>held</c>, <c>pending</c>, <c>confirmed</c>, <c>cancelled</c>, <c>declined</c>, <c>expired</c>, <c>no_show</c>).</summary>
public static class BookingStatusNames
{
    /// <summary>The name of a status.</summary>
    public static string Name(BookingStatus status) => status switch
    {
        BookingStatus.Held => "held",
        BookingStatus.Pending => "pending",
        BookingStatus.Confirmed => "confirmed",
        BookingStatus.Cancelled => "cancelled",
        BookingStatus.Declined => "declined",
        BookingStatus.Expired => "expired",
        BookingStatus.NoShow => "no_show",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The status of a name, or null when the name is not one.</summary>
    public static BookingStatus? Parse(string? name) => name switch
    {
        "held" => BookingStatus.Held,
        "pending" => BookingStatus.Pending,
        "confirmed" => BookingStatus.Confirmed,
        "cancelled" => BookingStatus.Cancelled,
        "declined" => BookingStatus.Declined,
        "expired" => BookingStatus.Expired,
        "no_show" => BookingStatus.NoShow,
        _ => null,
    };

    /// <summary>Whether a status occupies time and seats (a hold only until it lapses).</summary>
    public static bool Occupies(BookingStatus status) => status is BookingStatus.Held or BookingStatus.Pending or BookingStatus.Confirmed;
}

/// <summary>The guest who booked.</summary>
/// <param name="Name">Their name (up to 200 characters).</param>
/// <param name="Email">Their email address.</param>
/// <param name="Phone">An optional phone number (up to 40 characters).</param>
public sealed record Customer(string Name, string Email, string? Phone)
{
    /// <summary>Validates every field.</summary>
    public void Validate(ValidationErrors errors, string prefix = "customer.")
    {
        ArgumentNullException.ThrowIfNull(errors);
        Text.Validate(Name, errors, prefix + "name", Text.NameMaxLength);
        Text.ValidateEmail(Email, errors, prefix + "email");
        Text.ValidateOptional(Phone, errors, prefix + "phone", Text.PhoneMaxLength);
        if (Phone is not null && !Phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.'))
        {
            errors.Add(prefix + "phone", "May contain only digits, spaces and + - ( ) .");
        }
    }
}

/// <summary>
/// An appointment of one customer with one staff member. The buffers are those of the service when it
/// was booked, so later changes to the service never move what an existing booking blocks.
/// </summary>
/// <param name="Id">The booking's id.</param>
/// <param name="TenantId">The owning tenant.</param>
/// <param name="ServiceId">The booked service.</param>
/// <param name="StaffId">Who performs it.</param>
/// <param name="Start">The appointment's start.</param>
/// <param name="End">The appointment's end (start + duration).</param>
/// <param name="BufferBeforeMinutes">Time blocked before the start.</param>
/// <param name="BufferAfterMinutes">Time blocked after the end.</param>
/// <param name="Status">Where it is in its lifecycle.</param>
/// <param name="Customer">Who booked.</param>
/// <param name="Notes">Optional notes (up to 2000 characters).</param>
/// <param name="CreatedAt">When it was booked.</param>
/// <param name="CancelledAt">When it was cancelled.</param>
/// <param name="CancelReason">Why it was cancelled.</param>
/// <param name="ManageTokenHash">SHA-256 of the customer's manage token; the token itself is never stored.</param>
public sealed record Booking(
    Guid Id,
    Guid TenantId,
    Guid ServiceId,
    Guid StaffId,
    DateTimeOffset Start,
    DateTimeOffset End,
    int BufferBeforeMinutes,
    int BufferAfterMinutes,
    BookingStatus Status,
    Customer Customer,
    string? Notes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CancelledAt,
    string? CancelReason,
    byte[] ManageTokenHash)
{
    /// <summary>How often the customer (with the manage token) has moved it; staff and admin moves do not count.</summary>
    public int CustomerReschedules { get; init; }

    /// <summary>The language the customer booked in (<c>en</c>, <c>de</c>, <c>fr</c>), which their e-mails are written in; null = the tenant's default (see <see cref="Notifications.EmailLanguages"/>).</summary>
    public string? Locale { get; init; }

    /// <summary>The start of the time this booking blocks: start minus its buffer.</summary>
    public DateTimeOffset BlockedStart => Start.AddMinutes(-BufferBeforeMinutes);

    /// <summary>The end of the time this booking blocks: end plus its buffer.</summary>
    public DateTimeOffset BlockedEnd => End.AddMinutes(BufferAfterMinutes);

    /// <summary>
    /// Whether the booking's status occupies its time (held, pending or confirmed). A hold stops occupying at
    /// <see cref="ExpiresAt"/> even while its status still says held: use <see cref="OccupiesAt"/> where time matters.
    /// </summary>
    public bool IsActive => BookingStatusNames.Occupies(Status);

    /// <summary>When a hold lapses, or a pending booking's approval window ends; null otherwise.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>
    /// Whether this row was made as a checkout hold and never booked (held, or expired as a hold): it has no customer and
    /// no manage token. Such rows are never listed or shown as bookings.
    /// </summary>
    public bool IsHold => ManageTokenHash is not { Length: > 0 };

    /// <summary>Whether the booking occupies its time at <paramref name="now"/>: it is active and not a lapsed hold.</summary>
    public bool OccupiesAt(DateTimeOffset now) => IsActive && !(Status == BookingStatus.Held && ExpiresAt is { } lapse && lapse <= now);

    /// <summary>The answers to the service's questions, as asked when it was booked, in the questions' order.</summary>
    public IReadOnlyList<BookingAnswer> Answers { get; init; } = [];

    /// <summary>The recurring series this booking is an occurrence of (SPEC §10.2); null for a single booking.</summary>
    public Guid? SeriesId { get; init; }

    /// <summary>
    /// For a booking of a collective service (<see cref="Scheduling.Service.StaffRequired"/> above 1): the staff members who
    /// serve it together with <see cref="StaffId"/>, each once and never <see cref="StaffId"/>; their time is occupied exactly
    /// as <see cref="StaffId"/>'s is. Empty (the default) for every other booking.
    /// </summary>
    public IReadOnlyList<Guid> AdditionalStaffIds { get; init; } = [];

    /// <summary>Every staff member the booking occupies: <see cref="StaffId"/>, then <see cref="AdditionalStaffIds"/>.</summary>
    public IEnumerable<Guid> AssignedStaffIds => AdditionalStaffIds.Count == 0 ? [StaffId] : [StaffId, .. AdditionalStaffIds];

    /// <summary>Whether <paramref name="staffId"/> serves this booking (as <see cref="StaffId"/> or one of <see cref="AdditionalStaffIds"/>).</summary>
    public bool IsAssignedTo(Guid staffId) => StaffId == staffId || AdditionalStaffIds.Contains(staffId);

    /// <summary>
    /// The booking's iCalendar <c>SEQUENCE</c>: 0 when booked, and one more with each change of its time, staff member or
    /// status (a hold being booked is no change: nobody was sent the hold). The store bumps it in the transaction of the
    /// change, whatever code path made it, so every calendar file written afterwards supersedes the earlier ones.
    /// </summary>
    public int Sequence { get; init; }
}
