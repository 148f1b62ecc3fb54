using BookMeAtOz.Validation;

namespace BookMeAtOz.Scheduling;

/// <summary>
/// A room, chair or piece of equipment with a quantity of interchangeable units (product specification §10.1). A service may
/// require units of it; a slot is offered only while enough units are free, and no two bookings ever use more units than exist
/// at any instant (both stores enforce it in the booking write).
/// </summary>
/// <param name="Id">The resource's id.</param>
/// <param name="TenantId">The owning tenant.</param>
/// <param name="Name">The display name (up to 200 characters).</param>
/// <param name="Kind">What it is, free text such as <c>room</c> or <c>equipment</c> (1–50 characters).</param>
/// <param name="Quantity">How many interchangeable units exist, 1–<see cref="MaxQuantity"/>.</param>
/// <param name="Active">Whether it can be used; a service requiring an inactive resource offers nothing.</param>
public sealed record Resource(Guid Id, Guid TenantId, string Name, string Kind, int Quantity, bool Active)
{
    /// <summary>The most units one resource may have.</summary>
    public const int MaxQuantity = 100;

    /// <summary>The most resources a tenant may have.</summary>
    public const int MaxPerTenant = 200;

    /// <summary>The longest kind.</summary>
    public const int KindMaxLength = 50;

    /// <summary>Validates every field.</summary>
    public void Validate(ValidationErrors errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(errors);
        Text.Validate(Name, errors, prefix + "name", Text.NameMaxLength);
        Text.Validate(Kind, errors, prefix + "kind", KindMaxLength);
        errors.Require(Quantity is >= 1 and <= MaxQuantity, prefix + "quantity", $"Must be between 1 and {MaxQuantity}.");
    }
}

/// <summary>Units of a resource that each booking of a service uses for its blocked time (buffers included).</summary>
/// <param name="ResourceId">The resource.</param>
/// <param name="Units">How many of its units, 1 up to its quantity.</param>
public sealed record ResourceRequirement(Guid ResourceId, int Units)
{
    /// <summary>The most resources one service may require.</summary>
    public const int MaxPerService = 10;
}

/// <summary>One resource's inputs to the availability engine.</summary>
/// <param name="Resource">The resource.</param>
/// <param name="Uses">The units active bookings use, in any order.</param>
public sealed record ResourceAvailability(Resource Resource, IReadOnlyList<ResourceUse> Uses);

/// <summary>Units of a resource an active booking uses during its blocked range.</summary>
/// <param name="Start">The start of the booking's blocked range.</param>
/// <param name="End">Its end, exclusive.</param>
/// <param name="Units">How many units.</param>
/// <param name="BookingId">The booking.</param>
public readonly record struct ResourceUse(DateTimeOffset Start, DateTimeOffset End, int Units, Guid? BookingId = null);
