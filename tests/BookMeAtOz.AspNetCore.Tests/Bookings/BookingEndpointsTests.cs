using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Bookings;

public abstract class BookingEndpointsTests(ApiFactory factory)
{
    [ServerFact]
    public async Task Availability_OneDay_OffersWorkingHoursInTenantZone()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        var day = TestTenant.Day();
        var response = await (await t.Anonymous.GetAsync($"/api/v1/availability?serviceId={service.Id}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}"))
            .ReadAsync<AvailabilityResponse>();

        Assert.Equal(service.Id, response.ServiceId);
        Assert.Equal(TestTenant.Zone, response.TimeZone);
        Assert.Equal(Enumerable.Range(9, 8), response.Slots.Select(s => s.Start.Hour));
        Assert.All(response.Slots, s => Assert.Equal([staff.Id], response.StaffOf(s).Select(x => x.Id)));
        Assert.All(response.Slots, s => Assert.Equal(1, s.SeatsLeft));
        Assert.All(response.Slots, s => Assert.Equal(s.Start.AddHours(1), s.End));
    }

    [ServerFact]
    public async Task Availability_InRequestedZone_UsesItsDatesAndOffsets()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var day = TestTenant.Day();
        var response = await (await t.Anonymous.GetAsync(
            $"/api/v1/availability?serviceId={service.Id}&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}&timeZone=Asia/Kolkata")).ReadAsync<AvailabilityResponse>();
        Assert.Equal("Asia/Kolkata", response.TimeZone);
        Assert.All(response.Slots, s => Assert.Equal(TimeSpan.FromHours(5.5), s.Start.Offset));
    }

    [ServerFact]
    public async Task Availability_BadQuery_ReportsEveryParameter()
    {
        var t = await TestTenant.CreateAsync(factory);
        await (await t.Anonymous.GetAsync("/api/v1/availability?serviceId=nope&from=2030-02-30&to=tomorrow&staffId=1&timeZone=Mars/Base"))
            .ValidationProblemAsync("serviceId", "from", "to", "staffId", "timeZone");
        await (await t.Anonymous.GetAsync("/api/v1/availability")).ValidationProblemAsync("serviceId", "from", "to");
    }

    [ServerFact]
    public async Task Availability_RangeOver62Days_IsValidationFailed()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        await (await t.Anonymous.GetAsync($"/api/v1/availability?serviceId={service.Id}&from=2030-01-01&to=2030-03-04")).ValidationProblemAsync("to");
        await (await t.Anonymous.GetAsync($"/api/v1/availability?serviceId={service.Id}&from=2030-01-02&to=2030-01-01")).ValidationProblemAsync("to");
    }

    [ServerFact]
    public async Task Availability_UnknownServiceOrStaff_IsNotFound()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        await (await t.Anonymous.GetAsync($"/api/v1/availability?serviceId={Guid.NewGuid()}&from=2030-01-01&to=2030-01-01"))
            .ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await t.Anonymous.GetAsync($"/api/v1/availability?serviceId={service.Id}&from=2030-01-01&to=2030-01-01&staffId={Guid.NewGuid()}"))
            .ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
    }

    [ServerFact]
    public async Task Create_OfferedSlot_Returns201WithLocationAndManageTokenOnce()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        var slot = (await t.SlotsAsync(service.Id))[2];

        var response = await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slot.Start));
        var booking = await response.ReadAsync<BookingResponse>(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/bookings/{booking.Id}", response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.Contains("Idempotent-Replayed"));
        Assert.False(string.IsNullOrEmpty(booking.ManageToken));
        Assert.Equal(staff.Id, booking.StaffId);
        Assert.Equal("confirmed", booking.Status);
        Assert.Equal(slot.Start, booking.Start);
        Assert.Equal(slot.Start.Offset, booking.Start.Offset);
        Assert.Equal(slot.End, booking.End);
        Assert.Equal(new CustomerDto("Jamie Citizen", "jamie@example.com", "+61 400 000 000"), booking.Customer);

        var fetched = await t.Anonymous.SendAsync(WithToken(HttpMethod.Get, $"/api/v1/bookings/{booking.Id}", booking.ManageToken!));
        var text = await fetched.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.DoesNotContain("manageToken", text, StringComparison.Ordinal);
        Assert.DoesNotContain(slot.Start, (await t.SlotsAsync(service.Id)).Select(s => s.Start));
    }

    [ServerFact]
    public async Task Create_SameSlotTwice_SecondIsSlotUnavailable()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slot = (await t.SlotsAsync(service.Id))[0];
        await t.BookAsync(service.Id, slot.Start);
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slot.Start)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
    }

    [ServerFact]
    public async Task Create_TimeNotOffered_IsSlotUnavailable()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slot = (await t.SlotsAsync(service.Id))[0];
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slot.Start.AddMinutes(-60))))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slot.Start.AddMinutes(10))))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
    }

    [ServerFact]
    public async Task Create_ConcurrentRequestsForOneSlot_ExactlyOneWins()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slot = (await t.SlotsAsync(service.Id))[4];

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            factory.Client(t.Slug).PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slot.Start))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        }

        var page = await (await t.Owner.GetAsync("/api/v1/bookings")).ReadAsync<PageResponse<BookingResponse>>();
        Assert.Single(page.Items);
    }

    [ServerFact]
    public async Task Create_WithIdempotencyKey_ReplaysFirstResponse()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slot = (await t.SlotsAsync(service.Id))[1];
        var body = TestTenant.Booking(service.Id, slot.Start);

        var first = await Send(t, body, "key-1");
        var firstText = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var again = await Send(t, body with { Start = slot.Start.ToUniversalTime() }, "key-1");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", Assert.Single(again.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(firstText, await again.Content.ReadAsStringAsync());

        await (await Send(t, body with { Notes = "different" }, "key-1")).ProblemAsync(HttpStatusCode.UnprocessableEntity, ApiProblemCodes.IdempotencyKeyReused);
        Assert.Single((await (await t.Owner.GetAsync("/api/v1/bookings")).ReadAsync<PageResponse<BookingResponse>>()).Items);
    }

    [ServerFact]
    public async Task Create_ConcurrentRepeatsOfOneKey_BookOnceAndReplay()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slot = (await t.SlotsAsync(service.Id))[1];
        var body = TestTenant.Booking(service.Id, slot.Start);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Send(t, body, "same-key")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.ReadAsync<BookingResponse>(HttpStatusCode.Created)).Id));
        Assert.Single(ids.Distinct());
        Assert.Equal(7, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
    }

    [ServerFact]
    public async Task Create_RefusedWithKey_ReplaysTheRefusal()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slot = (await t.SlotsAsync(service.Id))[0];
        await t.BookAsync(service.Id, slot.Start);
        var body = TestTenant.Booking(service.Id, slot.Start) with { Notes = "second" };

        await (await Send(t, body, "refused")).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        var replay = await Send(t, body, "refused");
        await replay.ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
    }

    [ServerFact]
    public async Task Create_InvalidBody_ReportsEveryField()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slot = (await t.SlotsAsync(service.Id))[0];
        var response = await t.Anonymous.PostJsonAsync("/api/v1/bookings", new
        {
            serviceId = service.Id,
            start = slot.Start.AddSeconds(30),
            customer = new { name = "", email = "nope", phone = "call me" },
            notes = new string('n', 2001),
        });
        await response.ValidationProblemAsync("start", "customer.name", "customer.email", "customer.phone", "notes");
        await (await Send(t, TestTenant.Booking(service.Id, slot.Start), new string('k', 201))).ValidationProblemAsync("Idempotency-Key");
    }

    [ServerFact]
    public async Task Create_UnknownServiceOrStaff_IsNotFound()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slot = (await t.SlotsAsync(service.Id))[0];
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(Guid.NewGuid(), slot.Start))).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slot.Start, Guid.NewGuid()))).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
    }

    [ServerFact]
    public async Task Cancel_WithManageToken_FreesSlotAndIsIdempotent()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slot = (await t.SlotsAsync(service.Id))[3];
        var booking = await t.BookAsync(service.Id, slot.Start);

        var cancel = WithToken(HttpMethod.Post, $"/api/v1/bookings/{booking.Id}/cancel", booking.ManageToken!);
        cancel.Content = System.Net.Http.Json.JsonContent.Create(new CancelBookingRequest("Changed plans"));
        var cancelled = await (await t.Anonymous.SendAsync(cancel)).ReadAsync<BookingResponse>();
        Assert.Equal("cancelled", cancelled.Status);
        Assert.Equal("Changed plans", cancelled.CancelReason);
        Assert.NotNull(cancelled.CancelledAt);
        Assert.Contains(slot.Start, (await t.SlotsAsync(service.Id)).Select(s => s.Start));

        var again = await (await t.Anonymous.SendAsync(WithToken(HttpMethod.Post, $"/api/v1/bookings/{booking.Id}/cancel", booking.ManageToken!)))
            .ReadAsync<BookingResponse>();
        Assert.Equal(cancelled.CancelledAt, again.CancelledAt);
    }

    [ServerFact]
    public async Task Cancel_CustomerInsideCancellationNotice_IsRefusedButAdminMay()
    {
        var t = await TestTenant.CreateAsync(factory);
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { cancellationNoticeMinutes = 60 * 24 * 30 } })).EnsureSuccessStatusCode();
        var (_, service) = await t.AddStaffAndServiceAsync();
        var booking = await t.BookAsync(service.Id, (await t.SlotsAsync(service.Id))[0].Start);

        await (await t.Anonymous.SendAsync(WithToken(HttpMethod.Post, $"/api/v1/bookings/{booking.Id}/cancel", booking.ManageToken!)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.CancellationWindowPassed);
        Assert.Equal("cancelled", (await (await t.Owner.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null)).ReadAsync<BookingResponse>()).Status);
    }

    [ServerFact]
    public async Task Reschedule_ToFreeSlot_MovesAtomically()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slots = await t.SlotsAsync(service.Id);
        var booking = await t.BookAsync(service.Id, slots[0].Start);
        var other = await t.BookAsync(service.Id, slots[2].Start);

        var request = WithToken(HttpMethod.Post, $"/api/v1/bookings/{booking.Id}/reschedule", booking.ManageToken!);
        request.Content = System.Net.Http.Json.JsonContent.Create(new RescheduleBookingRequest(slots[5].Start, null), options: Api.Json);
        var moved = await (await t.Anonymous.SendAsync(request)).ReadAsync<BookingResponse>();
        Assert.Equal(slots[5].Start, moved.Start);
        var free = (await t.SlotsAsync(service.Id)).Select(s => s.Start).ToList();
        Assert.Contains(slots[0].Start, free);
        Assert.DoesNotContain(slots[5].Start, free);

        await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/reschedule", new RescheduleBookingRequest(other.Start, null)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        Assert.Equal(slots[5].Start, (await (await t.Owner.GetAsync($"/api/v1/bookings/{booking.Id}")).ReadAsync<BookingResponse>()).Start);
        await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/reschedule", new { })).ValidationProblemAsync("start");
    }

    [ServerFact]
    public async Task List_PagesWithCursor_AndFilters()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slots = await t.SlotsAsync(service.Id);
        var booked = new List<BookingResponse>();
        foreach (var slot in slots.Take(5))
        {
            booked.Add(await t.BookAsync(service.Id, slot.Start));
        }

        (await t.Owner.PostAsync($"/api/v1/bookings/{booked[4].Id}/cancel", null)).EnsureSuccessStatusCode();
        var day = TestTenant.Day().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var first = await (await t.Owner.GetAsync($"/api/v1/bookings?from={day}&to={day}&limit=2")).ReadAsync<PageResponse<BookingResponse>>();
        Assert.Equal(booked.Take(2).Select(b => b.Id), first.Items.Select(b => b.Id));
        Assert.NotNull(first.NextCursor);
        var second = await (await t.Owner.GetAsync($"/api/v1/bookings?from={day}&to={day}&limit=2&cursor={Uri.EscapeDataString(first.NextCursor!)}"))
            .ReadAsync<PageResponse<BookingResponse>>();
        Assert.Equal(booked.Skip(2).Take(2).Select(b => b.Id), second.Items.Select(b => b.Id));

        var cancelled = await (await t.Owner.GetAsync("/api/v1/bookings?status=cancelled")).ReadAsync<PageResponse<BookingResponse>>();
        Assert.Equal(booked[4].Id, Assert.Single(cancelled.Items).Id);
        Assert.Null(cancelled.NextCursor);
        Assert.Empty((await (await t.Owner.GetAsync("/api/v1/bookings?from=2020-01-01&to=2020-01-31")).ReadAsync<PageResponse<BookingResponse>>()).Items);

        await (await t.Owner.GetAsync("/api/v1/bookings?limit=0&status=maybe&cursor=zzz&from=x")).ValidationProblemAsync("limit", "status", "from");
        await (await t.Owner.GetAsync("/api/v1/bookings?cursor=zzz")).ValidationProblemAsync("cursor");
        await (await t.Owner.GetAsync("/api/v1/bookings?limit=201")).ValidationProblemAsync("limit");
    }

    [ServerFact]
    public async Task Ics_ForBooking_IsCalendarEvent()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var booking = await t.BookAsync(service.Id, (await t.SlotsAsync(service.Id))[0].Start);

        var response = await t.Anonymous.SendAsync(WithToken(HttpMethod.Get, $"/api/v1/bookings/{booking.Id}/ics", booking.ManageToken!));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"UID:{booking.Id}@bookmeatoz", text, StringComparison.Ordinal);
        Assert.Contains($"DTSTART:{booking.Start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}", text, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Haircut with Alex", text, StringComparison.Ordinal);
        Assert.Contains("STATUS:CONFIRMED", text, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", text, StringComparison.Ordinal);
    }

    [ServerFact]
    public async Task Get_UnknownBooking_IsNotFound()
    {
        var t = await TestTenant.CreateAsync(factory);
        await (await t.Owner.GetAsync($"/api/v1/bookings/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await t.Owner.GetAsync("/api/v1/bookings/not-a-uuid")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
    }

    [ServerFact]
    public async Task GroupService_SharesSessionUntilFull()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync(capacity: 3);
        var slot = (await t.SlotsAsync(service.Id))[0];
        Assert.Equal(3, slot.SeatsLeft);
        for (var i = 0; i < 3; i++)
        {
            await t.BookAsync(service.Id, slot.Start);
        }

        Assert.DoesNotContain(slot.Start, (await t.SlotsAsync(service.Id)).Select(s => s.Start));
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slot.Start)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
    }

    private static Task<HttpResponseMessage> Send(TestTenant t, CreateBookingRequest body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = System.Net.Http.Json.JsonContent.Create(body, options: Api.Json) };
        request.Headers.Add("Idempotency-Key", key);
        return t.Anonymous.SendAsync(request);
    }

    internal static HttpRequestMessage WithToken(HttpMethod method, string url, string token)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Manage-Token", token);
        return request;
    }
}

[Collection(ApiTests.Name)]
public sealed class InMemoryBookingEndpointsTests(ApiFactory factory) : BookingEndpointsTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresBookingEndpointsTests(PostgresApiFactory factory) : BookingEndpointsTests(factory);
