namespace BookMeAtOz.Contracts;

/// <summary>A service customers book.</summary>
/// <param name="Id">The service's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="DurationMinutes">The appointment's length in minutes.</param>
/// <param name="BufferBeforeMinutes">Time blocked before each appointment.</param>
/// <param name="BufferAfterMinutes">Time blocked after each appointment.</param>
/// <param name="PriceCents">The price in cents.</param>
/// <param name="Capacity">Seats per session (1 = one-to-one).</param>
/// <param name="SlotIntervalMinutes">Step between offered starts; null = the policy's, else the duration.</param>
/// <param name="StaffIds">Who performs it.</param>
/// <param name="Active">Whether it is offered.</param>
/// <param name="Questions">The questions asked of whoever books, in order (each with its id).</param>
/// <param name="Location">Where the appointments take place; null = not said.</param>
/// <param name="RequiresApproval">Whether bookings wait for the business's approval (created <c>pending</c>).</param>
/// <param name="Resources">The units of resources each booking uses.</param>
public sealed record ServiceResponse(
    Guid Id,
    string Name,
    int DurationMinutes,
    int BufferBeforeMinutes,
    int BufferAfterMinutes,
    long PriceCents,
    int Capacity,
    int? SlotIntervalMinutes,
    IReadOnlyList<Guid> StaffIds,
    bool Active,
    IReadOnlyList<QuestionDto>? Questions = null,
    LocationDto? Location = null,
    bool RequiresApproval = false,
    IReadOnlyList<ResourceRequirementDto>? Resources = null)
{
    /// <summary>
    /// How many of <see cref="StaffIds"/> serve each booking together (a collective service): 1 for an ordinary service.
    /// </summary>
    public int StaffRequired { get; init; } = 1;
}

/// <summary>
/// A service to create (<c>POST</c>; <c>name</c> and <c>durationMinutes</c> are required, the rest default to
/// 0 buffers, price 0, capacity 1, no interval, no staff, active, no questions, no location, no approval), or the fields to change
/// (<c>PATCH</c>).
/// </summary>
/// <param name="Name">Its name (up to 200 characters).</param>
/// <param name="DurationMinutes">5–1440.</param>
/// <param name="BufferBeforeMinutes">0–240.</param>
/// <param name="BufferAfterMinutes">0–240.</param>
/// <param name="PriceCents">≥ 0.</param>
/// <param name="Capacity">1–500.</param>
/// <param name="SlotIntervalMinutes">5–1440, or null.</param>
/// <param name="StaffIds">Staff members of the tenant.</param>
/// <param name="Active">Whether it is offered.</param>
/// <param name="Questions">
/// The whole ordered list of questions (up to 50): one without an <c>id</c> is new (the server gives it one), one with the
/// id of a current question keeps that id with the fields sent, and a current question left out is removed.
/// </param>
/// <param name="Location">Where the appointments take place; <c>null</c> (in a <c>PATCH</c>) removes it.</param>
/// <param name="RequiresApproval">Whether bookings wait for the business's approval (default false).</param>
/// <param name="Resources">The units of resources each booking uses (up to 10, each resource once, units 1 up to its quantity); default none.</param>
public sealed record ServiceRequest(
    string? Name,
    int? DurationMinutes,
    int? BufferBeforeMinutes,
    int? BufferAfterMinutes,
    long? PriceCents,
    int? Capacity,
    int? SlotIntervalMinutes,
    IReadOnlyList<Guid>? StaffIds,
    bool? Active,
    IReadOnlyList<QuestionDto>? Questions = null,
    LocationDto? Location = null,
    bool? RequiresApproval = null,
    IReadOnlyList<ResourceRequirementDto>? Resources = null)
{
    /// <summary>
    /// How many of <see cref="StaffIds"/> serve each booking together (a collective service): 1 (the default) up to the number
    /// of <see cref="StaffIds"/>, above 1 only with capacity 1. A slot is offered when that many are free at once.
    /// </summary>
    public int? StaffRequired { get; init; }
}

