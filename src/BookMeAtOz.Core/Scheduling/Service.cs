using BookMeAtOz.Validation;

namespace BookMeAtOz.Scheduling;

/// <summary>Something a customer books: a one-to-one appointment or, with capacity above 1, a group session.</summary>
/// <param name="Id">The service's id.</param>
/// <param name="TenantId">The owning tenant.</param>
/// <param name="Name">The display name (up to 200 characters).</param>
/// <param name="DurationMinutes">The appointment's length, 5–1440.</param>
/// <param name="BufferBeforeMinutes">Time blocked before the appointment, 0–240.</param>
/// <param name="BufferAfterMinutes">Time blocked after the appointment, 0–240.</param>
/// <param name="PriceCents">The price in the tenant's currency's minor unit, ≥ 0.</param>
/// <param name="Capacity">Seats per session: 1 (default) = one-to-one; up to 500.</param>
/// <param name="SlotIntervalMinutes">Step between candidate starts, 5–1440; null = the policy's, else the duration.</param>
/// <param name="StaffIds">Who can perform the service.</param>
/// <param name="Active">Whether it is offered.</param>
public sealed record Service(
    Guid Id,
    Guid TenantId,
    string Name,
    int DurationMinutes,
    int BufferBeforeMinutes,
    int BufferAfterMinutes,
    long PriceCents,
    int Capacity,
    int? SlotIntervalMinutes,
    IReadOnlyList<Guid> StaffIds,
    bool Active)
{
    /// <summary>The effective slot interval: the service's own, else the policy's, else the duration.</summary>
    public int EffectiveSlotInterval(Tenancy.TenantPolicy policy) =>
        SlotIntervalMinutes ?? policy?.SlotIntervalMinutes ?? DurationMinutes;

    /// <summary>Whether bookings share sessions (capacity above 1).</summary>
    public bool IsGroup => Capacity > 1;

    /// <summary>The questions asked of whoever books, in order (none by default).</summary>
    public IReadOnlyList<ServiceQuestion> Questions { get; init; } = [];

    /// <summary>Where the appointments take place; null = not said.</summary>
    public ServiceLocation? Location { get; init; }

    /// <summary>Whether a booking waits for the business's approval (created <c>pending</c>); default false (created <c>confirmed</c>).</summary>
    public bool RequiresApproval { get; init; }

    /// <summary>The resources each booking uses (product specification §10.1), each at most once; none by default.</summary>
    public IReadOnlyList<ResourceRequirement> Resources { get; init; } = [];

    /// <summary>
    /// How many of <see cref="StaffIds"/> serve each booking together (a collective service, product specification §10.3):
    /// 1 (the default) to the number of <see cref="StaffIds"/>; above 1 only for a one-to-one service (capacity 1). A slot is
    /// offered when at least this many are free at once, and a booking occupies that many.
    /// </summary>
    public int StaffRequired { get; init; } = 1;

    /// <summary>Whether each booking takes several staff members together (<see cref="StaffRequired"/> above 1).</summary>
    public bool IsCollective => StaffRequired > 1;

    /// <summary>Validates every field.</summary>
    public void Validate(ValidationErrors errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(errors);
        Text.Validate(Name, errors, prefix + "name", Text.NameMaxLength);
        errors.Require(DurationMinutes is >= 5 and <= 1440, prefix + "durationMinutes", "Must be between 5 and 1440.");
        errors.Require(BufferBeforeMinutes is >= 0 and <= 240, prefix + "bufferBeforeMinutes", "Must be between 0 and 240.");
        errors.Require(BufferAfterMinutes is >= 0 and <= 240, prefix + "bufferAfterMinutes", "Must be between 0 and 240.");
        errors.Require(PriceCents >= 0, prefix + "priceCents", "Must be 0 or more.");
        errors.Require(Capacity is >= 1 and <= 500, prefix + "capacity", "Must be between 1 and 500.");
        errors.Require(SlotIntervalMinutes is null or (>= 5 and <= 1440), prefix + "slotIntervalMinutes", "Must be between 5 and 1440, or null.");
        if (StaffIds is null)
        {
            errors.Add(prefix + "staffIds", "Is required.");
        }
        else
        {
            errors.Require(StaffIds.Count <= 500, prefix + "staffIds", "At most 500 staff members.");
            errors.Require(StaffIds.Distinct().Count() == StaffIds.Count, prefix + "staffIds", "Must not repeat a staff member.");
        }

        errors.Require(StaffRequired >= 1 && (StaffRequired == 1 || StaffRequired <= (StaffIds?.Count ?? 0)), prefix + "staffRequired",
            "Must be between 1 and the number of staffIds.");
        errors.Require(StaffRequired <= 1 || Capacity <= 1, prefix + "staffRequired", "A group service (capacity above 1) takes one staff member per session.");

        if (Questions is null)
        {
            errors.Add(prefix + "questions", "Is required.");
        }
        else
        {
            errors.Require(Questions.Count <= ServiceQuestion.MaxQuestions, prefix + "questions", $"At most {ServiceQuestion.MaxQuestions} questions.");
            for (var i = 0; i < Questions.Count && i < ServiceQuestion.MaxQuestions; i++)
            {
                Questions[i].Validate(errors, $"{prefix}questions[{i}].");
            }

            errors.Require(Questions.Select(q => q.Id).Distinct().Count() == Questions.Count, prefix + "questions", "Must not repeat a question.");
        }

        Location?.Validate(errors, prefix + "location.");
        if (Resources is null)
        {
            errors.Add(prefix + "resources", "Is required.");
        }
        else
        {
            errors.Require(Resources.Count <= ResourceRequirement.MaxPerService, prefix + "resources", $"At most {ResourceRequirement.MaxPerService} resources.");
            errors.Require(Resources.Select(r => r?.ResourceId).Distinct().Count() == Resources.Count, prefix + "resources", "Must not repeat a resource.");
            for (var i = 0; i < Resources.Count && i < ResourceRequirement.MaxPerService; i++)
            {
                errors.Require(Resources[i] is { ResourceId: var id } && id != Guid.Empty, $"{prefix}resources[{i}].resourceId", "Is required.");
                errors.Require(Resources[i] is { Units: >= 1 and <= Resource.MaxQuantity }, $"{prefix}resources[{i}].units", $"Must be between 1 and {Resource.MaxQuantity}.");
            }
        }
    }
}

