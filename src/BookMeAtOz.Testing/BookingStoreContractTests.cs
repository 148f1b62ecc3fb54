using BookMeAtOz.Auth;
using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using Microsoft.Extensions.Time.Testing;

namespace BookMeAtOz.Testing;

/// <summary>
/// The behaviour every <see cref="IBookingStore"/> must have. Each store's test class derives from this
/// and supplies the store; every test works in tenants of its own, so stores may be shared.
/// </summary>
public abstract partial class BookingStoreContractTests
{
    protected FakeTimeProvider Clock { get; } = new(TestData.Now);

    /// <summary>The store under test, on <see cref="Clock"/>.</summary>
    protected abstract IBookingStore Store { get; }

    /// <summary>
    /// The user store that holds the owners the store's sign-ups add (for a database store: the one on the same database),
    /// so that the suite can check them; null when the store offers none to read them back with.
    /// </summary>
    protected virtual IUserStore? Users => null;

    private static CancellationToken Ct => CancellationToken.None;

    private async Task<(Tenant Tenant, StaffMember Staff, Service Service)> SeedAsync(int capacity = 1, int staffCount = 1, int before = 0, int after = 0)
    {
        var tenant = TestData.Tenant();
        await Store.CreateTenantAsync(tenant, Ct);
        var staff = new List<StaffMember>();
        for (var i = 0; i < staffCount; i++)
        {
            var s = TestData.Staff(tenant, $"Staff {i}");
            await Store.CreateStaffAsync(s, Ct);
            await Store.SetScheduleAsync(tenant.Id, s.Id, TestData.NineToFive(), Ct);
            staff.Add(s);
        }

        var service = TestData.Service(tenant, [.. staff.Select(s => s.Id)], capacity: capacity, before: before, after: after);
        await Store.CreateServiceAsync(service, Ct);
        return (tenant, staff[0], service);
    }

    private Task<CreateBookingResult> BookAsync(Booking booking, int capacity = 1) =>
        Store.CreateBookingAsync(new CreateBookingCommand([booking], capacity, null), Ct);

    [ServerFact]
    public async Task CreateTenant_ThenFind_ReturnsItByIdAndSlug()
    {
        var tenant = TestData.Tenant(policy: new TenantPolicy(30, 90, 15, 120));
        await Store.CreateTenantAsync(tenant, Ct);

        Assert.Equal(tenant, await Store.FindTenantAsync(tenant.Id, Ct));
        Assert.Equal(tenant, await Store.FindTenantBySlugAsync(tenant.Slug, Ct));
        Assert.Null(await Store.FindTenantBySlugAsync("no-such-" + tenant.Slug, Ct));
        Assert.Null(await Store.FindTenantAsync(Guid.NewGuid(), Ct));
    }

    [ServerFact]
    public async Task CreateTenant_SlugTaken_ThrowsSlugTaken()
    {
        var tenant = TestData.Tenant();
        await Store.CreateTenantAsync(tenant, Ct);

        var e = await Assert.ThrowsAnyAsync<BookMeAtOzException>(() => Store.CreateTenantAsync(TestData.Tenant(tenant.Slug), Ct));
        Assert.Equal(ErrorCodes.SlugTaken, e.Code);
    }

    [ServerFact]
    public async Task CreateTenantWithOwner_AddsBoth()
    {
        var tenant = TestData.Tenant();
        var owner = TestData.Owner(tenant);
        await Store.CreateTenantAsync(tenant, owner, TestData.Created(owner), Ct);

        Assert.Equal(tenant, await Store.FindTenantAsync(tenant.Id, Ct));
        Assert.Equal(tenant, await Store.FindTenantBySlugAsync(tenant.Slug, Ct));
        if (Users is { } users)
        {
            Assert.Equal(owner, await users.FindUserAsync(tenant.Id, owner.Id, Ct));
        }
    }

    [ServerFact]
    public async Task CreateTenantWithOwner_SlugTaken_ThrowsSlugTaken_AndAddsNoOwner()
    {
        var tenant = TestData.Tenant();
        var owner = TestData.Owner(tenant);
        await Store.CreateTenantAsync(tenant, owner, TestData.Created(owner), Ct);

        var again = TestData.Tenant(tenant.Slug);
        var otherOwner = TestData.Owner(again);
        var e = await Assert.ThrowsAnyAsync<BookMeAtOzException>(() => Store.CreateTenantAsync(again, otherOwner, TestData.Created(otherOwner), Ct));
        Assert.Equal(ErrorCodes.SlugTaken, e.Code);
        Assert.Null(await Store.FindTenantAsync(again.Id, Ct));
        Assert.Equal(tenant, await Store.FindTenantBySlugAsync(tenant.Slug, Ct));
        if (Users is { } users)
        {
            Assert.Null(await users.FindUserAsync(again.Id, otherOwner.Id, Ct));
        }
    }

    [ServerFact]
    public async Task UpdateTenant_ChangesEverythingButTheSlug()
    {
        var tenant = TestData.Tenant();
        await Store.CreateTenantAsync(tenant, Ct);

        var changed = tenant with { Slug = "other-" + tenant.Slug, Name = "Renamed", TimeZone = "Australia/Perth", Currency = "NZD", Policy = new TenantPolicy(0, 10) };
        Assert.True(await Store.UpdateTenantAsync(changed, Ct));
        Assert.Equal(changed with { Slug = tenant.Slug }, await Store.FindTenantAsync(tenant.Id, Ct));
        Assert.False(await Store.UpdateTenantAsync(TestData.Tenant(), Ct));
    }

    /// <summary>
    /// Whether the store counts and adds as one step (<see cref="IBookingStore.TryCreateStaffAsync"/> and
    /// <see cref="IBookingStore.TryCreateServiceAsync"/>), so concurrent creates never pass a cap. True for the built-in
    /// stores; a store that keeps the interface's default (count, then add) says false, and the concurrency test is skipped.
    /// </summary>
    protected virtual bool CountsCapsAtomically => true;

    [ServerFact]
    public async Task TryCreateStaff_AtTheCap_WritesNothing_AndCountsOnlyStaffNotDeleted()
    {
        var tenant = TestData.Tenant();
        await Store.CreateTenantAsync(tenant, Ct);
        var first = TestData.Staff(tenant, "First");
        Assert.True(await Store.TryCreateStaffAsync(first, 2, Ct));
        Assert.True(await Store.TryCreateStaffAsync(TestData.Staff(tenant, "Second"), 2, Ct));

        var refused = TestData.Staff(tenant, "Third");
        Assert.False(await Store.TryCreateStaffAsync(refused, 2, Ct));
        Assert.Null(await Store.FindStaffAsync(tenant.Id, refused.Id, Ct));
        Assert.Equal(["First", "Second"], (await Store.ListStaffAsync(tenant.Id, Ct)).Select(s => s.Name));

        Assert.True(await Store.DeleteStaffAsync(tenant.Id, first.Id, Ct));
        Assert.True(await Store.TryCreateStaffAsync(refused, 2, Ct));
        Assert.Equal(["Second", "Third"], (await Store.ListStaffAsync(tenant.Id, Ct)).Select(s => s.Name));
    }