/// <summary>A question a service asks whoever books it.</summary>
/// <param name="Id">Its id: assigned by the server; absent in a request for a new question.</param>
/// <param name="Label">What is asked (up to 200 characters).</param>
/// <param name="Type"><c>text</c> (up to 200 characters), <c>longText</c> (up to 2000, line breaks allowed), <c>choice</c>, <c>multiChoice</c>, <c>checkbox</c>, <c>phone</c>, <c>number</c> or <c>email</c>.</param>
/// <param name="Required">Whether a booking must answer it (a required <c>checkbox</c> must be ticked); default false.</param>
/// <param name="Choices">The choices of a <c>choice</c> or <c>multiChoice</c> question (1–50, distinct, up to 200 characters each); only for those.</param>
/// <param name="MaxLength">A narrower length limit of a <c>text</c> or <c>longText</c> answer; only for those.</param>
public sealed record QuestionDto(Guid? Id, string? Label, string? Type, bool? Required, IReadOnlyList<string>? Choices, int? MaxLength);

/// <summary>Where a service's appointments take place. Only the field of the kind is kept.</summary>
/// <param name="Kind"><c>inPerson</c>, <c>phone</c> or <c>video</c>.</param>
/// <param name="Address">For <c>inPerson</c>: the address (up to 500 characters; line breaks allowed).</param>
/// <param name="Phone">For <c>phone</c>: the number (up to 40 digits, spaces and <c>+ - ( ) .</c>).</param>
/// <param name="Url">For <c>video</c>: an absolute <c>https</c> link (up to 2000 characters).</param>
public sealed record LocationDto(string? Kind, string? Address, string? Phone, string? Url);

/// <summary>A staff member. Anonymous callers see no <c>email</c>.</summary>
/// <param name="Id">The staff member's id.</param>
/// <param name="Name">Their name.</param>
/// <param name="Email">Their email (admins only).</param>
/// <param name="TimeZone">The IANA zone their schedule is in.</param>
/// <param name="Active">Whether they take bookings.</param>
/// <param name="MaxBookingsPerDay">The most bookings starting on one of their local days; null = unlimited.</param>
public sealed record StaffResponse(Guid Id, string Name, string? Email, string TimeZone, bool Active, int? MaxBookingsPerDay = null);

/// <summary>A staff member to create (<c>name</c> required; zone defaults to the tenant's) or the fields to change.</summary>
/// <param name="Name">Their name.</param>
/// <param name="Email">An optional email.</param>
/// <param name="TimeZone">An IANA time zone.</param>
/// <param name="Active">Whether they take bookings (default true).</param>
/// <param name="MaxBookingsPerDay">The most bookings starting on one of their local days (1–1000); null = unlimited (the default).</param>
public sealed record StaffRequest(string? Name, string? Email, string? TimeZone, bool? Active, int? MaxBookingsPerDay = null);

/// <summary>A working interval <c>[start, end)</c> in local wall time.</summary>
/// <param name="Start"><c>HH:mm</c>.</param>
/// <param name="End"><c>HH:mm</c>, after the start; <c>24:00</c> allowed.</param>
public sealed record IntervalDto(string? Start, string? End);

/// <summary>Weekly working intervals by day; a missing day has none.</summary>
/// <param name="Monday">Monday's intervals.</param>
/// <param name="Tuesday">Tuesday's intervals.</param>
/// <param name="Wednesday">Wednesday's intervals.</param>
/// <param name="Thursday">Thursday's intervals.</param>
/// <param name="Friday">Friday's intervals.</param>
/// <param name="Saturday">Saturday's intervals.</param>
/// <param name="Sunday">Sunday's intervals.</param>
public sealed record WeeklyHoursDto(
    IReadOnlyList<IntervalDto>? Monday,
    IReadOnlyList<IntervalDto>? Tuesday,
    IReadOnlyList<IntervalDto>? Wednesday,
    IReadOnlyList<IntervalDto>? Thursday,
    IReadOnlyList<IntervalDto>? Friday,
    IReadOnlyList<IntervalDto>? Saturday,
    IReadOnlyList<IntervalDto>? Sunday);

/// <summary>The intervals of one local date, replacing its weekly ones; none = a day off.</summary>
/// <param name="Date">The local date, <c>YYYY-MM-DD</c>.</param>
/// <param name="Intervals">That date's intervals.</param>
public sealed record DateOverrideDto(DateOnly? Date, IReadOnlyList<IntervalDto>? Intervals);

