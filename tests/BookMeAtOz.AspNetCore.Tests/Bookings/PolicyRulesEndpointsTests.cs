using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Bookings;

/// <summary>Closures, reschedule rules and booking limits (SPEC §9.5) over HTTP, on both stores.</summary>
public abstract class PolicyRulesEndpointsTests(ApiFactory factory)
{
    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<HttpResponseMessage> AsGuest(TestTenant t, BookingResponse booking, string action, object body)
    {
        var request = BookingEndpointsTests.WithToken(HttpMethod.Post, $"/api/v1/bookings/{booking.Id}/{action}", booking.ManageToken!);
        request.Content = System.Net.Http.Json.JsonContent.Create(body, options: Api.Json);
        return await t.Anonymous.SendAsync(request);
    }

    private static async Task<BookingResponse> GetAsync(TestTenant t, Guid id) =>
        await (await t.Owner.GetAsync($"/api/v1/bookings/{id}")).ReadAsync<BookingResponse>();

    [ServerFact]
    public async Task Closure_OffersNothingOnItsDates_RefusesBookingAndReschedule_ListsButKeepsExistingBookings_UntilRemoved()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var day = TestTenant.Day();
        var slots = await t.SlotsAsync(service.Id, day);
        var booked = await t.BookAsync(service.Id, slots[0].Start);
        var nextDaySlots = await t.SlotsAsync(service.Id, day.AddDays(1));
        var elsewhere = await t.BookAsync(service.Id, nextDaySlots[0].Start);

        var response = await t.Owner.PostJsonAsync("/api/v1/closures", new ClosureRequest(day, day, "Stocktake"));
        var closure = await response.ReadAsync<ClosureCreatedResponse>(HttpStatusCode.Created);
        Assert.EndsWith($"/api/v1/closures/{closure.Id}", response.Headers.Location?.ToString());
        Assert.Equal((day, day, "Stocktake"), (closure.From, closure.To, closure.Reason));
        Assert.Equal([booked.Id], closure.AffectedBookings.Select(b => b.Id));
        Assert.False(closure.MoreAffectedBookings);
        Assert.Equal("confirmed", (await GetAsync(t, booked.Id)).Status);

