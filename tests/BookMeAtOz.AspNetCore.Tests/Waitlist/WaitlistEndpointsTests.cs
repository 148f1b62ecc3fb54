using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;
using BookMeAtOz.Waitlist;
using Microsoft.Extensions.DependencyInjection;
using JoinWaitlistRequest = BookMeAtOz.Contracts.JoinWaitlistRequest;

namespace BookMeAtOz.AspNetCore.Tests.Waitlist;

/// <summary>
/// The waitlist (product specification §10.4) over HTTP, on both stores. Each store's class has a host of its own whose
/// clock a test shifts to let an offer lapse; offers are made by the host's background processing, so the tests wait
/// for each state with a deadline.
/// </summary>
public abstract class WaitlistEndpointsTests(ApiFactory factory)
{
    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static CustomerDto Waiter(string name) => new(name, $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com", null);

    /// <summary>A tenant whose one staff member works 09:00–11:00 (two one-hour slots a day), both booked on the test day.</summary>
    private async Task<(TestTenant T, ServiceResponse Service, Guid StaffId, IReadOnlyList<BookingResponse> Booked)> FullDayAsync()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();
        IntervalDto[] day = [new("09:00", "11:00")];
        (await t.Owner.PutJsonAsync($"/api/v1/staff/{staff.Id}/schedule",
            new ScheduleDto(new WeeklyHoursDto(day, day, day, day, day, day, day), []))).EnsureSuccessStatusCode();
        var service = await t.AddServiceAsync([staff.Id]);
        var slots = await t.SlotsAsync(service.Id);
        Assert.Equal(2, slots.Count);
        var booked = new List<BookingResponse>();
        foreach (var slot in slots)
        {
            booked.Add(await t.BookAsync(service.Id, slot.Start));
        }

        Assert.Empty(await t.SlotsAsync(service.Id));
        return (t, service, staff.Id, booked);
    }

