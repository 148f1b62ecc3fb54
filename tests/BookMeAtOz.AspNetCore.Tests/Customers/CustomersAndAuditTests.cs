using System.Net;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Tests.Bookings;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Audit;
using BookMeAtOz.Contracts;
using BookMeAtOz.Persistence;
using BookMeAtOz.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.AspNetCore.Tests.Customers;

/// <summary>The audit of booking changes, customers (list, history, export, erasure) and closing a tenant (SPEC §9.7, §9.8), on both stores.</summary>
public abstract class CustomersAndAuditTests(ApiFactory factory)
{
    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<IReadOnlyList<AuditEntryResponse>> AuditAsync(TestTenant t, string query = "") =>
        (await (await t.Owner.GetAsync("/api/v1/audit" + query)).ReadAsync<PageResponse<AuditEntryResponse>>()).Items;

    private static CreateBookingRequest BookingFor(Guid serviceId, DateTimeOffset start, string name, string email, string? phone = null, string? notes = null) =>
        new(serviceId, start, null, new CustomerDto(name, email, phone), notes);

    private static async Task<BookingResponse> BookAsync(TestTenant t, CreateBookingRequest request, string? idempotencyKey = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = System.Net.Http.Json.JsonContent.Create(request, options: Api.Json) };
        if (idempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await (await t.Anonymous.SendAsync(message)).ReadAsync<BookingResponse>(HttpStatusCode.Created);
    }

    [ServerFact]
    public async Task BookingChanges_AreAudited_WithTheirActor_AndTheFiltersWork()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slots = await t.SlotsAsync(service.Id);
        var guest = await t.BookAsync(service.Id, slots[0].Start);
        var other = await t.BookAsync(service.Id, slots[2].Start);

        var cancel = BookingEndpointsTests.WithToken(HttpMethod.Post, $"/api/v1/bookings/{guest.Id}/cancel", guest.ManageToken!);
        cancel.Content = System.Net.Http.Json.JsonContent.Create(new CancelBookingRequest("Sick"), options: Api.Json);
        (await t.Anonymous.SendAsync(cancel)).EnsureSuccessStatusCode();
        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{other.Id}/reschedule", new RescheduleBookingRequest(slots[4].Start, null))).EnsureSuccessStatusCode();

        var guestEntries = await AuditAsync(t, $"?entity={guest.Id}");
        Assert.Equal(["booking.cancelled", "booking.created"], guestEntries.Select(e => e.Action));
        var created = guestEntries[1];
        Assert.Equal(("anonymous", (Guid?)null, "booking", guest.Id), (created.ActorType, created.ActorId, created.Entity, created.EntityId));
        Assert.Equal(JsonValueKind.Null, created.Before.ValueKind);
        Assert.Equal("jamie@example.com", created.After.GetProperty("customer").GetProperty("email").GetString());
        Assert.Equal("confirmed", created.After.GetProperty("status").GetString());
        Assert.False(created.After.TryGetProperty("manageToken", out _));
        Assert.False(created.After.TryGetProperty("manageTokenHash", out _));
        var cancelled = guestEntries[0];
        Assert.Equal(("customer", (Guid?)null), (cancelled.ActorType, cancelled.ActorId));
        Assert.Equal(("confirmed", "cancelled", "Sick"), (cancelled.Before.GetProperty("status").GetString(), cancelled.After.GetProperty("status").GetString(),
            cancelled.After.GetProperty("cancelReason").GetString()));

        var moved = Assert.Single(await AuditAsync(t, $"?actor={t.OwnerAuth.User.Id}"), e => e.Entity == "booking");
        Assert.Equal(("booking.rescheduled", "user", other.Id), (moved.Action, moved.ActorType, moved.EntityId));
        Assert.Equal(slots[2].Start, moved.Before.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(slots[4].Start, moved.After.GetProperty("start").GetDateTimeOffset());

        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(4, (await AuditAsync(t, $"?from={D(today.AddDays(-1))}&to={D(today.AddDays(1))}&timeZone=UTC")).Count(e => e.Entity == "booking"));
        Assert.DoesNotContain(await AuditAsync(t, $"?from={D(today.AddDays(2))}&to={D(today.AddDays(3))}"), e => e.Entity == "booking");
    }

