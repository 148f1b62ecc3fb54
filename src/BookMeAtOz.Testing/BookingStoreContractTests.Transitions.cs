using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;

namespace BookMeAtOz.Testing;

// Status transitions (approve, decline, expire, no-show): a compare-and-set that frees time and seats at once.
public abstract partial class BookingStoreContractTests
{
    private async Task<Booking> PendingAsync(Tenancy.Tenant tenant, Scheduling.Service service, Guid staffId, DateTimeOffset start, int capacity = 1,
        DateTimeOffset? expiresAt = null)
    {
        var booking = TestData.Booking(tenant, service, staffId, start) with
        {
            Status = BookingStatus.Pending,
            ExpiresAt = expiresAt ?? TestData.Now.AddHours(24),
        };
        Assert.NotNull((await BookAsync(booking, capacity)).Booking);
        return booking;
    }

    [ServerFact]
    public async Task TransitionBooking_OnlyFromTheExpectedStatus_ChangesOnce()
    {
        var (tenant, staff, service) = await SeedAsync();
        var booking = await PendingAsync(tenant, service, staff.Id, TestData.At(10));
        var approve = new BookingTransition(tenant.Id, booking.Id, BookingStatus.Pending, BookingStatus.Confirmed, TestData.Now);

        var first = await Store.TransitionBookingAsync(approve, Ct);
        var second = await Store.TransitionBookingAsync(approve, Ct);

        Assert.Equal((TransitionStatus.Transitioned, BookingStatus.Confirmed), (first.Status, first.Booking!.Status));
        Assert.Null(first.Booking.ExpiresAt);
        Assert.Equal((TransitionStatus.NotAllowed, BookingStatus.Confirmed), (second.Status, second.Booking!.Status));
        Assert.Equal(BookingStatus.Confirmed, (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))!.Status);
        Assert.Equal(TransitionStatus.NotFound, (await Store.TransitionBookingAsync(approve with { BookingId = Guid.NewGuid() }, Ct)).Status);
        var other = TestData.Tenant();
        await Store.CreateTenantAsync(other, Ct);
        Assert.Equal(TransitionStatus.NotFound, (await Store.TransitionBookingAsync(approve with { TenantId = other.Id }, Ct)).Status);
    }

    [ServerFact]
    public async Task TransitionBooking_ToDeclined_KeepsTheReason_AndFreesTimeAndSeatAtOnce()
    {
        var (tenant, staff, service) = await SeedAsync(capacity: 2);
        var first = await PendingAsync(tenant, service, staff.Id, TestData.At(10), capacity: 2);
        await PendingAsync(tenant, service, staff.Id, TestData.At(10), capacity: 2);
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 2)).Booking);

        var declined = await Store.TransitionBookingAsync(
            new BookingTransition(tenant.Id, first.Id, BookingStatus.Pending, BookingStatus.Declined, TestData.Now.AddMinutes(5)) { Reason = "Full" }, Ct);

        Assert.Equal(TransitionStatus.Transitioned, declined.Status);
        Assert.Equal((BookingStatus.Declined, "Full", TestData.Now.AddMinutes(5)), (declined.Booking!.Status, declined.Booking.CancelReason, declined.Booking.CancelledAt));
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 2)).Booking);
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)), 2)).Booking);
    }

    [ServerFact]
    public async Task TransitionBooking_HonoursItsTimeConditions()
    {
        var (tenant, staff, service) = await SeedAsync();
        var deadline = TestData.Now.AddHours(1);
        var pending = await PendingAsync(tenant, service, staff.Id, TestData.At(10), expiresAt: deadline);
        var confirmed = TestData.Booking(tenant, service, staff.Id, TestData.At(12));
        await BookAsync(confirmed);

        var expire = new BookingTransition(tenant.Id, pending.Id, BookingStatus.Pending, BookingStatus.Expired, deadline.AddSeconds(-1)) { DueBy = deadline.AddSeconds(-1) };
        Assert.Equal(TransitionStatus.NotAllowed, (await Store.TransitionBookingAsync(expire, Ct)).Status);
        var late = new BookingTransition(tenant.Id, pending.Id, BookingStatus.Pending, BookingStatus.Confirmed, deadline) { NotDueBy = deadline };
        Assert.Equal(TransitionStatus.NotAllowed, (await Store.TransitionBookingAsync(late, Ct)).Status);
        var expired = await Store.TransitionBookingAsync(expire with { At = deadline, DueBy = deadline }, Ct);
        Assert.Equal((TransitionStatus.Transitioned, BookingStatus.Expired, deadline), (expired.Status, expired.Booking!.Status, expired.Booking.ExpiresAt));

        var noShow = new BookingTransition(tenant.Id, confirmed.Id, BookingStatus.Confirmed, BookingStatus.NoShow, TestData.At(11)) { StartedBy = TestData.At(11) };
        Assert.Equal(TransitionStatus.NotAllowed, (await Store.TransitionBookingAsync(noShow, Ct)).Status);
        var marked = await Store.TransitionBookingAsync(noShow with { At = TestData.At(12), StartedBy = TestData.At(12) }, Ct);
        Assert.Equal((TransitionStatus.Transitioned, BookingStatus.NoShow), (marked.Status, marked.Booking!.Status));
        Assert.Null(marked.Booking.CancelledAt);
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff.Id, TestData.At(10)))).Booking);
    }

    [ServerFact]
    public async Task FindLapsedApprovals_FindsPendingBookingsPastTheirDeadline_OfEveryTenant()
    {
        var (one, staffOne, serviceOne) = await SeedAsync();
        var (two, staffTwo, serviceTwo) = await SeedAsync();
        var lapsedOne = await PendingAsync(one, serviceOne, staffOne.Id, TestData.At(9), expiresAt: TestData.Now.AddMinutes(-1));
        var lapsedTwo = await PendingAsync(two, serviceTwo, staffTwo.Id, TestData.At(9), expiresAt: TestData.Now);
        var notYet = await PendingAsync(one, serviceOne, staffOne.Id, TestData.At(12), expiresAt: TestData.Now.AddMinutes(1));
        var decided = await PendingAsync(two, serviceTwo, staffTwo.Id, TestData.At(12), expiresAt: TestData.Now.AddMinutes(-1));
        await Store.TransitionBookingAsync(new BookingTransition(two.Id, decided.Id, BookingStatus.Pending, BookingStatus.Declined, TestData.Now), Ct);

        var found = await Store.FindLapsedApprovalsAsync(TestData.Now, 100_000, Ct);

        Assert.Contains(new BookingKey(one.Id, lapsedOne.Id), found);
        Assert.Contains(new BookingKey(two.Id, lapsedTwo.Id), found);
        Assert.DoesNotContain(found, k => k.BookingId == notYet.Id || k.BookingId == decided.Id);
    }
}
