using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Catalog;

public abstract class CatalogEndpointsTests(ApiFactory factory)
{
    [ServerFact]
    public async Task Services_CreateGetListPatchDelete_RoundTrip()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();

        var created = await t.Owner.PostJsonAsync("/api/v1/services", new { name = "Colour", durationMinutes = 90, staffIds = new[] { staff.Id } });
        var service = await created.ReadAsync<ServiceResponse>(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/services/{service.Id}", created.Headers.Location?.OriginalString);
        Assert.Equal(new ServiceResponse(service.Id, "Colour", 90, 0, 0, 0, 1, null, [], true), service with { StaffIds = [], Questions = null, Resources = null });
        Assert.Empty(service.Questions!);
        Assert.Empty(service.Resources!);
        Assert.Null(service.Location);
        Assert.Equal([staff.Id], service.StaffIds);

        Assert.Equal(service.Id, (await (await t.Anonymous.GetAsync($"/api/v1/services/{service.Id}")).ReadAsync<ServiceResponse>()).Id);

        var patched = await (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { priceCents = 9900, active = false }))
            .ReadAsync<ServiceResponse>();
        Assert.Equal(9900, patched.PriceCents);
        Assert.False(patched.Active);
        Assert.Equal("Colour", patched.Name);
        Assert.Equal(90, patched.DurationMinutes);

