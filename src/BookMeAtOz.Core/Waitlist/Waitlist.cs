using BookMeAtOz.Audit;
using BookMeAtOz.Bookings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Waitlist;

/// <summary>The states of a waitlist entry (product specification §10.4), as stored and shown.</summary>
public static class WaitlistStatuses
{
    /// <summary><c>waiting</c>: no offer yet.</summary>
    public const string Waiting = "waiting";

    /// <summary><c>offered</c>: a hold is out for the entry (until the hold lapses).</summary>
    public const string Offered = "offered";

    /// <summary><c>booked</c>: the offered hold was booked.</summary>
    public const string Booked = "booked";

    /// <summary><c>expired</c>: the offer lapsed unanswered, or the entry's dates passed.</summary>
    public const string Expired = "expired";

    /// <summary><c>left</c>: the customer left the waitlist.</summary>
    public const string Left = "left";

    /// <summary>Whether <paramref name="status"/> is one of the states.</summary>
    public static bool IsKnown(string? status) => status is Waiting or Offered or Booked or Expired or Left;
}

/// <summary>
/// A customer waiting for a service between two local dates (inclusive), optionally with one staff member. While
/// <see cref="WaitlistStatuses.Offered"/>, <see cref="HoldId"/> is the checkout hold offered: the offer is that hold,
/// so it takes a seat like any hold and lapses with it.
/// </summary>
/// <param name="Id">The entry (time-ordered; ties of join time go by id).</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="ServiceId">The service.</param>
/// <param name="StaffId">The staff member asked for, or null for anyone.</param>
/// <param name="From">The first local date (tenant's zone).</param>
/// <param name="To">The last local date (inclusive).</param>
/// <param name="Customer">Who waits.</param>
/// <param name="Status">One of <see cref="WaitlistStatuses"/>.</param>
/// <param name="CreatedAt">When the customer joined.</param>
public sealed record WaitlistEntry(
    Guid Id, Guid TenantId, Guid ServiceId, Guid? StaffId, DateOnly From, DateOnly To, Customer Customer, string Status, DateTimeOffset CreatedAt)
{
    /// <summary>SHA-256 of the leave token (the token itself is shown once, when joining).</summary>
    public byte[]? LeaveTokenHash { get; init; }

    /// <summary>The hold of the current (or last) offer.</summary>
    public Guid? HoldId { get; init; }

    /// <summary>The offered slot's start.</summary>
    public DateTimeOffset? OfferStart { get; init; }

    /// <summary>When the offer (its hold) lapses.</summary>
    public DateTimeOffset? OfferExpiresAt { get; init; }

    /// <summary>When the entry last changed state.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A page of a tenant's waitlist.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ServiceId">Only this service's entries, when given.</param>
/// <param name="Status">Only entries in this state, when given.</param>
/// <param name="After">Entries after this one in join order (the cursor), when given.</param>
/// <param name="Limit">At most this many.</param>
public sealed record WaitlistQuery(Guid TenantId, Guid? ServiceId, string? Status, Guid? After, int Limit);

/// <summary>A request to join a waitlist.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="From">The first local date.</param>
/// <param name="To">The last local date (inclusive).</param>
/// <param name="StaffId">A staff member, or null for anyone.</param>
/// <param name="Customer">Who waits.</param>
public sealed record JoinWaitlistRequest(Guid ServiceId, DateOnly? From, DateOnly? To, Guid? StaffId, Customer? Customer);

/// <summary>
/// Where waitlist entries live. Offers are made one tenant at a time under <see cref="TryLockTenantAsync"/>, which
/// serializes the offer processing of every instance for the tenant (on PostgreSQL a transaction-scoped advisory lock).
/// </summary>
public interface IWaitlistStore
{
    /// <summary>Adds an entry and its audit entry.</summary>
    Task JoinAsync(WaitlistEntry entry, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>The entry, or null.</summary>
    Task<WaitlistEntry?> FindAsync(Guid tenantId, Guid entryId, CancellationToken cancellationToken);

    /// <summary>A page of the tenant's entries in join order (by join time, then id).</summary>
    Task<IReadOnlyList<WaitlistEntry>> ListAsync(WaitlistQuery query, CancellationToken cancellationToken);

    /// <summary>The tenant's waiting and offered entries, in join order (by join time, then id; at most <paramref name="limit"/>).</summary>
    Task<IReadOnlyList<WaitlistEntry>> ListActiveAsync(Guid tenantId, int limit, CancellationToken cancellationToken);

    /// <summary>Tenants (across all) with waiting or offered entries, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Guid>> ListActiveTenantsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the entry from <paramref name="fromStatus"/> to <paramref name="toStatus"/> (and appends <paramref name="audit"/>, if
    /// given), only if it is still in <paramref name="fromStatus"/>; answers whether it did.
    /// </summary>
    Task<bool> TransitionAsync(Guid tenantId, Guid entryId, string fromStatus, string toStatus, DateTimeOffset now, AuditEntry? audit, CancellationToken cancellationToken);

    /// <summary>
    /// Records the offer of <paramref name="offered"/>'s hold (a waiting entry becomes offered), its audit entry and its
    /// change (<c>waitlist.offered</c>: the PostgreSQL store writes it to the outbox in the same transaction); false when
    /// the entry is no longer waiting (nothing written).
    /// </summary>
    Task<bool> OfferAsync(WaitlistEntry offered, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the tenant's offer-processing lock (shared by every instance) without waiting; dispose to let go. Null when
    /// another pass holds it (that pass, or a later one, does the work; a waiting pass would hold a connection meanwhile).
    /// </summary>
    Task<IAsyncDisposable?> TryLockTenantAsync(Guid tenantId, CancellationToken cancellationToken);
}

/// <summary>The waitlist's offer processing (<c>BookMeAtOz:Waitlist</c>).</summary>
public sealed class WaitlistOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "BookMeAtOz:Waitlist";

    /// <summary>
    /// How often every tenant with waiting entries is looked at even without a change (a missed change, an offer lapsed
    /// on another instance); default 30 seconds, 100 milliseconds–1 hour. Changes that free time are acted on at once.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most start times tried per waiting entry per pass (each try is a hold); default 5, 1–100.</summary>
    public int SlotsTriedPerEntry { get; set; } = 5;

    internal IEnumerable<string> Validate()
    {
        if (SweepInterval < TimeSpan.FromMilliseconds(100) || SweepInterval > TimeSpan.FromHours(1))
        {
            yield return "BookMeAtOz__Waitlist__SweepInterval must be between 00:00:00.1 and 01:00:00.";
        }

        if (SlotsTriedPerEntry is < 1 or > 100)
        {
            yield return "BookMeAtOz__Waitlist__SlotsTriedPerEntry must be between 1 and 100.";
        }
    }
}

/// <summary>Binds <see cref="WaitlistOptions"/> from the host's configuration, and validates them.</summary>
internal sealed class WaitlistOptionsSetup(IServiceProvider services) : IConfigureOptions<WaitlistOptions>, IValidateOptions<WaitlistOptions>
{
    public void Configure(WaitlistOptions options) => services.GetService<IConfiguration>()?.GetSection(WaitlistOptions.SectionName).Bind(options);

    public ValidateOptionsResult Validate(string? name, WaitlistOptions options)
    {
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