/// <summary>Someone who performs services, to a schedule in their own time zone.</summary>
/// <param name="Id">The staff member's id.</param>
/// <param name="TenantId">The owning tenant.</param>
/// <param name="Name">The display name (up to 200 characters).</param>
/// <param name="Email">An optional email address.</param>
/// <param name="TimeZone">The IANA zone the schedule is in (the tenant's by default).</param>
/// <param name="Active">Whether the staff member takes bookings.</param>
/// <param name="MaxBookingsPerDay">The most confirmed bookings starting on one of their local days; null (default) = unlimited, 1–1000.</param>
public sealed record StaffMember(Guid Id, Guid TenantId, string Name, string? Email, string TimeZone, bool Active, int? MaxBookingsPerDay = null)
{
    /// <summary>Validates every field.</summary>
    public void Validate(ValidationErrors errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(errors);
        Text.Validate(Name, errors, prefix + "name", Text.NameMaxLength);
        Text.ValidateOptionalEmail(Email, errors, prefix + "email");
        errors.Require(TimeZones.IsValid(TimeZone), prefix + "timeZone", "Must be a known IANA time zone, for example Australia/Sydney.");
        errors.Require(MaxBookingsPerDay is null or (>= 1 and <= 1_000), prefix + "maxBookingsPerDay", "Must be between 1 and 1000, or null.");
    }
}

/// <summary>A range a staff member does not work, blocking any booking that overlaps it.</summary>
/// <param name="Id">The time off's id.</param>
/// <param name="TenantId">The owning tenant.</param>
/// <param name="StaffId">Whose time off.</param>
/// <param name="Start">The start instant.</param>
/// <param name="End">The end instant, exclusive; after the start, at most 366 days later.</param>
/// <param name="Reason">An optional reason (up to 2000 characters).</param>
public sealed record TimeOff(Guid Id, Guid TenantId, Guid StaffId, DateTimeOffset Start, DateTimeOffset End, string? Reason)
{
    /// <summary>Validates every field.</summary>
    public void Validate(ValidationErrors errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require(DateBounds.Contains(Start), prefix + "start", DateBounds.Message);
        errors.Require(DateBounds.Contains(End), prefix + "end", DateBounds.Message);
        errors.Require(End > Start, prefix + "end", "Must be after the start.");
        errors.Require(End - Start <= TimeSpan.FromDays(366), prefix + "end", "Time off may span at most 366 days.");
        Text.ValidateOptional(Reason, errors, prefix + "reason", Text.NotesMaxLength);
    }
}
