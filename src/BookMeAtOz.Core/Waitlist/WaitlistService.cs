using System.Security.Cryptography;
using System.Text.Json;
using BookMeAtOz.Audit;
using BookMeAtOz.Bookings;
using BookMeAtOz.Changes;
using BookMeAtOz.Persistence;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Validation;
using Microsoft.Extensions.Options;
using NodaTime;

namespace BookMeAtOz.Waitlist;

/// <summary>
/// The waitlist (product specification §10.4): customers join for a service, a range of local dates and optionally a
/// staff member, and leave with the token they were given. When time frees up, <see cref="ProcessTenantAsync"/> offers
/// the earliest waiting entry (by join time) whose range and staff match a free slot a checkout hold of that slot: the
/// offer is the hold, so the store's seat and overlap guarantees bound the offers out by the free seats, and an offer
/// lapses with its hold. Whoever books the hold first books the slot; an unanswered offer passes to the next entry.
/// </summary>
public sealed class WaitlistService
{
    /// <summary>The most entries one tenant's pass looks at.</summary>
    public const int MaxActivePerPass = 500;

    private readonly IWaitlistStore _store;
    private readonly IBookingStore _bookings;
    private readonly BookingService _booking;
    private readonly IChangeSink _changes;
    private readonly TimeProvider _timeProvider;
    private readonly WaitlistOptions _options;

    internal WaitlistService(
        IWaitlistStore store, IBookingStore bookings, BookingService booking, IChangeSink changes, TimeProvider timeProvider, IOptions<WaitlistOptions> options)
    {
        _store = store;
        _bookings = bookings;
        _booking = booking;
        _changes = changes;
        _timeProvider = timeProvider;
        _options = options.Value;
    }

