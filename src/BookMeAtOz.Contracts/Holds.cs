namespace BookMeAtOz.Contracts;

/// <summary>A checkout hold request (<c>POST /api/v1/holds</c>).</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="Start">An offered start, with an offset.</param>
/// <param name="StaffId">A staff member; absent = anyone free (chosen as for a booking).</param>
public sealed record CreateHoldRequest(Guid? ServiceId, DateTimeOffset? Start, Guid? StaffId = null);

/// <summary>
/// A checkout hold: the time is kept for the guest until <paramref name="ExpiresAt"/>. Book it with
/// <c>POST /api/v1/bookings</c> and <c>holdId</c> (repeating <c>serviceId</c> and <c>start</c>); release it with
/// <c>DELETE /api/v1/holds/{id}</c>.
/// </summary>
/// <param name="Id">The hold's id (the booking made from it keeps it).</param>
/// <param name="Start">The start, in the tenant's zone.</param>
/// <param name="End">The end.</param>
/// <param name="StaffId">The staff member held.</param>
/// <param name="ExpiresAt">When the hold lapses (the policy's <c>holdMinutes</c> after it was made), in the tenant's zone.</param>
public sealed record HoldResponse(Guid Id, DateTimeOffset Start, DateTimeOffset End, Guid StaffId, DateTimeOffset ExpiresAt)
{
    /// <summary>Every staff member the hold occupies: <see cref="StaffId"/> first, then, for a collective service, the others.</summary>
    public IReadOnlyList<Guid>? StaffIds { get; init; }
}