        Assert.Empty(await t.SlotsAsync(service.Id, day));
        Assert.NotEmpty(await t.SlotsAsync(service.Id, day.AddDays(1)));
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slots[3].Start)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{elsewhere.Id}/reschedule", new RescheduleBookingRequest(slots[3].Start, null)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        Assert.Equal(elsewhere.Start, (await GetAsync(t, elsewhere.Id)).Start);

        var listed = await (await t.Anonymous.GetAsync("/api/v1/closures")).ReadAsync<ItemsResponse<ClosureResponse>>();
        Assert.Equal([new ClosureResponse(closure.Id, day, day, "Stocktake")], listed.Items);

        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/closures/{closure.Id}")).StatusCode);
        await (await t.Owner.DeleteAsync($"/api/v1/closures/{closure.Id}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        Assert.Contains(slots[3].Start, (await t.SlotsAsync(service.Id, day)).Select(s => s.Start));
        Assert.Empty((await (await t.Anonymous.GetAsync("/api/v1/closures")).ReadAsync<ItemsResponse<ClosureResponse>>()).Items);
    }

    [ServerFact]
    public async Task Closure_BadInput_Is400_AndAddsNothing()
    {
        var t = await TestTenant.CreateAsync(factory);
        var day = TestTenant.Day();

        await (await t.Owner.PostJsonAsync("/api/v1/closures", new ClosureRequest(day, day.AddDays(-1), null))).ValidationProblemAsync("to");
        await (await t.Owner.PostJsonAsync("/api/v1/closures", new ClosureRequest(new DateOnly(1899, 12, 31), day, null))).ValidationProblemAsync("from");
        await (await t.Owner.PostJsonAsync("/api/v1/closures", new ClosureRequest(day, new DateOnly(2201, 1, 1), null))).ValidationProblemAsync("to");
        await (await t.Owner.PostJsonAsync("/api/v1/closures", new ClosureRequest(day, day, new string('x', 2001)))).ValidationProblemAsync("reason");
        await (await t.Owner.PostJsonAsync("/api/v1/closures", new { to = D(day) })).ValidationProblemAsync("from");
        await (await t.Owner.PostJsonAsync("/api/v1/closures", new { from = D(day), to = D(day), extra = 1 })).ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);
        await (await t.Owner.PostRawAsync("/api/v1/closures", """{"from":"2027-02-30","to":"2027-03-01"}""")).ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);
        await (await t.Owner.DeleteAsync($"/api/v1/closures/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);

        Assert.Empty((await (await t.Anonymous.GetAsync("/api/v1/closures")).ReadAsync<ItemsResponse<ClosureResponse>>()).Items);
    }

    [ServerFact]
    public async Task Reschedule_GuestInsideTheRescheduleNotice_Is409_WhileCancellingFollowsItsOwnNotice_AndAdminsMay()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slots = await t.SlotsAsync(service.Id);
        var booking = await t.BookAsync(service.Id, slots[0].Start);
        // The booking is a week ahead: a ten-day reschedule notice has passed, the cancellation notice (0) has not.
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { rescheduleNoticeMinutes = 14_400 } })).EnsureSuccessStatusCode();

        await (await AsGuest(t, booking, "reschedule", new RescheduleBookingRequest(slots[2].Start, null)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.RescheduleWindowPassed);
        Assert.Equal(slots[0].Start, (await GetAsync(t, booking.Id)).Start);
        var moved = await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/reschedule", new RescheduleBookingRequest(slots[2].Start, null)))
            .ReadAsync<BookingResponse>();
        Assert.Equal(slots[2].Start, moved.Start);

        // With no reschedule notice of its own, the cancellation notice applies to both; each refusal has its own code.
        var tenant = await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { rescheduleNoticeMinutes = (int?)null, cancellationNoticeMinutes = 14_400 } }))
            .ReadAsync<TenantResponse>();
        Assert.Null(tenant.Policy.RescheduleNoticeMinutes);
        await (await AsGuest(t, booking, "reschedule", new RescheduleBookingRequest(slots[4].Start, null)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.RescheduleWindowPassed);
        await (await AsGuest(t, booking, "cancel", new { })).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.CancellationWindowPassed);

        // A short reschedule notice lets the guest move it even though cancelling is closed.
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { rescheduleNoticeMinutes = 0 } })).EnsureSuccessStatusCode();
        Assert.Equal(slots[4].Start, (await (await AsGuest(t, booking, "reschedule", new RescheduleBookingRequest(slots[4].Start, null))).ReadAsync<BookingResponse>()).Start);
    }

    [ServerFact]
    public async Task Reschedule_GuestPastMaxReschedules_Is409_AdminsAreNotLimited()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slots = await t.SlotsAsync(service.Id);
        var booking = await t.BookAsync(service.Id, slots[0].Start);
        var tenant = await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { maxReschedules = 2 } })).ReadAsync<TenantResponse>();
        Assert.Equal(2, tenant.Policy.MaxReschedules);

        (await AsGuest(t, booking, "reschedule", new RescheduleBookingRequest(slots[1].Start, null))).EnsureSuccessStatusCode();
        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/reschedule", new RescheduleBookingRequest(slots[2].Start, null))).EnsureSuccessStatusCode();
        (await AsGuest(t, booking, "reschedule", new RescheduleBookingRequest(slots[3].Start, null))).EnsureSuccessStatusCode();
        await (await AsGuest(t, booking, "reschedule", new RescheduleBookingRequest(slots[4].Start, null)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.MaxReschedulesReached);
        Assert.Equal(slots[3].Start, (await GetAsync(t, booking.Id)).Start);

        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/reschedule", new RescheduleBookingRequest(slots[5].Start, null))).EnsureSuccessStatusCode();
        (await AsGuest(t, booking, "cancel", new { })).EnsureSuccessStatusCode();
    }

    [ServerFact]
    public async Task Booking_StaffDayFull_Is409BookingLimitReached_OtherDaysAndStaffStillBook()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        var updated = await (await t.Owner.PatchJsonAsync($"/api/v1/staff/{staff.Id}", new { maxBookingsPerDay = 2 })).ReadAsync<StaffResponse>();
        Assert.Equal(2, updated.MaxBookingsPerDay);
        Assert.Equal(2, (await (await t.Anonymous.GetAsync($"/api/v1/staff/{staff.Id}")).ReadAsync<StaffResponse>()).MaxBookingsPerDay);
        var slots = await t.SlotsAsync(service.Id);
        var first = await t.BookAsync(service.Id, slots[0].Start);
        await t.BookAsync(service.Id, slots[2].Start);

        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slots[4].Start)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.BookingLimitReached);
        // Moving a booking within the day does not count it twice; moving one in from another day does count.
        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{first.Id}/reschedule", new RescheduleBookingRequest(slots[5].Start, null))).EnsureSuccessStatusCode();
        var other = await t.BookAsync(service.Id, (await t.SlotsAsync(service.Id, TestTenant.Day(8)))[0].Start);
        await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{other.Id}/reschedule", new RescheduleBookingRequest(slots[6].Start, null)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.BookingLimitReached);
        Assert.Equal(2, (await (await t.Owner.GetAsync($"/api/v1/bookings?from={D(TestTenant.Day())}&to={D(TestTenant.Day())}")).ReadAsync<PageResponse<BookingResponse>>()).Items.Count);

        // Null lifts the limit.
        (await t.Owner.PatchJsonAsync($"/api/v1/staff/{staff.Id}", new { maxBookingsPerDay = (int?)null })).EnsureSuccessStatusCode();
        await t.BookAsync(service.Id, slots[4].Start);
    }

    [ServerFact]
    public async Task Booking_CustomerAtMaxActiveBookings_Is409_EmailInAnyCase_UntilOneIsCancelled()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { maxActiveBookings = 1 } })).EnsureSuccessStatusCode();
        var slots = await t.SlotsAsync(service.Id);
        var first = await t.BookAsync(service.Id, slots[0].Start);

        var shouting = TestTenant.Booking(service.Id, slots[2].Start) with { Customer = new CustomerDto("Jamie", "JAMIE@Example.COM", null) };
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", shouting)).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.BookingLimitReached);
        var someoneElse = TestTenant.Booking(service.Id, slots[3].Start) with { Customer = new CustomerDto("Sam", "sam@example.com", null) };
        (await t.Anonymous.PostJsonAsync("/api/v1/bookings", someoneElse)).EnsureSuccessStatusCode();

        (await AsGuest(t, first, "cancel", new { })).EnsureSuccessStatusCode();
        (await t.Anonymous.PostJsonAsync("/api/v1/bookings", shouting)).EnsureSuccessStatusCode();
    }

    [ServerFact]
    public async Task Booking_ManyAtOnceUnderAStaffDayLimit_NeverPassIt()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        (await t.Owner.PatchJsonAsync($"/api/v1/staff/{staff.Id}", new { maxBookingsPerDay = 3 })).EnsureSuccessStatusCode();
        var slots = await t.SlotsAsync(service.Id);

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => t.Owner.PostJsonAsync("/api/v1/bookings",
            TestTenant.Booking(service.Id, slots[i % slots.Count].Start) with { Customer = new CustomerDto("C", $"c{i}@example.com", null) })));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Equal(3, (await (await t.Owner.GetAsync($"/api/v1/bookings?from={D(TestTenant.Day())}&to={D(TestTenant.Day())}")).ReadAsync<PageResponse<BookingResponse>>()).Items.Count);
    }

    [ServerFact]
    public async Task Policy_And_Staff_LimitsOutOfRange_Are400_AndChangeNothing()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();

        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { maxReschedules = -1 } })).ValidationProblemAsync("policy.maxReschedules");
        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { maxActiveBookings = 0 } })).ValidationProblemAsync("policy.maxActiveBookings");
        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { rescheduleNoticeMinutes = 525_601 } })).ValidationProblemAsync("policy.rescheduleNoticeMinutes");
        await (await t.Owner.PatchJsonAsync($"/api/v1/staff/{staff.Id}", new { maxBookingsPerDay = 0 })).ValidationProblemAsync("maxBookingsPerDay");
        await (await t.Owner.PostJsonAsync("/api/v1/staff", new { name = "Too many", maxBookingsPerDay = 1001 })).ValidationProblemAsync("maxBookingsPerDay");

        var policy = (await (await t.Anonymous.GetAsync("/api/v1/tenant")).ReadAsync<TenantResponse>()).Policy;
        Assert.Equal((null, null, null), (policy.RescheduleNoticeMinutes, policy.MaxReschedules, policy.MaxActiveBookings));
        Assert.Null((await (await t.Anonymous.GetAsync($"/api/v1/staff/{staff.Id}")).ReadAsync<StaffResponse>()).MaxBookingsPerDay);
    }
}

[Collection(ApiTests.Name)]
public sealed class InMemoryPolicyRulesEndpointsTests(ApiFactory factory) : PolicyRulesEndpointsTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresPolicyRulesEndpointsTests(PostgresApiFactory factory) : PolicyRulesEndpointsTests(factory);
