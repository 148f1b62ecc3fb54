using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;

namespace BookMeAtOz.Testing;

// Resources (product specification §10.1): the store keeps them, and never lets bookings use more units of one than exist
// at any instant, however the bookings are made or moved.
public abstract partial class BookingStoreContractTests
{
    private async Task<(Tenant Tenant, List<StaffMember> Staff, Service Service, Resource Resource)> SeedWithResourceAsync(
        int quantity, int units, int staffCount, int before = 0, int after = 0)
    {
        var tenant = TestData.Tenant();
        await Store.CreateTenantAsync(tenant, Ct);
        var resource = new Resource(Guid.NewGuid(), tenant.Id, "Room", "room", quantity, Active: true);
        Assert.True(await Store.TryCreateResourceAsync(resource, Resource.MaxPerTenant, Ct));
        var staff = new List<StaffMember>();
        for (var i = 0; i < staffCount; i++)
        {
            var s = TestData.Staff(tenant, $"Staff {i}");
            await Store.CreateStaffAsync(s, Ct);
            await Store.SetScheduleAsync(tenant.Id, s.Id, TestData.NineToFive(), Ct);
            staff.Add(s);
        }

        var service = TestData.Service(tenant, [.. staff.Select(s => s.Id)], before: before, after: after) with
        {
            Resources = [new ResourceRequirement(resource.Id, units)],
        };
        await Store.CreateServiceAsync(service, Ct);
        return (tenant, staff, service, resource);
    }

    [ServerFact]
    public async Task Resources_CreateFindListUpdateDelete_RoundTrip()
    {
        var tenant = TestData.Tenant();
        await Store.CreateTenantAsync(tenant, Ct);
        var room = new Resource(Guid.NewGuid(), tenant.Id, "Room", "room", 3, Active: true);
        var laser = new Resource(Guid.NewGuid(), tenant.Id, "Laser", "equipment", 1, Active: false);
        Assert.True(await Store.TryCreateResourceAsync(room, 2, Ct));
        Assert.True(await Store.TryCreateResourceAsync(laser, 2, Ct));
        Assert.False(await Store.TryCreateResourceAsync(room with { Id = Guid.NewGuid() }, 2, Ct));

        Assert.Equal(room, await Store.FindResourceAsync(tenant.Id, room.Id, Ct));
        Assert.Equal([laser, room], await Store.ListResourcesAsync(tenant.Id, Ct));
        Assert.Null(await Store.FindResourceAsync(Guid.NewGuid(), room.Id, Ct));

        var renamed = room with { Name = "Big room", Quantity = 5 };
        Assert.Equal(ResourceWrite.Done, await Store.UpdateResourceAsync(renamed, Clock.GetUtcNow(), Ct));
        Assert.Equal(renamed, await Store.FindResourceAsync(tenant.Id, room.Id, Ct));
        Assert.Equal(ResourceWrite.NotFound, await Store.UpdateResourceAsync(room with { Id = Guid.NewGuid() }, Clock.GetUtcNow(), Ct));

        var staff = TestData.Staff(tenant);
        await Store.CreateStaffAsync(staff, Ct);
        var service = TestData.Service(tenant, [staff.Id]) with { Resources = [new ResourceRequirement(room.Id, 2)] };
        await Store.CreateServiceAsync(service, Ct);
        Assert.Equal(service.Resources, (await Store.FindServiceAsync(tenant.Id, service.Id, Ct))!.Resources);

        Assert.Equal(ResourceWrite.InUse, await Store.DeleteResourceAsync(tenant.Id, room.Id, Ct));
        Assert.Equal(ResourceWrite.Done, await Store.DeleteResourceAsync(tenant.Id, laser.Id, Ct));
        Assert.Equal(ResourceWrite.NotFound, await Store.DeleteResourceAsync(tenant.Id, laser.Id, Ct));
        Assert.Null(await Store.FindResourceAsync(tenant.Id, laser.Id, Ct));
        Assert.Equal([renamed], await Store.ListResourcesAsync(tenant.Id, Ct));
    }

