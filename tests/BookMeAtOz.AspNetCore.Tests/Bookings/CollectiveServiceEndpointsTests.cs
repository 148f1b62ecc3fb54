using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Bookings;

/// <summary>Collective services (product specification §10.3, <c>staffRequired</c>) over HTTP, on both stores.</summary>
public abstract class CollectiveServiceEndpointsTests(ApiFactory factory)
{
    [ServerFact]
    public async Task StaffRequired_IsValidated_AndRoundTrips()
    {
        var t = await TestTenant.CreateAsync(factory);
        var alex = await t.AddStaffAsync("Alex");
        var sam = await t.AddStaffAsync("Sam");

        await (await t.Owner.PostJsonAsync("/api/v1/services", new { name = "Couples", durationMinutes = 60, staffIds = new[] { alex.Id }, staffRequired = 2 }))
            .ValidationProblemAsync("staffRequired");
        await (await t.Owner.PostJsonAsync("/api/v1/services", new { name = "Couples", durationMinutes = 60, staffIds = new[] { alex.Id, sam.Id }, staffRequired = 0 }))
            .ValidationProblemAsync("staffRequired");
        await (await t.Owner.PostJsonAsync("/api/v1/services", new
        {
            name = "Couples", durationMinutes = 60, staffIds = new[] { alex.Id, sam.Id }, staffRequired = 2, capacity = 3,
        })).ValidationProblemAsync("staffRequired");
        Assert.Empty((await (await t.Owner.GetAsync("/api/v1/services")).ReadAsync<ItemsResponse<ServiceResponse>>()).Items);

        var plain = await t.AddServiceAsync([alex.Id]);
        Assert.Equal(1, plain.StaffRequired);
        var couples = await (await t.Owner.PostJsonAsync("/api/v1/services", new
        {
            name = "Couples", durationMinutes = 60, staffIds = new[] { alex.Id, sam.Id }, staffRequired = 2,
        })).ReadAsync<ServiceResponse>(HttpStatusCode.Created);
        Assert.Equal(2, couples.StaffRequired);

        // A patch keeps it; fewer staff than it needs, or null, is refused and changes nothing.
        Assert.Equal(2, (await (await t.Owner.PatchJsonAsync($"/api/v1/services/{couples.Id}", new { name = "Couples massage" })).ReadAsync<ServiceResponse>()).StaffRequired);
        await (await t.Owner.PatchJsonAsync($"/api/v1/services/{couples.Id}", new { staffIds = new[] { alex.Id } })).ValidationProblemAsync("staffRequired");
        await (await t.Owner.PatchJsonAsync($"/api/v1/services/{couples.Id}", new { staffRequired = (int?)null })).ValidationProblemAsync("staffRequired");
        var stored = await (await t.Anonymous.GetAsync($"/api/v1/services/{couples.Id}")).ReadAsync<ServiceResponse>();
        Assert.Equal((2, 2), (stored.StaffRequired, stored.StaffIds.Count));
        Assert.Equal(1, (await (await t.Owner.PatchJsonAsync($"/api/v1/services/{couples.Id}", new { staffRequired = 1 })).ReadAsync<ServiceResponse>()).StaffRequired);
    }

    [ServerFact]
    public async Task Booking_TakesTheTeam_AndEveryMemberIsBusyUntilCancelled()
    {
        var t = await TestTenant.CreateAsync(factory);
        var alex = await t.AddStaffAsync("Alex");
        var sam = await t.AddStaffAsync("Sam");
        var kim = await t.AddStaffAsync("Kim");
        var couples = await AddCollectiveAsync(t, [alex.Id, sam.Id, kim.Id], 2);
        var single = await t.AddServiceAsync([alex.Id, sam.Id, kim.Id], name: "Massage");

        var slots = await t.SlotsAsync(couples.Id);
        var first = slots[0];
        Assert.Equal(3, first.Staff.Count);
        Assert.Equal(1, first.SeatsLeft);

        // Sam named: Sam and one other (Alex: the service's order breaks the tie).
        var booked = await t.BookAsync(couples.Id, first.Start, sam.Id);
        Assert.Equal(sam.Id, booked.StaffId);
        Assert.Equal([sam.Id, alex.Id], booked.StaffIds);
        Assert.Equal(booked.StaffIds, (await (await t.Owner.GetAsync($"/api/v1/bookings/{booked.Id}")).ReadAsync<BookingResponse>()).StaffIds);

        // Only Kim is free then: no team of two, and neither Sam nor Alex can take a single booking.
        Assert.DoesNotContain(await t.SlotsAsync(couples.Id), s => s.Start == first.Start);
        var singleAt = Assert.Single(await t.SlotsAsync(single.Id), s => s.Start == first.Start);
        Assert.Equal(1, singleAt.SeatsLeft);
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(single.Id, first.Start, alex.Id)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(couples.Id, first.Start)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);

