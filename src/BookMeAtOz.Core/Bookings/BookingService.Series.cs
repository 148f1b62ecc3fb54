using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BookMeAtOz.Persistence;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using BookMeAtOz.Validation;
using NodaTime;
using NodaTime.TimeZones;

namespace BookMeAtOz.Bookings;

// Recurring series (SPEC §10.2). Every occurrence goes through the single booking's checks (FreeStaffInLoadOrder: an
// offered slot, notice, maxAdvanceDays, closures; the booking rules; the staff and customer limits, enforced by the
// store), with the series' span read once rather than once per occurrence; the store books them in one transaction.
public sealed partial class BookingService
{
    // A local time in a gap moves forward by the gap; an ambiguous one is the earlier instant (SPEC §3.2, a start).
    private static readonly ZoneLocalMappingResolver SeriesResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnForwardShifted);

    /// <summary>
    /// Books a recurring series: every occurrence at the first occurrence's local time in the tenant's zone. A refused
    /// series (all or nothing, with an occurrence unavailable; or nothing available) is an outcome, not an exception, so
    /// that it can be recorded under its idempotency key and replayed.
    /// </summary>
    /// <exception cref="BookMeAtOzValidationException">The request is invalid; nothing is recorded.</exception>
    /// <exception cref="NotFoundException">The tenant, service or named staff member does not exist.</exception>
    /// <exception cref="BookMeAtOzException"><c>idempotency_key_reused</c>: the key was used with another request.</exception>
    public async Task<CreateSeriesOutcome> CreateSeriesAsync(
        Guid tenantId, CreateSeriesRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateSeries(request, idempotencyKey);
        var first = request.Booking;
        var now = timeProvider.GetUtcNow();
        var fingerprint = idempotencyKey is null ? null : SeriesFingerprint(request);
        if (idempotencyKey is not null
            && await store.FindIdempotencyRecordAsync(tenantId, idempotencyKey, now, cancellationToken).ConfigureAwait(false) is { } recorded)
        {
            return ReplaySeries(recorded, fingerprint!);
        }

        var tenant = await RequireTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var service = await store.FindServiceAsync(tenantId, first.ServiceId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("service");
        var answerErrors = new ValidationErrors();
        var answers = BookingAnswers.Check(service, first.Answers, answerErrors);
        answerErrors.ThrowIfAny();
        if (first.StaffId is { } named && await store.FindStaffAsync(tenantId, named, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new NotFoundException("staff member");
        }

        var (starts, noSuchDates) = Occurrences(TimeZones.Get(tenant.TimeZone), first.Start, request.Recurrence);
        var staff = await LoadStaffPerBookingAsync(tenant, service, first.StaffId, starts[0], starts[^1].AddTicks(1), null, cancellationToken)
            .ConfigureAwait(false);
        var closures = staff.Count == 0 ? [] : await store.ListClosuresAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var resources = staff.Count == 0 ? []
            : await LoadResourcesAsync(tenantId, service, starts[0], starts[^1].AddTicks(1), ReadFrom.Primary, null, cancellationToken).ConfigureAwait(false);

        var seriesId = Guid.CreateVersion7(now);
        var (seriesToken, seriesHash) = _tokens.Create(tenantId, seriesId);
        var series = new BookingSeries(seriesId, tenantId, seriesHash, now);
        var tokens = new Dictionary<Guid, string>();
        var occurrences = new List<SeriesOccurrence>(starts.Count);
        Guid? preferred = null;
        foreach (var start in starts)
        {
            var (order, dayLimits) = FreeStaffInLoadOrder(tenant, service, staff, closures, resources, start, preferred);
            var teams = Teams(service, order, first.StaffId);
            string? refused = teams.Count == 0 ? ErrorCodes.SlotUnavailable : null;
            if (refused is null)
            {
                try
                {
                    await CheckRulesAsync(new BookingRuleContext(tenant, service, order, start, start.AddMinutes(service.DurationMinutes),
                        first.Customer, first.Notes, null), cancellationToken).ConfigureAwait(false);
                }
                catch (BookingRefusedException e)
                {
                    refused = e.Code;
                }
            }

            if (refused is not null)
            {
                occurrences.Add(new SeriesOccurrence(start, [], [], refused));
                continue;
            }

            // The staff member of the first bookable occurrence is preferred for the others (the same person every week).
            preferred ??= order[0];
            var id = Guid.CreateVersion7(now);
            var (token, hash) = _tokens.Create(tenantId, id);
            tokens[id] = token;
            var (status, expiresAt) = InitialState(tenant, service, start, now);
            var utc = start.ToUniversalTime();
            occurrences.Add(new SeriesOccurrence(start, [.. teams.Select(team => new Booking(
                id, tenantId, service.Id, team.StaffId, utc, utc.AddMinutes(service.DurationMinutes),
                service.BufferBeforeMinutes, service.BufferAfterMinutes, status,
                first.Customer, first.Notes, now, null, null, hash)
            {
                Answers = answers, ExpiresAt = expiresAt, SeriesId = seriesId, AdditionalStaffIds = team.Additional,
            })], dayLimits, null));
        }

        var allOrNothing = request.Mode == SeriesMode.AllOrNothing;
        var idempotency = idempotencyKey is null ? null : new SeriesIdempotencyEntry(
            tenantId, idempotencyKey, fingerprint!, now + IdempotencyLifetime,
            result => JsonSerializer.Serialize(SeriesOutcome(series, seriesToken, tokens, result, noSuchDates), StoredJson));
        var command = new CreateSeriesCommand(series, occurrences, service.Capacity, allOrNothing, idempotency)
        {
            MaxActiveBookingsPerCustomer = tenant.Policy.MaxActiveBookings,
            Now = now,
        };
        var made = await store.CreateSeriesAsync(command, cancellationToken).ConfigureAwait(false);
        if (made.Existing is not null)
        {
            return ReplaySeries(made.Existing, fingerprint!);
        }

        var outcome = SeriesOutcome(series, seriesToken, tokens, made, noSuchDates);
        if (outcome.Succeeded)
        {
            BookMeAtOzDiagnostics.BookingsCreated.Add(outcome.Bookings.Count);
        }
        else
        {
            BookMeAtOzDiagnostics.BookingConflicts.Add(1);
        }

        return outcome;
    }

    /// <summary>A series of the tenant.</summary>
    /// <exception cref="NotFoundException">It does not exist.</exception>
    public async Task<BookingSeries> GetSeriesAsync(Guid tenantId, Guid seriesId, CancellationToken cancellationToken) =>
        await store.FindSeriesAsync(tenantId, seriesId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("series");

    /// <summary>
    /// Cancels the occurrences of a series in scope (the one named; it and the later ones; or all) in one atomic step,
    /// answering them as they are afterwards. <see cref="SeriesScope.Following"/> and <see cref="SeriesScope.All"/> leave
    /// occurrences that have started alone. A customer may cancel only occurrences outside the cancellation notice.
    /// </summary>
    /// <exception cref="NotFoundException">The series does not exist.</exception>
    /// <exception cref="BookMeAtOzValidationException">The booking named is missing or not an occurrence of the series.</exception>
    /// <exception cref="BookMeAtOzException"><c>cancellation_window_passed</c> for a customer too close to an occurrence's start.</exception>
    public async Task<IReadOnlyList<Booking>> CancelSeriesAsync(
        Guid tenantId, Guid seriesId, CancelSeriesRequest request, BookingActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        Text.ValidateOptional(request.Reason, errors, "reason", Text.NotesMaxLength);
        errors.ThrowIfAny();

        var (_, scope) = await SeriesScopeAsync(tenantId, seriesId, request.Scope, request.BookingId, cancellationToken).ConfigureAwait(false);
        var active = scope.Where(b => b.IsActive).ToList();
        if (active.Count == 0)
        {
            return scope;
        }

        var tenant = await RequireTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        if (actor == BookingActor.Customer && active.Any(b => now > b.Start.AddMinutes(-tenant.Policy.CancellationNoticeMinutes)))
        {
            throw new BookMeAtOzException(
                ErrorCodes.CancellationWindowPassed,
                $"Bookings can be changed online up to {tenant.Policy.CancellationNoticeMinutes} minutes before the start; an occurrence is too close. Please contact the business.");
        }

        var cancelled = await store.CancelBookingsAsync(tenantId, [.. active.Select(b => b.Id)], now, request.Reason, cancellationToken).ConfigureAwait(false);
        BookMeAtOzDiagnostics.BookingsCancelled.Add(active.Count);
        var after = cancelled.ToDictionary(b => b.Id);
        return [.. scope.Select(b => after.GetValueOrDefault(b.Id, b))];
    }

    /// <summary>
    /// Moves the occurrences of a series in scope in one atomic step (see <see cref="RescheduleSeriesRequest"/>): every
    /// occurrence moved must be an offered slot under every single-booking rule, or nothing moves.
    /// </summary>
    /// <exception cref="NotFoundException">The series (or a named staff member) does not exist.</exception>
    /// <exception cref="BookMeAtOzValidationException">Bad start, or the booking named is missing or not an occurrence of the series.</exception>
    /// <exception cref="BookMeAtOzException">As <see cref="RescheduleBookingAsync"/>, for the first occurrence that cannot move.</exception>
    public async Task<IReadOnlyList<Booking>> RescheduleSeriesAsync(
        Guid tenantId, Guid seriesId, RescheduleSeriesRequest request, BookingActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        errors.Require(request.Start != default, "start", "Is required.");
        errors.Require(request.Start == default || DateBounds.Contains(request.Start), "start", DateBounds.Message);
        errors.Require(request.StaffId != Guid.Empty, "staffId", "Must be a staff member's id.");
        errors.ThrowIfAny();

        var (anchor, scope) = await SeriesScopeAsync(tenantId, seriesId, request.Scope, request.BookingId, cancellationToken).ConfigureAwait(false);
        if (request.Scope == SeriesScope.One)
        {
            return [await RescheduleBookingAsync(tenantId, anchor!.Id, new RescheduleBookingRequest(request.Start, request.StaffId), actor, cancellationToken)
                .ConfigureAwait(false)];
        }

        var moving = scope.Where(b => b.IsActive).ToList();
        anchor ??= moving.FirstOrDefault();
        if (anchor is null || !anchor.IsActive)
        {
            throw new BookMeAtOzException(ErrorCodes.SlotUnavailable, "No occurrence in scope can be rescheduled: they are cancelled or have started.");
        }

        var tenant = await RequireTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var byCustomer = actor == BookingActor.Customer;
        foreach (var booking in moving)
        {
            EnsureCustomerMayReschedule(tenant, booking, byCustomer);
        }

        var service = await store.FindServiceAsync(tenantId, anchor.ServiceId, cancellationToken).ConfigureAwait(false)
            ?? throw new BookMeAtOzException(ErrorCodes.SlotUnavailable, "The booking's service is no longer offered.");
        if (request.StaffId is { } named && await store.FindStaffAsync(tenantId, named, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new NotFoundException("staff member");
        }

        // The anchor's move in local terms (days and the new time of day), applied to each occurrence in the tenant's zone.
        var zone = TimeZones.Get(tenant.TimeZone);
        var from = Instant.FromDateTimeOffset(anchor.Start).InZone(zone).Date;
        var to = Instant.FromDateTimeOffset(request.Start).InZone(zone).LocalDateTime;
        var days = Period.Between(from, to.Date, PeriodUnits.Days).Days;
        var targets = moving.Select(b => (Booking: b, Start: b.Id == anchor.Id
            ? request.Start
            : zone.ResolveLocal(Instant.FromDateTimeOffset(b.Start).InZone(zone).Date.PlusDays(days).At(to.TimeOfDay), SeriesResolver).ToDateTimeOffset()))
            .ToList();

        var ids = moving.Select(b => b.Id).ToHashSet();
        var first = targets.Min(t => t.Start);
        var last = targets.Max(t => t.Start);
        var loaded = await LoadStaffPerBookingAsync(tenant, service, request.StaffId, first, last.AddTicks(1), null, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<StaffAvailability> staff = [.. loaded.Select(s => s with { Busy = [.. s.Busy.Where(b => b.BookingId is not { } id || !ids.Contains(id))] })];
        var closures = staff.Count == 0 ? [] : await store.ListClosuresAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var loadedResources = staff.Count == 0 ? []
            : await LoadResourcesAsync(tenantId, service, first, last.AddTicks(1), ReadFrom.Primary, null, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ResourceAvailability> resources = [.. loadedResources.Select(r => r with { Uses = [.. r.Uses.Where(u => u.BookingId is not { } id || !ids.Contains(id))] })];
        var now = timeProvider.GetUtcNow();
        var commands = new List<RescheduleCommand>(targets.Count);
        foreach (var (booking, start) in targets)
        {
            var (order, dayLimits) = FreeStaffInLoadOrder(tenant, service, staff, closures, resources, start, booking.StaffId);
            var teams = Teams(service, order, request.StaffId);
            if (teams.Count == 0)
            {
                BookMeAtOzDiagnostics.BookingConflicts.Add(1);
                throw new BookMeAtOzException(ErrorCodes.SlotUnavailable, $"The occurrence moving to {start:yyyy-MM-dd'T'HH:mmzzz} is not available there.");
            }

            await CheckRulesAsync(new BookingRuleContext(tenant, service, order, start, start.AddMinutes(service.DurationMinutes),
                booking.Customer, booking.Notes, booking.Id), cancellationToken).ConfigureAwait(false);
            var utc = start.ToUniversalTime();
            commands.Add(new RescheduleCommand(tenantId, booking.Id, [.. teams.Select(team => booking with
            {
                StaffId = team.StaffId,
                AdditionalStaffIds = team.Additional,
                Start = utc,
                End = utc.AddMinutes(service.DurationMinutes),
                BufferBeforeMinutes = service.BufferBeforeMinutes,
                BufferAfterMinutes = service.BufferAfterMinutes,
            })], service.Capacity)
            {
                Limits = dayLimits.Count == 0 ? null : new BookingLimits { StaffDays = dayLimits, Now = now },
                ByCustomer = byCustomer,
                MaxCustomerReschedules = byCustomer ? tenant.Policy.MaxReschedules : null,
            });
        }

        // Later first when moving later (each then moves into time its successor has left), earlier first otherwise.
        var later = request.Start > anchor.Start;
        var ordered = later
            ? commands.OrderByDescending(c => c.Candidates[0].Start).ToList()
            : commands.OrderBy(c => c.Candidates[0].Start).ToList();
        var result = await store.RescheduleBookingsAsync(ordered, cancellationToken).ConfigureAwait(false);
        if (result.Failed is { } failed)
        {
            BookMeAtOzDiagnostics.BookingConflicts.Add(1);
            throw failed.Status switch
            {
                RescheduleStatus.NotFound => new NotFoundException("booking"),
                RescheduleStatus.MaxReschedulesReached => MaxReschedulesReached(tenant.Policy.MaxReschedules ?? 0),
                RescheduleStatus.LimitReached => new BookMeAtOzException(ErrorCodes.BookingLimitReached, "A staff member is fully booked on an occurrence's day."),
                _ => new BookMeAtOzException(ErrorCodes.SlotUnavailable, "An occurrence's new time is not available."),
            };
        }

        BookMeAtOzDiagnostics.BookingsRescheduled.Add(result.Moved.Count);
        var after = result.Moved.ToDictionary(b => b.Id);
        return [.. scope.Select(b => after.GetValueOrDefault(b.Id, b)).OrderBy(b => b.Start).ThenBy(b => b.Id)];
    }

    /// <summary>The series' bookings in scope, by start: the one named; it and the later ones; or every one (those two leave started ones out).</summary>
    private async Task<(Booking? Anchor, IReadOnlyList<Booking> Scope)> SeriesScopeAsync(
        Guid tenantId, Guid seriesId, SeriesScope scope, Guid? bookingId, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(scope == SeriesScope.All || bookingId is not null, "bookingId", "Is required for the scopes one and following.");
        errors.ThrowIfAny();

        _ = await GetSeriesAsync(tenantId, seriesId, cancellationToken).ConfigureAwait(false);
        var bookings = await store.ListSeriesBookingsAsync(tenantId, seriesId, cancellationToken).ConfigureAwait(false);
        var anchor = bookingId is { } id ? bookings.FirstOrDefault(b => b.Id == id) : null;
        if (bookingId is not null && anchor is null)
        {
            errors.Add("bookingId", "Is not an occurrence of this series.");
            errors.ThrowIfAny();
        }

        var now = timeProvider.GetUtcNow();
        IReadOnlyList<Booking> inScope = scope switch
        {
            SeriesScope.One => [anchor!],
            SeriesScope.Following => [.. bookings.Where(b => b.Start >= anchor!.Start && (b.Id == anchor.Id || b.Start > now))],
            _ => [.. bookings.Where(b => b.Start > now || b.Id == anchor?.Id)],
        };
        return (anchor, inScope);
    }

    /// <summary>The occurrences' starts (at most 52), and the markers of the dates a month lacks.</summary>
    private static (IReadOnlyList<DateTimeOffset> Starts, IReadOnlyList<SeriesSkip> NoSuchDates) Occurrences(
        DateTimeZone zone, DateTimeOffset start, SeriesRecurrence recurrence)
    {
        var local = Instant.FromDateTimeOffset(start).InZone(zone).LocalDateTime;
        var starts = new List<DateTimeOffset> { start };
        var skipped = new List<SeriesSkip>();
        var until = recurrence.Until is { } u ? LocalDate.FromDateOnly(u) : (LocalDate?)null;
        var count = recurrence.Count ?? int.MaxValue;
        for (var k = 1; k < count; k++)
        {
            var date = recurrence.Frequency switch
            {
                SeriesFrequency.Weekly => local.Date.PlusWeeks(k),
                SeriesFrequency.Fortnightly => local.Date.PlusWeeks(2 * k),
                _ => local.Date.PlusMonths(k),
            };
            if (until is { } last && date > last)
            {
                break;
            }

            if (starts.Count + skipped.Count >= SeriesNames.MaxOccurrences)
            {
                throw new BookMeAtOzValidationException(new Dictionary<string, string[]>
                {
                    ["recurrence.until"] = [$"A series has at most {SeriesNames.MaxOccurrences} occurrences."],
                });
            }

            var at = zone.ResolveLocal(date.At(local.TimeOfDay), SeriesResolver).ToDateTimeOffset();
            if (recurrence.Frequency == SeriesFrequency.Monthly && date.Day != local.Day)
            {
                skipped.Add(new SeriesSkip(at, SeriesNames.NoSuchDate));
            }
            else
            {
                starts.Add(at);
            }
        }

        return (starts, skipped);
    }

    private static void ValidateSeries(CreateSeriesRequest request, string? idempotencyKey)
    {
        var errors = new ValidationErrors();
        if (request.Booking is null)
        {
            errors.Add("start", "Is required.");
            errors.ThrowIfAny();
        }

        errors.Require(request.Booking!.HoldId is null, "holdId", "A series cannot book a hold.");
        if (request.Recurrence is not { } recurrence)
        {
            errors.Add("recurrence", "Is required.");
        }
        else
        {
            errors.Require(recurrence.Count is null || recurrence.Until is null, "recurrence", "Give count or until, not both.");
            errors.Require(recurrence.Count is not null || recurrence.Until is not null, "recurrence", "Give count or until.");
            errors.Require(recurrence.Count is not { } c || c is >= 1 and <= SeriesNames.MaxOccurrences, "recurrence.count",
                $"Must be between 1 and {SeriesNames.MaxOccurrences}.");
            errors.Require(recurrence.Until is not { } u || DateBounds.Contains(u), "recurrence.until", DateBounds.Message);
        }

        errors.ThrowIfAny();
        Validate(request.Booking, idempotencyKey);
    }

    private static string SeriesFingerprint(CreateSeriesRequest request)
    {
        // A prefix of its own: a series and a single booking never share a key's outcome.
        var canonical = "series:" + JsonSerializer.Serialize(
            request with { Booking = request.Booking with { Start = request.Booking.Start.ToUniversalTime() } }, StoredJson);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static CreateSeriesOutcome ReplaySeries(IdempotencyRecord record, string fingerprint)
    {
        if (!string.Equals(record.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            throw new BookMeAtOzException(ErrorCodes.IdempotencyKeyReused, "This Idempotency-Key was used with a different request.");
        }

        var outcome = JsonSerializer.Deserialize<CreateSeriesOutcome>(record.Response, StoredJson)
            ?? throw new InvalidOperationException("A recorded idempotent response is empty.");
        return outcome with { Replayed = true };
    }

    private static CreateSeriesOutcome SeriesOutcome(
        BookingSeries series, string seriesToken, Dictionary<Guid, string> tokens, CreateSeriesResult result, IReadOnlyList<SeriesSkip> noSuchDates)
    {
        IReadOnlyList<SeriesSkip> skipped = [.. result.Refused.Concat(noSuchDates).OrderBy(s => s.Start)];
        if (result.Booked.Count == 0)
        {
            return new CreateSeriesOutcome(null, null, [], skipped, ErrorCodes.SlotUnavailable,
                "Not every occurrence of the series is available; nothing was booked. See skipped.", Replayed: false);
        }

        return new CreateSeriesOutcome(series, seriesToken,
            [.. result.Booked.OrderBy(b => b.Start).Select(b => new SeriesBooking(b, tokens[b.Id]))], skipped, null, null, Replayed: false);
    }

    private void EnsureCustomerMayReschedule(Tenant tenant, Booking booking, bool byCustomer)
    {
        if (!byCustomer)
        {
            return;
        }

        var notice = tenant.Policy.EffectiveRescheduleNoticeMinutes;
        if (timeProvider.GetUtcNow() > booking.Start.AddMinutes(-notice))
        {
            throw new BookMeAtOzException(
                ErrorCodes.RescheduleWindowPassed,
                notice == 0
                    ? "The booking has already started."
                    : $"Bookings can be rescheduled online up to {notice} minutes before the start; please contact the business.");
        }

        if (tenant.Policy.MaxReschedules is { } max && booking.CustomerReschedules >= max)
        {
            throw MaxReschedulesReached(max);
        }
    }
}