    [ServerFact]
    public async Task Resources_BookingsNeverUseMoreUnitsThanExist_AndCancelGivesThemBack()
    {
        var (tenant, staff, service, room) = await SeedWithResourceAsync(quantity: 2, units: 1, staffCount: 4);
        var first = TestData.Booking(tenant, service, staff[0].Id, TestData.At(10));
        var second = TestData.Booking(tenant, service, staff[1].Id, TestData.At(10, 30));
        var third = TestData.Booking(tenant, service, staff[2].Id, TestData.At(10, 15));
        Assert.NotNull((await BookAsync(first)).Booking);
        Assert.NotNull((await BookAsync(second)).Booking);

        // Both units are in use from 10:30 to 11:00: the third overlaps that.
        Assert.Null((await BookAsync(third)).Booking);

        // Touching is not overlapping: from 11:30, when the second ends, both units are free again.
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff[3].Id, TestData.At(11, 30)))).Booking);
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff[0].Id, TestData.At(11, 30)))).Booking);

        var loaded = Assert.Single(await Store.LoadResourceAvailabilityAsync(tenant.Id, [room.Id], TestData.At(0), TestData.At(23), ReadFrom.Primary, Ct));
        Assert.Equal(room, loaded.Resource);
        Assert.Equal(4, loaded.Uses.Count);
        Assert.All(loaded.Uses, u => Assert.Equal(1, u.Units));
        Assert.Contains(loaded.Uses, u => u.BookingId == first.Id && u.Start == first.BlockedStart && u.End == first.BlockedEnd);

        Assert.NotNull(await Store.CancelBookingAsync(tenant.Id, first.Id, Clock.GetUtcNow(), null, Ct));
        Assert.NotNull((await BookAsync(third)).Booking);
        Assert.DoesNotContain((await Store.LoadResourceAvailabilityAsync(tenant.Id, [room.Id], TestData.At(0), TestData.At(23), ReadFrom.Primary, Ct))[0].Uses,
            u => u.BookingId == first.Id);
    }

    [ServerFact]
    public async Task Resources_SeveralUnitsPerBooking_BuffersCount_AndRescheduleRespectsThem()
    {
        var (tenant, staff, service, _) = await SeedWithResourceAsync(quantity: 3, units: 2, staffCount: 2, after: 15);
        var first = TestData.Booking(tenant, service, staff[0].Id, TestData.At(10));
        Assert.NotNull((await BookAsync(first)).Booking);

        // One unit is left until 11:15 (the buffer after counts): a second booking needing two waits until then.
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff[1].Id, TestData.At(11)))).Booking);
        var second = TestData.Booking(tenant, service, staff[1].Id, TestData.At(11, 15));
        Assert.NotNull((await BookAsync(second)).Booking);

        // Moving the second onto the first's time is refused and changes nothing; moving it later works, and frees its units.
        var moved = second with { Start = TestData.At(10, 30), End = TestData.At(11, 30) };
        var refused = await Store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, second.Id, [moved], 1), Ct);
        Assert.Equal(RescheduleStatus.Conflict, refused.Status);
        Assert.Equal(second.Start, (await Store.FindBookingAsync(tenant.Id, second.Id, Ct))!.Start);

        var later = second with { Start = TestData.At(14), End = TestData.At(15) };
        Assert.Equal(RescheduleStatus.Rescheduled, (await Store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, second.Id, [later], 1), Ct)).Status);
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, service, staff[1].Id, TestData.At(11, 15)))).Booking);
    }

    [ServerFact]
    public async Task Resources_QuantityCannotGoDownWhileInUse_InactiveRefusesBookings()
    {
        var (tenant, staff, service, room) = await SeedWithResourceAsync(quantity: 2, units: 1, staffCount: 1);
        var booking = TestData.Booking(tenant, service, staff[0].Id, TestData.At(10));
        Assert.NotNull((await BookAsync(booking)).Booking);

        Assert.Equal(ResourceWrite.InUse, await Store.UpdateResourceAsync(room with { Quantity = 1 }, Clock.GetUtcNow(), Ct));
        Assert.Equal(2, (await Store.FindResourceAsync(tenant.Id, room.Id, Ct))!.Quantity);
        Assert.Equal(ResourceWrite.Done, await Store.UpdateResourceAsync(room with { Quantity = 4 }, Clock.GetUtcNow(), Ct));

        Assert.Equal(ResourceWrite.Done, await Store.UpdateResourceAsync(room with { Quantity = 4, Active = false }, Clock.GetUtcNow(), Ct));
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff[0].Id, TestData.At(14)))).Booking);

        // Once the booking is cancelled, nothing uses the resource: its quantity may go down.
        Assert.NotNull(await Store.CancelBookingAsync(tenant.Id, booking.Id, Clock.GetUtcNow(), null, Ct));
        Assert.Equal(ResourceWrite.Done, await Store.UpdateResourceAsync(room with { Quantity = 1 }, Clock.GetUtcNow(), Ct));
    }

    [ServerFact]
    public async Task Resources_ConcurrentBookingsOnDifferentStaff_TakeAtMostTheQuantity()
    {
        const int quantity = 3;
        var (tenant, staff, service, room) = await SeedWithResourceAsync(quantity, units: 1, staffCount: 12);
        var attempts = staff.SelectMany(s => new[] { TestData.At(10), TestData.At(10, 30) }.Select(start => TestData.Booking(tenant, service, s.Id, start))).ToList();

        var results = await Task.WhenAll(attempts.Select(b => Task.Run(() => BookAsync(b))));

        var made = results.Where(r => r.Booking is not null).Select(r => r.Booking!).ToList();
        Assert.Equal(quantity, made.Count);
        var uses = (await Store.LoadResourceAvailabilityAsync(tenant.Id, [room.Id], TestData.At(0), TestData.At(23), ReadFrom.Primary, Ct))[0].Uses;
        Assert.Equal(quantity, uses.Sum(u => u.Units));
    }
    [ServerFact]
    public async Task Resources_LapsedHold_FreesItsUnitsAtOnce_EvenUnswept()
    {
        // One room, two staff members: the hold of the first keeps the room from the second until it lapses, and not after.
        var (tenant, staff, service, room) = await SeedWithResourceAsync(quantity: 1, units: 1, staffCount: 3);
        var hold = Hold(tenant, service, staff[0].Id, TestData.At(10));
        Assert.Equal(BookingStatus.Held, (await BookAsync(hold)).Booking?.Status);
        var moving = TestData.Booking(tenant, service, staff[2].Id, TestData.At(14));
        Assert.NotNull((await BookAsync(moving)).Booking);
        Assert.Null((await BookAsync(TestData.Booking(tenant, service, staff[1].Id, TestData.At(10, 30)))).Booking);
        Assert.Contains((await Store.LoadResourceAvailabilityAsync(tenant.Id, [room.Id], TestData.At(0), TestData.At(23), ReadFrom.Primary, Ct))[0].Uses,
            u => u.BookingId == hold.Id);

        // At its expiry (nothing has swept it) availability no longer counts its unit, and a booking and a move may take it.
        Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.DoesNotContain((await Store.LoadResourceAvailabilityAsync(tenant.Id, [room.Id], TestData.At(0), TestData.At(23), ReadFrom.Primary, Ct))[0].Uses,
            u => u.BookingId == hold.Id);
        var booking = TestData.Booking(tenant, service, staff[1].Id, TestData.At(10, 30));
        Assert.NotNull((await BookAsync(booking)).Booking);
        Assert.Null((await Store.BookHoldAsync(Booked(hold), Ct)).Booking);

        var second = Hold(tenant, service, staff[0].Id, TestData.At(12), minutes: 1);
        Assert.NotNull((await BookAsync(second)).Booking);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var moved = moving with { Start = TestData.At(12), End = TestData.At(13) };
        Assert.Equal(RescheduleStatus.Rescheduled, (await Store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, moving.Id, [moved], 1), Ct)).Status);
        var uses = (await Store.LoadResourceAvailabilityAsync(tenant.Id, [room.Id], TestData.At(0), TestData.At(23), ReadFrom.Primary, Ct))[0].Uses;
        Assert.Equal([booking.Id, moving.Id], uses.OrderBy(u => u.Start).Select(u => u.BookingId));
    }
}