/// <summary>A staff member's working hours.</summary>
/// <param name="Weekly">Weekly intervals.</param>
/// <param name="Overrides">Date overrides.</param>
public sealed record ScheduleDto(WeeklyHoursDto? Weekly, IReadOnlyList<DateOverrideDto>? Overrides);

/// <summary>Time off to add.</summary>
/// <param name="Start">The start instant, with an offset.</param>
/// <param name="End">The end instant, after the start.</param>
/// <param name="Reason">An optional reason.</param>
public sealed record TimeOffRequest(DateTimeOffset? Start, DateTimeOffset? End, string? Reason);

/// <summary>A staff member's time off.</summary>
/// <param name="Id">Its id.</param>
/// <param name="StaffId">Whose.</param>
/// <param name="Start">The start.</param>
/// <param name="End">The end, exclusive.</param>
/// <param name="Reason">The reason, if given.</param>
public sealed record TimeOffResponse(Guid Id, Guid StaffId, DateTimeOffset Start, DateTimeOffset End, string? Reason);

/// <summary>A tenant-wide closure to add: local dates in the tenant's time zone, inclusive.</summary>
/// <param name="From">The first closed date (1900–2200).</param>
/// <param name="To">The last closed date (not before <paramref name="From"/>).</param>
/// <param name="Reason">An optional reason (up to 2000 characters), shown to anyone.</param>
public sealed record ClosureRequest(DateOnly? From, DateOnly? To, string? Reason);

/// <summary>A tenant-wide closure: nothing is offered on its dates.</summary>
/// <param name="Id">The closure's id.</param>
/// <param name="From">The first closed date, in the tenant's time zone.</param>
/// <param name="To">The last closed date (inclusive).</param>
/// <param name="Reason">The reason, if given.</param>
public sealed record ClosureResponse(Guid Id, DateOnly From, DateOnly To, string? Reason);

/// <summary>
/// A closure just added, with the bookings already made on its dates: they are not cancelled, so that an admin can
/// decide what to do with each.
/// </summary>
/// <param name="Id">The closure's id.</param>
/// <param name="From">The first closed date, in the tenant's time zone.</param>
/// <param name="To">The last closed date (inclusive).</param>
/// <param name="Reason">The reason, if given.</param>
/// <param name="AffectedBookings">Confirmed bookings starting on the closed dates, by start (at most 200).</param>
/// <param name="MoreAffectedBookings">Whether more bookings are affected than listed (list them with <c>GET /bookings?from&amp;to</c>).</param>
public sealed record ClosureCreatedResponse(
    Guid Id, DateOnly From, DateOnly To, string? Reason, IReadOnlyList<BookingResponse> AffectedBookings, bool MoreAffectedBookings);

/// <summary>Units of a resource that each booking of a service uses.</summary>
/// <param name="ResourceId">A resource of the tenant.</param>
/// <param name="Units">How many of its units, 1 up to its quantity.</param>
public sealed record ResourceRequirementDto(Guid? ResourceId, int? Units);

/// <summary>A room, chair or piece of equipment with interchangeable units.</summary>
/// <param name="Id">The resource's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind">What it is (free text, such as <c>room</c> or <c>equipment</c>).</param>
/// <param name="Quantity">How many units exist.</param>
/// <param name="Active">Whether it can be used; a service requiring an inactive resource offers nothing.</param>
public sealed record ResourceResponse(Guid Id, string Name, string Kind, int Quantity, bool Active);

/// <summary>
/// A resource to create (<c>POST</c>; <c>name</c> and <c>kind</c> are required, <c>quantity</c> defaults to 1 and
/// <c>active</c> to true), or the fields to change (<c>PATCH</c>).
/// </summary>
/// <param name="Name">Its name (up to 200 characters).</param>
/// <param name="Kind">What it is (1–50 characters).</param>
/// <param name="Quantity">1–100.</param>
/// <param name="Active">Whether it can be used.</param>
public sealed record ResourceRequest(string? Name, string? Kind, int? Quantity, bool? Active);

/// <summary>A staff member's secret calendar feed (<c>POST /api/v1/staff/{id}/feed</c>), shown only in this answer.</summary>
/// <param name="Url">The iCalendar subscription URL (<c>…/feeds/{token}.ics</c>); anyone with it can read the staff member's bookings.</param>
public sealed record CalendarFeedResponse(string Url);
