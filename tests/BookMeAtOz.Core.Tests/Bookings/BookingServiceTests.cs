using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence.InMemory;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using BookMeAtOz.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BookMeAtOz.Tests.Bookings;

public sealed class BookingServiceTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly FakeTimeProvider _clock = new(TestData.Now);
    private readonly InMemoryBookingStore _store;
    private readonly BookingService _bookings;

    public BookingServiceTests()
    {
        _store = new InMemoryBookingStore(_clock);
        _bookings = new BookingService(_store, _clock);
    }

    private async Task<(Tenant Tenant, Service Service, List<StaffMember> Staff)> SeedAsync(
        int staffCount = 1, TenantPolicy? policy = null, int capacity = 1)
    {
        var tenant = TestData.Tenant(policy: policy);
        await _store.CreateTenantAsync(tenant, Ct);
        var staff = new List<StaffMember>();
        for (var i = 0; i < staffCount; i++)
        {
            var s = TestData.Staff(tenant, $"Staff {i}");
            await _store.CreateStaffAsync(s, Ct);
            await _store.SetScheduleAsync(tenant.Id, s.Id, TestData.NineToFive(), Ct);
            staff.Add(s);
        }

        var service = TestData.Service(tenant, [.. staff.Select(s => s.Id)], capacity: capacity);
        await _store.CreateServiceAsync(service, Ct);
        return (tenant, service, staff);
    }

    private static CreateBookingRequest Request(Service service, DateTimeOffset start, Guid? staffId = null) =>
        new(service.Id, start, staffId, TestData.Customer(), null);

    [Fact]
    public async Task GetAvailability_OneDay_OffersHourlySlotsInWorkingHours()
    {
        var (tenant, service, staff) = await SeedAsync();

        var result = await _bookings.GetAvailabilityAsync(tenant.Id, new AvailabilityQuery(service.Id, new DateOnly(2027, 3, 2), new DateOnly(2027, 3, 2)), Ct);

        Assert.Equal(TestData.Zone, result.TimeZone);
        Assert.Equal(Enumerable.Range(9, 8).Select(h => TestData.At(h)), result.ToSlots().Select(s => s.Start));
        Assert.All(result.ToSlots(), s => Assert.Equal([staff[0].Id], s.StaffIds));
        Assert.All(result.ToSlots(), s => Assert.Equal(TimeSpan.FromHours(11), s.Start.Offset));
    }

    [Fact]
    public async Task GetAvailability_InAnotherTimeZone_UsesThatZonesDatesAndOffsets()
    {
        var (tenant, service, _) = await SeedAsync();

        // 2027-03-01 in Perth (+08:00) is 03:00 Mar 1 to 03:00 Mar 2 in Sydney: Monday 09:00–17:00 only.
        var result = await _bookings.GetAvailabilityAsync(tenant.Id, new AvailabilityQuery(service.Id, new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 1), TimeZone: "Australia/Perth"), Ct);

        Assert.Equal("Australia/Perth", result.TimeZone);
        Assert.Equal(
            Enumerable.Range(9, 8).Select(h => new DateTimeOffset(2027, 3, 1, h, 0, 0, TimeSpan.FromHours(11)).ToOffset(TimeSpan.FromHours(8))),
            result.ToSlots().Select(s => s.Start));
        Assert.All(result.ToSlots(), s => Assert.Equal(TimeSpan.FromHours(8), s.Start.Offset));
    }

    [Fact]
    public async Task GetAvailability_BadInput_ReportsEveryFieldError()
    {
        var (tenant, service, _) = await SeedAsync();

        var e = await Assert.ThrowsAsync<BookMeAtOzValidationException>(() => _bookings.GetAvailabilityAsync(
            tenant.Id, new AvailabilityQuery(service.Id, new DateOnly(2027, 3, 1), new DateOnly(2027, 5, 30), TimeZone: "Mars/Olympus"), Ct));

        Assert.Contains("to", e.Errors.Keys);
        Assert.Contains("timeZone", e.Errors.Keys);
        await Assert.ThrowsAsync<NotFoundException>(() => _bookings.GetAvailabilityAsync(
            tenant.Id, new AvailabilityQuery(Guid.NewGuid(), new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 1)), Ct));
    }

    [Fact]
    public async Task CreateBooking_OfferedSlot_BooksWithAManageToken()
    {
        var (tenant, service, staff) = await SeedAsync();

        var outcome = await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(10)), null, Ct);

        Assert.True(outcome.Succeeded);
        Assert.False(outcome.Replayed);
        var booking = outcome.Booking!;
        Assert.Equal(staff[0].Id, booking.StaffId);
        Assert.Equal(TestData.At(10), booking.Start);
        Assert.Equal(TestData.At(11), booking.End);
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(TestData.Now, booking.CreatedAt);
        Assert.True(ManageTokens.Verify(booking, outcome.ManageToken));
        Assert.False(ManageTokens.Verify(booking, outcome.ManageToken + "x"));
        Assert.DoesNotContain(TestData.At(10), (await Availability(tenant, service)).Select(s => s.Start));
    }

    [Theory]
    [InlineData(8, 0)] // before working hours
    [InlineData(10, 30)] // off the slot grid
    [InlineData(16, 30)] // would end after working hours
    public async Task CreateBooking_NotAnOfferedSlot_IsRefusedAsSlotUnavailable(int hour, int minute)
    {
        var (tenant, service, _) = await SeedAsync();

        var outcome = await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(hour, minute)), null, Ct);

        Assert.False(outcome.Succeeded);
        Assert.Equal(ErrorCodes.SlotUnavailable, outcome.ErrorCode);
        Assert.Empty((await _bookings.ListBookingsAsync(tenant.Id, new BookingListQuery(), Ct)).Items);
    }

    [Fact]
    public async Task CreateBooking_InsideMinimumNotice_IsRefused()
    {
        var (tenant, service, _) = await SeedAsync(policy: new TenantPolicy(MinNoticeMinutes: 120));

        Assert.False((await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(10, day: 1)), null, Ct)).Succeeded);
        Assert.True((await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(11, day: 1)), null, Ct)).Succeeded);
    }

    [Fact]
    public async Task CreateBooking_AnyStaff_GoesToWhoeverHasFewestBookingsThatDay()
    {
        var (tenant, service, staff) = await SeedAsync(staffCount: 3);
        await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(9), staff[0].Id), null, Ct);
        await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(11), staff[0].Id), null, Ct);
        await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(12), staff[1].Id), null, Ct);

        var outcome = await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(14)), null, Ct);

        Assert.Equal(staff[2].Id, outcome.Booking?.StaffId);
    }

    [Fact]
    public async Task CreateBooking_NamedStaffBusy_IsRefusedEvenIfOthersAreFree()
    {
        var (tenant, service, staff) = await SeedAsync(staffCount: 2);
        await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(10), staff[0].Id), null, Ct);

        var outcome = await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(10), staff[0].Id), null, Ct);

        Assert.Equal(ErrorCodes.SlotUnavailable, outcome.ErrorCode);
        await Assert.ThrowsAsync<NotFoundException>(() => _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(10), Guid.NewGuid()), null, Ct));
    }

    [Fact]
    public async Task CreateBooking_InvalidRequest_ReportsEveryFieldErrorAndBooksNothing()
    {
        var (tenant, service, _) = await SeedAsync();
        var request = new CreateBookingRequest(service.Id, TestData.At(10).AddSeconds(30), Guid.Empty, new Customer("", "not-an-email", "call me"), new string('x', 2001));

        var e = await Assert.ThrowsAsync<BookMeAtOzValidationException>(() => _bookings.CreateBookingAsync(tenant.Id, request, "bad key with spaces", Ct));

        Assert.Equal(
            ["Idempotency-Key", "customer.email", "customer.name", "customer.phone", "notes", "staffId", "start"],
            e.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty((await _bookings.ListBookingsAsync(tenant.Id, new BookingListQuery(), Ct)).Items);
    }

    [Fact]
    public async Task CreateBooking_SameKeySameBody_ReplaysTheFirstOutcome()
    {
        var (tenant, service, _) = await SeedAsync();
        var request = Request(service, TestData.At(10));

        var first = await _bookings.CreateBookingAsync(tenant.Id, request, "k1", Ct);
        var sameInstantOtherOffset = request with { Start = request.Start.ToOffset(TimeSpan.Zero) };
        var repeat = await _bookings.CreateBookingAsync(tenant.Id, sameInstantOtherOffset, "k1", Ct);

        Assert.True(repeat.Replayed);
        Same.Equal(first with { Replayed = true }, repeat);
        Assert.Single((await _bookings.ListBookingsAsync(tenant.Id, new BookingListQuery(), Ct)).Items);
    }

    [Fact]
    public async Task CreateBooking_RefusalUnderKey_ReplaysTheRefusal()
    {
        var (tenant, service, _) = await SeedAsync();
        var request = Request(service, TestData.At(10, 30));

        var first = await _bookings.CreateBookingAsync(tenant.Id, request, "k1", Ct);
        var repeat = await _bookings.CreateBookingAsync(tenant.Id, request, "k1", Ct);

        Assert.Equal(ErrorCodes.SlotUnavailable, first.ErrorCode);
        Assert.Equal(first with { Replayed = true }, repeat);
    }

    [Fact]
    public async Task CreateBooking_SameKeyOtherBody_IsRefusedAsKeyReused()
    {
        var (tenant, service, _) = await SeedAsync();
        await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(10)), "k1", Ct);

        var e = await Assert.ThrowsAsync<BookMeAtOzException>(() => _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(11)), "k1", Ct));

        Assert.Equal(ErrorCodes.IdempotencyKeyReused, e.Code);
        Assert.Single((await _bookings.ListBookingsAsync(tenant.Id, new BookingListQuery(), Ct)).Items);
    }

    [Fact]
    public async Task CreateBooking_KeyAfter24Hours_IsNew()
    {
        var (tenant, service, _) = await SeedAsync();
        await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(10, day: 5)), "k1", Ct);
        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        var again = await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(11, day: 5)), "k1", Ct);

        Assert.True(again.Succeeded);
        Assert.False(again.Replayed);
    }

    [Fact]
    public async Task CancelBooking_ByBusiness_FreesTheSlotAndIsIdempotent()
    {
        var (tenant, service, _) = await SeedAsync();
        var made = (await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(10)), null, Ct)).Booking!;

        var cancelled = await _bookings.CancelBookingAsync(tenant.Id, made.Id, "Closed", BookingActor.Business, Ct);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var again = await _bookings.CancelBookingAsync(tenant.Id, made.Id, "Other", BookingActor.Business, Ct);

        Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
        Assert.Equal(TestData.Now, again.CancelledAt);
        Assert.Equal("Closed", again.CancelReason);
        Assert.Contains(TestData.At(10), (await Availability(tenant, service)).Select(s => s.Start));
    }

    [Fact]
    public async Task CancelBooking_CustomerInsideNotice_IsRefusedButBusinessMay()
    {
        var (tenant, service, _) = await SeedAsync(policy: new TenantPolicy(MinNoticeMinutes: 0, CancellationNoticeMinutes: 24 * 60));
        var made = (await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(14, day: 1)), null, Ct)).Booking!;

        var e = await Assert.ThrowsAsync<BookMeAtOzException>(() => _bookings.CancelBookingAsync(tenant.Id, made.Id, null, BookingActor.Customer, Ct));

        Assert.Equal(ErrorCodes.CancellationWindowPassed, e.Code);
        Assert.Equal(BookingStatus.Confirmed, (await _bookings.GetBookingAsync(tenant.Id, made.Id, Ct)).Status);
        Assert.Equal(BookingStatus.Cancelled, (await _bookings.CancelBookingAsync(tenant.Id, made.Id, null, BookingActor.Business, Ct)).Status);
    }

    [Fact]
    public async Task CancelBooking_CustomerOutsideNotice_Cancels()
    {
        var (tenant, service, _) = await SeedAsync(policy: new TenantPolicy(MinNoticeMinutes: 0, CancellationNoticeMinutes: 60));
        var made = (await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(10)), null, Ct)).Booking!;

        Assert.Equal(BookingStatus.Cancelled, (await _bookings.CancelBookingAsync(tenant.Id, made.Id, null, BookingActor.Customer, Ct)).Status);
        await Assert.ThrowsAsync<NotFoundException>(() => _bookings.CancelBookingAsync(tenant.Id, Guid.NewGuid(), null, BookingActor.Customer, Ct));
    }

    [Fact]
    public async Task RescheduleBooking_ToFreeSlot_MovesAndFreesTheOldTime()
    {
        var (tenant, service, _) = await SeedAsync();
        var made = (await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(10)), null, Ct)).Booking!;

        var moved = await _bookings.RescheduleBookingAsync(tenant.Id, made.Id, new RescheduleBookingRequest(TestData.At(14), null), BookingActor.Customer, Ct);

        Assert.Equal(made.Id, moved.Id);
        Assert.Equal(TestData.At(14), moved.Start);
        var offered = (await Availability(tenant, service)).Select(s => s.Start).ToList();
        Assert.Contains(TestData.At(10), offered);
        Assert.DoesNotContain(TestData.At(14), offered);
    }

    [Fact]
    public async Task RescheduleBooking_ToTakenSlot_IsRefusedAndChangesNothing()
    {
        var (tenant, service, _) = await SeedAsync();
        var made = (await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(10)), null, Ct)).Booking!;
        await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(14)), null, Ct);

        var e = await Assert.ThrowsAsync<BookMeAtOzException>(() => _bookings.RescheduleBookingAsync(tenant.Id, made.Id, new RescheduleBookingRequest(TestData.At(14), null), BookingActor.Business, Ct));

        Assert.Equal(ErrorCodes.SlotUnavailable, e.Code);
        Assert.Equal(TestData.At(10), (await _bookings.GetBookingAsync(tenant.Id, made.Id, Ct)).Start);
    }

    [Fact]
    public async Task RescheduleBooking_AnyStaff_KeepsTheCurrentStaffMemberWhenFree()
    {
        var (tenant, service, staff) = await SeedAsync(staffCount: 2);
        var made = (await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(10), staff[1].Id), null, Ct)).Booking!;

        var moved = await _bookings.RescheduleBookingAsync(tenant.Id, made.Id, new RescheduleBookingRequest(TestData.At(12), null), BookingActor.Business, Ct);

        Assert.Equal(staff[1].Id, moved.StaffId);
    }

    [Fact]
    public async Task ListBookings_PagesWithACursor()
    {
        var (tenant, service, _) = await SeedAsync();
        for (var h = 9; h < 17; h++)
        {
            await _bookings.CreateBookingAsync(tenant.Id, Request(service, TestData.At(h)), null, Ct);
        }

        var first = await _bookings.ListBookingsAsync(tenant.Id, new BookingListQuery(new DateOnly(2027, 3, 2), new DateOnly(2027, 3, 2), Limit: 5), Ct);
        var second = await _bookings.ListBookingsAsync(tenant.Id, new BookingListQuery(new DateOnly(2027, 3, 2), new DateOnly(2027, 3, 2), Cursor: first.NextCursor, Limit: 5), Ct);

        Assert.Equal(5, first.Items.Count);
        Assert.NotNull(first.NextCursor);
        Assert.Equal(3, second.Items.Count);
        Assert.Null(second.NextCursor);
        Assert.Equal(Enumerable.Range(9, 8).Select(h => TestData.At(h)), first.Items.Concat(second.Items).Select(b => b.Start));
        Assert.Empty((await _bookings.ListBookingsAsync(tenant.Id, new BookingListQuery(new DateOnly(2027, 3, 3), new DateOnly(2027, 3, 3)), Ct)).Items);
        var e = await Assert.ThrowsAsync<BookMeAtOzValidationException>(() => _bookings.ListBookingsAsync(tenant.Id, new BookingListQuery(Cursor: "garbage!", Limit: 0), Ct));
        Assert.Equal(["cursor", "limit"], e.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AddBookMeAtOz_Default_ResolvesTheServiceOnTheInMemoryStore()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddBookMeAtOz();
        services.AddBookMeAtOz();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<InMemoryBookingStore>(provider.GetRequiredService<BookMeAtOz.Persistence.IBookingStore>());
        Assert.Same(provider.GetRequiredService<BookingService>(), provider.GetRequiredService<BookingService>());
        Assert.Single(services, d => d.ServiceType == typeof(BookingService));
    }

    private async Task<IReadOnlyList<AvailableSlot>> Availability(Tenant tenant, Service service) =>
        (await _bookings.GetAvailabilityAsync(tenant.Id, new AvailabilityQuery(service.Id, new DateOnly(2027, 3, 2), new DateOnly(2027, 3, 2)), Ct)).ToSlots();
}