    [ServerFact]
    public async Task TryCreateService_AtTheCap_WritesNothing_AndCountsOnlyServicesNotDeleted()
    {
        var tenant = TestData.Tenant();
        await Store.CreateTenantAsync(tenant, Ct);
        var staff = TestData.Staff(tenant);
        await Store.CreateStaffAsync(staff, Ct);
        var first = TestData.Service(tenant, [staff.Id]) with { Name = "First" };
        Assert.True(await Store.TryCreateServiceAsync(first, 1, Ct));

        var refused = TestData.Service(tenant, [staff.Id]) with { Name = "Second" };
        Assert.False(await Store.TryCreateServiceAsync(refused, 1, Ct));
        Assert.Null(await Store.FindServiceAsync(tenant.Id, refused.Id, Ct));
        Assert.Equal(["First"], (await Store.ListServicesAsync(tenant.Id, Ct)).Select(s => s.Name));

        Assert.True(await Store.DeleteServiceAsync(tenant.Id, first.Id, Ct));
        Assert.True(await Store.TryCreateServiceAsync(refused, 1, Ct));
        Assert.Equal([staff.Id], (await Store.FindServiceAsync(tenant.Id, refused.Id, Ct))!.StaffIds);
    }

    [ServerFact]
    public async Task TryCreate_ManyAtOnce_NeverPassTheCap()
    {
        if (!CountsCapsAtomically)
        {
            return;
        }

        var tenant = TestData.Tenant();
        await Store.CreateTenantAsync(tenant, Ct);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var staffCreates = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await Store.TryCreateStaffAsync(TestData.Staff(tenant, $"Staff {i:D2}"), 5, Ct);
        })).ToList();
        var serviceCreates = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await Store.TryCreateServiceAsync(TestData.Service(tenant, []) with { Name = $"Service {i:D2}" }, 3, Ct);
        })).ToList();
        start.SetResult();

        Assert.Equal(5, (await Task.WhenAll(staffCreates)).Count(created => created));
        Assert.Equal(3, (await Task.WhenAll(serviceCreates)).Count(created => created));
        Assert.Equal(5, (await Store.ListStaffAsync(tenant.Id, Ct)).Count);
        Assert.Equal(3, (await Store.ListServicesAsync(tenant.Id, Ct)).Count);
    }

    [ServerFact]
    public async Task Services_CreateUpdateListDelete_RoundTrip()
    {
        var (tenant, staff, service) = await SeedAsync();
        var second = TestData.Service(tenant, [staff.Id], capacity: 8, before: 5, after: 10, interval: 15) with { Name = "A first by name", PriceCents = 0 };
        await Store.CreateServiceAsync(second, Ct);

        Same.Equal(second, await Store.FindServiceAsync(tenant.Id, second.Id, Ct));
        Assert.Equal([second.Id, service.Id], (await Store.ListServicesAsync(tenant.Id, Ct)).Select(s => s.Id));

        var updated = second with { Name = "Z last", Active = false, StaffIds = [] };
        Assert.True(await Store.UpdateServiceAsync(updated, Ct));
        Same.Equal(updated, await Store.FindServiceAsync(tenant.Id, second.Id, Ct));

        Assert.True(await Store.DeleteServiceAsync(tenant.Id, second.Id, Ct));
        Assert.Null(await Store.FindServiceAsync(tenant.Id, second.Id, Ct));
        Assert.False(await Store.DeleteServiceAsync(tenant.Id, second.Id, Ct));
        Assert.False(await Store.UpdateServiceAsync(updated, Ct));
        Assert.Equal([service.Id], (await Store.ListServicesAsync(tenant.Id, Ct)).Select(s => s.Id));
    }

    [ServerFact]
    public async Task Services_QuestionsAndLocation_RoundTrip_InOrder()
    {
        var (tenant, staff, _) = await SeedAsync();
        var service = TestData.Service(tenant, [staff.Id]) with
        {
            Questions =
            [
                new(Guid.NewGuid(), "Anything we should know?", QuestionType.LongText, true, null, 500),
                new(Guid.NewGuid(), "Colour", QuestionType.MultiChoice, false, ["Red", "Blue \"navy\""], null),
                new(Guid.NewGuid(), "Terms", QuestionType.Checkbox, true, null, null),
            ],
            Location = new ServiceLocation(LocationKind.InPerson, "12 Example St\nSydney NSW 2000", null, null),
        };
        await Store.CreateServiceAsync(service, Ct);
        Same.Equal(service, await Store.FindServiceAsync(tenant.Id, service.Id, Ct));
        Same.Equal(service, (await Store.ListServicesAsync(tenant.Id, Ct)).Single(s => s.Id == service.Id));

        var updated = service with
        {
            Questions = [service.Questions[2], new(Guid.NewGuid(), "Age", QuestionType.Number, false, null, null)],
            Location = new ServiceLocation(LocationKind.Video, null, null, "https://meet.example.com/x"),
        };
        Assert.True(await Store.UpdateServiceAsync(updated, Ct));
        Same.Equal(updated, await Store.FindServiceAsync(tenant.Id, service.Id, Ct));

        var cleared = updated with { Questions = [], Location = null };
        Assert.True(await Store.UpdateServiceAsync(cleared, Ct));
        Same.Equal(cleared, await Store.FindServiceAsync(tenant.Id, service.Id, Ct));
    }

    [ServerFact]
    public async Task Staff_CreateUpdateListDelete_RoundTrip()
    {
        var (tenant, staff, _) = await SeedAsync();
        var other = TestData.Staff(tenant, "Aaron") with { Email = "aaron@example.com", TimeZone = "Australia/Perth" };
        await Store.CreateStaffAsync(other, Ct);

        Assert.Equal(other, await Store.FindStaffAsync(tenant.Id, other.Id, Ct));
        Assert.Equal([other.Id, staff.Id], (await Store.ListStaffAsync(tenant.Id, Ct)).Select(s => s.Id));
        Assert.True(await Store.UpdateStaffAsync(other with { Active = false }, Ct));
        Assert.False((await Store.FindStaffAsync(tenant.Id, other.Id, Ct))!.Active);
        Assert.True(await Store.DeleteStaffAsync(tenant.Id, other.Id, Ct));
        Assert.Null(await Store.FindStaffAsync(tenant.Id, other.Id, Ct));
        Assert.False(await Store.DeleteStaffAsync(tenant.Id, other.Id, Ct));
    }

    [ServerFact]
    public async Task Schedule_SetThenGet_RoundTripsWeeklyAndOverrides()
    {
        var (tenant, staff, _) = await SeedAsync();
        var schedule = new StaffSchedule(
            new Dictionary<DayOfWeek, IReadOnlyList<WorkInterval>>
            {
                [DayOfWeek.Monday] = [WorkInterval.Parse("09:00", "12:00"), WorkInterval.Parse("13:00", "17:30")],
                [DayOfWeek.Friday] = [WorkInterval.Parse("22:00", "24:00")],
            },
            [new DateOverride(new DateOnly(2027, 3, 8), []), new DateOverride(new DateOnly(2027, 3, 9), [WorkInterval.Parse("00:00", "06:00")])]);

        Assert.True(await Store.SetScheduleAsync(tenant.Id, staff.Id, schedule, Ct));
        var read = await Store.GetScheduleAsync(tenant.Id, staff.Id, Ct);

        Assert.NotNull(read);
        Assert.Equal(schedule.Weekly.OrderBy(d => d.Key).Select(d => (d.Key, string.Join(",", d.Value))),
            read.Weekly.Where(d => d.Value.Count > 0).OrderBy(d => d.Key).Select(d => (d.Key, string.Join(",", d.Value))));
        Assert.Equal(schedule.Overrides.Select(o => (o.Date, string.Join(",", o.Intervals))),
            read.Overrides.OrderBy(o => o.Date).Select(o => (o.Date, string.Join(",", o.Intervals))));
        Assert.Null(await Store.GetScheduleAsync(tenant.Id, Guid.NewGuid(), Ct));
        Assert.False(await Store.SetScheduleAsync(tenant.Id, Guid.NewGuid(), schedule, Ct));
    }

    [ServerFact]
    public async Task NewStaff_HasAnEmptySchedule()
    {
        var (tenant, _, _) = await SeedAsync();
        var fresh = TestData.Staff(tenant);
        await Store.CreateStaffAsync(fresh, Ct);

        var schedule = await Store.GetScheduleAsync(tenant.Id, fresh.Id, Ct);
        Assert.NotNull(schedule);
        Assert.All(schedule.Weekly.Values, v => Assert.Empty(v));
        Assert.Empty(schedule.Overrides);
    }

    [ServerFact]
    public async Task TimeOff_AddListDelete_RoundTrip()
    {
        var (tenant, staff, _) = await SeedAsync();
        var later = new TimeOff(Guid.NewGuid(), tenant.Id, staff.Id, TestData.At(14), TestData.At(16), "Dentist");
        var earlier = new TimeOff(Guid.NewGuid(), tenant.Id, staff.Id, TestData.At(10), TestData.At(11), null);

        Assert.True(await Store.AddTimeOffAsync(later, Ct));
        Assert.True(await Store.AddTimeOffAsync(earlier, Ct));
        Assert.False(await Store.AddTimeOffAsync(earlier with { Id = Guid.NewGuid(), StaffId = Guid.NewGuid() }, Ct));

        var listed = await Store.ListTimeOffAsync(tenant.Id, staff.Id, Ct);
        Assert.Equal([earlier.Id, later.Id], listed.Select(t => t.Id));
        Assert.Equal(later.Start, listed[1].Start);
        Assert.Equal("Dentist", listed[1].Reason);

        Assert.False(await Store.DeleteTimeOffAsync(tenant.Id, Guid.NewGuid(), later.Id, Ct));
        Assert.True(await Store.DeleteTimeOffAsync(tenant.Id, staff.Id, later.Id, Ct));
        Assert.False(await Store.DeleteTimeOffAsync(tenant.Id, staff.Id, later.Id, Ct));
        Assert.Equal([earlier.Id], (await Store.ListTimeOffAsync(tenant.Id, staff.Id, Ct)).Select(t => t.Id));
    }

    [ServerFact]
    public async Task OtherTenant_SeesNothingOfATenant()
    {
        var (tenant, staff, service) = await SeedAsync();
        var booking = TestData.Booking(tenant, service, staff.Id, TestData.At(10));
        await BookAsync(booking);
        var other = TestData.Tenant();
        await Store.CreateTenantAsync(other, Ct);

        Assert.Null(await Store.FindServiceAsync(other.Id, service.Id, Ct));
        Assert.Null(await Store.FindStaffAsync(other.Id, staff.Id, Ct));
        Assert.Null(await Store.FindBookingAsync(other.Id, booking.Id, Ct));
        Assert.Null(await Store.GetScheduleAsync(other.Id, staff.Id, Ct));
        Assert.Empty(await Store.ListServicesAsync(other.Id, Ct));
        Assert.Empty(await Store.ListStaffAsync(other.Id, Ct));
        Assert.Empty(await Store.LoadAvailabilityAsync(other.Id, [staff.Id], TestData.At(0), TestData.At(23), ReadFrom.Primary, BusyDetail.PerBooking, Ct));
        Assert.Empty(await Store.ListBookingsAsync(new BookingQuery(other.Id, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, null, null, null, 10), Ct));
        Assert.Null(await Store.CancelBookingAsync(other.Id, booking.Id, TestData.Now, null, Ct));
        Assert.False(await Store.DeleteServiceAsync(other.Id, service.Id, Ct));
        Assert.False(await Store.UpdateServiceAsync(service with { TenantId = other.Id }, Ct));
        Assert.Equal(BookingStatus.Confirmed, (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))!.Status);
    }

    [ServerFact]
    public async Task CreateBooking_Overlapping_IsRefusedButTouchingIsAccepted()
    {
        var (tenant, staff, service) = await SeedAsync();
        var first = TestData.Booking(tenant, service, staff.Id, TestData.At(10));

        Same.Equal(first, (await BookAsync(first)).Booking);
        Same.Equal(first, await Store.FindBookingAsync(tenant.Id, first.Id, Ct));
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10, 30)))).Booking);
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(9, 30)))).Booking);
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(11)))).Booking);
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(9)))).Booking);
    }

    [ServerFact]
    public async Task CreateBooking_BuffersOverlap_IsRefused()
    {
        var (tenant, staff, service) = await SeedAsync(before: 15, after: 15);
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)))).Booking);

        // 11:00 would block from 10:45, inside the first booking's after-buffer (until 11:15).
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(11)))).Booking);
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(11, 30)))).Booking);
    }

    [ServerFact]
    public async Task CreateBooking_GroupSession_FillsUpToCapacity()
    {
        var (tenant, staff, service) = await SeedAsync(capacity: 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 3)).Booking);
        }

        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 3)).Booking);
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10, 30)), 3)).Booking);
    }

    [ServerFact]
    public async Task CreateBooking_FirstCandidateTaken_BooksTheNext()
    {
        var (tenant, staff, service) = await SeedAsync(staffCount: 2);
        var second = service.StaffIds[1];
        await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)));

        var booking = TestData.Booking(tenant, service, staff.Id, TestData.At(10));
        var result = await Store.CreateBookingAsync(new CreateBookingCommand([booking, booking with { StaffId = second }], 1, null), Ct);

        Assert.Equal(second, result.Booking?.StaffId);
        Assert.Equal(second, (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))?.StaffId);
    }

    [ServerFact]
    public async Task CancelBooking_FreesTheTimeAndIsIdempotent()
    {
        var (tenant, staff, service) = await SeedAsync();
        var booking = TestData.Booking(tenant, service, staff.Id, TestData.At(10));
        await BookAsync(booking);

        var cancelled = await Store.CancelBookingAsync(tenant.Id, booking.Id, TestData.Now.AddHours(1), "Sick", Ct);
        var again = await Store.CancelBookingAsync(tenant.Id, booking.Id, TestData.Now.AddHours(2), "Other", Ct);

        Assert.Equal(BookingStatus.Cancelled, cancelled?.Status);
        Assert.Equal(TestData.Now.AddHours(1), cancelled?.CancelledAt);
        Assert.Equal("Sick", again?.CancelReason);
        Assert.Equal(TestData.Now.AddHours(1), again?.CancelledAt);
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)))).Booking);
        Assert.Null(await Store.CancelBookingAsync(tenant.Id, Guid.NewGuid(), TestData.Now, null, Ct));
    }

    [ServerFact]
    public async Task CancelBooking_GroupSeat_FreesOneSeat()
    {
        var (tenant, staff, service) = await SeedAsync(capacity: 2);
        var a = TestData.Booking(tenant, service, staff.Id, TestData.At(10));
        await BookAsync(a, 2);
        await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 2);
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 2)).Booking);

        await Store.CancelBookingAsync(tenant.Id, a.Id, TestData.Now, null, Ct);

        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 2)).Booking);
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 2)).Booking);
    }

    [ServerFact]
    public async Task RescheduleBooking_MovesAtomically()
    {
        var (tenant, staff, service) = await SeedAsync();
        var booking = TestData.Booking(tenant, service, staff.Id, TestData.At(10));
        var blocker = TestData.Booking(tenant, service, staff.Id, TestData.At(13));
        await BookAsync(booking);
        await BookAsync(blocker);

        var clash = await Store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, booking.Id, [Moved(booking, TestData.At(12, 30))], 1), Ct);
        Assert.Equal(RescheduleStatus.Conflict, clash.Status);
        Same.Equal(booking, await Store.FindBookingAsync(tenant.Id, booking.Id, Ct));

        // Overlapping its own old time is fine: the old time is released in the same step.
        var moved = await Store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, booking.Id, [Moved(booking, TestData.At(10, 30))], 1), Ct);
        Assert.Equal(RescheduleStatus.Rescheduled, moved.Status);
        Assert.Equal(TestData.At(10, 30), moved.Booking?.Start);
        Assert.Equal(TestData.At(10, 30), (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))?.Start);
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(9, 30)))).Booking);
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(11)))).Booking);
    }

    [ServerFact]
    public async Task CreateBooking_KeepsItsAnswers_ThroughFindListRescheduleAndCancel()
    {
        var (tenant, staff, service) = await SeedAsync();
        var (group, seats) = (TestData.Service(tenant, [staff.Id], capacity: 3), 3);
        await Store.CreateServiceAsync(group, Ct);
        BookingAnswer[] answers =
        [
            new(Guid.NewGuid(), "Note", QuestionType.LongText, System.Text.Json.JsonSerializer.SerializeToElement("Line one\nLine \"two\" ✓")),
            new(Guid.NewGuid(), "Extras", QuestionType.MultiChoice, System.Text.Json.JsonSerializer.SerializeToElement<string[]>(["Wash", "Dry"])),
            new(Guid.NewGuid(), "Terms", QuestionType.Checkbox, System.Text.Json.JsonSerializer.SerializeToElement(true)),
            new(Guid.NewGuid(), "Age", QuestionType.Number, System.Text.Json.JsonSerializer.SerializeToElement(42.5m)),
        ];

        // One-to-one on its own, a group seat, and one-to-one under an idempotency key: each way a store books.
        var single = TestData.Booking(tenant, service, staff.Id, TestData.At(10)) with { Answers = answers };
        Same.Equal(single, (await BookAsync(single)).Booking);
        var seat = TestData.Booking(tenant, group, staff.Id, TestData.At(14)) with { Answers = answers[1..] };
        Assert.NotNull((await BookAsync(seat, seats)).Booking);
        var keyed = TestData.Booking(tenant, service, staff.Id, TestData.At(12)) with { Answers = answers[..1] };
        Assert.NotNull((await Store.CreateBookingAsync(
            new CreateBookingCommand([keyed], 1, new IdempotencyEntry(tenant.Id, "answers-key", "f", TestData.Now.AddHours(1), _ => "{}")), Ct)).Booking);
        var none = TestData.Booking(tenant, service, staff.Id, TestData.At(15));
        Assert.NotNull((await BookAsync(none)).Booking);

        Same.Equal(single, await Store.FindBookingAsync(tenant.Id, single.Id, Ct));
        Same.Equal(seat, await Store.FindBookingAsync(tenant.Id, seat.Id, Ct));
        Same.Equal(keyed, await Store.FindBookingAsync(tenant.Id, keyed.Id, Ct));
        Assert.Empty((await Store.FindBookingAsync(tenant.Id, none.Id, Ct))!.Answers);
        var listed = await Store.ListBookingsAsync(new BookingQuery(tenant.Id, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, null, null, null, 10), Ct);
        Assert.Equal(
            new[] { single, keyed, seat, none }.Select(b => Same.Json(b.Answers)),
            listed.Select(b => Same.Json(b.Answers)));

        var moved = await Store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, single.Id, [Moved(single, TestData.At(11))], 1), Ct);
        Assert.Equal(RescheduleStatus.Rescheduled, moved.Status);
        Assert.Equal(Same.Json(answers), Same.Json(moved.Booking!.Answers));
        Assert.Equal(Same.Json(answers), Same.Json((await Store.FindBookingAsync(tenant.Id, single.Id, Ct))!.Answers));
        var cancelled = await Store.CancelBookingAsync(tenant.Id, single.Id, TestData.Now, "changed plans", Ct);
        Assert.Equal(Same.Json(answers), Same.Json(cancelled!.Answers));
        Assert.Equal(Same.Json(answers), Same.Json((await Store.FindBookingAsync(tenant.Id, single.Id, Ct))!.Answers));
    }

    [ServerFact]
    public async Task RescheduleBooking_UnknownOrCancelled_ChangesNothing()
    {
        var (tenant, staff, service) = await SeedAsync();
        var booking = TestData.Booking(tenant, service, staff.Id, TestData.At(10));
        await BookAsync(booking);
        await Store.CancelBookingAsync(tenant.Id, booking.Id, TestData.Now, null, Ct);

        Assert.Equal(RescheduleStatus.NotFound, (await Store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, Guid.NewGuid(), [Moved(booking, TestData.At(12))], 1), Ct)).Status);
        Assert.Equal(RescheduleStatus.NotActive, (await Store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, booking.Id, [Moved(booking, TestData.At(12))], 1), Ct)).Status);
        Assert.Equal(TestData.At(10), (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))?.Start);
    }

    [ServerFact]
    public async Task RescheduleBooking_GroupSeat_MovesBetweenSessions()
    {
        var (tenant, staff, service) = await SeedAsync(capacity: 2);
        var a = TestData.Booking(tenant, service, staff.Id, TestData.At(10));
        await BookAsync(a, 2);
        await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(12)), 2);
        await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(12)), 2);

        Assert.Equal(RescheduleStatus.Conflict, (await Store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, a.Id, [Moved(a, TestData.At(12))], 2), Ct)).Status);
        Assert.Equal(RescheduleStatus.Rescheduled, (await Store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, a.Id, [Moved(a, TestData.At(14))], 2), Ct)).Status);
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 2)).Booking);
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(14)), 2)).Booking);
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(14)), 2)).Booking);
    }

    [ServerFact]
    public async Task CreateBooking_WithIdempotencyKey_RecordsTheOutcomeOnce()
    {
        var (tenant, staff, service) = await SeedAsync();
        var key = "key-" + Guid.NewGuid();
        var booking = TestData.Booking(tenant, service, staff.Id, TestData.At(10));
        var entry = new IdempotencyEntry(tenant.Id, key, "fp1", TestData.Now.AddHours(24), b => b is null ? "refused" : "made:" + b.Id);

        var first = await Store.CreateBookingAsync(new CreateBookingCommand([booking], 1, entry), Ct);
        var repeat = await Store.CreateBookingAsync(new CreateBookingCommand([booking with { Id = Guid.NewGuid(), Start = TestData.At(12), End = TestData.At(13) }], 1, entry with { Fingerprint = "fp2" }), Ct);

        Same.Equal(booking, first.Booking);
        Assert.Null(first.Existing);
        Assert.Null(repeat.Booking);
        Assert.Equal(new IdempotencyRecord("fp1", "made:" + booking.Id), repeat.Existing);
        Assert.Equal(new IdempotencyRecord("fp1", "made:" + booking.Id), await Store.FindIdempotencyRecordAsync(tenant.Id, key, TestData.Now, Ct));
        Assert.Single(await Store.ListBookingsAsync(new BookingQuery(tenant.Id, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, null, null, null, 10), Ct));
    }

    [ServerFact]
    public async Task CreateBooking_RefusedWithKey_RecordsTheRefusal()
    {
        var (tenant, staff, service) = await SeedAsync();
        await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)));
        var entry = new IdempotencyEntry(tenant.Id, "k-" + Guid.NewGuid(), "fp", TestData.Now.AddHours(24), b => b is null ? "refused" : "made");

        var result = await Store.CreateBookingAsync(new CreateBookingCommand([TestData.Booking(tenant, service, staff.Id, TestData.At(10))], 1, entry), Ct);
        var empty = await Store.CreateBookingAsync(new CreateBookingCommand([], 1, entry with { Key = "k-" + Guid.NewGuid() }), Ct);

        Assert.Null(result.Booking);
        Assert.Equal("refused", (await Store.FindIdempotencyRecordAsync(tenant.Id, entry.Key, TestData.Now, Ct))?.Response);
        Assert.Null(empty.Booking);
    }

    [ServerFact]
    public async Task IdempotencyRecord_Expired_IsForgottenAndReplaced()
    {
        var (tenant, staff, service) = await SeedAsync();
        var entry = new IdempotencyEntry(tenant.Id, "k-" + Guid.NewGuid(), "fp", TestData.Now.AddHours(24), b => b is null ? "refused" : "made");
        await Store.CreateBookingAsync(new CreateBookingCommand([TestData.Booking(tenant, service, staff.Id, TestData.At(10))], 1, entry), Ct);

        Clock.Advance(TimeSpan.FromHours(25));
        Assert.Null(await Store.FindIdempotencyRecordAsync(tenant.Id, entry.Key, Clock.GetUtcNow(), Ct));
        var again = await Store.CreateBookingAsync(
            new CreateBookingCommand([TestData.Booking(tenant, service, staff.Id, TestData.At(12))], 1, entry with { Fingerprint = "fp2", ExpiresAt = Clock.GetUtcNow().AddHours(24) }), Ct);

        Assert.NotNull(again.Booking);
        Assert.Null(again.Existing);
        Assert.Equal("fp2", (await Store.FindIdempotencyRecordAsync(tenant.Id, entry.Key, Clock.GetUtcNow(), Ct))?.Fingerprint);
    }

    [ServerFact]
    public async Task LoadAvailability_ReturnsScheduleAndActiveBusyTimeInRange()
    {
        var (tenant, staff, service) = await SeedAsync(before: 10, after: 20);
        var inRange = TestData.Booking(tenant, service, staff.Id, TestData.At(10));
        var cancelled = TestData.Booking(tenant, service, staff.Id, TestData.At(12));
        var outOfRange = TestData.Booking(tenant, service, staff.Id, TestData.At(10, day: 5));
        await BookAsync(inRange);
        await BookAsync(cancelled);
        await BookAsync(outOfRange);
        await Store.CancelBookingAsync(tenant.Id, cancelled.Id, TestData.Now, null, Ct);
        var timeOff = new TimeOff(Guid.NewGuid(), tenant.Id, staff.Id, TestData.At(15), TestData.At(16), null);
        await Store.AddTimeOffAsync(timeOff, Ct);

        var loaded = await Store.LoadAvailabilityAsync(tenant.Id, [staff.Id, Guid.NewGuid()], TestData.At(0), TestData.At(0, day: 3), ReadFrom.PreferStandby, BusyDetail.PerBooking, Ct);

        var only = Assert.Single(loaded);
        Assert.Equal(staff, only.Staff);
        Assert.Equal(8, only.Schedule.Weekly.Values.Sum(v => v.Sum(i => i.End.MinuteOfDay - i.Start.MinuteOfDay)) / 60 / 7);
        Assert.Equal(
            new[] { Same.Json(BusyRange.FromBooking(inRange)), Same.Json(BusyRange.FromTimeOff(timeOff)) },
            only.Busy.OrderBy(b => b.Start).Select(Same.Json));
    }

    [ServerFact]
    public async Task LoadAvailability_Merged_JoinsPlainBusyTimeAndKeepsGroupBookingsApart()
    {
        var (tenant, staff, plain) = await SeedAsync(before: 10, after: 20);
        var group = TestData.Service(tenant, [staff.Id], capacity: 3);
        await Store.CreateServiceAsync(group, Ct);
        // An hour with 10 minutes before and 20 after: a booking blocks from 10 minutes before to 80 after its start.
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, plain, staff.Id, TestData.At(9)))).Booking);      // 08:50–10:20
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, plain, staff.Id, TestData.At(10, 40)))).Booking); // 10:30–12:00
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, plain, staff.Id, TestData.At(12, 10)))).Booking); // 12:00–13:30, touching
        var cancelled = TestData.Booking(tenant, plain, staff.Id, TestData.At(16, 10));
        await BookAsync(cancelled);
        await Store.CancelBookingAsync(tenant.Id, cancelled.Id, TestData.Now, null, Ct);
        await Store.AddTimeOffAsync(new TimeOff(Guid.NewGuid(), tenant.Id, staff.Id, TestData.At(13), TestData.At(14), null), Ct); // overlapping
        var seat1 = TestData.Booking(tenant, group, staff.Id, TestData.At(15));
        var seat2 = TestData.Booking(tenant, group, staff.Id, TestData.At(15));
        Assert.NotNull((await BookAsync(seat1, capacity: 3)).Booking);
        Assert.NotNull((await BookAsync(seat2, capacity: 3)).Booking);

        var merged = Assert.Single(await Store.LoadAvailabilityAsync(tenant.Id, [staff.Id], TestData.At(0), TestData.At(0, day: 3), ReadFrom.Primary, BusyDetail.Merged, Ct));

        Assert.Equal(
            new[]
            {
                Same.Json(new BusyRange(TestData.At(8, 50), TestData.At(10, 20))),
                Same.Json(new BusyRange(TestData.At(10, 30), TestData.At(14))),
            }.Concat(new[] { seat1, seat2 }.OrderBy(b => b.Id).Select(b => Same.Json(BusyRange.FromBooking(b)))),
            merged.Busy.OrderBy(b => b.BookingId.HasValue).ThenBy(b => b.Start).ThenBy(b => b.BookingId).Select(Same.Json));
    }

    [ServerTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task LoadAvailability_MergedAndPerBooking_GiveTheEngineTheSameSlots(int seed)
    {
        var random = new Random(seed);
        var (tenant, first, plain) = await SeedAsync(staffCount: 2, before: 5, after: 10);
        var group = TestData.Service(tenant, plain.StaffIds, duration: 45, capacity: 3, after: 15);
        var shortOne = TestData.Service(tenant, plain.StaffIds, duration: 15, interval: 5);
        await Store.CreateServiceAsync(group, Ct);
        await Store.CreateServiceAsync(shortOne, Ct);
        for (var i = 0; i < 60; i++)
        {
            var staffId = plain.StaffIds[random.Next(2)];
            var start = TestData.At(8 + random.Next(10), 15 * random.Next(4), day: 2 + random.Next(3));
            var (service, capacity) = random.Next(4) switch { 0 => (group, 3), 1 => (shortOne, 1), _ => (plain, 1) };
            var booking = TestData.Booking(tenant, service, staffId, start);
            if ((await BookAsync(booking, capacity)).Booking is not null && random.Next(6) == 0)
            {
                await Store.CancelBookingAsync(tenant.Id, booking.Id, TestData.Now, null, Ct);
            }
        }

        for (var i = 0; i < 4; i++)
        {
            var start = TestData.At(8 + random.Next(10), 5 * random.Next(12), day: 2 + random.Next(3));
            await Store.AddTimeOffAsync(new TimeOff(Guid.NewGuid(), tenant.Id, plain.StaffIds[random.Next(2)], start, start.AddMinutes(20 + random.Next(120)), null), Ct);
        }

        var (from, to) = (TestData.At(0, day: 2), TestData.At(0, day: 5));
        var perBooking = await Store.LoadAvailabilityAsync(tenant.Id, plain.StaffIds, from.AddDays(-1), to.AddDays(1), ReadFrom.Primary, BusyDetail.PerBooking, Ct);
        var merged = await Store.LoadAvailabilityAsync(tenant.Id, plain.StaffIds, from.AddDays(-1), to.AddDays(1), ReadFrom.Primary, BusyDetail.Merged, Ct);

        Assert.True(merged.Sum(s => s.Busy.Count) < perBooking.Sum(s => s.Busy.Count), "merging should join some busy time");
        Assert.Contains(merged, s => s.Busy.Any(b => b.BookingId is null && b.End - b.Start > TimeSpan.FromMinutes(90)));
        foreach (var service in new[] { plain, group, shortOne })
        {
            var expected = AvailabilityEngine.FindSlots(new AvailabilityRequest(service, tenant.Policy, from, to, TestData.Now, perBooking, TestData.Zone));
            var actual = AvailabilityEngine.FindSlots(new AvailabilityRequest(service, tenant.Policy, from, to, TestData.Now, merged, TestData.Zone));
            Assert.NotEmpty(expected);
            Same.Equal(expected, actual);
        }
    }

    [ServerFact]
    public async Task ListBookings_FiltersAndPagesByStartThenId()
    {
        var (tenant, staff, service) = await SeedAsync(staffCount: 2);
        var second = service.StaffIds[1];
        var all = new List<Booking>();
        for (var h = 9; h < 15; h++)
        {
            var a = TestData.Booking(tenant, service, staff.Id, TestData.At(h));
            var b = TestData.Booking(tenant, service, second, TestData.At(h));
            await BookAsync(a);
            await BookAsync(b);
            all.Add(a);
            all.Add(b);
        }

        await Store.CancelBookingAsync(tenant.Id, all[0].Id, TestData.Now, null, Ct);
        var expected = all.OrderBy(b => b.Start).ThenBy(b => b.Id).Select(b => b.Id).ToList();

        var seen = new List<Guid>();
        (DateTimeOffset, Guid)? after = null;
        while (true)
        {
            var page = await Store.ListBookingsAsync(new BookingQuery(tenant.Id, TestData.At(0), TestData.At(23), null, null, after, 5), Ct);
            seen.AddRange(page.Select(b => b.Id));
            if (page.Count < 5)
            {
                break;
            }

            after = (page[^1].Start, page[^1].Id);
        }

        Assert.Equal(expected, seen);
        Assert.Equal(6, (await Store.ListBookingsAsync(new BookingQuery(tenant.Id, TestData.At(0), TestData.At(23), second, null, null, 100), Ct)).Count);
        Assert.Equal([all[0].Id], (await Store.ListBookingsAsync(new BookingQuery(tenant.Id, TestData.At(0), TestData.At(23), null, BookingStatus.Cancelled, null, 100), Ct)).Select(b => b.Id));
        Assert.Equal(4, (await Store.ListBookingsAsync(new BookingQuery(tenant.Id, TestData.At(10), TestData.At(12), null, null, null, 100), Ct)).Count);
    }

    [ServerFact]
    public async Task CreateBooking_HundredsInParallelForOneSlot_BookOnce()
    {
        var (tenant, staff, service) = await SeedAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() =>
            BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10))), Ct)));

        Assert.Equal(1, results.Count(r => r.Booking is not null));
        Assert.Single(await Store.ListBookingsAsync(new BookingQuery(tenant.Id, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, null, null, null, 500), Ct));
    }

    [ServerFact]
    public async Task CreateBooking_ParallelForOneSessionOfCapacity_FillsExactlyCapacity()
    {
        var (tenant, staff, service) = await SeedAsync(capacity: 7);
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() =>
            BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 7), Ct)));

        Assert.Equal(7, results.Count(r => r.Booking is not null));
    }

    [ServerFact]
    public async Task BookingService_AnyStaffInParallel_BooksEachStaffOnce()
    {
        var (tenant, _, service) = await SeedAsync(staffCount: 5);
        var bookings = new BookingService(Store, Clock);
        var request = new CreateBookingRequest(service.Id, TestData.At(10), null, TestData.Customer(), null);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() =>
            bookings.CreateBookingAsync(tenant.Id, request, null, Ct), Ct)));

        var made = outcomes.Where(o => o.Succeeded).Select(o => o.Booking!.StaffId).ToList();
        Assert.Equal(5, made.Count);
        Assert.Equal(service.StaffIds.Order(), made.Order());
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(ErrorCodes.SlotUnavailable, o.ErrorCode));
    }

    [ServerFact]
    public async Task BookingService_IdempotentRepeatsInParallel_BookOnceAndAllGetTheSameAnswer()
    {
        var (tenant, _, service) = await SeedAsync(staffCount: 3);
        var bookings = new BookingService(Store, Clock);
        var request = new CreateBookingRequest(service.Id, TestData.At(10), null, TestData.Customer(), "Window seat");
        var key = "idem-" + Guid.NewGuid();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() =>
            bookings.CreateBookingAsync(tenant.Id, request, key, Ct), Ct)));

        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        Assert.Single(outcomes.Select(o => o.Booking!.Id).Distinct());
        Assert.Single(outcomes.Select(o => o.ManageToken).Distinct());
        Assert.Single(outcomes, o => !o.Replayed);
        Assert.Single(await Store.ListBookingsAsync(new BookingQuery(tenant.Id, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, null, null, null, 100), Ct));
    }

    [ServerFact]
    public async Task Closures_AddListDelete_RoundTrip_WithinTheCap()
    {
        var (tenant, _, _) = await SeedAsync();
        var (other, _, _) = await SeedAsync();
        var later = new Closure(Guid.NewGuid(), tenant.Id, new DateOnly(2027, 12, 24), new DateOnly(2028, 1, 2), "Holidays");
        var earlier = new Closure(Guid.NewGuid(), tenant.Id, new DateOnly(2027, 4, 25), new DateOnly(2027, 4, 25), null);

        Assert.True(await Store.TryAddClosureAsync(later, 2, Ct));
        Assert.True(await Store.TryAddClosureAsync(earlier, 2, Ct));
        Assert.False(await Store.TryAddClosureAsync(earlier with { Id = Guid.NewGuid() }, 2, Ct));

        Assert.Equal([earlier, later], await Store.ListClosuresAsync(tenant.Id, Ct));
        Assert.Empty(await Store.ListClosuresAsync(other.Id, Ct));
        Assert.False(await Store.DeleteClosureAsync(other.Id, later.Id, Ct));
        Assert.True(await Store.DeleteClosureAsync(tenant.Id, later.Id, Ct));
        Assert.False(await Store.DeleteClosureAsync(tenant.Id, later.Id, Ct));
        Assert.Equal([earlier], await Store.ListClosuresAsync(tenant.Id, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => Store.TryAddClosureAsync(earlier with { Id = Guid.NewGuid(), TenantId = Guid.NewGuid() }, 2, Ct));
    }

    [ServerFact]
    public async Task TryAddClosure_ManyAtOnce_NeverPassTheCap()
    {
        if (!CountsCapsAtomically)
        {
            return;
        }

        var (tenant, _, _) = await SeedAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var adds = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await Store.TryAddClosureAsync(new Closure(Guid.NewGuid(), tenant.Id, new DateOnly(2027, 5, 1 + i), new DateOnly(2027, 5, 1 + i), null), 4, Ct);
        })).ToList();
        start.SetResult();

        Assert.Equal(4, (await Task.WhenAll(adds)).Count(added => added));
        Assert.Equal(4, (await Store.ListClosuresAsync(tenant.Id, Ct)).Count);
    }

    private static BookingLimits DayLimit(Guid staffId, int max, int day = 2) =>
        new() { StaffDays = [new StaffDayLimit(staffId, max, TestData.At(0, day: day), TestData.At(0, day: day + 1))], Now = TestData.Now };

    [ServerFact]
    public async Task CreateBooking_StaffDayFull_SkipsTheCandidate_OrReportsTheLimitAndWritesNothing()
    {
        var (tenant, first, service) = await SeedAsync(staffCount: 2);
        var second = service.StaffIds[1];
        await BookAsync(TestData.Booking(tenant, service, first.Id, TestData.At(9)));
        var cancelled = TestData.Booking(tenant, service, first.Id, TestData.At(15));
        await BookAsync(cancelled);
        await Store.CancelBookingAsync(tenant.Id, cancelled.Id, TestData.Now, null, Ct);
        // Another day of theirs does not count.
        await BookAsync(TestData.Booking(tenant, service, first.Id, TestData.At(9, day: 3)));

        var refused = await Store.CreateBookingAsync(
            new CreateBookingCommand([TestData.Booking(tenant, service, first.Id, TestData.At(11))], 1, null) { Limits = DayLimit(first.Id, 1) }, Ct);
        Assert.True(refused.LimitReached);
        Assert.Null(refused.Booking);

        // A cancelled booking frees its place in the day; a limit of two leaves room for one more.
        var made = await Store.CreateBookingAsync(
            new CreateBookingCommand([TestData.Booking(tenant, service, first.Id, TestData.At(11))], 1, null) { Limits = DayLimit(first.Id, 2) }, Ct);
        Assert.False(made.LimitReached);
        Assert.NotNull(made.Booking);

        // The full staff member is skipped for the next candidate.
        var next = await Store.CreateBookingAsync(new CreateBookingCommand(
            [TestData.Booking(tenant, service, first.Id, TestData.At(13)), TestData.Booking(tenant, service, second, TestData.At(13))], 1, null)
            { Limits = DayLimit(first.Id, 2) }, Ct);
        Assert.Equal(second, next.Booking?.StaffId);

        var day = await Store.ListBookingsAsync(new BookingQuery(tenant.Id, TestData.At(0), TestData.At(0, day: 3), first.Id, BookingStatus.Confirmed, null, 100), Ct);
        Assert.Equal(2, day.Count);
    }

    [ServerFact]
    public async Task CreateBooking_CustomerAtLimit_IsRefused_CountingFutureActiveBookingsByEmailInAnyCase()
    {
        var (tenant, staff, service) = await SeedAsync(staffCount: 2);
        var limits = new BookingLimits { MaxActiveBookingsPerCustomer = 2, Now = TestData.Now };
        Booking For(string email, int hour, int day = 2) =>
            TestData.Booking(tenant, service, staff.Id, TestData.At(hour, day: day)) with { Customer = new Customer("Jamie", email, null) };

        // A past booking, a cancelled one and someone else's do not count.
        await BookAsync(For("jamie@example.com", 9, day: 1) with { Start = TestData.Now.AddHours(-2), End = TestData.Now.AddHours(-1) });
        var cancelled = For("jamie@example.com", 10);
        await BookAsync(cancelled);
        await Store.CancelBookingAsync(tenant.Id, cancelled.Id, TestData.Now, null, Ct);
        await BookAsync(For("someone@example.com", 11));

        Assert.NotNull((await Store.CreateBookingAsync(new CreateBookingCommand([For("Jamie@Example.com", 12)], 1, null) { Limits = limits }, Ct)).Booking);
        Assert.NotNull((await Store.CreateBookingAsync(new CreateBookingCommand([For("jamie@example.com", 13)], 1, null) { Limits = limits }, Ct)).Booking);
        var key = new IdempotencyEntry(tenant.Id, "limit-" + Guid.NewGuid(), "f", TestData.Now.AddDays(1), b => b is null ? "refused" : "made");
        var refused = await Store.CreateBookingAsync(new CreateBookingCommand([For("JAMIE@EXAMPLE.COM", 14)], 1, key) { Limits = limits }, Ct);

        Assert.True(refused.LimitReached);
        Assert.Null(refused.Booking);
        Assert.Null(await Store.FindIdempotencyRecordAsync(tenant.Id, key.Key, TestData.Now, Ct));
        Assert.Equal(3, (await Store.ListBookingsAsync(new BookingQuery(tenant.Id, TestData.At(0), TestData.At(0, day: 3), null, BookingStatus.Confirmed, null, 100), Ct)).Count);
    }

    [ServerFact]
    public async Task CreateBooking_ManyInParallelUnderLimits_NeverPassThem()
    {
        var (tenant, staff, service) = await SeedAsync(staffCount: 4);
        // One staff member's day: eight free hours, a limit of three.
        var dayResults = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
            Store.CreateBookingAsync(new CreateBookingCommand(
                [TestData.Booking(tenant, service, staff.Id, TestData.At(9 + (i % 8))) with { Customer = new Customer("C", $"c{i}@example.com", null) }], 1, null)
                { Limits = DayLimit(staff.Id, 3) }, Ct), Ct)));
        Assert.Equal(3, dayResults.Count(r => r.Booking is not null));
        Assert.Equal(3, (await Store.ListBookingsAsync(new BookingQuery(tenant.Id, TestData.At(0), TestData.At(0, day: 3), staff.Id, null, null, 100), Ct)).Count);

        // One customer across the other staff and days, in any letter case: a limit of two.
        var others = service.StaffIds.Skip(1).ToList();
        var limits = new BookingLimits { MaxActiveBookingsPerCustomer = 2, Now = TestData.Now };
        var customerResults = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() =>
            Store.CreateBookingAsync(new CreateBookingCommand(
                [TestData.Booking(tenant, service, others[i % 3], TestData.At(9 + (i % 8), day: 3 + (i % 5))) with
                {
                    Customer = new Customer("Pat", i % 2 == 0 ? "pat@example.com" : "PAT@example.COM", null),
                }], 1, null) { Limits = limits }, Ct), Ct)));
        Assert.Equal(2, customerResults.Count(r => r.Booking is not null));
        Assert.All(customerResults.Where(r => r.Booking is null), r => Assert.True(r.LimitReached));
    }

    [ServerFact]
    public async Task RescheduleBooking_ByCustomer_CountsMoves_AndStopsAtTheMaximum()
    {
        var (tenant, staff, service) = await SeedAsync();
        var booking = TestData.Booking(tenant, service, staff.Id, TestData.At(10));
        await BookAsync(booking);
        RescheduleCommand Move(int hour, bool byCustomer) =>
            new(tenant.Id, booking.Id, [Moved(booking, TestData.At(hour))], 1) { ByCustomer = byCustomer, MaxCustomerReschedules = byCustomer ? 1 : null };

        var staffMove = await Store.RescheduleBookingAsync(Move(11, byCustomer: false), Ct);
        Assert.Equal(0, staffMove.Booking?.CustomerReschedules);
        var customerMove = await Store.RescheduleBookingAsync(Move(12, byCustomer: true), Ct);
        Assert.Equal(RescheduleStatus.Rescheduled, customerMove.Status);
        Assert.Equal(1, (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))?.CustomerReschedules);

        var refused = await Store.RescheduleBookingAsync(Move(13, byCustomer: true), Ct);
        Assert.Equal(RescheduleStatus.MaxReschedulesReached, refused.Status);
        Assert.Equal(TestData.At(12), (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))?.Start);

        // Staff and admins are not limited, and their moves keep the count.
        Assert.Equal(RescheduleStatus.Rescheduled, (await Store.RescheduleBookingAsync(Move(14, byCustomer: false), Ct)).Status);
        Assert.Equal(1, (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))?.CustomerReschedules);
    }

    [ServerFact]
    public async Task RescheduleBooking_ByCustomerInParallel_NeverPassesTheMaximum()
    {
        var (tenant, staff, service) = await SeedAsync();
        var booking = TestData.Booking(tenant, service, staff.Id, TestData.At(9));
        await BookAsync(booking);

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => Store.RescheduleBookingAsync(
            new RescheduleCommand(tenant.Id, booking.Id, [Moved(booking, TestData.At(10 + (i % 6)))], 1) { ByCustomer = true, MaxCustomerReschedules = 2 }, Ct))));

        Assert.Equal(2, results.Count(r => r.Status == RescheduleStatus.Rescheduled));
        Assert.Equal(2, (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))?.CustomerReschedules);
    }

    [ServerFact]
    public async Task RescheduleBooking_StaffDayFull_IsRefused_ButTheBookingItselfDoesNotCount()
    {
        var (tenant, staff, service) = await SeedAsync();
        var sameDay = TestData.Booking(tenant, service, staff.Id, TestData.At(10));
        var otherDay = TestData.Booking(tenant, service, staff.Id, TestData.At(10, day: 3));
        await BookAsync(sameDay);
        await BookAsync(otherDay);

        var within = await Store.RescheduleBookingAsync(
            new RescheduleCommand(tenant.Id, sameDay.Id, [Moved(sameDay, TestData.At(14))], 1) { Limits = DayLimit(staff.Id, 1) }, Ct);
        Assert.Equal(RescheduleStatus.Rescheduled, within.Status);

        var onto = await Store.RescheduleBookingAsync(
            new RescheduleCommand(tenant.Id, otherDay.Id, [Moved(otherDay, TestData.At(11))], 1) { Limits = DayLimit(staff.Id, 1) }, Ct);
        Assert.Equal(RescheduleStatus.LimitReached, onto.Status);
        Assert.Equal(TestData.At(10, day: 3), (await Store.FindBookingAsync(tenant.Id, otherDay.Id, Ct))?.Start);
    }

    private static Booking Moved(Booking booking, DateTimeOffset start) =>
        booking with { Start = start, End = start + (booking.End - booking.Start) };
}
