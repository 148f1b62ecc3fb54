using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;

namespace BookMeAtOz.Testing;

// Collective services (product specification §10.3): a booking with additional staff occupies every one of them exactly as
// it occupies its staff member, however it is made, moved or ended, and whatever books the same staff concurrently.
public abstract partial class BookingStoreContractTests
{
    private async Task<(Tenant Tenant, List<StaffMember> Staff, Service Team, Service Single)> SeedCollectiveAsync(int staffCount, int staffRequired)
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

        var team = TestData.Service(tenant, [.. staff.Select(s => s.Id)]) with { Name = "Couples massage", StaffRequired = staffRequired };
        var single = TestData.Service(tenant, [.. staff.Select(s => s.Id)]) with { Name = "Massage" };
        await Store.CreateServiceAsync(team, Ct);
        await Store.CreateServiceAsync(single, Ct);
        return (tenant, staff, team, single);
    }

    private static Booking Team(Tenant tenant, Service service, DateTimeOffset start, Guid staffId, params Guid[] additional) =>
        TestData.Booking(tenant, service, staffId, start) with { AdditionalStaffIds = additional };

    [ServerFact]
    public async Task Collective_StaffRequired_RoundTrips()
    {
        var (tenant, _, team, single) = await SeedCollectiveAsync(staffCount: 3, staffRequired: 3);
        Assert.Equal(3, (await Store.FindServiceAsync(tenant.Id, team.Id, Ct))!.StaffRequired);
        Assert.Equal(1, (await Store.FindServiceAsync(tenant.Id, single.Id, Ct))!.StaffRequired);
        Assert.True(await Store.UpdateServiceAsync(team with { StaffRequired = 2 }, Ct));
        Assert.Equal(2, (await Store.ListServicesAsync(tenant.Id, Ct)).Single(s => s.Id == team.Id).StaffRequired);
    }

    [ServerFact]
    public async Task Collective_BookingOccupiesEveryMember_UntilCancelled()
    {
        var (tenant, staff, team, single) = await SeedCollectiveAsync(staffCount: 3, staffRequired: 2);
        var (a, b, c) = (staff[0].Id, staff[1].Id, staff[2].Id);
        var booking = Team(tenant, team, TestData.At(10), a, b);
        Assert.Equal([b], (await BookAsync(booking)).Booking?.AdditionalStaffIds);
        Assert.Equal([b], (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))!.AdditionalStaffIds);

        // The additional staff member is busy as the staff member is: for a single booking, as another team's member or
        // staff member; the one left out is free.
        Assert.Null((await BookAsync(TestData.Booking(tenant, single, b, TestData.At(10, 30)))).Booking);
        Assert.Null((await BookAsync(Team(tenant, team, TestData.At(10, 30), c, b))).Booking);
        Assert.Null((await BookAsync(Team(tenant, team, TestData.At(10, 30), b, c))).Booking);
        Assert.Null((await BookAsync(Team(tenant, team, TestData.At(9, 30), c, a))).Booking);
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, single, c, TestData.At(10, 30)))).Booking);

        // Touching is not overlapping.
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, single, b, TestData.At(11)))).Booking);

        // Availability and listings show it for both members.
        var loaded = await Store.LoadAvailabilityAsync(tenant.Id, [a, b, c], TestData.At(0), TestData.At(23), ReadFrom.Primary, BusyDetail.PerBooking, Ct);
        Assert.Contains(loaded.Single(s => s.Staff.Id == b).Busy, r => r.BookingId == booking.Id && r.Start == booking.BlockedStart && r.End == booking.BlockedEnd);
        Assert.Contains(loaded.Single(s => s.Staff.Id == a).Busy, r => r.BookingId == booking.Id);
        Assert.DoesNotContain(loaded.Single(s => s.Staff.Id == c).Busy, r => r.BookingId == booking.Id);
        var merged = await Store.LoadAvailabilityAsync(tenant.Id, [b], TestData.At(0), TestData.At(23), ReadFrom.Primary, BusyDetail.Merged, Ct);
        Assert.Contains(merged[0].Busy, r => r.Start <= TestData.At(10) && r.End >= TestData.At(11));
        Assert.Contains(await Store.ListBookingsAsync(new BookingQuery(tenant.Id, TestData.At(0), TestData.At(23), b, null, null, 50), Ct),
            x => x.Id == booking.Id);

        // Cancelling frees both.
        Assert.NotNull(await Store.CancelBookingAsync(tenant.Id, booking.Id, Clock.GetUtcNow(), null, Ct));
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, single, b, TestData.At(10)))).Booking);
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, single, a, TestData.At(10)))).Booking);
        var after = await Store.LoadAvailabilityAsync(tenant.Id, [b], TestData.At(0), TestData.At(23), ReadFrom.Primary, BusyDetail.PerBooking, Ct);
        Assert.DoesNotContain(after[0].Busy, r => r.BookingId == booking.Id);
    }

    [ServerFact]
    public async Task Collective_FirstTeamBusy_BooksTheNextTeam()
    {
        var (tenant, staff, team, single) = await SeedCollectiveAsync(staffCount: 3, staffRequired: 2);
        var (a, b, c) = (staff[0].Id, staff[1].Id, staff[2].Id);
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, single, b, TestData.At(10)))).Booking);

        var booking = TestData.Booking(tenant, team, a, TestData.At(10));
        var result = await Store.CreateBookingAsync(
            new CreateBookingCommand([booking with { AdditionalStaffIds = [b] }, booking with { AdditionalStaffIds = [c] }], 1, null), Ct);
        Assert.Equal([c], result.Booking?.AdditionalStaffIds);
        Assert.Equal([c], (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))!.AdditionalStaffIds);
    }

    [ServerFact]
    public async Task Collective_Reschedule_MovesTheWholeTeam_OrNothing()
    {
        var (tenant, staff, team, single) = await SeedCollectiveAsync(staffCount: 4, staffRequired: 3);
        var (a, b, c, d) = (staff[0].Id, staff[1].Id, staff[2].Id, staff[3].Id);
        var booking = Team(tenant, team, TestData.At(10), a, b, c);
        Assert.NotNull((await BookAsync(booking)).Booking);
        Assert.NotNull((await BookAsync(TestData.Booking(tenant, single, d, TestData.At(14)))).Booking);

        // d is busy at 14:00: a move there with d is refused and changes nothing.
        var refused = await Store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, booking.Id,
            [booking with { Start = TestData.At(14), End = TestData.At(15), StaffId = a, AdditionalStaffIds = [b, d] }], 1), Ct);
        Assert.Equal(RescheduleStatus.Conflict, refused.Status);
        var unchanged = (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))!;
        Assert.Equal(TestData.At(10), unchanged.Start);
        Assert.Equal([b, c], unchanged.AdditionalStaffIds);
        Assert.Null((await BookAsync(TestData.Booking(tenant, single, c, TestData.At(10)))).Booking);

        // Moved with another team: the old time is free for every old member, the new time busy for every new one.
        var moved = await Store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, booking.Id,
            [booking with { Start = TestData.At(14), End = TestData.At(15), StaffId = a, AdditionalStaffIds = [b, d] },
             booking with { Start = TestData.At(13), End = TestData.At(14), StaffId = b, AdditionalStaffIds = [c, d] }], 1), Ct);
        Assert.Equal(RescheduleStatus.Rescheduled, moved.Status);
        Assert.Equal(b, moved.Booking!.StaffId);
        Assert.Equal([c, d], moved.Booking.AdditionalStaffIds);
        Assert.Equal([c, d], (await Store.FindBookingAsync(tenant.Id, booking.Id, Ct))!.AdditionalStaffIds);
        foreach (var member in new[] { a, b, c })
        {
            Assert.NotNull((await BookAsync(TestData.Booking(tenant, single, member, TestData.At(10)))).Booking);
        }

        foreach (var member in new[] { b, c, d })
        {
            Assert.Null((await BookAsync(TestData.Booking(tenant, single, member, TestData.At(13, 30)))).Booking);
        }

        Assert.NotNull((await BookAsync(TestData.Booking(tenant, single, a, TestData.At(13, 30)))).Booking);
    }

    [ServerFact]
    public async Task Collective_ManyInParallel_NeverDoubleBookAStaffMember()
    {
        var (tenant, staff, team, single) = await SeedCollectiveAsync(staffCount: 4, staffRequired: 2);
        var ids = staff.Select(s => s.Id).ToArray();

        // One team is in place before the race (whatever the race's order, some of it must respect a team).
        var standing = Team(tenant, team, TestData.At(11), ids[0], ids[1]);
        Assert.NotNull((await BookAsync(standing)).Booking);
        var random = new Random(20);
        var attempts = Enumerable.Range(0, 120).Select(i =>
        {
            var start = TestData.At(10 + random.Next(0, 3), random.Next(0, 4) * 15);
            var order = ids.OrderBy(_ => random.Next()).ToArray();
            var booking = i % 2 == 0
                ? Team(tenant, team, start, order[0], order[1])
                : TestData.Booking(tenant, single, order[0], start);
            return Task.Run(() => Store.CreateBookingAsync(new CreateBookingCommand([booking], 1, null), Ct));
        }).ToList();
        List<Booking> made = [standing, .. (await Task.WhenAll(attempts)).Where(r => r.Booking is not null).Select(r => r.Booking!)];
        Assert.True(made.Count > 1);

        // What the store kept, per staff member: never two overlapping bookings.
        var kept = await Store.ListBookingsAsync(new BookingQuery(tenant.Id, TestData.At(0), TestData.At(23), null, null, null, 200), Ct);
        Assert.Equal(made.Select(b => b.Id).Order(), kept.Select(b => b.Id).Order());
        foreach (var member in ids)
        {
            var mine = kept.Where(b => b.IsAssignedTo(member)).OrderBy(b => b.Start).ToList();
            for (var i = 1; i < mine.Count; i++)
            {
                Assert.True(mine[i - 1].BlockedEnd <= mine[i].BlockedStart, $"Staff {member} is booked twice at {mine[i].Start:O}.");
            }
        }
    }
}
