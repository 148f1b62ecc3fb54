using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Bookings;

/// <summary>
/// Checkout holds (SPEC §9.1) over HTTP, on both stores. Each store's class has a host of its own (its clock is shifted
/// to let holds lapse, and the hold route keeps its default rate limit); each test sends from an address of its own.
/// </summary>
public abstract class HoldEndpointsTests(ApiFactory factory)
{
    private static int _address;

    /// <summary>A client of the tenant whose requests come from an address no other test uses (the hold limit is per address).</summary>
    private static HttpClient From(TestTenant t)
    {
        var client = t.Factory.Client(t.Slug);
        client.DefaultRequestHeaders.Add(ApiFactory.ClientIpHeader, $"198.51.{Interlocked.Increment(ref _address) / 250}.{_address % 250 + 1}");
        return client;
    }

    private static async Task<(HttpResponseMessage Response, HoldResponse Hold)> HoldAsync(HttpClient client, Guid serviceId, DateTimeOffset start, Guid? staffId = null)
    {
        var response = await client.PostJsonAsync("/api/v1/holds", new CreateHoldRequest(serviceId, start, staffId));
        return (response, await response.ReadAsync<HoldResponse>(HttpStatusCode.Created));
    }

    private static CreateBookingRequest BookingOf(Guid serviceId, DateTimeOffset start, Guid holdId) =>
        TestTenant.Booking(serviceId, start) with { HoldId = holdId };

    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [ServerFact]
    public async Task Hold_BlocksTheSlot_IsNoBooking_ThenIsBookedInPlace_Once()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        var guest = From(t);
        var slot = (await t.SlotsAsync(service.Id))[2];

        var before = factory.Clock.GetUtcNow();
        var (response, hold) = await HoldAsync(guest, service.Id, slot.Start);
        Assert.EndsWith($"/api/v1/holds/{hold.Id}", response.Headers.Location?.ToString());
        Assert.Equal((slot.Start, slot.End, staff.Id), (hold.Start, hold.End, hold.StaffId));
        Assert.Equal(slot.Start.Offset, hold.ExpiresAt.Offset);
        Assert.InRange(hold.ExpiresAt, before.AddMinutes(10).AddSeconds(-1), factory.Clock.GetUtcNow().AddMinutes(10).AddSeconds(1));

