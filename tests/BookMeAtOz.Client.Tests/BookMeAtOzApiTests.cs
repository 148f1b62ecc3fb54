using System.Net;
using BookMeAtOz.Contracts;
using Microsoft.Extensions.DependencyInjection;
using BookMeAtOz.Client.Tests.Support;

namespace BookMeAtOz.Client.Tests;

/// <summary>Every method of <see cref="IBookMeAtOzApi"/> against the reference host on loopback, PostgreSQL store.</summary>
[Collection(LoopbackHostTests.Name)]
public sealed class BookMeAtOzApiTests(LoopbackHost host)
{
    [Fact]
    public async Task EveryMethod_AgainstLoopbackHost_WorksAndCoversEveryRoute()
    {
        var slug = TestTenant.NewSlug();
        using var owner = new ClientSession(host.BaseAddress, slug);
        var api = owner.Api;

        // Tenancy
        var signUp = await api.CreateTenantAsync(TestTenant.SignUpRequest(slug));
        Assert.Equal(slug, signUp.Tenant.Slug);
        Assert.Equal("owner", signUp.Auth.User.Role);
        owner.Tokens.SetTokens(signUp.Auth);
        Assert.Equal("Client Test Salon", (await api.GetTenantAsync()).Name);
        var tenant = await api.UpdateTenantAsync(new TenantPatch("Renamed Salon", null, null, new PolicyDto(0, null, null, null)));
        Assert.Equal(("Renamed Salon", 0, 60), (tenant.Name, tenant.Policy.MinNoticeMinutes, tenant.Policy.MaxAdvanceDays));

        // Auth and users
        var signedIn = await api.SignInAsync(new TokenRequest(signUp.Auth.User.Email, TestTenant.Password));
        var refreshed = await api.RefreshTokenAsync(new RefreshRequest(signedIn.RefreshToken));
        Assert.NotEqual(signedIn.RefreshToken, refreshed.RefreshToken);
        owner.Tokens.SetTokens(refreshed);
        Assert.Equal(signUp.Auth.User.Id, (await api.GetMeAsync()).Id);

        // Staff, schedules, time off
        var staff = await api.CreateStaffAsync(new StaffRequest("Alex", "alex@example.com", null, null));
        Assert.Equal(TestTenant.Zone, staff.TimeZone);
        var extra = await api.CreateStaffAsync(new StaffRequest("Sam", null, null, null));
        Assert.Equal(2, (await api.ListStaffAsync()).Items.Count);
        Assert.Equal("alex@example.com", (await api.GetStaffAsync(staff.Id)).Email);
        var updatedStaff = await api.UpdateStaffAsync(staff.Id, new StaffRequest("Alex Smith", null, null, null));
        Assert.Equal(("Alex Smith", "alex@example.com"), (updatedStaff.Name, updatedStaff.Email));
        await api.DeleteStaffAsync(extra.Id);
        Assert.Single((await api.ListStaffAsync()).Items);

        var staffUser = await api.CreateUserAsync(new CreateUserRequest("Alex", "alex-user@example.com", TestTenant.Password, "staff", staff.Id));
        Assert.Equal(("staff", staff.Id), (staffUser.Role, staffUser.StaffId));

        IntervalDto[] day = [new("09:00", "17:00")];
        var schedule = await api.SetScheduleAsync(staff.Id, new ScheduleDto(
            new WeeklyHoursDto(day, day, day, day, day, day, day), [new DateOverrideDto(TestTenant.Day(30), [])]));
        Assert.Equal("17:00", schedule.Weekly!.Monday![0].End);
        var stored = await api.GetScheduleAsync(staff.Id);
        Assert.Equal(TestTenant.Day(30), Assert.Single(stored.Overrides!).Date);

        var offStart = new DateTimeOffset(TestTenant.Day(20).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(10));
        var timeOff = await api.AddTimeOffAsync(staff.Id, new TimeOffRequest(offStart, offStart.AddHours(2), "Dentist"));
        Assert.Equal(offStart, timeOff.Start);
        Assert.Equal(timeOff.Id, Assert.Single((await api.ListTimeOffAsync(staff.Id)).Items).Id);
        await api.DeleteTimeOffAsync(staff.Id, timeOff.Id);
        Assert.Empty((await api.ListTimeOffAsync(staff.Id)).Items);

        // Closures
        var closure = await api.CreateClosureAsync(new ClosureRequest(TestTenant.Day(40), TestTenant.Day(41), "Stocktake"));
        Assert.Equal((TestTenant.Day(40), TestTenant.Day(41), 0, false), (closure.From, closure.To, closure.AffectedBookings.Count, closure.MoreAffectedBookings));
        Assert.Equal(new ClosureResponse(closure.Id, TestTenant.Day(40), TestTenant.Day(41), "Stocktake"), Assert.Single((await api.ListClosuresAsync()).Items));
        await api.DeleteClosureAsync(closure.Id);
        Assert.Empty((await api.ListClosuresAsync()).Items);

        // Services
        var service = await api.CreateServiceAsync(new ServiceRequest("Haircut", 60, null, 15, 5000, null, null, [staff.Id], null));
        Assert.Equal((60, 15, 1, true), (service.DurationMinutes, service.BufferAfterMinutes, service.Capacity, service.Active));
        var doomed = await api.CreateServiceAsync(new ServiceRequest("Beard trim", 30, null, null, null, null, null, [staff.Id], null));
        var updatedService = await api.UpdateServiceAsync(service.Id, new ServiceRequest(null, null, null, null, 6000, null, null, null, null));
        Assert.Equal((6000L, "Haircut", 60), (updatedService.PriceCents, updatedService.Name, updatedService.DurationMinutes));
        Assert.Equal(6000L, (await api.GetServiceAsync(service.Id)).PriceCents);
        await api.DeleteServiceAsync(doomed.Id);
        Assert.Equal(service.Id, Assert.Single((await api.ListServicesAsync()).Items).Id);

        // Availability and bookings
        var date = TestTenant.Day(7);
        var availability = await api.GetAvailabilityAsync(service.Id, date, date, staff.Id, "Australia/Perth");
        Assert.Equal("Australia/Perth", availability.TimeZone);
        var slots = (await api.GetAvailabilityAsync(service.Id, date, date)).Slots;
        Assert.Equal(TestTenant.Zone, (await api.GetAvailabilityAsync(service.Id, date, date)).TimeZone);
        Assert.True(slots.Count >= 4, $"{slots.Count} slots");

        var guest = new ClientSession(host.BaseAddress, slug);
        var booking = await guest.Api.CreateBookingAsync(TestTenant.Booking(service.Id, slots[0].Start));
        Assert.Equal(("confirmed", staff.Id, slots[0].Start), (booking.Status, booking.StaffId, booking.Start));
        Assert.False(string.IsNullOrEmpty(booking.ManageToken));
        var second = await guest.Api.CreateBookingAsync(TestTenant.Booking(service.Id, slots[2].Start), "caller-key-1");

        var byGuest = await guest.Api.GetBookingAsync(booking.Id, booking.ManageToken);
        Assert.Equal(("Jamie Citizen", (string?)null), (byGuest.Customer.Name, byGuest.ManageToken));
        var inPerth = await api.GetBookingAsync(booking.Id, timeZone: "Australia/Perth");
        Assert.Equal(TimeSpan.FromHours(8), inPerth.Start.Offset);
        Assert.Equal(booking.Start, inPerth.Start);
        Assert.Contains("BEGIN:VCALENDAR", await guest.Api.GetBookingCalendarAsync(booking.Id, booking.ManageToken), StringComparison.Ordinal);

        var first = await api.ListBookingsAsync(date, date, staff.Id, "confirmed", null, 1);
        Assert.Equal(booking.Id, Assert.Single(first.Items).Id);
        Assert.NotNull(first.NextCursor);
        var next = await api.ListBookingsAsync(date, date, limit: 1, cursor: first.NextCursor);
        Assert.Equal(second.Id, Assert.Single(next.Items).Id);

        var moved = await guest.Api.RescheduleBookingAsync(booking.Id, new RescheduleBookingRequest(slots[^1].Start, null), booking.ManageToken);
        Assert.Equal(slots[^1].Start, moved.Start);
        var cancelled = await api.CancelBookingAsync(second.Id, new CancelBookingRequest("Ill"));
        Assert.Equal(("cancelled", "Ill"), (cancelled.Status, cancelled.CancelReason));
        var again = await guest.Api.CancelBookingAsync(booking.Id, new CancelBookingRequest(null), booking.ManageToken);
        Assert.Equal("cancelled", again.Status);

        var hold = await guest.Api.CreateHoldAsync(new CreateHoldRequest(service.Id, slots[1].Start));
        Assert.Equal((staff.Id, slots[1].Start), (hold.StaffId, hold.Start));
        await guest.Api.ReleaseHoldAsync(hold.Id);
        await guest.Api.ReleaseHoldAsync(hold.Id);
        Assert.Empty((await api.ListBookingsAsync(date, date, status: "confirmed")).Items);

        // Approval: a service that requires it books pending; the owner approves one and declines another.
        Assert.True((await api.UpdateServiceAsync(service.Id, new ServiceRequest(null, null, null, null, null, null, null, null, null, RequiresApproval: true))).RequiresApproval);
        var free = (await api.GetAvailabilityAsync(service.Id, date, date)).Slots;
        var toApprove = await guest.Api.CreateBookingAsync(TestTenant.Booking(service.Id, free[0].Start));
        var toDecline = await guest.Api.CreateBookingAsync(TestTenant.Booking(service.Id, free[^1].Start));
        Assert.Equal(("pending", "pending"), (toApprove.Status, toDecline.Status));
        Assert.Equal("confirmed", (await api.ApproveBookingAsync(toApprove.Id)).Status);
        var declined = await api.DeclineBookingAsync(toDecline.Id, new DeclineBookingRequest("Fully booked"));
        Assert.Equal(("declined", "Fully booked"), (declined.Status, declined.CancelReason));

        // No-show: a confirmed booking whose start has passed (put straight into the host's store: nobody can book the past).
        var started = TimeProvider.System.GetUtcNow().AddHours(-2);
        started = started.AddTicks(-(started.UtcTicks % TimeSpan.TicksPerMinute));
        var past = new BookMeAtOz.Bookings.Booking(Guid.NewGuid(), signUp.Tenant.Id, service.Id, staff.Id, started, started.AddMinutes(30), 0, 0,
            BookMeAtOz.Bookings.BookingStatus.Confirmed, new BookMeAtOz.Bookings.Customer("Pat Past", "pat@example.com", null), null, started.AddDays(-1),
            null, null, BookMeAtOz.Bookings.ManageTokens.Hash("unused"));
        Assert.NotNull((await host.Services.GetRequiredService<BookMeAtOz.Persistence.IBookingStore>()
            .CreateBookingAsync(new BookMeAtOz.Persistence.CreateBookingCommand([past], 1, null), default)).Booking);
        Assert.Equal("no_show", (await api.MarkBookingNoShowAsync(past.Id)).Status);

        // Notifications: the booking e-mails, queued from the outbox after commit (no mail server here: they wait).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        PageResponse<NotificationResponse> queued;
        while (!(queued = await api.ListNotificationsAsync(status: "pending", limit: 200)).Items.Any(n => n.BookingId == booking.Id && n.Kind == "confirmation"))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "The confirmation was not queued within 60 s.");
            await Task.Delay(50);
        }

        Assert.All(queued.Items, n => Assert.Equal(("pending", 0), (n.Status, n.Attempts)));

        // Users, invitations, passwords and the audit log.
        Assert.Equal(2, (await api.ListUsersAsync()).Items.Count);
        var promoted = await api.UpdateUserAsync(staffUser.Id, new UpdateUserRequest("admin", null));
        Assert.Equal(("admin", (Guid?)null), (promoted.Role, promoted.StaffId));
        var invitation = await api.InviteUserAsync(new InviteUserRequest("ivy@example.com", "admin", null));
        // Links carry tokens made from their id with the server's secret (the signing key here), as the e-mail dispatcher makes them.
        var links = new BookMeAtOz.Auth.AccountTokenIssuer(System.Text.Encoding.UTF8.GetBytes(LoopbackHost.SigningKey));
        var joined = await guest.Api.AcceptInvitationAsync(new AcceptInvitationRequest(links.Derive(signUp.Tenant.Id, invitation.Id), "Ivy", TestTenant.Password));
        Assert.Equal(("admin", "ivy@example.com"), (joined.User.Role, joined.User.Email));
        await guest.Api.RequestPasswordResetAsync(new PasswordResetRequest("ivy@example.com"));
        var queue = host.Services.GetRequiredService<BookMeAtOz.Notifications.INotificationStore>();
        BookMeAtOz.Notifications.NotificationWork? reset = null;
        while (reset is null)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "The reset e-mail was not queued.");
            reset = (await queue.ClaimAsync(200, TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(1), default))
                .FirstOrDefault(n => n.Kind == BookMeAtOz.Notifications.NotificationKind.PasswordReset);
        }

        await guest.Api.ConfirmPasswordResetAsync(new ConfirmPasswordResetRequest(links.Derive(signUp.Tenant.Id, reset.BookingId), "ivy's reset phrase"));
        Assert.Equal(joined.User.Id, (await guest.Api.SignInAsync(new TokenRequest("ivy@example.com", "ivy's reset phrase"))).User.Id);
        await api.DeleteUserAsync(joined.User.Id);
        owner.Tokens.SetTokens(await api.ChangePasswordAsync(new ChangePasswordRequest(TestTenant.Password, "the owner's new phrase")));
        var audit = await api.ListAuditAsync(fromDate: TestTenant.Day(-1), toDate: TestTenant.Day(1), limit: 200);
        Assert.Equal(
            ["user.password_changed", "user.removed", "user.password_reset", "user.invitation_accepted", "user.invited", "user.role_changed", "user.created", "user.created"],
            audit.Items.Where(e => e.Action.StartsWith("user.", StringComparison.Ordinal)).Select(e => e.Action));
        Assert.Single((await api.ListAuditAsync(entity: invitation.Id)).Items);
        // By the owner: the staff user, the promotion, the invitation, the removal, the password change; and, newest first,
        // the no-show, the decline, the approval and the cancellation.
        var byOwner = (await api.ListAuditAsync(actor: signUp.Auth.User.Id)).Items;
        Assert.Equal(5, byOwner.Count(e => e.Action.StartsWith("user.", StringComparison.Ordinal)));
        Assert.Contains(byOwner, e => e.Action == "service.created"); // and the catalog it set up
        Assert.Equal(
            ["booking.no_show", "booking.declined", "booking.approved", "booking.cancelled"],
            byOwner.Where(e => e.Entity == "booking").Select(e => e.Action));
        Assert.Equal(second.Id, byOwner.Single(e => e.Action == "booking.cancelled").EntityId);

        // API keys: made (the key shown once), listed without it, revoked.
        var apiKey = await api.CreateApiKeyAsync(new CreateApiKeyRequest("Client test", ["read", "bookings"]));
        Assert.StartsWith($"bmz_{apiKey.Prefix}_", apiKey.Key, StringComparison.Ordinal);
        var listedKey = Assert.Single((await api.ListApiKeysAsync()).Items);
        Assert.Equal((apiKey.Id, apiKey.Prefix), (listedKey.Id, listedKey.Prefix));
        Assert.Equal(["read", "bookings"], listedKey.Scopes);
        await api.RevokeApiKeyAsync(apiKey.Id);
        Assert.Empty((await api.ListApiKeysAsync()).Items);

        // Customers, and the tenant's data (closing it last: it is not found from then on).
        var customer = Assert.Single((await api.ListCustomersAsync(search: "JAMIE", limit: 10)).Items);
        // Jamie's: two cancelled, the approved one and the declined one (Pat's no-show is another customer's; the hold is nobody's).
        Assert.Equal(("jamie@example.com", 2, 1, 1), (customer.Email, customer.BookingCounts["cancelled"], customer.BookingCounts["confirmed"], customer.BookingCounts["declined"]));
        Assert.Equal(4, (await api.GetCustomerAsync(customer.Email)).Bookings.Count);
        Assert.Contains((await api.ExportCustomerAsync(customer.Email)).Audit, e => e.Action == "booking.created" && e.EntityId == booking.Id);
        var everything = await api.ExportTenantAsync();
        Assert.Equal((slug, 5), (everything.Tenant.Slug, everything.Bookings.Count));
        await api.EraseCustomerAsync(customer.Email);
        Assert.Equal(["pat@example.com"], (await api.ListCustomersAsync()).Items.Select(c => c.Email));
        await api.CloseTenantAsync();

        // Resources, series, webhooks, feeds and CalDAV, on a tenant of their own (the counts above stay the first tenant's).
        using var other = await IntegrationsTenantAsync();

        // Every route of the interface went over the wire and succeeded.
        var called = owner.Wire.Calls.Concat(guest.Wire.Calls).Concat(other.Wire.Calls)
            .Where(c => c.Status is { } s && (int)s < 300)
            .Select(c => ApiRoutes.Match(c.Method.Method, c.Path))
            .ToHashSet();
        var missing = ApiRoutes.All.Where(r => !called.Contains(r.Template)).Select(r => $"{r.Method.Name} ({r.Verb} {r.Template})");
        Assert.Empty(missing);
        guest.Dispose();
    }

    /// <summary>Calls every route added for resources, series, webhooks, staff feeds and CalDAV on a new tenant.</summary>
    private async Task<ClientSession> IntegrationsTenantAsync()
    {
        var slug = TestTenant.NewSlug();
        var session = new ClientSession(host.BaseAddress, slug);
        var api = session.Api;
        session.Tokens.SetTokens((await api.CreateTenantAsync(TestTenant.SignUpRequest(slug))).Auth);
        await api.UpdateTenantAsync(new TenantPatch(null, null, null, new PolicyDto(0, null, null, null)));
        var staff = await api.CreateStaffAsync(new StaffRequest("Robin", "robin@example.com", null, null));
        IntervalDto[] day = [new("09:00", "17:00")];
        await api.SetScheduleAsync(staff.Id, new ScheduleDto(new WeeklyHoursDto(day, day, day, day, day, day, day), []));

        // Resources, required by a service.
        var room = await api.CreateResourceAsync(new ResourceRequest("Room 1", "room", 2, true));
        Assert.Equal(2, (await api.GetResourceAsync(room.Id)).Quantity);
        Assert.Equal("Room A", (await api.UpdateResourceAsync(room.Id, new ResourceRequest("Room A", null, null, null))).Name);
        Assert.Single((await api.ListResourcesAsync()).Items);
        var spare = await api.CreateResourceAsync(new ResourceRequest("Spare", "room", 1, true));
        await api.DeleteResourceAsync(spare.Id);
        var service = await api.CreateServiceAsync(new ServiceRequest("Massage", 60, null, null, 9000, null, null, [staff.Id], null,
            Resources: [new ResourceRequirementDto(room.Id, 1)]));

        // A weekly series of two: made, moved an hour later, cancelled.
        var date = TestTenant.Day(14);
        var first = (await api.GetAvailabilityAsync(service.Id, date, date)).Slots[0].Start;
        var series = await api.CreateBookingSeriesAsync(new CreateSeriesRequest(service.Id, first, staff.Id,
            new CustomerDto("Sky", "sky@example.com", null), null, new RecurrenceDto("weekly", 2, null), "allOrNothing"));
        Assert.Equal(2, series.Bookings.Count);
        Assert.Equal(2, (await api.RescheduleBookingSeriesAsync(series.SeriesId,
            new RescheduleSeriesRequest("all", series.Bookings[0].Id, first.AddHours(1)), series.SeriesManageToken)).Items.Count);
        Assert.All((await api.CancelBookingSeriesAsync(series.SeriesId, new CancelSeriesRequest("all"), series.SeriesManageToken)).Items,
            b => Assert.Equal("cancelled", b.Status));

        // A webhook: subscribed, read, changed, its secret rotated, pinged, its deliveries listed and replayed, removed.
        var hook = await api.CreateWebhookAsync(new WebhookRequest("http://127.0.0.1:9/hook", ["booking.created"]));
        Assert.False(string.IsNullOrEmpty(hook.Secret));
        Assert.Equal(hook.Id, (await api.GetWebhookAsync(hook.Id)).Id);
        Assert.Equal(2, (await api.UpdateWebhookAsync(hook.Id, new WebhookUpdateRequest(null, ["booking.created", "booking.cancelled"], null))).Events.Count);
        Assert.Single((await api.ListWebhooksAsync()).Items);
        Assert.NotEqual(hook.Secret, (await api.RotateWebhookSecretAsync(hook.Id)).Secret);
        var ping = await api.PingWebhookAsync(hook.Id);
        Assert.Contains((await api.ListWebhookDeliveriesAsync(hook.Id)).Items, d => d.Id == ping.DeliveryId);
        Assert.NotEqual(ping.DeliveryId, (await api.ReplayWebhookDeliveryAsync(hook.Id, ping.DeliveryId)).DeliveryId);
        await api.DeleteWebhookAsync(hook.Id);

        // A staff member's calendar feed: issued, read as iCalendar, revoked; a CalDAV connection: stored, read, removed.
        var feed = await api.RotateStaffFeedAsync(staff.Id);
        var feedToken = feed.Url[(feed.Url.LastIndexOf('/') + 1)..^".ics".Length];
        Assert.StartsWith("BEGIN:VCALENDAR", await api.GetStaffFeedAsync(feedToken), StringComparison.Ordinal);
        await api.DeleteStaffFeedAsync(staff.Id);
        var caldav = await api.ConnectCalDavAsync(staff.Id, new CalDavConnectionRequest("http://127.0.0.1:9/calendars/robin/", "robin", "calendar secret"));
        Assert.Equal("http://127.0.0.1:9/calendars/robin/", caldav.Url);
        Assert.Equal(caldav.Url, (await api.GetCalDavAsync(staff.Id)).Url);
        await api.DisconnectCalDavAsync(staff.Id);

        // The waitlist: joined, listed, left with the entry's token (an offer made meanwhile, for the free day, is released with it).
        var joined = await api.JoinWaitlistAsync(new JoinWaitlistRequest(service.Id, date, date, staff.Id, new CustomerDto("Wren", "wren@example.com", null)));
        Assert.Equal(joined.Id, Assert.Single((await api.ListWaitlistAsync(serviceId: service.Id, limit: 10)).Items).Id);
        await api.LeaveWaitlistAsync(joined.Id, joined.LeaveToken);
        Assert.Equal(joined.Id, Assert.Single((await api.ListWaitlistAsync(status: "left")).Items).Id);
        return session;
    }

    [Fact]
    public async Task CreateBooking_Twice_GetsTwoKeysAndBooksTwice()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var (_, service) = await tenant.AddStaffAndServiceAsync();
        var slots = await tenant.SlotsAsync(service.Id);

        await tenant.Api.CreateBookingAsync(TestTenant.Booking(service.Id, slots[0].Start));
        await tenant.Api.CreateBookingAsync(TestTenant.Booking(service.Id, slots[2].Start));

        var keys = tenant.Owner.Wire.CallsTo(HttpMethod.Post, "/api/v1/bookings").Select(c => c.Header(BookMeAtOzHeaders.IdempotencyKey)).ToList();
        Assert.Equal(2, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Matches("^[0-9a-f]{32}$", k!));
        Assert.Equal(2, (await tenant.Api.ListBookingsAsync()).Items.Count);
    }

    [Fact]
    public async Task QuestionsAndLocation_RoundTripThroughTheTypedClient_AndAnswersComeBackWithTheBooking()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var staff = await tenant.AddStaffAsync();
        var service = await tenant.Api.CreateServiceAsync(new ServiceRequest("Consult", 60, null, null, 0, null, null, [staff.Id], null,
            [new QuestionDto(null, "Colour", "choice", true, ["Red", "Blue"], null), new QuestionDto(null, "Terms", "checkbox", false, null, null)],
            new LocationDto("video", null, null, "https://meet.example.com/r")));
        Assert.Equal(new LocationDto("video", null, null, "https://meet.example.com/r"), service.Location);
        var colour = service.Questions![0].Id!.Value;

        var patched = await tenant.Api.UpdateServiceAsync(service.Id, new ServiceRequest(null, null, null, null, null, null, null, null, null,
            [service.Questions[0] with { Label = "Favourite colour" }], null));
        Assert.Equal([colour], patched.Questions!.Select(q => q.Id!.Value));
        Assert.Equal(service.Location, patched.Location);

        var slots = await tenant.SlotsAsync(service.Id);
        var booking = await tenant.Api.CreateBookingAsync(TestTenant.Booking(service.Id, slots[0].Start) with
        {
            Answers = new Dictionary<string, System.Text.Json.JsonElement> { [colour.ToString()] = System.Text.Json.JsonSerializer.SerializeToElement("Blue") },
        });
        var answer = Assert.Single(booking.Answers!);
        Assert.Equal((colour, "Favourite colour", "choice", "Blue"), (answer.QuestionId, answer.Label, answer.Type, answer.Value.GetString()));
        Assert.Equal("Blue", Assert.Single((await tenant.Api.GetBookingAsync(booking.Id)).Answers!).Value.GetString());
    }

    [Fact]
    public async Task CreateBooking_WithCallersKey_SendsItAndRepeatReturnsFirstBooking()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var (_, service) = await tenant.AddStaffAndServiceAsync();
        var slots = await tenant.SlotsAsync(service.Id);
        var request = TestTenant.Booking(service.Id, slots[0].Start);

        var first = await tenant.Api.CreateBookingAsync(request, "order-4711");
        var repeat = await tenant.Api.CreateBookingAsync(request, "order-4711");

        Assert.Equal(first.Id, repeat.Id);
        Assert.All(tenant.Owner.Wire.CallsTo(HttpMethod.Post, "/api/v1/bookings"), c => Assert.Equal("order-4711", c.Header(BookMeAtOzHeaders.IdempotencyKey)));
        Assert.Single((await tenant.Api.ListBookingsAsync()).Items);
    }

    [Fact]
    public async Task Subdomain_TenantInHost_Works()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        // The tenant's host name resolves to the loopback host, as DNS would send *.bookmeatoz.test there.
        using var session = new ClientSession(new Uri($"http://{LoopbackHost.RootDomain}:{host.BaseAddress.Port}/"), tenant.Slug,
            o => o.TenantAddressing = TenantAddressing.Subdomain,
            services => services.AddHttpClient(BookMeAtOzClientServiceCollectionExtensions.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    ConnectCallback = async (context, cancellationToken) =>
                    {
                        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, host.BaseAddress.Port), cancellationToken);
                        return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                    },
                }));

        var info = await session.Api.GetTenantAsync();

        Assert.Equal(tenant.Slug, info.Slug);
        var call = Assert.Single(session.Wire.Calls);
        Assert.Equal($"{tenant.Slug}.{LoopbackHost.RootDomain}", call.Uri.Host);
        Assert.Null(call.Header(BookMeAtOzHeaders.Tenant));
    }
}
