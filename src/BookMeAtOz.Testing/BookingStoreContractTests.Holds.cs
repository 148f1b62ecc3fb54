using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;

namespace BookMeAtOz.Testing;

// Holds (SPEC §9.1): a held row occupies like a booking until it lapses, and never after, swept or not.
public abstract partial class BookingStoreContractTests
{
    private static readonly Customer NoCustomer = new(string.Empty, string.Empty, null);

    /// <summary>A hold of <paramref name="service"/> with <paramref name="staffId"/> at <paramref name="start"/>, lapsing <paramref name="minutes"/> after the clock's now.</summary>
    private Booking Hold(Tenant tenant, Service service, Guid staffId, DateTimeOffset start, int minutes = 10) =>
        new(Guid.NewGuid(), tenant.Id, service.Id, staffId, start, start.AddMinutes(service.DurationMinutes), service.BufferBeforeMinutes,
            service.BufferAfterMinutes, BookingStatus.Held, NoCustomer, null, Clock.GetUtcNow(), null, null, [])
        {
            ExpiresAt = Clock.GetUtcNow().AddMinutes(minutes),
        };

    /// <summary>The hold booked by a customer, as the booking service asks for it.</summary>
    private BookHoldCommand Booked(Booking hold, IdempotencyEntry? idempotency = null) => new(
        hold with
        {
            Status = BookingStatus.Confirmed,
            Customer = TestData.Customer(),
            Notes = "From a hold",
            ManageTokenHash = ManageTokens.Hash("hold-token"),
            ExpiresAt = null,
        },
        idempotency,
        Clock.GetUtcNow());