    private static async Task<WaitlistJoinedResponse> JoinAsync(TestTenant t, Guid serviceId, CustomerDto customer, Guid? staffId = null)
    {
        var day = TestTenant.Day();
        var response = await t.Anonymous.PostJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(serviceId, day, day, staffId, customer));
        var joined = await response.ReadAsync<WaitlistJoinedResponse>(HttpStatusCode.Created);
        Assert.EndsWith($"/api/v1/waitlist/{joined.Id}", response.Headers.Location?.ToString());
        return joined;
    }

    private static async Task<IReadOnlyList<WaitlistEntryResponse>> ListAsync(TestTenant t, string query = "") =>
        (await (await t.Owner.GetAsync("/api/v1/waitlist" + query)).ReadAsync<PageResponse<WaitlistEntryResponse>>()).Items;

    private static async Task<WaitlistEntryResponse> WaitForAsync(TestTenant t, Guid entryId, string status)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            var entry = (await ListAsync(t)).Single(e => e.Id == entryId);
            if (entry.Status == status)
            {
                return entry;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"The entry is still {entry.Status}, not {status}, after 30 s.");
            await Task.Delay(25);
        }
    }

    [ServerFact]
    public async Task Join_ValidatesLikeABooking_AndLeave_NeedsTheEntrysToken()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        var day = TestTenant.Day();
        var customer = Waiter("Wendy");

        await (await t.Anonymous.PostJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(null, day, day, null, customer))).ValidationProblemAsync("serviceId");
        await (await t.Anonymous.PostJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(service.Id, null, day, null, customer))).ValidationProblemAsync("from");
        await (await t.Anonymous.PostJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(service.Id, day, day.AddDays(-1), null, customer))).ValidationProblemAsync("to");
        await (await t.Anonymous.PostJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(service.Id, day, day.AddDays(90), null, customer))).ValidationProblemAsync("to");
        await (await t.Anonymous.PostJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(service.Id, TestTenant.Day(-3), TestTenant.Day(-2), null, customer)))
            .ValidationProblemAsync("to");
        await (await t.Anonymous.PostJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(service.Id, day, day, null, customer with { Email = "nope" })))
            .ValidationProblemAsync("customer.email");
        await (await t.Anonymous.PostJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(service.Id, day, day, null, null))).ValidationProblemAsync("customer");
        await (await t.Anonymous.PostJsonAsync("/api/v1/waitlist", new { serviceId = service.Id, from = D(day), to = D(day), customer, extra = 1 }))
            .ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);
        await (await t.Anonymous.PostJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(Guid.NewGuid(), day, day, null, customer)))
            .ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await t.Anonymous.PostJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(service.Id, day, day, Guid.NewGuid(), customer)))
            .ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        Assert.Empty(await ListAsync(t));

        var joined = await JoinAsync(t, service.Id, customer, staff.Id);
        Assert.True(joined.LeaveToken.Length >= 40);
        var entry = Assert.Single(await ListAsync(t));
        Assert.Equal((joined.Id, service.Id, staff.Id, day, day, customer.Email), (entry.Id, entry.ServiceId, entry.StaffId, entry.From, entry.To, entry.Customer.Email));

        // Only admins list; a wrong token, no token or an unknown id are all the same 404, and change nothing.
        Assert.Equal(HttpStatusCode.Unauthorized, (await t.Anonymous.GetAsync("/api/v1/waitlist")).StatusCode);
        await (await Leave(t, joined.Id, "not-the-token")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await Leave(t, joined.Id, null)).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await Leave(t, Guid.NewGuid(), joined.LeaveToken)).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        Assert.NotEqual("left", Assert.Single(await ListAsync(t)).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await Leave(t, joined.Id, joined.LeaveToken)).StatusCode);
        Assert.Equal("left", Assert.Single(await ListAsync(t)).Status);
        await (await Leave(t, joined.Id, joined.LeaveToken)).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);

        var audit = await (await t.Owner.GetAsync($"/api/v1/audit?entity={joined.Id}")).ReadAsync<PageResponse<AuditEntryResponse>>();
        Assert.Equal(["waitlist.joined", "waitlist.left"], audit.Items.Select(a => a.Action).Order());
        Assert.DoesNotContain(joined.LeaveToken, string.Join(' ', audit.Items.Select(a => a.After.ToString())), StringComparison.Ordinal);
    }

    [ServerFact]
    public async Task List_FiltersByServiceAndStatus_AndPages()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var other = await t.AddServiceAsync([(await t.AddStaffAsync("Sam")).Id], name: "Colour");
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            // Distinct join times (the list's order; ids made in one millisecond may sort either way).
            factory.Clock.Offset += TimeSpan.FromMilliseconds(2);
            ids.Add((await JoinAsync(t, i < 3 ? service.Id : other.Id, Waiter($"W{i}"))).Id);
        }

        factory.Clock.Offset += TimeSpan.FromMilliseconds(2);
        var left = await JoinAsync(t, service.Id, Waiter("Leaver"));
        Assert.Equal(HttpStatusCode.NoContent, (await Leave(t, left.Id, left.LeaveToken)).StatusCode);

        Assert.Equal([.. ids.Take(3), left.Id], (await ListAsync(t, $"?serviceId={service.Id}")).Select(e => e.Id));
        Assert.Equal([left.Id], (await ListAsync(t, "?status=left")).Select(e => e.Id));
        var first = await (await t.Owner.GetAsync("/api/v1/waitlist?limit=4")).ReadAsync<PageResponse<WaitlistEntryResponse>>();
        Assert.Equal(ids.Take(4), first.Items.Select(e => e.Id));
        var second = await (await t.Owner.GetAsync($"/api/v1/waitlist?limit=4&cursor={first.NextCursor}")).ReadAsync<PageResponse<WaitlistEntryResponse>>();
        Assert.Equal([ids[4], left.Id], second.Items.Select(e => e.Id));
        Assert.Null(second.NextCursor);
        await (await t.Owner.GetAsync("/api/v1/waitlist?status=nope")).ValidationProblemAsync("status");
        await (await t.Owner.GetAsync("/api/v1/waitlist?limit=0")).ValidationProblemAsync("limit");
        await (await t.Owner.GetAsync("/api/v1/waitlist?serviceId=x")).ValidationProblemAsync("serviceId");
    }

    [ServerFact]
    public async Task Cancel_OffersTheEarliestEntryAHold_ByEmail_AndBookingTheHoldMarksItBooked()
    {
        var (t, service, staffId, booked) = await FullDayAsync();
        var first = Waiter("First");
        var second = Waiter("Second");
        var a = await JoinAsync(t, service.Id, first);
        var b = await JoinAsync(t, service.Id, second);
        Assert.All(await ListAsync(t), e => Assert.Equal("waiting", e.Status));

        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booked[0].Id}/cancel", new CancelBookingRequest(null))).EnsureSuccessStatusCode();
        var offered = await WaitForAsync(t, a.Id, "offered");
        Assert.Equal(booked[0].Start, offered.OfferStart);
        Assert.NotNull(offered.HoldId);
        Assert.True(offered.OfferExpiresAt > factory.Clock.GetUtcNow());
        Assert.Equal("waiting", (await ListAsync(t)).Single(e => e.Id == b.Id).Status);

        // The offer is a hold: the freed time is not offered to anyone else meanwhile.
        Assert.Empty(await t.SlotsAsync(service.Id));
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, booked[0].Start)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);

        var mail = await factory.Emails.WaitForAsync(first.Email!, "A time is free");
        Assert.Contains($"holdId={offered.HoldId}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://{t.Slug}.bookmeatoz.test/", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Emails.Sent, m => m.To.Address == second.Email);

        var made = await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, booked[0].Start) with
        {
            HoldId = offered.HoldId,
            Customer = first,
        })).ReadAsync<BookingResponse>(HttpStatusCode.Created);
        Assert.Equal((offered.HoldId!.Value, staffId), (made.Id, made.StaffId));
        await WaitForAsync(t, a.Id, "booked");
        Assert.Equal("waiting", (await ListAsync(t)).Single(e => e.Id == b.Id).Status);

        var audit = await (await t.Owner.GetAsync($"/api/v1/audit?entity={a.Id}")).ReadAsync<PageResponse<AuditEntryResponse>>();
        Assert.Equal(["waitlist.joined", "waitlist.offered"], audit.Items.Select(x => x.Action).Order());
    }

    [ServerFact]
    public async Task UnansweredOffer_ExpiresWithItsHold_AndPassesToTheNextEntry()
    {
        var (t, service, _, booked) = await FullDayAsync();
        var a = await JoinAsync(t, service.Id, Waiter("Early"));
        var b = await JoinAsync(t, service.Id, Waiter("Late"));
        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booked[1].Id}/cancel", new CancelBookingRequest(null))).EnsureSuccessStatusCode();
        var first = await WaitForAsync(t, a.Id, "offered");

        var before = factory.Clock.Offset;
        factory.Clock.Offset = before + TimeSpan.FromMinutes(11);
        try
        {
            await WaitForAsync(t, a.Id, "expired");
            var next = await WaitForAsync(t, b.Id, "offered");
            Assert.NotEqual(first.HoldId, next.HoldId);
            Assert.Equal(booked[1].Start, next.OfferStart);
            Assert.Single(await ListAsync(t, "?status=offered"));

            // The lapsed hold books nothing; the new one does.
            await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, booked[1].Start) with { HoldId = first.HoldId }))
                .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.HoldExpired);
        }
        finally
        {
            factory.Clock.Offset = before;
        }
    }

    [ServerFact]
    public async Task LeavingWithAnOpenOffer_ReleasesItsHold_ToTheNextEntry()
    {
        var (t, service, _, booked) = await FullDayAsync();
        var a = await JoinAsync(t, service.Id, Waiter("Quitter"));
        var b = await JoinAsync(t, service.Id, Waiter("Patient"));
        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booked[0].Id}/cancel", new CancelBookingRequest(null))).EnsureSuccessStatusCode();
        var offered = await WaitForAsync(t, a.Id, "offered");

        Assert.Equal(HttpStatusCode.NoContent, (await Leave(t, a.Id, a.LeaveToken)).StatusCode);
        Assert.Equal("left", (await ListAsync(t)).Single(e => e.Id == a.Id).Status);
        var next = await WaitForAsync(t, b.Id, "offered");
        Assert.NotEqual(offered.HoldId, next.HoldId);
    }

    [ServerFact]
    public async Task ConcurrentPasses_OfferOneFreedSeat_ToExactlyOneEntry()
    {
        var (t, service, _, booked) = await FullDayAsync();
        var entries = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            entries.Add((await JoinAsync(t, service.Id, Waiter($"Many{i}"))).Id);
        }

        var waitlist = factory.Services.GetRequiredService<WaitlistService>();
        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booked[0].Id}/cancel", new CancelBookingRequest(null))).EnsureSuccessStatusCode();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => waitlist.ProcessTenantAsync(t.Tenant.Id, CancellationToken.None))));
        await WaitForAsync(t, entries[0], "offered");
        var all = await ListAsync(t);
        Assert.Equal([entries[0]], all.Where(e => e.Status == "offered").Select(e => e.Id));
        Assert.Equal(11, all.Count(e => e.Status == "waiting"));
    }

    private static Task<HttpResponseMessage> Leave(TestTenant t, Guid id, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/waitlist/{id}");
        if (token is not null)
        {
            request.Headers.Add(BookMeAtOzHeaders.LeaveToken, token);
        }

        return t.Anonymous.SendAsync(request);
    }
}

/// <summary>A host whose waitlist and hold sweeps run often (the tests shift its clock past an offer's hold).</summary>
public sealed class WaitlistApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["BookMeAtOz:Waitlist:SweepInterval"] = "00:00:00.2";
            settings["BookMeAtOz:Holds:SweepInterval"] = "00:00:01";
            return settings;
        }
    }
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class WaitlistPostgresApiFactory : PostgresApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["BookMeAtOz:Waitlist:SweepInterval"] = "00:00:00.2";
            settings["BookMeAtOz:Holds:SweepInterval"] = "00:00:01";
            return settings;
        }
    }
}

public sealed class InMemoryWaitlistEndpointsTests(WaitlistApiFactory factory) : WaitlistEndpointsTests(factory), IClassFixture<WaitlistApiFactory>;

[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresWaitlistEndpointsTests(WaitlistPostgresApiFactory factory) : WaitlistEndpointsTests(factory), IClassFixture<WaitlistPostgresApiFactory>;