        Assert.Empty((await (await t.Anonymous.GetAsync("/api/v1/services")).ReadAsync<ItemsResponse<ServiceResponse>>()).Items);
        Assert.Single((await (await t.Owner.GetAsync("/api/v1/services")).ReadAsync<ItemsResponse<ServiceResponse>>()).Items);

        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/services/{service.Id}")).StatusCode);
        await (await t.Anonymous.GetAsync($"/api/v1/services/{service.Id}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await t.Owner.DeleteAsync($"/api/v1/services/{service.Id}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
    }

    [ServerFact]
    public async Task Services_Create_InvalidFields_ReportsAll()
    {
        var t = await TestTenant.CreateAsync(factory);
        var response = await t.Owner.PostJsonAsync("/api/v1/services",
            new { name = "", durationMinutes = 4, bufferBeforeMinutes = 241, bufferAfterMinutes = -1, priceCents = -5, capacity = 501, slotIntervalMinutes = 1, staffIds = new[] { Guid.NewGuid() } });
        await response.ValidationProblemAsync("name", "durationMinutes", "bufferBeforeMinutes", "bufferAfterMinutes", "priceCents", "capacity", "slotIntervalMinutes", "staffIds[0]");
        Assert.Empty((await (await t.Owner.GetAsync("/api/v1/services")).ReadAsync<ItemsResponse<ServiceResponse>>()).Items);
    }

    [ServerFact]
    public async Task Services_Create_WithoutDuration_IsRequired()
    {
        var t = await TestTenant.CreateAsync(factory);
        await (await t.Owner.PostJsonAsync("/api/v1/services", new { name = "X" })).ValidationProblemAsync("durationMinutes");
    }

    [ServerFact]
    public async Task Services_OfAnotherTenant_AreNotFound()
    {
        var a = await TestTenant.CreateAsync(factory);
        var b = await TestTenant.CreateAsync(factory);
        var (_, service) = await a.AddStaffAndServiceAsync();
        await (await b.Owner.GetAsync($"/api/v1/services/{service.Id}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await b.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { name = "mine" })).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await b.Owner.DeleteAsync($"/api/v1/services/{service.Id}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
    }

    [ServerFact]
    public async Task Staff_CreateGetListPatchDelete_RoundTrip()
    {
        var t = await TestTenant.CreateAsync(factory);
        var created = await t.Owner.PostJsonAsync("/api/v1/staff", new { name = "Sam", email = "sam@example.com" });
        var staff = await created.ReadAsync<StaffResponse>(HttpStatusCode.Created);
        Assert.Equal(new StaffResponse(staff.Id, "Sam", "sam@example.com", TestTenant.Zone, true), staff);
        Assert.Equal($"/api/v1/staff/{staff.Id}", created.Headers.Location?.OriginalString);

        var publicView = await (await t.Anonymous.GetAsync($"/api/v1/staff/{staff.Id}")).ReadAsync<StaffResponse>();
        Assert.Null(publicView.Email);
        Assert.Null(Assert.Single((await (await t.Anonymous.GetAsync("/api/v1/staff")).ReadAsync<ItemsResponse<StaffResponse>>()).Items).Email);
        Assert.Equal("sam@example.com", Assert.Single((await (await t.Owner.GetAsync("/api/v1/staff")).ReadAsync<ItemsResponse<StaffResponse>>()).Items).Email);

        var patched = await (await t.Owner.PatchRawAsync($"/api/v1/staff/{staff.Id}", """{"timeZone":"Australia/Perth","email":null}""")).ReadAsync<StaffResponse>();
        Assert.Equal(new StaffResponse(staff.Id, "Sam", null, "Australia/Perth", true), patched);

        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/staff/{staff.Id}")).StatusCode);
        await (await t.Anonymous.GetAsync($"/api/v1/staff/{staff.Id}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
    }

    [ServerFact]
    public async Task Staff_Delete_TakesThemOffServices()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        (await t.Owner.DeleteAsync($"/api/v1/staff/{staff.Id}")).EnsureSuccessStatusCode();
        Assert.Empty((await (await t.Owner.GetAsync($"/api/v1/services/{service.Id}")).ReadAsync<ServiceResponse>()).StaffIds);
    }

    [ServerFact]
    public async Task Schedule_PutThenGet_RoundTripsWeeklyAndOverrides()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await (await t.Owner.PostJsonAsync("/api/v1/staff", new { name = "Sam" })).ReadAsync<StaffResponse>(HttpStatusCode.Created);
        Assert.Empty((await (await t.Owner.GetAsync($"/api/v1/staff/{staff.Id}/schedule")).ReadAsync<ScheduleDto>()).Weekly!.Monday!);

        var body = new
        {
            weekly = new { monday = new[] { new { start = "09:00", end = "12:00" }, new { start = "13:00", end = "24:00" } }, friday = new[] { new { start = "10:00", end = "14:00" } } },
            overrides = new object[] { new { date = "2030-01-02", intervals = Array.Empty<object>() }, new { date = "2030-01-01", intervals = new[] { new { start = "08:00", end = "09:30" } } } },
        };
        var put = await (await t.Owner.PutJsonAsync($"/api/v1/staff/{staff.Id}/schedule", body)).ReadAsync<ScheduleDto>();
        var got = await (await t.Owner.GetAsync($"/api/v1/staff/{staff.Id}/schedule")).ReadAsync<ScheduleDto>();
        foreach (var schedule in new[] { put, got })
        {
            Assert.Equal([new("09:00", "12:00"), new("13:00", "24:00")], schedule.Weekly!.Monday!);
            Assert.Equal([new("10:00", "14:00")], schedule.Weekly.Friday!);
            Assert.Empty(schedule.Weekly.Sunday!);
            Assert.Equal([new DateOnly(2030, 1, 1), new DateOnly(2030, 1, 2)], schedule.Overrides!.Select(o => o.Date!.Value));
            Assert.Empty(schedule.Overrides![1].Intervals!);
        }
    }

    [ServerFact]
    public async Task Schedule_Invalid_ReportsEveryProblem()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();
        var body = new
        {
            weekly = new { monday = new[] { new { start = "9am", end = "25:00" } }, tuesday = new[] { new { start = "10:00", end = "09:00" } } },
            overrides = new object[] { new { intervals = Array.Empty<object>() } },
        };
        await (await t.Owner.PutJsonAsync($"/api/v1/staff/{staff.Id}/schedule", body))
            .ValidationProblemAsync("weekly.monday[0].start", "weekly.monday[0].end", "overrides[0].date");

        var overlapping = new { weekly = new { monday = new[] { new { start = "09:00", end = "12:00" }, new { start = "11:00", end = "13:00" } } } };
        await (await t.Owner.PutJsonAsync($"/api/v1/staff/{staff.Id}/schedule", overlapping)).ValidationProblemAsync();

        var unchanged = await (await t.Owner.GetAsync($"/api/v1/staff/{staff.Id}/schedule")).ReadAsync<ScheduleDto>();
        Assert.Equal([new("09:00", "17:00")], unchanged.Weekly!.Monday!);
    }

    [ServerFact]
    public async Task TimeOff_AddListDelete_AndBlocksAvailability()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        var slots = await t.SlotsAsync(service.Id);
        Assert.Equal(8, slots.Count);

        var created = await t.Owner.PostJsonAsync($"/api/v1/staff/{staff.Id}/time-off", new TimeOffRequest(slots[0].Start, slots[3].Start, "Dentist"));
        var timeOff = await created.ReadAsync<TimeOffResponse>(HttpStatusCode.Created);
        Assert.Equal(slots[0].Start, timeOff.Start);
        Assert.Equal(slots[0].Start.Offset, timeOff.Start.Offset);
        Assert.Equal("Dentist", timeOff.Reason);
        Assert.Equal(5, (await t.SlotsAsync(service.Id)).Count);

        var list = await (await t.Owner.GetAsync($"/api/v1/staff/{staff.Id}/time-off")).ReadAsync<ItemsResponse<TimeOffResponse>>();
        Assert.Equal(timeOff.Id, Assert.Single(list.Items).Id);

        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/staff/{staff.Id}/time-off/{timeOff.Id}")).StatusCode);
        Assert.Equal(8, (await t.SlotsAsync(service.Id)).Count);
        await (await t.Owner.DeleteAsync($"/api/v1/staff/{staff.Id}/time-off/{timeOff.Id}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
    }

    [ServerFact]
    public async Task TimeOff_Invalid_IsValidationFailed()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();
        var start = new DateTimeOffset(2030, 1, 1, 10, 0, 0, TimeSpan.FromHours(11));
        await (await t.Owner.PostJsonAsync($"/api/v1/staff/{staff.Id}/time-off", new TimeOffRequest(start, start.AddHours(-1), null))).ValidationProblemAsync("end");
        await (await t.Owner.PostJsonAsync($"/api/v1/staff/{staff.Id}/time-off", new { reason = "x" })).ValidationProblemAsync("start", "end");
        await (await t.Owner.PostJsonAsync($"/api/v1/staff/{Guid.NewGuid()}/time-off", new TimeOffRequest(start, start.AddHours(1), null)))
            .ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
    }
}

[Collection(ApiTests.Name)]
public sealed class InMemoryCatalogEndpointsTests(ApiFactory factory) : CatalogEndpointsTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresCatalogEndpointsTests(PostgresApiFactory factory) : CatalogEndpointsTests(factory);
