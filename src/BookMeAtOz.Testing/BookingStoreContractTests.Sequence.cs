using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;

namespace BookMeAtOz.Testing;

// The iCalendar SEQUENCE (Booking.Sequence): 0 when booked, one more with each change of time, staff member or status, in
// the write that makes the change, whatever path made it; never for a write that changes nothing, nor for a hold booked.
public abstract partial class BookingStoreContractTests
{
    [ServerFact]
    public async Task Sequence_StartsAtZero_AndEachMoveOrCancellationBumpsItOnce()
    {
        var (tenant, staff, service) = await SeedAsync();
        var booking = TestData.Booking(tenant, service, staff.Id, TestData.At(10));
        await BookAsync(booking);
        Assert.Equal(0, (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))!.Sequence);

        var moved = await Store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, booking.Id, [Moved(booking, TestData.At(12))], 1), Ct);
        Assert.Equal((RescheduleStatus.Rescheduled, 1), (moved.Status, moved.Booking!.Sequence));
        Assert.Equal(1, (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))!.Sequence);

        // A move that fails changes nothing.
        var blocker = TestData.Booking(tenant, service, staff.Id, TestData.At(14));
        await BookAsync(blocker);
        Assert.Equal(RescheduleStatus.Conflict,
            (await Store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, booking.Id, [Moved(booking, TestData.At(14))], 1), Ct)).Status);
        Assert.Equal(1, (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))!.Sequence);

        Assert.Equal(2, (await Store.CancelBookingAsync(tenant.Id, booking.Id, TestData.Now, null, Ct))!.Sequence);
        Assert.Equal(2, (await Store.CancelBookingAsync(tenant.Id, booking.Id, TestData.Now, null, Ct))!.Sequence);
        Assert.Equal(2, (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))!.Sequence);
        Assert.Equal(0, (await Store.FindBookingAsync(tenant.Id, blocker.Id, Ct))!.Sequence);
    }

    [ServerFact]
    public async Task Sequence_IsBumpedByEachTransition_NotByARefusedOne()
    {
        var (tenant, staff, service) = await SeedAsync();
        var approved = await PendingAsync(tenant, service, staff.Id, TestData.At(10));
        var declined = await PendingAsync(tenant, service, staff.Id, TestData.At(12));
        var approve = new BookingTransition(tenant.Id, approved.Id, BookingStatus.Pending, BookingStatus.Confirmed, TestData.Now);

        Assert.Equal(1, (await Store.TransitionBookingAsync(approve, Ct)).Booking!.Sequence);
        Assert.Equal(TransitionStatus.NotAllowed, (await Store.TransitionBookingAsync(approve, Ct)).Status);
        Assert.Equal(1, (await Store.FindBookingAsync(tenant.Id, approved.Id, Ct))!.Sequence);

        await Store.TransitionBookingAsync(
            new BookingTransition(tenant.Id, declined.Id, BookingStatus.Pending, BookingStatus.Declined, TestData.Now) { Reason = "Full" }, Ct);
        Assert.Equal(1, (await Store.FindBookingAsync(tenant.Id, declined.Id, Ct))!.Sequence);

        Assert.Equal(2, (await Store.CancelBookingAsync(tenant.Id, approved.Id, TestData.Now, null, Ct))!.Sequence);
    }

    [ServerFact]
    public async Task Sequence_OfABookedHold_StartsAtZero()
    {
        var (tenant, staff, service) = await SeedAsync();
        var hold = Hold(tenant, service, staff.Id, TestData.At(10));
        await BookAsync(hold);

        Assert.NotNull((await Store.BookHoldAsync(Booked(hold), Ct)).Booking);

        Assert.Equal(0, (await Store.FindBookingAsync(tenant.Id, hold.Id, Ct))!.Sequence);
    }
}
