using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;

namespace BookMeAtOz.Bookings;

/// <summary>
/// A check of your own that runs before a booking is made or moved, after BookMeAtOz's own rules (the time is offered,
/// the input is valid) and before the store is asked. Refusing stops the request with your code: the HTTP API answers
/// <c>409</c> with it. Register implementations as singletons (<c>services.AddSingleton&lt;IBookingRule, MyRule&gt;()</c>);
/// they run in registration order, and the first refusal wins. A rule is not a lock: two requests can pass it at once,
/// so invariants that must hold under concurrency belong in the store.
/// </summary>
public interface IBookingRule
{
    /// <summary>Allows the booking (<see cref="BookingRuleResult.Allow"/>) or refuses it with a code and a message.</summary>
    /// <param name="context">The booking about to be made or moved.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    ValueTask<BookingRuleResult> CheckAsync(BookingRuleContext context, CancellationToken cancellationToken);
}

/// <summary>The booking a rule is asked about.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Service">The service.</param>
/// <param name="StaffIds">The staff who could take it, in the order they would be tried (one when a staff member was named).</param>
/// <param name="Start">The appointment's start.</param>
/// <param name="End">The appointment's end.</param>
/// <param name="Customer">Who books.</param>
/// <param name="Notes">The customer's notes.</param>
/// <param name="RescheduledBookingId">For a move: the booking being moved; null for a new booking.</param>
public sealed record BookingRuleContext(
    Tenant Tenant,
    Service Service,
    IReadOnlyList<Guid> StaffIds,
    DateTimeOffset Start,
    DateTimeOffset End,
    Customer Customer,
    string? Notes,
    Guid? RescheduledBookingId);

/// <summary>What a rule decided.</summary>
public readonly record struct BookingRuleResult
{
    private BookingRuleResult(string? code, string? message) => (Code, Message) = (code, message);

    /// <summary>The booking may go ahead.</summary>
    public static BookingRuleResult Allow => default;

    /// <summary>The refusal's machine-readable code (null when allowed).</summary>
    public string? Code { get; }

    /// <summary>The refusal's message for the customer (null when allowed).</summary>
    public string? Message { get; }

    /// <summary>Whether the booking is refused.</summary>
    public bool IsRefused => Code is not null;

    /// <summary>Refuses the booking.</summary>
    /// <param name="code">A machine-readable code: lowercase letters, digits and underscores (<c>medicare_number_required</c>).</param>
    /// <param name="message">What the customer is told.</param>
    public static BookingRuleResult Refuse(string code, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        if (string.IsNullOrEmpty(code) || !code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
        {
            throw new ArgumentException("A rule's code is lowercase letters, digits and underscores.", nameof(code));
        }

        return new BookingRuleResult(code, message);
    }
}

/// <summary>An <see cref="IBookingRule"/> refused the booking; <see cref="BookMeAtOzException.Code"/> is the rule's code.</summary>
public sealed class BookingRefusedException : BookMeAtOzException
{
    /// <summary>Creates the exception for a rule's refusal.</summary>
    /// <param name="code">The rule's code.</param>
    /// <param name="message">The rule's message.</param>
    public BookingRefusedException(string code, string message)
        : base(code, message)
    {
    }
}
