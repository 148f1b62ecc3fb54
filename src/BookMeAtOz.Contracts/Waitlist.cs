namespace BookMeAtOz.Contracts;

/// <summary>A request to join a service's waitlist (<c>POST /api/v1/waitlist</c>, product specification §10.4).</summary>
/// <param name="ServiceId">The service (active).</param>
/// <param name="From">The first local date (tenant's zone) the customer could come.</param>
/// <param name="To">The last local date (inclusive); within the business's <c>maxAdvanceDays</c>.</param>
/// <param name="StaffId">A staff member of the service, or null for anyone.</param>
/// <param name="Customer">Who waits (validated like a booking's customer).</param>
public sealed record JoinWaitlistRequest(Guid? ServiceId, DateOnly? From, DateOnly? To, Guid? StaffId, CustomerDto? Customer);

/// <summary>The answer to joining a waitlist.</summary>
/// <param name="Id">The entry.</param>
/// <param name="LeaveToken">The secret that leaves the waitlist (<c>X-Leave-Token</c>); shown only here.</param>
public sealed record WaitlistJoinedResponse(Guid Id, string LeaveToken);

/// <summary>A waitlist entry as admins see it (<c>GET /api/v1/waitlist</c>).</summary>
/// <param name="Id">The entry (entries are listed in join order).</param>
/// <param name="ServiceId">The service.</param>
/// <param name="StaffId">The staff member asked for, or null for anyone.</param>
/// <param name="From">The first local date.</param>
/// <param name="To">The last local date (inclusive).</param>
/// <param name="Customer">Who waits.</param>
/// <param name="Status"><c>waiting</c>, <c>offered</c>, <c>booked</c>, <c>expired</c> or <c>left</c>.</param>
/// <param name="CreatedAt">When the customer joined.</param>
/// <param name="HoldId">The hold of the current (or last) offer.</param>
/// <param name="OfferStart">The offered slot's start.</param>
/// <param name="OfferExpiresAt">When the offer lapses (with its hold).</param>
public sealed record WaitlistEntryResponse(
    Guid Id, Guid ServiceId, Guid? StaffId, DateOnly From, DateOnly To, CustomerDto Customer, string Status, DateTimeOffset CreatedAt,
    Guid? HoldId, DateTimeOffset? OfferStart, DateTimeOffset? OfferExpiresAt);