    /// <summary>Joins the waitlist; answers the entry and its leave token (shown only here).</summary>
    /// <exception cref="BookMeAtOzValidationException">Bad input (<c>validation_failed</c>).</exception>
    /// <exception cref="NotFoundException">The tenant, service or staff member does not exist (or the service is inactive).</exception>
    public async Task<(WaitlistEntry Entry, string LeaveToken)> JoinAsync(Guid tenantId, JoinWaitlistRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        errors.Require(request.ServiceId != Guid.Empty, "serviceId", "Is required.");
        errors.Require(request.From is not null, "from", "Is required.");
        errors.Require(request.To is not null, "to", "Is required.");
        errors.Require(request.StaffId != Guid.Empty, "staffId", "Must be a staff member's id.");
        errors.Require(request.Customer is not null, "customer", "Is required.");
        request.Customer?.Validate(errors);
        errors.ThrowIfAny();

        var tenant = await _bookings.FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("tenant");
        var now = _timeProvider.GetUtcNow();
        var today = DateOnly.FromDateTime(Instant.FromDateTimeOffset(now).InZone(TimeZones.Get(tenant.TimeZone)).Date.ToDateTimeUnspecified());
        var from = request.From!.Value;
        var to = request.To!.Value;
        var last = today.AddDays(tenant.Policy.MaxAdvanceDays);
        errors.Require(DateBounds.Contains(from), "from", DateBounds.Message);
        errors.Require(DateBounds.Contains(to), "to", DateBounds.Message);
        errors.Require(to >= from, "to", "Must not be before from.");
        errors.Require(to >= today, "to", "Must not be in the past.");
        errors.Require(from <= last, "from", $"Must be within {tenant.Policy.MaxAdvanceDays} days (the business's maxAdvanceDays).");
        errors.Require(to <= last, "to", $"Must be within {tenant.Policy.MaxAdvanceDays} days (the business's maxAdvanceDays).");
        errors.ThrowIfAny();

        var service = await _bookings.FindServiceAsync(tenantId, request.ServiceId, cancellationToken).ConfigureAwait(false);
        if (service is not { Active: true })
        {
            throw new NotFoundException("service");
        }

        if (request.StaffId is { } staffId
            && (!service.StaffIds.Contains(staffId) || await _bookings.FindStaffAsync(tenantId, staffId, cancellationToken).ConfigureAwait(false) is not { Active: true }))
        {
            throw new NotFoundException("staff member");
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var entry = new WaitlistEntry(Guid.CreateVersion7(now), tenantId, service.Id, request.StaffId, from < today ? today : from, to,
            request.Customer!, WaitlistStatuses.Waiting, now)
        {
            LeaveTokenHash = Hash(token),
            UpdatedAt = now,
        };
        await _store.JoinAsync(entry, Audit(entry, "waitlist.joined", null, entry, now), cancellationToken).ConfigureAwait(false);
        return (entry, token);
    }

    /// <summary>
    /// Leaves the waitlist with the entry's leave token (an outstanding offer's hold is released). False when the entry
    /// does not exist, the token is wrong, or it already left (the caller cannot tell these apart).
    /// </summary>
    public async Task<bool> LeaveAsync(Guid tenantId, Guid entryId, string? leaveToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(leaveToken) || leaveToken.Length > 200)
        {
            return false;
        }

        var entry = await _store.FindAsync(tenantId, entryId, cancellationToken).ConfigureAwait(false);
        if (entry?.LeaveTokenHash is not { } hash || !CryptographicOperations.FixedTimeEquals(hash, Hash(leaveToken))
            || entry.Status is not (WaitlistStatuses.Waiting or WaitlistStatuses.Offered))
        {
            return false;
        }

        var now = _timeProvider.GetUtcNow();
        var left = entry with { Status = WaitlistStatuses.Left, UpdatedAt = now };
        if (!await _store.TransitionAsync(tenantId, entryId, entry.Status, WaitlistStatuses.Left, now, Audit(left, "waitlist.left", entry, left, now), cancellationToken)
                .ConfigureAwait(false))
        {
            return false;
        }

        if (entry is { Status: WaitlistStatuses.Offered, HoldId: { } holdId })
        {
            // The seat goes back, and (through the release's change) to the next entry.
            await _booking.ReleaseHoldAsync(tenantId, holdId, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>A page of the tenant's waitlist in join order.</summary>
    public Task<IReadOnlyList<WaitlistEntry>> ListAsync(WaitlistQuery query, CancellationToken cancellationToken) => _store.ListAsync(query, cancellationToken);

    /// <summary>
    /// One offer pass over a tenant's waitlist, serialized with every other instance's pass for the tenant: settles
    /// offers whose hold was booked (<c>booked</c>) or lapsed or was released (<c>expired</c>), retires entries whose
    /// dates passed, then, in join order, offers each waiting entry a hold of the first free slot matching it. Answers
    /// how many offers it made, or null when another pass (of any instance) is running for the tenant: call again once
    /// it may be over, since it may have started before the change that called for this one.
    /// </summary>
    public async Task<int?> ProcessTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        // Most changes come from tenants without a waitlist: one cheap read, no lock.
        if ((await _store.ListActiveAsync(tenantId, 1, cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            return 0;
        }

        var gate = await _store.TryLockTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (gate is null)
        {
            return null;
        }

        await using (gate.ConfigureAwait(false))
        {
            var tenant = await _bookings.FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
            if (tenant is null)
            {
                return 0;
            }

            var now = _timeProvider.GetUtcNow();
            var zone = TimeZones.Get(tenant.TimeZone);
            var today = DateOnly.FromDateTime(Instant.FromDateTimeOffset(now).InZone(zone).Date.ToDateTimeUnspecified());
            var active = await _store.ListActiveAsync(tenantId, MaxActivePerPass, cancellationToken).ConfigureAwait(false);
            foreach (var entry in active.Where(e => e.Status == WaitlistStatuses.Offered))
            {
                await SettleOfferAsync(entry, now, cancellationToken).ConfigureAwait(false);
            }

            var offers = 0;
            var services = new Dictionary<Guid, Service?>();
            var passedOver = new List<WaitlistEntry>();
            foreach (var entry in active.Where(e => e.Status == WaitlistStatuses.Waiting))
            {
                if (entry.To < today)
                {
                    await _store.TransitionAsync(tenantId, entry.Id, WaitlistStatuses.Waiting, WaitlistStatuses.Expired, now, null, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!services.TryGetValue(entry.ServiceId, out var service))
                {
                    service = services[entry.ServiceId] = await _bookings.FindServiceAsync(tenantId, entry.ServiceId, cancellationToken).ConfigureAwait(false);
                }

                if (service is not { Active: true })
                {
                    continue;
                }

                // Time may be freed while the pass runs, after it passed over earlier entries: a hold this entry takes goes
                // to the earliest passed-over entry it fits, and this entry tries again for the next free time.
                while (true)
                {
                    var offered = await OfferAsync(entry, today, zone, passedOver, cancellationToken).ConfigureAwait(false);
                    if (offered is null)
                    {
                        passedOver.Add(entry);
                        break;
                    }

                    offers++;
                    if (offered.Id == entry.Id)
                    {
                        break;
                    }

                    passedOver.RemoveAll(e => e.Id == offered.Id);
                }
            }

            return offers;
        }
    }

    private async Task SettleOfferAsync(WaitlistEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hold = entry.HoldId is { } holdId ? await _bookings.FindBookingAsync(entry.TenantId, holdId, cancellationToken).ConfigureAwait(false) : null;
        if (hold is { Status: BookingStatus.Held } && hold.OccupiesAt(now))
        {
            return;
        }

        var booked = hold is not null && hold.Status is not (BookingStatus.Held or BookingStatus.Expired);
        await _store.TransitionAsync(entry.TenantId, entry.Id, WaitlistStatuses.Offered, booked ? WaitlistStatuses.Booked : WaitlistStatuses.Expired,
            now, null, cancellationToken).ConfigureAwait(false);
        if (hold is { Status: BookingStatus.Held })
        {
            // Lapsed but not swept yet: give its seat back now (it blocks nothing already; this keeps the books tidy).
            await _booking.ReleaseHoldAsync(entry.TenantId, hold.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Offers a hold of the first free slot matching <paramref name="entry"/>, to the earliest of <paramref name="passedOver"/>
    /// (waiting entries before it in join order that this pass found no time for) whom the hold fits, else to the entry.
    /// Answers the entry offered, or null.
    /// </summary>
    private async Task<WaitlistEntry?> OfferAsync(
        WaitlistEntry entry, DateOnly today, DateTimeZone zone, IReadOnlyList<WaitlistEntry> passedOver, CancellationToken cancellationToken)
    {
        var from = entry.From < today ? today : entry.From;
        var to = entry.To.DayNumber - from.DayNumber >= BookingService.MaxAvailabilityDays ? from.AddDays(BookingService.MaxAvailabilityDays - 1) : entry.To;
        AvailabilityResult availability;
        try
        {
            availability = await _booking.GetAvailabilityAsync(entry.TenantId, new AvailabilityQuery(entry.ServiceId, from, to, entry.StaffId), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return null;
        }

        var tried = 0;
        foreach (var slot in availability.Days.SelectMany(d => d.Slots))
        {
            if (tried++ >= _options.SlotsTriedPerEntry)
            {
                break;
            }

            Booking hold;
            try
            {
                hold = await _booking.CreateHoldAsync(entry.TenantId, new CreateHoldRequest(entry.ServiceId, slot.Start, entry.StaffId), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (BookMeAtOzException e) when (e.Code is ErrorCodes.SlotUnavailable or ErrorCodes.BookingLimitReached)
            {
                continue;
            }
            catch (NotFoundException)
            {
                return null;
            }

            var day = DateOnly.FromDateTime(Instant.FromDateTimeOffset(hold.Start).InZone(zone).Date.ToDateTimeUnspecified());
            var target = passedOver.FirstOrDefault(e => e.ServiceId == hold.ServiceId && (e.StaffId is null || e.StaffId == hold.StaffId)
                && e.From <= day && day <= e.To) ?? entry;
            var now = _timeProvider.GetUtcNow();
            var offered = target with
            {
                Status = WaitlistStatuses.Offered,
                HoldId = hold.Id,
                OfferStart = hold.Start,
                OfferExpiresAt = hold.ExpiresAt,
                UpdatedAt = now,
            };
            if (!await _store.OfferAsync(offered, Audit(offered, "waitlist.offered", target, offered, now, AuditActor.System), cancellationToken).ConfigureAwait(false))
            {
                await _booking.ReleaseHoldAsync(entry.TenantId, hold.Id, cancellationToken).ConfigureAwait(false);
                return null;
            }

            await _changes.OnCommittedAsync([OfferedChange(offered, hold)], cancellationToken).ConfigureAwait(false);
            return offered;
        }

        return null;
    }

    /// <summary>The change an offer makes (what the PostgreSQL store writes to its outbox).</summary>
    internal static ChangeEvent OfferedChange(WaitlistEntry offered, Booking hold) =>
        new(offered.TenantId, ChangeTypes.WaitlistOffered, BookingId: hold.Id, ServiceId: hold.ServiceId, StaffId: hold.StaffId, Start: hold.Start, End: hold.End,
            Status: WaitlistStatuses.Offered)
        {
            WaitlistEntryId = offered.Id,
            ExpiresAt = hold.ExpiresAt,
        };

    internal static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    private static AuditEntry Audit(WaitlistEntry entry, string action, WaitlistEntry? before, WaitlistEntry? after, DateTimeOffset now, AuditActor? actor = null)
    {
        var who = actor ?? AuditActor.Current;
        return new AuditEntry(Guid.CreateVersion7(now), entry.TenantId, now, who.Type, who.Id, "waitlist", entry.Id, action,
            before is null ? null : Snapshot(before), after is null ? null : Snapshot(after));
    }

    /// <summary>The audited fields of an entry (no token hash).</summary>
    public static string Snapshot(WaitlistEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = entry.Id,
            ["serviceId"] = entry.ServiceId,
            ["staffId"] = entry.StaffId,
            ["from"] = entry.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = entry.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["customer"] = new Dictionary<string, string?> { ["name"] = entry.Customer.Name, ["email"] = entry.Customer.Email, ["phone"] = entry.Customer.Phone },
            ["status"] = entry.Status,
            ["holdId"] = entry.HoldId,
        });
    }
}
