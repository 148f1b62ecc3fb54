using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Catalog;

/// <summary>Resources (product specification §10.1) over HTTP, on both stores.</summary>
public abstract class ResourceEndpointsTests(ApiFactory factory)
{
    [ServerFact]
    public async Task Resources_CreateGetListPatchDelete_RoundTrip()
    {
        var t = await TestTenant.CreateAsync(factory);
        var created = await t.Owner.PostJsonAsync("/api/v1/resources", new { name = "Treatment room", kind = "room", quantity = 3 });
        var room = await created.ReadAsync<ResourceResponse>(HttpStatusCode.Created);
        Assert.Equal(new ResourceResponse(room.Id, "Treatment room", "room", 3, true), room);
        Assert.Equal($"/api/v1/resources/{room.Id}", created.Headers.Location?.OriginalString);

        Assert.Equal(room, await (await t.Anonymous.GetAsync($"/api/v1/resources/{room.Id}")).ReadAsync<ResourceResponse>());
        Assert.Equal([room], (await (await t.Anonymous.GetAsync("/api/v1/resources")).ReadAsync<ItemsResponse<ResourceResponse>>()).Items);

        var patched = await (await t.Owner.PatchJsonAsync($"/api/v1/resources/{room.Id}", new { quantity = 2, active = false })).ReadAsync<ResourceResponse>();
        Assert.Equal(room with { Quantity = 2, Active = false }, patched);

        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/resources/{room.Id}")).StatusCode);
        await (await t.Anonymous.GetAsync($"/api/v1/resources/{room.Id}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await t.Owner.DeleteAsync($"/api/v1/resources/{room.Id}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        Assert.Empty((await (await t.Anonymous.GetAsync("/api/v1/resources")).ReadAsync<ItemsResponse<ResourceResponse>>()).Items);
    }

    [ServerFact]
    public async Task Resources_InvalidFields_AndNonAdmins_ChangeNothing()
    {
        var t = await TestTenant.CreateAsync(factory);
        await (await t.Owner.PostJsonAsync("/api/v1/resources", new { name = "", kind = new string('k', 51), quantity = 101 }))
            .ValidationProblemAsync("name", "kind", "quantity");
        await (await t.Owner.PostJsonAsync("/api/v1/resources", new { name = "Room", quantity = 0 })).ValidationProblemAsync("kind", "quantity");
        await (await t.Owner.PostJsonAsync("/api/v1/resources", new { name = "Room", kind = "room", colour = "red" })).ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);
        await (await t.Anonymous.PostJsonAsync("/api/v1/resources", new { name = "Room", kind = "room" })).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        var staffUser = await t.UserAsync("staff", (await t.AddStaffAsync()).Id);
        await (await staffUser.PostJsonAsync("/api/v1/resources", new { name = "Room", kind = "room" })).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        Assert.Empty((await (await t.Owner.GetAsync("/api/v1/resources")).ReadAsync<ItemsResponse<ResourceResponse>>()).Items);

        var other = await TestTenant.CreateAsync(factory);
        var theirs = await (await other.Owner.PostJsonAsync("/api/v1/resources", new { name = "Room", kind = "room" })).ReadAsync<ResourceResponse>(HttpStatusCode.Created);
        await (await t.Owner.GetAsync($"/api/v1/resources/{theirs.Id}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await t.Owner.PatchJsonAsync($"/api/v1/resources/{theirs.Id}", new { name = "mine" })).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
    }

    [ServerFact]
    public async Task ServiceResources_AreValidated()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();
        var room = await AddResourceAsync(t, quantity: 2);
        var response = await t.Owner.PostJsonAsync("/api/v1/services", new
        {
            name = "Massage", durationMinutes = 60, staffIds = new[] { staff.Id },
            resources = new object[] { new { resourceId = room.Id, units = 3 }, new { resourceId = Guid.NewGuid(), units = 1 }, new { units = 0 } },
        });
        await response.ValidationProblemAsync("resources[0].units", "resources[1].resourceId", "resources[2].resourceId", "resources[2].units");
        await (await t.Owner.PostJsonAsync("/api/v1/services", new
        {
            name = "Massage", durationMinutes = 60, resources = new[] { new { resourceId = room.Id, units = 1 }, new { resourceId = room.Id, units = 1 } },
        })).ValidationProblemAsync("resources");
        Assert.Empty((await (await t.Owner.GetAsync("/api/v1/services")).ReadAsync<ItemsResponse<ServiceResponse>>()).Items);

        var service = await (await t.Owner.PostJsonAsync("/api/v1/services", new
        {
            name = "Massage", durationMinutes = 60, staffIds = new[] { staff.Id }, resources = new[] { new { resourceId = room.Id, units = 2 } },
        })).ReadAsync<ServiceResponse>(HttpStatusCode.Created);
        Assert.Equal([new ResourceRequirementDto(room.Id, 2)], service.Resources);

        // The resource cannot lose the units the service requires, nor be deleted while it is required.
        await (await t.Owner.PatchJsonAsync($"/api/v1/resources/{room.Id}", new { quantity = 1 })).ValidationProblemAsync("quantity");
        await (await t.Owner.DeleteAsync($"/api/v1/resources/{room.Id}")).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.Conflict);

        // Patching other fields keeps the resources; an empty list removes them, and then the resource can go.
        var renamed = await (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { name = "Deep tissue" })).ReadAsync<ServiceResponse>();
        Assert.Equal(service.Resources, renamed.Resources);
        Assert.Empty((await (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { resources = Array.Empty<object>() })).ReadAsync<ServiceResponse>()).Resources!);
        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/resources/{room.Id}")).StatusCode);
    }

    [ServerFact]
    public async Task Availability_IntersectsStaffAndResources_AcrossServicesSharingTheResource()
    {
        var t = await TestTenant.CreateAsync(factory);
        var alex = await t.AddStaffAsync("Alex");
        var sam = await t.AddStaffAsync("Sam");
        var kim = await t.AddStaffAsync("Kim");
        var room = await AddResourceAsync(t, quantity: 1);
        var massage = await AddServiceWithResourceAsync(t, "Massage", [alex.Id, sam.Id], room.Id);
        var facial = await AddServiceWithResourceAsync(t, "Facial", [kim.Id], room.Id);

        var slots = await t.SlotsAsync(massage.Id);
        var first = slots[0];
        Assert.Equal(2, first.Staff.Count);
        Assert.Equal(1, first.SeatsLeft);

        var booked = await t.BookAsync(massage.Id, first.Start);

        // The room is taken at that time: neither service offers it, though Sam and Kim are free.
        Assert.DoesNotContain(await t.SlotsAsync(massage.Id), s => s.Start == first.Start);
        Assert.DoesNotContain(await t.SlotsAsync(facial.Id), s => s.Start == first.Start);
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(facial.Id, first.Start)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(massage.Id, first.Start, sam.Id)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);

        // The quantity cannot go down while a booking uses the room; it can go up, and then the time is offered again.
        await (await t.Owner.PatchJsonAsync($"/api/v1/resources/{room.Id}", new { active = true, quantity = 1, name = "Room 1" })).ReadAsync<ResourceResponse>();
        var two = await (await t.Owner.PatchJsonAsync($"/api/v1/resources/{room.Id}", new { quantity = 2 })).ReadAsync<ResourceResponse>();
        Assert.Equal(2, two.Quantity);
        await (await t.Owner.PatchJsonAsync($"/api/v1/resources/{room.Id}", new { quantity = 1 })).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.Conflict);
        Assert.Contains(await t.SlotsAsync(facial.Id), s => s.Start == first.Start);
        await t.BookAsync(facial.Id, first.Start);
        Assert.DoesNotContain(await t.SlotsAsync(massage.Id), s => s.Start == first.Start);

        // A cancel gives the unit back to every service requiring the room.
        var manage = t.Factory.Client(t.Slug);
        manage.DefaultRequestHeaders.Add(BookMeAtOzHeaders.ManageToken, booked.ManageToken);
        (await manage.PostJsonAsync($"/api/v1/bookings/{booked.Id}/cancel", new { })).EnsureSuccessStatusCode();
        Assert.Contains(await t.SlotsAsync(massage.Id), s => s.Start == first.Start);

        // An inactive room offers nothing.
        await (await t.Owner.PatchJsonAsync($"/api/v1/resources/{room.Id}", new { active = false })).ReadAsync<ResourceResponse>();
        Assert.Empty(await t.SlotsAsync(massage.Id));
    }

    [ServerFact]
    public async Task Reschedule_OntoATimeTheResourceIsFull_IsRefused()
    {
        var t = await TestTenant.CreateAsync(factory);
        var alex = await t.AddStaffAsync("Alex");
        var sam = await t.AddStaffAsync("Sam");
        var room = await AddResourceAsync(t, quantity: 1);
        var massage = await AddServiceWithResourceAsync(t, "Massage", [alex.Id, sam.Id], room.Id);
        var slots = await t.SlotsAsync(massage.Id);
        var early = await t.BookAsync(massage.Id, slots[0].Start, alex.Id);
        var late = await t.BookAsync(massage.Id, slots[^1].Start, sam.Id);

        await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{late.Id}/reschedule", new { start = slots[0].Start }))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        var unchanged = await (await t.Owner.GetAsync($"/api/v1/bookings/{late.Id}")).ReadAsync<BookingResponse>();
        Assert.Equal(late.Start, unchanged.Start);

        // Moving the early booking frees its unit, so the late one can take that time.
        var moved = await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{early.Id}/reschedule", new { start = slots[2].Start })).ReadAsync<BookingResponse>();
        Assert.Equal(slots[2].Start, moved.Start);
        var taken = await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{late.Id}/reschedule", new { start = slots[0].Start })).ReadAsync<BookingResponse>();
        Assert.Equal(slots[0].Start, taken.Start);
    }

    private static async Task<ResourceResponse> AddResourceAsync(TestTenant t, int quantity) =>
        await (await t.Owner.PostJsonAsync("/api/v1/resources", new { name = "Room", kind = "room", quantity })).ReadAsync<ResourceResponse>(HttpStatusCode.Created);

    private static async Task<ServiceResponse> AddServiceWithResourceAsync(TestTenant t, string name, Guid[] staffIds, Guid resourceId) =>
        await (await t.Owner.PostJsonAsync("/api/v1/services", new
        {
            name, durationMinutes = 60, staffIds, resources = new[] { new { resourceId, units = 1 } },
        })).ReadAsync<ServiceResponse>(HttpStatusCode.Created);
}

[Collection(ApiTests.Name)]
public sealed class InMemoryResourceEndpointsTests(ApiFactory factory) : ResourceEndpointsTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresResourceEndpointsTests(PostgresApiFactory factory) : ResourceEndpointsTests(factory);
