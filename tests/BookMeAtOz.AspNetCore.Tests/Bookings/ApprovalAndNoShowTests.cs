using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Bookings;

/// <summary>Approval, decline, expiry and no-shows (product specification §9.2, §9.6) through the HTTP API, on both stores.</summary>
public abstract class ApprovalAndNoShowTests(ApiFactory factory)
{
    [ServerFact]
    public async Task Service_RequiresApproval_DefaultsToFalse_IsPatchable_AndNullIs400()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        Assert.False(service.RequiresApproval);

        var patched = await (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { requiresApproval = true })).ReadAsync<ServiceResponse>();
        Assert.True(patched.RequiresApproval);
        Assert.True((await (await t.Anonymous.GetAsync($"/api/v1/services/{service.Id}")).ReadAsync<ServiceResponse>()).RequiresApproval);

        await (await t.Owner.PatchRawAsync($"/api/v1/services/{service.Id}", """{"requiresApproval":null}""")).ValidationProblemAsync("requiresApproval");
        await (await t.Owner.PatchRawAsync($"/api/v1/services/{service.Id}", """{"requiresApproval":"yes"}""")).ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True((await (await t.Anonymous.GetAsync($"/api/v1/services/{service.Id}")).ReadAsync<ServiceResponse>()).RequiresApproval);
    }

    [ServerFact]
    public async Task Policy_ApprovalHours_Defaults24_AcceptsOneTo720_RefusesOthers()
    {
        var t = await TestTenant.CreateAsync(factory);
        Assert.Equal(24, t.Tenant.Policy.ApprovalHours);

        var updated = await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { approvalHours = 720 } })).ReadAsync<TenantResponse>();
        Assert.Equal(720, updated.Policy.ApprovalHours);
        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { approvalHours = 0 } })).ValidationProblemAsync("policy.approvalHours");
        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { approvalHours = 721 } })).ValidationProblemAsync("policy.approvalHours");
        await (await t.Owner.PatchRawAsync("/api/v1/tenant", """{"policy":{"approvalHours":null}}""")).ValidationProblemAsync("policy.approvalHours");
        Assert.Equal(720, (await (await t.Anonymous.GetAsync("/api/v1/tenant")).ReadAsync<TenantResponse>()).Policy.ApprovalHours);
    }

    [ServerFact]
    public async Task Booking_OfApprovalService_IsPending_WithDeadline_HoldsItsTime_AndIsListedAsPending()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await ApprovalServiceAsync(t);
        var start = (await t.SlotsAsync(service.Id))[0].Start;
        var before = factory.Clock.GetUtcNow();

        var booking = await BookAsync(t, service.Id, start);
        Assert.Equal("pending", booking.Status);
        Assert.NotNull(booking.ExpiresAt);
        Assert.InRange(booking.ExpiresAt!.Value, before.AddHours(24).AddSeconds(-1), factory.Clock.GetUtcNow().AddHours(24).AddSeconds(1));

        // It occupies its time: not offered, and a second booking of it is refused.
        Assert.DoesNotContain(await t.SlotsAsync(service.Id), s => s.Start == start);
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", Request(service.Id, start, "second@example.com")))
            .ProblemAsync(HttpStatusCode.Conflict, "slot_unavailable");

        var day = TestTenant.Day().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var pending = await (await t.Owner.GetAsync($"/api/v1/bookings?from={day}&to={day}&status=pending")).ReadAsync<PageResponse<BookingResponse>>();
        Assert.Equal([booking.Id], pending.Items.Select(b => b.Id));
        var confirmed = await (await t.Owner.GetAsync($"/api/v1/bookings?from={day}&to={day}&status=confirmed")).ReadAsync<PageResponse<BookingResponse>>();
        Assert.Empty(confirmed.Items);
    }

    [ServerFact]
    public async Task Booking_StartingBeforeTheApprovalWindowEnds_HasItsStartAsDeadline()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await ApprovalServiceAsync(t);
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { approvalHours = 720 } })).EnsureSuccessStatusCode();
        var start = (await t.SlotsAsync(service.Id))[0].Start;

        var booking = await BookAsync(t, service.Id, start);

        Assert.Equal(start, booking.ExpiresAt);
    }

    [ServerFact]
    public async Task Approve_Pending_Is200Confirmed_ThenAnyDecisionIs409InvalidTransition()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await ApprovalServiceAsync(t);
        var booking = await BookAsync(t, service.Id, (await t.SlotsAsync(service.Id))[0].Start);

        var approved = await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/approve", new { })).ReadAsync<BookingResponse>();
        Assert.Equal("confirmed", approved.Status);
        Assert.Null(approved.ExpiresAt);
        Assert.Null(approved.CancelledAt);

        await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/approve", new { })).ProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
        await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/decline", new { })).ProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
        Assert.Equal("confirmed", (await (await t.Owner.GetAsync($"/api/v1/bookings/{booking.Id}")).ReadAsync<BookingResponse>()).Status);
    }

    [ServerFact]
    public async Task Approve_ConfirmedBookingOfOrdinaryService_Is409InvalidTransition()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var booking = await t.BookAsync(service.Id, (await t.SlotsAsync(service.Id))[0].Start);

        await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/approve", new { })).ProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
        await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/decline", new { })).ProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
    }

    [ServerFact]
    public async Task Decline_Pending_Is200_KeepsReason_AndFreesTheSlotAtOnce()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await ApprovalServiceAsync(t);
        var start = (await t.SlotsAsync(service.Id))[0].Start;
        var booking = await BookAsync(t, service.Id, start);

        var declined = await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/decline", new { reason = "Fully booked that week" }))
            .ReadAsync<BookingResponse>();
        Assert.Equal("declined", declined.Status);
        Assert.Equal("Fully booked that week", declined.CancelReason);
        Assert.NotNull(declined.CancelledAt);

        Assert.Contains(await t.SlotsAsync(service.Id), s => s.Start == start);
        var again = await BookAsync(t, service.Id, start, "next@example.com");
        Assert.Equal("pending", again.Status);
        await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/decline", new { })).ProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
    }

    [ServerFact]
    public async Task Decline_WithoutBody_Is200_AndWithBadBodyIs400ChangingNothing()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await ApprovalServiceAsync(t);
        var booking = await BookAsync(t, service.Id, (await t.SlotsAsync(service.Id))[0].Start);

        await (await t.Owner.PostRawAsync($"/api/v1/bookings/{booking.Id}/decline", """{"reason":"x","extra":1}""")).ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/decline", new { reason = new string('x', 2001) })).ValidationProblemAsync("reason");
        await (await t.Owner.PostRawAsync($"/api/v1/bookings/{booking.Id}/decline", """{"reason":"a\u0000b"}""")).ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("pending", (await (await t.Owner.GetAsync($"/api/v1/bookings/{booking.Id}")).ReadAsync<BookingResponse>()).Status);

        var declined = await (await t.Owner.PostAsync($"/api/v1/bookings/{booking.Id}/decline", null)).ReadAsync<BookingResponse>();
        Assert.Equal("declined", declined.Status);
        Assert.Null(declined.CancelReason);
    }

    [ServerFact]
    public async Task Decline_GroupSeat_GivesTheSeatBackAtOnce()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await ApprovalServiceAsync(t, capacity: 2);
        var start = (await t.SlotsAsync(service.Id))[0].Start;
        var first = await BookAsync(t, service.Id, start, "a@example.com");
        await BookAsync(t, service.Id, start, "b@example.com");
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", Request(service.Id, start, "c@example.com")))
            .ProblemAsync(HttpStatusCode.Conflict, "slot_unavailable");

        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{first.Id}/decline", new { })).EnsureSuccessStatusCode();

        Assert.Equal(1, (await t.SlotsAsync(service.Id)).Single(s => s.Start == start).SeatsLeft);
        Assert.Equal("pending", (await BookAsync(t, service.Id, start, "c@example.com")).Status);
    }

    [ServerFact]
    public async Task ApproveAndDecline_AreForOwnersAndAdminsOnly_UnknownIs404()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await ApprovalServiceAsync(t);
        var created = await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", Request(service.Id, (await t.SlotsAsync(service.Id))[0].Start, "g@example.com")))
            .ReadAsync<BookingResponse>(HttpStatusCode.Created);
        var ownStaff = await t.UserAsync("staff", staff.Id);
        var guest = t.Factory.Client(t.Slug);
        guest.DefaultRequestHeaders.Add("X-Manage-Token", created.ManageToken);

        await (await t.Anonymous.PostJsonAsync($"/api/v1/bookings/{created.Id}/approve", new { })).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await guest.PostJsonAsync($"/api/v1/bookings/{created.Id}/approve", new { })).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await ownStaff.PostJsonAsync($"/api/v1/bookings/{created.Id}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await ownStaff.PostJsonAsync($"/api/v1/bookings/{created.Id}/decline", new { })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{Guid.NewGuid()}/approve", new { })).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{Guid.NewGuid()}/decline", new { })).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal("pending", (await (await t.Owner.GetAsync($"/api/v1/bookings/{created.Id}")).ReadAsync<BookingResponse>()).Status);

        var admin = await t.UserAsync("admin");
        Assert.Equal("confirmed", (await (await admin.PostJsonAsync($"/api/v1/bookings/{created.Id}/approve", new { })).ReadAsync<BookingResponse>()).Status);
    }

    [ServerFact]
    public async Task Pending_PastItsDeadline_ReadsAsExpired_CannotBeApproved_AndItsTimeIsFree()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await ApprovalServiceAsync(t);
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { approvalHours = 1 } })).EnsureSuccessStatusCode();
        var start = (await t.SlotsAsync(service.Id))[0].Start;
        var booking = await BookAsync(t, service.Id, start);

        try
        {
            factory.Clock.Offset = TimeSpan.FromMinutes(61);
            var read = await (await t.Owner.GetAsync($"/api/v1/bookings/{booking.Id}")).ReadAsync<BookingResponse>();
            Assert.Equal("expired", read.Status);
            Assert.Equal(booking.ExpiresAt, read.ExpiresAt);
            await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/approve", new { })).ProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
            Assert.Contains(await t.SlotsAsync(service.Id), s => s.Start == start);
        }
        finally
        {
            factory.Clock.Offset = TimeSpan.Zero;
        }
    }

    [ServerFact]
    public async Task Pending_PastItsDeadline_IsExpiredByTheSweep_WithoutAnyoneReadingIt()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await ApprovalServiceAsync(t);
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { approvalHours = 1 } })).EnsureSuccessStatusCode();
        var start = (await t.SlotsAsync(service.Id))[0].Start;
        var booking = await BookAsync(t, service.Id, start);
        var day = TestTenant.Day().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        try
        {
            factory.Clock.Offset = TimeSpan.FromMinutes(61);
            // The list never expires anything itself: only the background sweep (every second in tests) can.
            var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
            while (true)
            {
                var expired = await (await t.Owner.GetAsync($"/api/v1/bookings?from={day}&to={day}&status=expired")).ReadAsync<PageResponse<BookingResponse>>();
                if (expired.Items.Any(b => b.Id == booking.Id))
                {
                    break;
                }

                Assert.True(TimeProvider.System.GetUtcNow() < deadline, "The sweep did not expire the booking within 30 s.");
                await Task.Delay(50);
            }

            Assert.Contains(await t.SlotsAsync(service.Id), s => s.Start == start);
        }
        finally
        {
            factory.Clock.Offset = TimeSpan.Zero;
        }
    }

    [ServerFact]
    public async Task NoShow_OnlyForAStartedConfirmedBooking_ByAdminsAndItsStaffMember()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        var other = await t.AddStaffAsync("Blair");
        var start = (await t.SlotsAsync(service.Id))[0].Start;
        var booking = await t.BookAsync(service.Id, start);
        var ownStaff = await t.UserAsync("staff", staff.Id);
        var otherStaff = await t.UserAsync("staff", other.Id);

        await (await ownStaff.PostJsonAsync($"/api/v1/bookings/{booking.Id}/no-show", new { })).ProblemAsync(HttpStatusCode.Conflict, "invalid_transition");

        try
        {
            factory.Clock.Offset = start - factory.Clock.GetUtcNow() + TimeSpan.FromMinutes(5);
            await (await t.Anonymous.PostJsonAsync($"/api/v1/bookings/{booking.Id}/no-show", new { })).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
            await (await otherStaff.PostJsonAsync($"/api/v1/bookings/{booking.Id}/no-show", new { })).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await ownStaff.PostJsonAsync($"/api/v1/bookings/{Guid.NewGuid()}/no-show", new { })).ProblemAsync(HttpStatusCode.NotFound, "not_found");

            var marked = await (await ownStaff.PostJsonAsync($"/api/v1/bookings/{booking.Id}/no-show", new { })).ReadAsync<BookingResponse>();
            Assert.Equal("no_show", marked.Status);
            Assert.Null(marked.CancelledAt);
            await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/no-show", new { })).ProblemAsync(HttpStatusCode.Conflict, "invalid_transition");

            // It stays in the history, and the status filter finds it.
            var day = TestTenant.Day().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var noShows = await (await t.Owner.GetAsync($"/api/v1/bookings?from={day}&to={day}&status=no_show")).ReadAsync<PageResponse<BookingResponse>>();
            Assert.Equal([booking.Id], noShows.Items.Select(b => b.Id));
        }
        finally
        {
            factory.Clock.Offset = TimeSpan.Zero;
        }
    }

    [ServerFact]
    public async Task NoShow_OfAPendingBooking_Is409_EvenAfterItsStart_ForAnAdmin()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await ApprovalServiceAsync(t);
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { approvalHours = 720 } })).EnsureSuccessStatusCode();
        var start = (await t.SlotsAsync(service.Id))[0].Start;
        var booking = await BookAsync(t, service.Id, start);
        var admin = await t.UserAsync("admin");

        await (await admin.PostJsonAsync($"/api/v1/bookings/{booking.Id}/no-show", new { })).ProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
        Assert.Equal("pending", (await (await t.Owner.GetAsync($"/api/v1/bookings/{booking.Id}")).ReadAsync<BookingResponse>()).Status);
    }

    [ServerFact]
    public async Task ListBookings_StatusFilter_AcceptsEveryStatusName_AndRefusesOthers()
    {
        var t = await TestTenant.CreateAsync(factory);
        foreach (var status in new[] { "held", "pending", "confirmed", "cancelled", "declined", "expired", "no_show" })
        {
            (await t.Owner.GetAsync($"/api/v1/bookings?status={status}")).EnsureSuccessStatusCode();
        }

        await (await t.Owner.GetAsync("/api/v1/bookings?status=noshow")).ValidationProblemAsync("status");
    }

    [ServerFact]
    public async Task Cancel_OfAPendingBooking_FreesItsTime_AndThenApproveIs409()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await ApprovalServiceAsync(t);
        var start = (await t.SlotsAsync(service.Id))[0].Start;
        var created = await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", Request(service.Id, start, "cancel@example.com")))
            .ReadAsync<BookingResponse>(HttpStatusCode.Created);
        var guest = t.Factory.Client(t.Slug);
        guest.DefaultRequestHeaders.Add("X-Manage-Token", created.ManageToken);

        Assert.Equal("cancelled", (await (await guest.PostJsonAsync($"/api/v1/bookings/{created.Id}/cancel", new { })).ReadAsync<BookingResponse>()).Status);

        await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{created.Id}/approve", new { })).ProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
        Assert.Contains(await t.SlotsAsync(service.Id), s => s.Start == start);
    }

    internal static async Task<(StaffResponse Staff, ServiceResponse Service)> ApprovalServiceAsync(TestTenant t, int capacity = 1)
    {
        var staff = await t.AddStaffAsync();
        var service = await (await t.Owner.PostJsonAsync("/api/v1/services", new
        {
            name = "Consult",
            durationMinutes = 60,
            capacity,
            staffIds = new[] { staff.Id },
            requiresApproval = true,
            location = new { kind = "inPerson", address = "12 Example St, Sydney" },
        })).ReadAsync<ServiceResponse>(HttpStatusCode.Created);
        Assert.True(service.RequiresApproval);
        return (staff, service);
    }

    internal static CreateBookingRequest Request(Guid serviceId, DateTimeOffset start, string email) =>
        new(serviceId, start, null, new CustomerDto("Jamie Citizen", email, null), null);

    internal static async Task<BookingResponse> BookAsync(TestTenant t, Guid serviceId, DateTimeOffset start, string email = "jamie@example.com") =>
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", Request(serviceId, start, email))).ReadAsync<BookingResponse>(HttpStatusCode.Created);
}

[Collection(ApiTests.Name)]
public sealed class InMemoryApprovalAndNoShowTests(ApiFactory factory) : ApprovalAndNoShowTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresApprovalAndNoShowTests(PostgresApiFactory factory) : ApprovalAndNoShowTests(factory);