    [ServerFact]
    public async Task Customers_AreListedByEmail_Searched_Paged_WithCountsAndHistory_ForAdminsOnly()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        var slots = await t.SlotsAsync(service.Id);
        var ann1 = await BookAsync(t, BookingFor(service.Id, slots[0].Start, "Ann Old", "ann@example.com", "0400 111 222"));
        var ann2 = await BookAsync(t, BookingFor(service.Id, slots[2].Start, "Ann New", "ANN@Example.com"));
        var bob = await BookAsync(t, BookingFor(service.Id, slots[4].Start, "Bob Builder", "bob@example.com", "0499 999 999"));
        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{ann1.Id}/cancel", new CancelBookingRequest(null))).EnsureSuccessStatusCode();

        var page = await (await t.Owner.GetAsync("/api/v1/customers")).ReadAsync<PageResponse<CustomerResponse>>();
        Assert.Null(page.NextCursor);
        Assert.Equal(["ANN@Example.com", "bob@example.com"], page.Items.Select(c => c.Email));
        var ann = page.Items[0];
        Assert.Equal(("Ann New", (string?)null), (ann.Name, ann.Phone));
        Assert.Equal(1, ann.BookingCounts["confirmed"]);
        Assert.Equal(1, ann.BookingCounts["cancelled"]);
        Assert.Equal(ann2.Id, ann.LastBooking.Id);

        Assert.Equal(["bob@example.com"], (await (await t.Owner.GetAsync("/api/v1/customers?search=999%20999")).ReadAsync<PageResponse<CustomerResponse>>()).Items.Select(c => c.Email));
        Assert.Equal(["ANN@Example.com"], (await (await t.Owner.GetAsync("/api/v1/customers?search=ann%20old")).ReadAsync<PageResponse<CustomerResponse>>()).Items.Select(c => c.Email));
        Assert.Empty((await (await t.Owner.GetAsync("/api/v1/customers?search=%25")).ReadAsync<PageResponse<CustomerResponse>>()).Items);

        var first = await (await t.Owner.GetAsync("/api/v1/customers?limit=1")).ReadAsync<PageResponse<CustomerResponse>>();
        Assert.Equal("ANN@Example.com", Assert.Single(first.Items).Email);
        var second = await (await t.Owner.GetAsync($"/api/v1/customers?limit=1&cursor={Uri.EscapeDataString(first.NextCursor!)}")).ReadAsync<PageResponse<CustomerResponse>>();
        Assert.Equal("bob@example.com", Assert.Single(second.Items).Email);
        Assert.Null(second.NextCursor);

        var detail = await (await t.Owner.GetAsync("/api/v1/customers/ann%40EXAMPLE.com")).ReadAsync<CustomerDetailResponse>();
        Assert.Equal([ann2.Id, ann1.Id], detail.Bookings.Select(b => b.Id));
        Assert.Equal("cancelled", detail.Bookings[1].Status);

