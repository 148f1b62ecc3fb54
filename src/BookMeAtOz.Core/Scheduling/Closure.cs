using BookMeAtOz.Validation;
using NodaTime;

namespace BookMeAtOz.Scheduling;

/// <summary>
/// A tenant-wide closure: local dates (in the tenant's time zone, inclusive) on which nobody is bookable. No slot starts
/// on a closed date and no booking or reschedule onto one is accepted; bookings made before the closure stay as they are.
/// </summary>
/// <param name="Id">The closure's id.</param>
/// <param name="TenantId">The owning tenant.</param>
/// <param name="From">The first closed local date.</param>
/// <param name="To">The last closed local date (inclusive; not before <paramref name="From"/>).</param>
/// <param name="Reason">An optional reason (up to 2000 characters), shown to anyone.</param>
public sealed record Closure(Guid Id, Guid TenantId, DateOnly From, DateOnly To, string? Reason)
{
    /// <summary>The most closures a tenant may have.</summary>
    public const int MaxPerTenant = 500;

    /// <summary>Validates every field.</summary>
    public void Validate(ValidationErrors errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require(DateBounds.Contains(From), prefix + "from", DateBounds.Message);
        errors.Require(DateBounds.Contains(To), prefix + "to", DateBounds.Message);
        errors.Require(To >= From, prefix + "to", "Must not be before from.");
        Text.ValidateOptional(Reason, errors, prefix + "reason", Text.NotesMaxLength);
    }

    /// <summary>Whether <paramref name="date"/> is one of the closed dates.</summary>
    public bool Covers(DateOnly date) => date >= From && date <= To;

    /// <summary>The closed instants <c>[start, end)</c>: from the start of <see cref="From"/> to the start of the day after <see cref="To"/> in <paramref name="timeZone"/>.</summary>
    /// <param name="timeZone">The tenant's IANA zone.</param>
    public (DateTimeOffset Start, DateTimeOffset End) Range(string timeZone)
    {
        var zone = TimeZones.Get(timeZone);
        return (zone.AtStartOfDay(LocalDate.FromDateOnly(From)).ToDateTimeOffset(),
            zone.AtStartOfDay(LocalDate.FromDateOnly(To).PlusDays(1)).ToDateTimeOffset());
    }
}