        // It occupies like a booking, but is none: not listed, not found.
        Assert.DoesNotContain(slot.Start, (await t.SlotsAsync(service.Id)).Select(s => s.Start));
        await (await guest.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slot.Start))).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        await (await guest.PostJsonAsync("/api/v1/holds", new CreateHoldRequest(service.Id, slot.Start))).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        await (await t.Owner.GetAsync($"/api/v1/bookings/{hold.Id}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{hold.Id}/cancel", new CancelBookingRequest(null))).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        var day = D(TestTenant.Day());
        Assert.Empty((await (await t.Owner.GetAsync($"/api/v1/bookings?from={day}&to={day}")).ReadAsync<PageResponse<BookingResponse>>()).Items);

        var booked = await (await guest.PostJsonAsync("/api/v1/bookings", BookingOf(service.Id, slot.Start, hold.Id))).ReadAsync<BookingResponse>(HttpStatusCode.Created);
        Assert.Equal((hold.Id, "confirmed", staff.Id, slot.Start), (booked.Id, booked.Status, booked.StaffId, booked.Start));
        Assert.NotNull(booked.ManageToken);
        Assert.Equal("confirmed", (await (await t.Owner.GetAsync($"/api/v1/bookings/{hold.Id}")).ReadAsync<BookingResponse>()).Status);
        Assert.Equal([hold.Id], (await (await t.Owner.GetAsync($"/api/v1/bookings?from={day}&to={day}")).ReadAsync<PageResponse<BookingResponse>>()).Items.Select(b => b.Id));

        // Used: booking it again is hold_expired; releasing it changes nothing.
        await (await guest.PostJsonAsync("/api/v1/bookings", BookingOf(service.Id, slot.Start, hold.Id))).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.HoldExpired);
        Assert.Equal(HttpStatusCode.NoContent, (await guest.DeleteAsync($"/api/v1/holds/{hold.Id}")).StatusCode);
        Assert.Equal("confirmed", (await (await t.Owner.GetAsync($"/api/v1/bookings/{hold.Id}")).ReadAsync<BookingResponse>()).Status);
        Assert.DoesNotContain(slot.Start, (await t.SlotsAsync(service.Id)).Select(s => s.Start));
    }

    [ServerFact]
    public async Task BookingAHold_MustRepeatItsServiceAndStart_AndAnUnknownHoldIsExpired()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var other = await t.AddServiceAsync([(await t.AddStaffAsync("Sam")).Id], name: "Colour");
        var guest = From(t);
        var slots = await t.SlotsAsync(service.Id);
        var (_, hold) = await HoldAsync(guest, service.Id, slots[0].Start);

        await (await guest.PostJsonAsync("/api/v1/bookings", BookingOf(service.Id, slots[1].Start, hold.Id))).ValidationProblemAsync("start");
        await (await guest.PostJsonAsync("/api/v1/bookings", BookingOf(other.Id, slots[0].Start, hold.Id))).ValidationProblemAsync("serviceId");
        await (await guest.PostJsonAsync("/api/v1/bookings", BookingOf(service.Id, slots[0].Start, hold.Id) with { StaffId = Guid.NewGuid() })).ValidationProblemAsync("staffId");
        await (await guest.PostJsonAsync("/api/v1/bookings", BookingOf(Guid.Empty, slots[0].Start, hold.Id) with { ServiceId = null })).ValidationProblemAsync("serviceId");
        await (await guest.PostJsonAsync("/api/v1/bookings", BookingOf(service.Id, slots[0].Start, hold.Id) with { Start = null })).ValidationProblemAsync("start");
        await (await guest.PostJsonAsync("/api/v1/bookings", BookingOf(service.Id, slots[0].Start, Guid.NewGuid()))).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.HoldExpired);
        await (await guest.PostJsonAsync("/api/v1/holds", new { serviceId = service.Id })).ValidationProblemAsync("start");
        await (await guest.PostJsonAsync("/api/v1/holds", new { serviceId = service.Id, start = slots[0].Start, extra = 1 })).ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);
        await (await guest.PostJsonAsync("/api/v1/holds", new CreateHoldRequest(Guid.NewGuid(), slots[3].Start))).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);

        // Nothing above used the hold: it books.
        await (await guest.PostJsonAsync("/api/v1/bookings", BookingOf(service.Id, slots[0].Start, hold.Id))).ReadAsync<BookingResponse>(HttpStatusCode.Created);
    }

    [ServerFact]
    public async Task Release_FreesAtOnce_IsIdempotent_AndTheHoldCannotBeBookedAfter()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var guest = From(t);
        var slot = (await t.SlotsAsync(service.Id))[1];
        var (_, hold) = await HoldAsync(guest, service.Id, slot.Start);

        Assert.Equal(HttpStatusCode.NoContent, (await guest.DeleteAsync($"/api/v1/holds/{hold.Id}")).StatusCode);
        Assert.Contains(slot.Start, (await t.SlotsAsync(service.Id)).Select(s => s.Start));
        Assert.Equal(HttpStatusCode.NoContent, (await guest.DeleteAsync($"/api/v1/holds/{hold.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await guest.DeleteAsync($"/api/v1/holds/{Guid.NewGuid()}")).StatusCode);
        await (await guest.PostJsonAsync("/api/v1/bookings", BookingOf(service.Id, slot.Start, hold.Id))).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.HoldExpired);
        await t.BookAsync(service.Id, slot.Start);
    }

    [ServerFact]
    public async Task LapsedHold_IsOfferedAgain_AndBooksNormally_ButNotThroughTheHold()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync(capacity: 2);
        var guest = From(t);
        var slot = (await t.SlotsAsync(service.Id))[4];
        var (_, first) = await HoldAsync(guest, service.Id, slot.Start);
        var (_, second) = await HoldAsync(guest, service.Id, slot.Start);
        Assert.DoesNotContain(slot.Start, (await t.SlotsAsync(service.Id)).Select(s => s.Start));
        await (await guest.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slot.Start))).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);

        factory.Clock.Offset = TimeSpan.FromMinutes(10);
        try
        {
            Assert.Equal(2, Assert.Single(await t.SlotsAsync(service.Id), s => s.Start == slot.Start).SeatsLeft);
            await (await guest.PostJsonAsync("/api/v1/bookings", BookingOf(service.Id, slot.Start, first.Id))).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.HoldExpired);
            await t.BookAsync(service.Id, slot.Start);
            await t.BookAsync(service.Id, slot.Start);
            await (await guest.PostJsonAsync("/api/v1/bookings", BookingOf(service.Id, slot.Start, second.Id))).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.HoldExpired);
            Assert.DoesNotContain(slot.Start, (await t.SlotsAsync(service.Id)).Select(s => s.Start));
        }
        finally
        {
            factory.Clock.Offset = TimeSpan.Zero;
        }
    }

    [ServerFact]
    public async Task HoldMinutes_IsAPolicyField_1To60()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        Assert.Equal(10, (await (await t.Anonymous.GetAsync("/api/v1/tenant")).ReadAsync<TenantResponse>()).Policy.HoldMinutes);

        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { holdMinutes = 0 } })).ValidationProblemAsync("policy.holdMinutes");
        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { holdMinutes = 61 } })).ValidationProblemAsync("policy.holdMinutes");
        await (await t.Anonymous.PatchJsonAsync("/api/v1/tenant", new { policy = new { holdMinutes = 20 } })).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        Assert.Equal(10, (await (await t.Anonymous.GetAsync("/api/v1/tenant")).ReadAsync<TenantResponse>()).Policy.HoldMinutes);

        var patched = await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { holdMinutes = 25 } })).ReadAsync<TenantResponse>();
        Assert.Equal((25, 0), (patched.Policy.HoldMinutes, patched.Policy.MinNoticeMinutes));
        var before = factory.Clock.GetUtcNow();
        var (_, hold) = await HoldAsync(From(t), service.Id, (await t.SlotsAsync(service.Id))[0].Start);
        Assert.InRange(hold.ExpiresAt, before.AddMinutes(25).AddSeconds(-1), factory.Clock.GetUtcNow().AddMinutes(25).AddSeconds(1));
    }

    [ServerFact]
    public async Task Holds_AreCheckedLikeBookings_NoticeAndStaffDayLimit()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        var guest = From(t);
        var slots = await t.SlotsAsync(service.Id);
        await (await guest.PostJsonAsync("/api/v1/holds", new CreateHoldRequest(service.Id, slots[0].Start.AddMinutes(7)))).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        await (await guest.PostJsonAsync("/api/v1/holds", new CreateHoldRequest(service.Id, slots[0].Start.AddDays(-8)))).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);

        (await t.Owner.PatchJsonAsync($"/api/v1/staff/{staff.Id}", new { maxBookingsPerDay = 1 })).EnsureSuccessStatusCode();
        await HoldAsync(guest, service.Id, slots[0].Start);
        await (await guest.PostJsonAsync("/api/v1/holds", new CreateHoldRequest(service.Id, slots[3].Start))).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.BookingLimitReached);
        await (await guest.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slots[3].Start))).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.BookingLimitReached);
    }

    [ServerFact]
    public async Task Holds_AreRateLimitedPerAddress_30AMinuteByDefault()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var guest = From(t);
        var slots = await t.SlotsAsync(service.Id);
        for (var i = 0; i < 30; i++)
        {
            var status = (await guest.PostJsonAsync("/api/v1/holds", new CreateHoldRequest(service.Id, slots[i % slots.Count].Start))).StatusCode;
            Assert.True(status is HttpStatusCode.Created or HttpStatusCode.Conflict, status.ToString());
        }

        var refused = await guest.PostJsonAsync("/api/v1/holds", new CreateHoldRequest(service.Id, slots[0].Start));
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests, ApiProblemCodes.RateLimited);
        Assert.NotNull(refused.Headers.RetryAfter);
        var free = (await t.SlotsAsync(service.Id, TestTenant.Day(8)))[0];
        Assert.Equal(HttpStatusCode.Created, (await From(t).PostJsonAsync("/api/v1/holds", new CreateHoldRequest(service.Id, free.Start))).StatusCode);
    }
}

/// <summary>A host whose hold route keeps its default rate limit.</summary>
public sealed class HoldApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings.Remove("BookMeAtOz:RateLimiting:Holds:PermitLimit");
            return settings;
        }
    }
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class HoldPostgresApiFactory : PostgresApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings.Remove("BookMeAtOz:RateLimiting:Holds:PermitLimit");
            return settings;
        }
    }
}

public sealed class InMemoryHoldEndpointsTests(HoldApiFactory factory) : HoldEndpointsTests(factory), IClassFixture<HoldApiFactory>;

[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresHoldEndpointsTests(HoldPostgresApiFactory factory) : HoldEndpointsTests(factory), IClassFixture<HoldPostgresApiFactory>;
