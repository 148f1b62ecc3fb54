using BookMeAtOz.Validation;

namespace BookMeAtOz.Bookings;

/// <summary>Whether a booking holds its time.</summary>
public enum BookingStatus
{
    /// <summary>Booked and holding its time.</summary>
    Confirmed,
    /// <summary>Cancelled; its time is free.</summary>
    Cancelled,
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
/// <param name="Status">Confirmed or cancelled.</param>
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

    /// <summary>The start of the time this booking blocks: start minus its buffer.</summary>
    public DateTimeOffset BlockedStart => Start.AddMinutes(-BufferBeforeMinutes);

    /// <summary>The end of the time this booking blocks: end plus its buffer.</summary>
    public DateTimeOffset BlockedEnd => End.AddMinutes(BufferAfterMinutes);

    /// <summary>Whether the booking holds its time.</summary>
    public bool IsActive => Status == BookingStatus.Confirmed;

    /// <summary>The answers to the service's questions, as asked when it was booked, in the questions' order.</summary>
    public IReadOnlyList<BookingAnswer> Answers { get; init; } = [];
}