    [ServerFact]
    public async Task Hold_BlocksOthersUntilItLapses_ThenNeverAgain_EvenUnswept()
    {
        var (tenant, staff, service) = await SeedAsync();
        var hold = Hold(tenant, service, staff.Id, TestData.At(10));
        Assert.Equal(BookingStatus.Held, (await BookAsync(hold)).Booking?.Status);
        Assert.Equal(hold.ExpiresAt, (await Store.FindBookingAsync(tenant.Id, hold.Id, Ct))?.ExpiresAt);

        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10, 30)))).Booking);
        Assert.Null((await BookAsync(Hold(tenant, service, staff.Id, TestData.At(10)))).Booking);
        var busy = Assert.Single(await Store.LoadAvailabilityAsync(tenant.Id, [staff.Id], TestData.At(0), TestData.At(23), ReadFrom.Primary, BusyDetail.PerBooking, Ct));
        Assert.Contains(busy.Busy, b => b.BookingId == hold.Id);

        // At its expiry it stops occupying: nothing has swept it.
        Clock.Advance(TimeSpan.FromMinutes(10));
        busy = Assert.Single(await Store.LoadAvailabilityAsync(tenant.Id, [staff.Id], TestData.At(0), TestData.At(23), ReadFrom.Primary, BusyDetail.Merged, Ct));
        Assert.Empty(busy.Busy);
        var later = TestData.Booking(tenant, service, staff.Id, TestData.At(10, 30));
        Assert.NotNull((await BookAsync(later)).Booking);
        Assert.Null((await Store.BookHoldAsync(Booked(hold), Ct)).Booking);
    }

    [ServerFact]
    public async Task Hold_TakesAGroupSeat_UntilItLapses()
    {
        var (tenant, staff, service) = await SeedAsync(capacity: 2);
        Assert.NotNull((await BookAsync(Hold(tenant, service, staff.Id, TestData.At(10), minutes: 5), 2)).Booking);
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 2)).Booking);
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 2)).Booking);

        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 2)).Booking);
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 2)).Booking);
    }

    [ServerFact]
    public async Task BookHold_ConvertsTheRowInPlace_Once()
    {
        var (tenant, staff, service) = await SeedAsync();
        var hold = Hold(tenant, service, staff.Id, TestData.At(10));
        await BookAsync(hold);

        var command = Booked(hold);
        Same.Equal(command.Booking, (await Store.BookHoldAsync(command, Ct)).Booking);
        var stored = await Store.FindBookingAsync(tenant.Id, hold.Id, Ct);
        Same.Equal(command.Booking, stored);
        Assert.False(stored!.IsHold);
        Assert.Contains(await Store.ListBookingsAsync(new BookingQuery(tenant.Id, TestData.At(0), TestData.At(23), null, null, null, 10), Ct), b => b.Id == hold.Id);

        // Used: it cannot be booked again, nor released; the booking stays and keeps its time.
        Assert.Null((await Store.BookHoldAsync(Booked(hold), Ct)).Booking);
        Assert.Null(await Store.ReleaseHoldAsync(tenant.Id, hold.Id, Ct));
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)))).Booking);
    }

    [ServerFact]
    public async Task BookHold_OtherStartServiceOrStaff_OrUnknown_WritesNothing()
    {
        var (tenant, staff, service) = await SeedAsync(staffCount: 2);
        var hold = Hold(tenant, service, staff.Id, TestData.At(10));
        await BookAsync(hold);
        var key = new IdempotencyEntry(tenant.Id, "hold-key", "fp", TestData.Now.AddDays(1), b => b is null ? "refused" : "made");

        Assert.Null((await Store.BookHoldAsync(Booked(hold with { Start = TestData.At(11) }, key), Ct)).Booking);
        Assert.Null((await Store.BookHoldAsync(Booked(hold with { StaffId = service.StaffIds[1] }, key), Ct)).Booking);
        Assert.Null((await Store.BookHoldAsync(Booked(hold with { ServiceId = Guid.NewGuid() }, key), Ct)).Booking);
        Assert.Null((await Store.BookHoldAsync(Booked(hold with { Id = Guid.NewGuid() }, key), Ct)).Booking);
        Assert.Null(await Store.FindIdempotencyRecordAsync(tenant.Id, "hold-key", Clock.GetUtcNow(), Ct));
        Assert.Equal(BookingStatus.Held, (await Store.FindBookingAsync(tenant.Id, hold.Id, Ct))?.Status);

        // With the key, the booking and its record are written together; the key then answers with the record.
        Assert.NotNull((await Store.BookHoldAsync(Booked(hold, key), Ct)).Booking);
        Assert.Equal("made", (await Store.BookHoldAsync(Booked(hold, key), Ct)).Existing?.Response);
    }

    [ServerFact]
    public async Task BookHold_CustomerAtLimit_WritesNothing()
    {
        var (tenant, staff, service) = await SeedAsync();
        await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(9)));
        var hold = Hold(tenant, service, staff.Id, TestData.At(10));
        await BookAsync(hold);

        var limited = Booked(hold) with { Limits = new BookingLimits { MaxActiveBookingsPerCustomer = 1, Now = Clock.GetUtcNow() } };
        var refused = await Store.BookHoldAsync(limited, Ct);
        Assert.True(refused.LimitReached);
        Assert.Equal(BookingStatus.Held, (await Store.FindBookingAsync(tenant.Id, hold.Id, Ct))?.Status);
        Assert.NotNull((await Store.BookHoldAsync(limited with { Limits = limited.Limits! with { MaxActiveBookingsPerCustomer = 2 } }, Ct)).Booking);
    }

    [ServerFact]
    public async Task ReleaseHold_FreesAtOnce_AndIsIdempotent()
    {
        var (tenant, staff, service) = await SeedAsync(capacity: 1);
        var hold = Hold(tenant, service, staff.Id, TestData.At(10));
        await BookAsync(hold);

        Assert.Equal(BookingStatus.Expired, (await Store.ReleaseHoldAsync(tenant.Id, hold.Id, Ct))?.Status);
        Assert.Null(await Store.ReleaseHoldAsync(tenant.Id, hold.Id, Ct));
        Assert.Null(await Store.ReleaseHoldAsync(tenant.Id, Guid.NewGuid(), Ct));
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)))).Booking);
        Assert.Null((await Store.BookHoldAsync(Booked(hold), Ct)).Booking);
    }

    [ServerFact]
    public async Task Holds_AreNeverListedAsBookings()
    {
        var (tenant, staff, service) = await SeedAsync();
        var held = Hold(tenant, service, staff.Id, TestData.At(10));
        var released = Hold(tenant, service, staff.Id, TestData.At(12));
        await BookAsync(held);
        await BookAsync(released);
        await Store.ReleaseHoldAsync(tenant.Id, released.Id, Ct);

        Assert.Empty(await Store.ListBookingsAsync(new BookingQuery(tenant.Id, TestData.At(0), TestData.At(23), null, null, null, 10), Ct));
        Assert.Empty(await Store.ListBookingsAsync(new BookingQuery(tenant.Id, TestData.At(0), TestData.At(23), staff.Id, BookingStatus.Held, null, 10), Ct));
        Assert.True((await Store.FindBookingAsync(tenant.Id, held.Id, Ct))!.IsHold);
    }

    [ServerFact]
    public async Task Reschedule_OntoALapsedHold_Succeeds()
    {
        var (tenant, staff, service) = await SeedAsync();
        var booking = TestData.Booking(tenant, service, staff.Id, TestData.At(9));
        await BookAsync(booking);
        await BookAsync(Hold(tenant, service, staff.Id, TestData.At(12), minutes: 1));
        var target = booking with { Start = TestData.At(12), End = TestData.At(13) };

        Assert.Equal(RescheduleStatus.Conflict, (await Store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, booking.Id, [target], 1), Ct)).Status);
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(RescheduleStatus.Rescheduled, (await Store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, booking.Id, [target], 1), Ct)).Status);
    }

    [ServerFact]
    public async Task ExpireLapsedHolds_MarksThemExpired_ThenForgetsThemAfterRetention()
    {
        // Holds that lapsed long before any other test's (the sweep spans every tenant of the store).
        var (tenant, staff, service) = await SeedAsync(capacity: 2);
        var lapsedAt = TestData.Now.AddYears(-5);
        var lapsed = Hold(tenant, service, staff.Id, TestData.At(10)) with { ExpiresAt = lapsedAt };
        await BookAsync(Hold(tenant, service, staff.Id, TestData.At(10)), 2);
        await BookAsync(lapsed, 2);

        var expired = await Store.ExpireLapsedHoldsAsync(lapsedAt, lapsedAt.AddDays(-1), 1000, Ct);
        var mine = Assert.Single(expired, b => b.TenantId == tenant.Id);
        Assert.Equal((lapsed.Id, BookingStatus.Expired), (mine.Id, mine.Status));
        Assert.Equal(BookingStatus.Expired, (await Store.FindBookingAsync(tenant.Id, lapsed.Id, Ct))?.Status);
        Assert.DoesNotContain(await Store.ExpireLapsedHoldsAsync(lapsedAt, lapsedAt.AddDays(-1), 1000, Ct), b => b.TenantId == tenant.Id);

        // Its seat was given back: the unexpired hold and one booking fill the session.
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 2)).Booking);
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 2)).Booking);

        await Store.ExpireLapsedHoldsAsync(lapsedAt, lapsedAt.AddSeconds(1), 1000, Ct);
        Assert.Null(await Store.FindBookingAsync(tenant.Id, lapsed.Id, Ct));
    }
}