        // Alex, a member but not the booking's staffId, sees it in the list and may read it.
        var alexUser = await t.UserAsync("staff", alex.Id);
        var day = TestTenant.Day().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var alexList = await (await alexUser.GetAsync($"/api/v1/bookings?from={day}&to={day}&staffId={alex.Id}")).ReadAsync<PageResponse<BookingResponse>>();
        Assert.Contains(alexList.Items, b => b.Id == booked.Id);
        Assert.Equal(booked.Id, (await (await alexUser.GetAsync($"/api/v1/bookings/{booked.Id}")).ReadAsync<BookingResponse>()).Id);

        // Cancelling frees both.
        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booked.Id}/cancel", new { })).EnsureSuccessStatusCode();
        Assert.Contains(await t.SlotsAsync(couples.Id), s => s.Start == first.Start);
        await t.BookAsync(single.Id, first.Start, alex.Id);
        await t.BookAsync(single.Id, first.Start, sam.Id);
    }

    [ServerFact]
    public async Task AnyStaff_SpreadsLoad_AndSeatsCountTeams()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = new List<StaffResponse>();
        foreach (var name in new[] { "Alex", "Sam", "Kim", "Lee" })
        {
            staff.Add(await t.AddStaffAsync(name));
        }

        var couples = await AddCollectiveAsync(t, [.. staff.Select(s => s.Id)], 2);
        var single = await t.AddServiceAsync([staff[0].Id], name: "Massage");
        var slots = await t.SlotsAsync(couples.Id);
        Assert.Equal(2, slots[0].SeatsLeft);

        // Alex already has a booking that day (later): the team leaves Alex out.
        await t.BookAsync(single.Id, slots[^1].Start, staff[0].Id);
        var booked = await t.BookAsync(couples.Id, slots[0].Start);
        Assert.DoesNotContain(staff[0].Id, booked.StaffIds!);
        Assert.Equal(2, booked.StaffIds!.Count);
        Assert.Equal(1, Assert.Single(await t.SlotsAsync(couples.Id), s => s.Start == slots[0].Start).SeatsLeft);

        // The second team takes the other two; then nobody is left.
        var second = await t.BookAsync(couples.Id, slots[0].Start);
        Assert.Empty(second.StaffIds!.Intersect(booked.StaffIds!));
        Assert.DoesNotContain(await t.SlotsAsync(couples.Id), s => s.Start == slots[0].Start);
    }

    [ServerFact]
    public async Task HoldRescheduleAndNamedAvailability_KeepTheTeam()
    {
        var t = await TestTenant.CreateAsync(factory);
        var alex = await t.AddStaffAsync("Alex");
        var sam = await t.AddStaffAsync("Sam");
        var kim = await t.AddStaffAsync("Kim");
        var couples = await AddCollectiveAsync(t, [alex.Id, sam.Id, kim.Id], 2);
        var single = await t.AddServiceAsync([kim.Id], name: "Massage");
        var slots = await t.SlotsAsync(couples.Id);

        // With Kim busy at the second slot, Kim's own collective availability leaves it out.
        await t.BookAsync(single.Id, slots[1].Start, kim.Id);
        var kims = await t.SlotsAsync(couples.Id, staffId: kim.Id);
        Assert.DoesNotContain(kims, s => s.Start == slots[1].Start);
        Assert.All(kims, s => Assert.Equal((1, 1), (s.Staff.Count, s.SeatsLeft)));

        // A hold takes a team; booking it keeps the team.
        var hold = await (await t.Anonymous.PostJsonAsync("/api/v1/holds", new CreateHoldRequest(couples.Id, slots[0].Start)))
            .ReadAsync<HoldResponse>(HttpStatusCode.Created);
        Assert.Equal(2, hold.StaffIds!.Count);
        Assert.Equal(hold.StaffId, hold.StaffIds[0]);
        var booked = await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(couples.Id, slots[0].Start) with { HoldId = hold.Id }))
            .ReadAsync<BookingResponse>(HttpStatusCode.Created);
        Assert.Equal(hold.StaffIds, booked.StaffIds);

        // Rescheduled to a later time, the team moves whole: the old time is free for both.
        var moved = await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booked.Id}/reschedule", new { start = slots[3].Start })).ReadAsync<BookingResponse>();
        Assert.Equal(slots[3].Start, moved.Start);
        Assert.Equal(2, moved.StaffIds!.Count);
        Assert.Equal(1, Assert.Single(await t.SlotsAsync(couples.Id), s => s.Start == slots[0].Start).SeatsLeft);
        Assert.Contains(await t.SlotsAsync(couples.Id), s => s.Start == slots[0].Start && s.Staff.Count == 3);
    }

    private static async Task<ServiceResponse> AddCollectiveAsync(TestTenant t, Guid[] staffIds, int staffRequired) =>
        await (await t.Owner.PostJsonAsync("/api/v1/services", new
        {
            name = "Couples massage", durationMinutes = 60, staffIds, staffRequired,
        })).ReadAsync<ServiceResponse>(HttpStatusCode.Created);
}

[Collection(ApiTests.Name)]
public sealed class InMemoryCollectiveServiceEndpointsTests(ApiFactory factory) : CollectiveServiceEndpointsTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresCollectiveServiceEndpointsTests(PostgresApiFactory factory) : CollectiveServiceEndpointsTests(factory);