        await (await t.Owner.GetAsync("/api/v1/customers/nobody%40example.com")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await t.Owner.GetAsync("/api/v1/customers/not-an-address")).ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);
        await (await t.Owner.GetAsync("/api/v1/customers?limit=0")).ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);
        await (await t.Owner.GetAsync("/api/v1/customers?cursor=%21%21")).ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);
        await (await t.Owner.GetAsync("/api/v1/customers?search=" + new string('x', 201))).ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);
        await (await t.Anonymous.GetAsync("/api/v1/customers")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        var staffUser = await t.UserAsync("staff", staff.Id);
        await (await staffUser.GetAsync("/api/v1/customers")).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        await (await staffUser.DeleteAsync("/api/v1/customers/bob%40example.com")).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        var admin = await t.UserAsync("admin");
        Assert.Equal(2, (await (await admin.GetAsync("/api/v1/customers")).ReadAsync<PageResponse<CustomerResponse>>()).Items.Count);
        Assert.Equal(HttpStatusCode.OK, (await t.Owner.GetAsync("/api/v1/customers/bob%40example.com")).StatusCode);
        Assert.Equal(bob.Id, (await (await admin.GetAsync("/api/v1/customers/bob%40example.com")).ReadAsync<CustomerDetailResponse>()).Customer.LastBooking.Id);
    }

    [ServerFact]
    public async Task Holds_AreNeverCustomers_HeldReleasedOrBooked()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slots = await t.SlotsAsync(service.Id);
        var released = await (await t.Anonymous.PostJsonAsync("/api/v1/holds", new CreateHoldRequest(service.Id, slots[0].Start)))
            .ReadAsync<HoldResponse>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await t.Anonymous.DeleteAsync($"/api/v1/holds/{released.Id}")).StatusCode);
        await (await t.Anonymous.PostJsonAsync("/api/v1/holds", new CreateHoldRequest(service.Id, slots[2].Start))).ReadAsync<HoldResponse>(HttpStatusCode.Created);
        var booked = await (await t.Anonymous.PostJsonAsync("/api/v1/holds", new CreateHoldRequest(service.Id, slots[4].Start))).ReadAsync<HoldResponse>(HttpStatusCode.Created);
        await BookAsync(t, BookingFor(service.Id, slots[4].Start, "Hal Holder", "hal@example.com") with { HoldId = booked.Id });

        var page = await (await t.Owner.GetAsync("/api/v1/customers")).ReadAsync<PageResponse<CustomerResponse>>();
        Assert.Equal(["hal@example.com"], page.Items.Select(c => c.Email));
        Assert.Equal(1, page.Items[0].BookingCounts.Values.Sum());
    }

    [ServerFact]
    public async Task Export_CarriesBookingsAnswersAuditAndNotifications_AndIsAudited()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slots = await t.SlotsAsync(service.Id);
        var booking = await BookAsync(t, BookingFor(service.Id, slots[0].Start, "Cleo", "cleo@example.com", notes: "Allergic to lavender"));
        await NotificationQueuedAsync(t, booking.Id);

        var export = await (await t.Owner.GetAsync("/api/v1/customers/cleo%40example.com/export")).ReadAsync<CustomerExportResponse>();
        Assert.Equal("cleo@example.com", export.Customer.Email);
        Assert.Equal("Allergic to lavender", Assert.Single(export.Bookings).Notes);
        Assert.Contains(export.Audit, e => e.Action == "booking.created" && e.EntityId == booking.Id);
        Assert.Contains(export.Notifications, n => n.BookingId == booking.Id && n.Kind == "confirmation");

        var entry = Assert.Single(await AuditAsync(t), e => e.Action == "customer.exported");
        Assert.Equal(("user", (Guid?)t.OwnerAuth.User.Id, "customer"), (entry.ActorType, entry.ActorId, entry.Entity));
        Assert.Equal([booking.Id], entry.After.GetProperty("bookingIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.DoesNotContain("cleo@example.com", entry.After.GetRawText(), StringComparison.OrdinalIgnoreCase);
        await (await t.Owner.GetAsync("/api/v1/customers/nobody%40example.com/export")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
    }

    [ServerFact]
    public async Task Erase_ReplacesThePersonalDataEverywhere_KeepsTheBookings_IsAudited_AndASecondEraseIs404()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slots = await t.SlotsAsync(service.Id);
        var email = $"dora-{Guid.NewGuid():N}@example.com";
        var request = BookingFor(service.Id, slots[0].Start, "Dora Private", email, "0411 222 333", "Lives at 1 Secret St");
        var kept = await BookAsync(t, request, "erase-key");
        var cancelled = await BookAsync(t, BookingFor(service.Id, slots[3].Start, "Dora Private", email.ToUpperInvariant(), null, null));
        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{cancelled.Id}/cancel", new CancelBookingRequest("Dora's reason"))).EnsureSuccessStatusCode();
        var bystander = await BookAsync(t, BookingFor(service.Id, slots[5].Start, "Eve Else", "eve@example.com"));
        await NotificationQueuedAsync(t, kept.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/customers/{Uri.EscapeDataString(email)}")).StatusCode);

        var booking = await (await t.Owner.GetAsync($"/api/v1/bookings/{kept.Id}")).ReadAsync<BookingResponse>();
        Assert.Equal(("Erased customer", (string?)null, (string?)null), (booking.Customer.Name, booking.Customer.Phone, booking.Notes));
        Assert.EndsWith("@erased.invalid", booking.Customer.Email);
        Assert.Equal((slots[0].Start, "confirmed"), (booking.Start, booking.Status));
        Assert.Null((await (await t.Owner.GetAsync($"/api/v1/bookings/{cancelled.Id}")).ReadAsync<BookingResponse>()).CancelReason);

        // Every copy: the audit log, the stored idempotent response, the notification records, the whole tenant's export.
        var replay = await (await SendKeyed(t, request, "erase-key")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(email, replay, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Secret St", replay, StringComparison.Ordinal);
        var tenantExport = await (await t.Owner.GetAsync("/api/v1/tenant/export")).Content.ReadAsStringAsync();
        foreach (var personal in new[] { email, "Dora Private", "0411 222 333", "Secret St", "Dora's reason", "Dora\\u0027s reason" })
        {
            Assert.DoesNotContain(personal, tenantExport, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("eve@example.com", tenantExport, StringComparison.Ordinal);
        Assert.Contains(bystander.Id.ToString(), tenantExport, StringComparison.Ordinal);
        var notifications = await (await t.Owner.GetAsync("/api/v1/notifications")).ReadAsync<PageResponse<NotificationResponse>>();
        Assert.All(notifications.Items.Where(n => n.BookingId == kept.Id), n => Assert.NotEqual("pending", n.Status));

        var erased = Assert.Single(await AuditAsync(t), e => e.Action == "customer.erased");
        Assert.Equal(("user", (Guid?)t.OwnerAuth.User.Id), (erased.ActorType, erased.ActorId));
        Assert.Equal(booking.Customer.Email, erased.After.GetProperty("email").GetString());
        Assert.Equal(new[] { kept.Id, cancelled.Id }.Order(), erased.After.GetProperty("bookingIds").EnumerateArray().Select(e => e.GetGuid()).Order());

        await (await t.Owner.DeleteAsync($"/api/v1/customers/{Uri.EscapeDataString(email)}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await t.Owner.GetAsync($"/api/v1/customers/{Uri.EscapeDataString(email)}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        Assert.Equal(["eve@example.com"], (await (await t.Owner.GetAsync("/api/v1/customers")).ReadAsync<PageResponse<CustomerResponse>>()).Items.Select(c => c.Email));
    }

    /// <summary>Waits (with a deadline) until the booking's confirmation is in the notification records, whether sent yet or not.</summary>
    private static async Task NotificationQueuedAsync(TestTenant t, Guid bookingId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await (await t.Owner.GetAsync("/api/v1/notifications?limit=200")).ReadAsync<PageResponse<NotificationResponse>>())
            .Items.Any(n => n.BookingId == bookingId && n.Kind == "confirmation"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the confirmation was never queued");
            await Task.Delay(50);
        }
    }

    private static Task<HttpResponseMessage> SendKeyed(TestTenant t, CreateBookingRequest body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = System.Net.Http.Json.JsonContent.Create(body, options: Api.Json) };
        request.Headers.Add("Idempotency-Key", key);
        return t.Anonymous.SendAsync(request);
    }

    [ServerFact]
    public async Task TenantExport_StreamsTheWholeTenant_InPages()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        var room = await (await t.Owner.PostJsonAsync("/api/v1/resources", new ResourceRequest("Room", "room", 2, false)))
            .ReadAsync<ResourceResponse>(HttpStatusCode.Created);
        var store = factory.Services.GetRequiredService<IBookingStore>();
        var start = new DateTimeOffset(2030, 1, 7, 0, 0, 0, TimeSpan.Zero);
        const int count = 1_050;
        for (var i = 0; i < count; i++)
        {
            var at = start.AddHours(i);
            var b = new BookMeAtOz.Bookings.Booking(Guid.CreateVersion7(), t.Tenant.Id, service.Id, staff.Id, at, at.AddMinutes(60), 0, 0,
                BookMeAtOz.Bookings.BookingStatus.Confirmed, new BookMeAtOz.Bookings.Customer($"Customer {i}", $"c{i}@example.com", null), null, at, null, null, new byte[32]);
            Assert.NotNull((await store.CreateBookingAsync(new CreateBookingCommand([b], 1, null), CancellationToken.None)).Booking);
        }

        var response = await t.Owner.GetAsync("/api/v1/tenant/export", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentLength);
        var export = await response.ReadAsync<TenantExportResponse>();
        Assert.Equal(t.Slug, export.Tenant.Slug);
        Assert.Equal([service.Id], export.Services.Select(s => s.Id));
        Assert.Equal([staff.Id], export.Staff.Select(s => s.Id));
        Assert.Equal([room], export.Resources);
        Assert.Contains(export.Audit, e => e.Action == "resource.created" && e.EntityId == room.Id);
        Assert.Equal(count, export.Bookings.Select(b => b.Id).Distinct().Count());
        Assert.Equal(export.Bookings.OrderBy(b => b.Start).Select(b => b.Id), export.Bookings.Select(b => b.Id));
        Assert.True(export.Audit.Count(e => e.Action == "booking.created") == count, "every booking's creation is in the audit part");
        Assert.Contains(export.Users, u => u.Id == t.OwnerAuth.User.Id);
        var raw = await (await t.Owner.GetAsync("/api/v1/tenant/export")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("passwordHash", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("manageToken", raw, StringComparison.OrdinalIgnoreCase);

        var admin = await t.UserAsync("admin");
        await (await admin.GetAsync("/api/v1/tenant/export")).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        await (await t.Anonymous.GetAsync("/api/v1/tenant/export")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
    }

    [ServerFact]
    public async Task CloseTenant_IsOwnerOnly_ThenNotFound_SignInFails_SlugStaysTaken_AndIsAudited()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        await t.BookAsync(service.Id, (await t.SlotsAsync(service.Id))[0].Start);
        var admin = await t.UserAsync("admin");
        await (await admin.DeleteAsync("/api/v1/tenant")).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        await (await t.Anonymous.DeleteAsync("/api/v1/tenant")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);

        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync("/api/v1/tenant")).StatusCode);

        await (await t.Anonymous.GetAsync("/api/v1/tenant")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.TenantNotFound);
        await (await t.Anonymous.GetAsync($"/api/v1/services/{service.Id}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.TenantNotFound);
        await (await t.Owner.GetAsync("/api/v1/bookings")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.TenantNotFound);
        await (await t.Anonymous.PostJsonAsync("/api/v1/auth/token", new TokenRequest(t.OwnerAuth.User.Email, TestTenant.Password)))
            .ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.TenantNotFound);
        await (await factory.Client().PostJsonAsync("/api/v1/tenants", new SignUpRequest(t.Slug, "Again", TestTenant.Zone, null,
            new NewAccount("Owner", $"o-{Guid.NewGuid():N}@example.com", TestTenant.Password)))).ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlugTaken);

        var audit = await factory.Services.GetRequiredService<IAuditStore>().ListAsync(new AuditQuery(t.Tenant.Id, t.Tenant.Id, null, null, null, null, 10), CancellationToken.None);
        var closed = Assert.Single(audit, e => e.Action == "tenant.closed");
        Assert.Equal(("user", (Guid?)t.OwnerAuth.User.Id), (closed.ActorType, closed.ActorId));
    }

    [ServerFact]
    public async Task ClosedTenant_IsPurgedByTheBackgroundJob_OnlyAfterTheRetention_ThenItsSlugIsFree()
    {
        // Not before the retention has passed (asked directly: the job asks the same with the clock's time).
        var kept = await TestTenant.CreateAsync(factory);
        Assert.Equal(HttpStatusCode.NoContent, (await kept.Owner.DeleteAsync("/api/v1/tenant")).StatusCode);
        var retention = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TenantRetentionOptions>>().Value.ClosedRetentionDays;
        Assert.Equal(30, retention);
        Assert.DoesNotContain(kept.Tenant.Id, await factory.Services.GetRequiredService<ITenantLifecycleStore>()
            .PurgeClosedTenantsAsync(factory.Clock.GetUtcNow().AddDays(retention - 1), 100, CancellationToken.None));

        // A host that keeps closed tenants for 0 days: its background job purges at its next run (every 0.1 s in tests).
        await using var host = factory.WithSettings(new Dictionary<string, string?> { ["BookMeAtOz:Tenants:ClosedRetentionDays"] = "0" });
        var t = await TestTenant.CreateAsync(host);
        var (_, service) = await t.AddStaffAndServiceAsync();
        await t.BookAsync(service.Id, (await t.SlotsAsync(service.Id))[0].Start);
        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync("/api/v1/tenant")).StatusCode);

        var signUp = new SignUpRequest(t.Slug, "Again", TestTenant.Zone, null, new NewAccount("Owner", $"o-{Guid.NewGuid():N}@example.com", TestTenant.Password));
        var anyone = host.Client();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await anyone.PostJsonAsync("/api/v1/tenants", signUp with { Owner = signUp.Owner! with { Email = $"o-{Guid.NewGuid():N}@example.com" } });
            if (response.StatusCode == HttpStatusCode.Created)
            {
                break;
            }

            await response.ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlugTaken);
            Assert.True(DateTime.UtcNow < deadline, "the purge never ran");
            await Task.Delay(50);
        }

        // The slug now names the new business at once: no cached slug, tenant or closed state of the purged one.
        var reused = await host.Client(t.Slug).GetAsync("/api/v1/tenant");
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("\"Again\"", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Empty(await host.Services.GetRequiredService<IAuditStore>().ListAsync(new AuditQuery(t.Tenant.Id, null, null, null, null, null, 10), CancellationToken.None));
        Assert.Null(await host.Services.GetRequiredService<IBookingStore>().FindTenantAsync(t.Tenant.Id, CancellationToken.None));
        Assert.Empty(await host.Services.GetRequiredService<BookMeAtOz.Auth.IUserStore>().ListUsersAsync(t.Tenant.Id, CancellationToken.None));
    }
}

[Collection(ApiTests.Name)]
public sealed class InMemoryCustomersAndAuditTests(ApiFactory factory) : CustomersAndAuditTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresCustomersAndAuditTests(PostgresApiFactory factory) : CustomersAndAuditTests(factory);
