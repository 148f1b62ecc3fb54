using System.Net;
using System.Net.Http.Headers;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;
using Ical.Net;

namespace BookMeAtOz.AspNetCore.Tests.Calendars;

/// <summary>Staff calendar feeds (SPEC §11.3): issue, rotate, revoke, read with ETag/304, tenant checks; on both stores.</summary>
public abstract class CalendarFeedTests(ApiFactory factory)
{
    private static string TokenOf(string url) => url[(url.LastIndexOf('/') + 1)..^".ics".Length];

    private static string PathOf(string url) => new Uri(url).AbsolutePath;

    private async Task<(TestTenant Tenant, StaffResponse Staff, ServiceResponse Service)> SetUpAsync()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}",
            new { location = new { kind = "inPerson", address = "12 Example St, Sydney NSW 2000" } })).EnsureSuccessStatusCode();
        return (t, staff, service);
    }

    [ServerFact]
    public async Task Feed_ListsTheStaffMembersBookingsThatHoldTime_AndParsesBack()
    {
        var (t, staff, service) = await SetUpAsync();
        var other = await t.AddStaffAsync("Sam");
        var otherService = await t.AddServiceAsync([other.Id], name: "Colour");
        var slots = await t.SlotsAsync(service.Id);
        var kept = await t.BookAsync(service.Id, slots[0].Start);
        var cancelled = await t.BookAsync(service.Id, slots[2].Start);
        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{cancelled.Id}/cancel", new CancelBookingRequest(null))).EnsureSuccessStatusCode();
        var moved = await t.BookAsync(service.Id, slots[4].Start);
        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{moved.Id}/reschedule", new RescheduleBookingRequest(slots[6].Start, null))).EnsureSuccessStatusCode();
        (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { requiresApproval = true })).EnsureSuccessStatusCode();
        var pending = await t.BookAsync(service.Id, slots[7].Start);
        var someoneElses = await t.BookAsync(otherService.Id, (await t.SlotsAsync(otherService.Id))[0].Start);
        Assert.Equal("pending", pending.Status);

        var url = (await (await t.Owner.PostAsync($"/api/v1/staff/{staff.Id}/feed", null)).ReadAsync<CalendarFeedResponse>()).Url;
        Assert.Matches(@"^https?://[^/]+/feeds/[A-Za-z0-9_-]{64}\.ics$", url);
        var response = await factory.Client().GetAsync(PathOf(url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.True(response.Headers.CacheControl is { Private: true, NoCache: true });
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text)!;
        var events = calendar.Events.OrderBy(e => e.Start!.AsUtc).ToList();
        Assert.Equal([kept.Id, moved.Id, pending.Id], events.Select(e => Guid.Parse(e.Uid![..^"@bookmeatoz".Length])));
        Assert.Equal([0, 1, 0], events.Select(e => e.Sequence));
        Assert.Equal(["CONFIRMED", "CONFIRMED", "TENTATIVE"], events.Select(e => e.Status));
        Assert.Equal(slots[6].Start.UtcDateTime, events[1].Start!.AsUtc);
        Assert.Equal(slots[7].Start.UtcDateTime, events[1].End!.AsUtc);
        Assert.All(events, e => Assert.Equal("12 Example St, Sydney NSW 2000", e.Location));
        Assert.All(events, e => Assert.Equal($"Haircut: {kept.Customer.Name} (Test Salon)", e.Summary));
        Assert.All(events, e => Assert.StartsWith("Test Salon\nCustomer: ", e.Description, StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Uid!.StartsWith(cancelled.Id.ToString(), StringComparison.Ordinal)
            || e.Uid.StartsWith(someoneElses.Id.ToString(), StringComparison.Ordinal));

        // Round trip: what the parser read, written again by it and read back, is the same calendar.
        var again = Calendar.Load(new Ical.Net.Serialization.CalendarSerializer().SerializeToString(calendar)!)!;
        Assert.Equal(events.Select(e => (e.Uid, e.Sequence, e.Start!.AsUtc, e.End!.AsUtc, e.Summary, e.Location, e.Status)),
            again.Events.OrderBy(e => e.Start!.AsUtc).Select(e => (e.Uid, e.Sequence, e.Start!.AsUtc, e.End!.AsUtc, e.Summary, e.Location, e.Status)));

        // The token never reaches a log line.
        Assert.DoesNotContain(factory.Logs.Events, e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(TokenOf(url), StringComparison.Ordinal)
            || e.Properties.Values.Any(v => v.ToString().Contains(TokenOf(url), StringComparison.Ordinal)));
    }

    [ServerFact]
    public async Task Feed_AnswersNotModified_ForItsETag_UntilABookingChanges()
    {
        var (t, staff, service) = await SetUpAsync();
        var slots = await t.SlotsAsync(service.Id);
        var booking = await t.BookAsync(service.Id, slots[0].Start);
        var path = PathOf((await (await t.Owner.PostAsync($"/api/v1/staff/{staff.Id}/feed", null)).ReadAsync<CalendarFeedResponse>()).Url);
        var anonymous = factory.Client();
        var first = await anonymous.GetAsync(path);
        var tag = first.Headers.ETag!;

        var same = await anonymous.GetAsync(path);
        Assert.Equal(tag, same.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await same.Content.ReadAsStringAsync());
        var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(tag);
        var notModified = await anonymous.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(tag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/reschedule", new RescheduleBookingRequest(slots[3].Start, null))).EnsureSuccessStatusCode();
        var afterMove = new HttpRequestMessage(HttpMethod.Get, path);
        afterMove.Headers.IfNoneMatch.Add(tag);
        var changed = await anonymous.SendAsync(afterMove);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tag, changed.Headers.ETag);
        Assert.Equal(slots[3].Start.UtcDateTime, Assert.Single(Calendar.Load(await changed.Content.ReadAsStringAsync())!.Events).Start!.AsUtc);
    }

    [ServerFact]
    public async Task Rotation_And_Revocation_StopTheOldUrlAtOnce()
    {
        var (t, staff, _) = await SetUpAsync();
        var first = PathOf((await (await t.Owner.PostAsync($"/api/v1/staff/{staff.Id}/feed", null)).ReadAsync<CalendarFeedResponse>()).Url);
        Assert.Equal(HttpStatusCode.OK, (await factory.Client().GetAsync(first)).StatusCode);

        // The staff member themself may rotate it; another staff member may not.
        var self = await t.UserAsync("staff", staff.Id);
        var second = PathOf((await (await self.PostAsync($"/api/v1/staff/{staff.Id}/feed", null)).ReadAsync<CalendarFeedResponse>()).Url);
        Assert.NotEqual(first, second);
        await (await factory.Client().GetAsync(first)).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.OK, (await factory.Client().GetAsync(second)).StatusCode);

        var stranger = await t.UserAsync("staff", (await t.AddStaffAsync("Sam")).Id);
        await (await stranger.PostAsync($"/api/v1/staff/{staff.Id}/feed", null)).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await stranger.DeleteAsync($"/api/v1/staff/{staff.Id}/feed")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await t.Anonymous.PostAsync($"/api/v1/staff/{staff.Id}/feed", null)).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await factory.Client().GetAsync(second)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await self.DeleteAsync($"/api/v1/staff/{staff.Id}/feed")).StatusCode);
        await (await factory.Client().GetAsync(second)).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/staff/{staff.Id}/feed")).StatusCode);
        await (await t.Owner.PostAsync($"/api/v1/staff/{Guid.NewGuid()}/feed", null)).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await t.Owner.DeleteAsync($"/api/v1/staff/{Guid.NewGuid()}/feed")).ProblemAsync(HttpStatusCode.NotFound, "not_found");

        // A deleted staff member's feed is gone with them.
        var third = PathOf((await (await t.Owner.PostAsync($"/api/v1/staff/{staff.Id}/feed", null)).ReadAsync<CalendarFeedResponse>()).Url);
        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/staff/{staff.Id}")).StatusCode);
        await (await factory.Client().GetAsync(third)).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [ServerFact]
    public async Task IssueRotateAndRevoke_AreAudited_WithTheActor_NeverTheToken()
    {
        var (t, staff, _) = await SetUpAsync();
        var first = (await (await t.Owner.PostAsync($"/api/v1/staff/{staff.Id}/feed", null)).ReadAsync<CalendarFeedResponse>()).Url;
        var self = await t.UserAsync("staff", staff.Id);
        var second = (await (await self.PostAsync($"/api/v1/staff/{staff.Id}/feed", null)).ReadAsync<CalendarFeedResponse>()).Url;
        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/staff/{staff.Id}/feed")).StatusCode);
        // Revoking again changes nothing, so records nothing; nor does a refused request.
        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/staff/{staff.Id}/feed")).StatusCode);
        var stranger = await t.UserAsync("staff", (await t.AddStaffAsync("Sam")).Id);
        await (await stranger.PostAsync($"/api/v1/staff/{staff.Id}/feed", null)).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var raw = await (await t.Owner.GetAsync($"/api/v1/audit?entity={staff.Id}&limit=100")).Content.ReadAsStringAsync();
        var entries = (await (await t.Owner.GetAsync($"/api/v1/audit?entity={staff.Id}&limit=100")).ReadAsync<PageResponse<AuditEntryResponse>>()).Items
            .Where(e => e.Entity == "calendar_feed").ToList();
        Assert.Equal(["calendar_feed.revoked", "calendar_feed.issued", "calendar_feed.issued"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(staff.Id, e.EntityId));
        var selfId = entries[1].ActorId;
        Assert.Equal(("user", "user", "user"), (entries[0].ActorType, entries[1].ActorType, entries[2].ActorType));
        Assert.NotNull(selfId);
        Assert.NotEqual(entries[2].ActorId, selfId);
        Assert.Equal(t.OwnerAuth.User.Id, entries[0].ActorId);
        Assert.Equal(t.OwnerAuth.User.Id, entries[2].ActorId);
        Assert.Equal(staff.Id, entries[2].After.GetProperty("staffId").GetGuid());
        // The revocation names the feed it ended: the second one issued.
        Assert.Equal(entries[1].After.GetProperty("issuedAt").GetDateTimeOffset(), entries[0].Before.GetProperty("issuedAt").GetDateTimeOffset());
        Assert.DoesNotContain(TokenOf(first), raw, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenOf(second), raw, StringComparison.Ordinal);
    }

    [ServerFact]
    public async Task Feed_OfAnotherTenant_OrAnUnknownToken_IsNotFound()
    {
        var (t, staff, _) = await SetUpAsync();
        var other = await TestTenant.CreateAsync(factory);
        var path = PathOf((await (await t.Owner.PostAsync($"/api/v1/staff/{staff.Id}/feed", null)).ReadAsync<CalendarFeedResponse>()).Url);

        // Named by its own tenant (or by none): served. Named by another tenant: not there.
        Assert.Equal(HttpStatusCode.OK, (await factory.Client(t.Slug).GetAsync(path)).StatusCode);
        await (await factory.Client(other.Slug).GetAsync(path)).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await factory.Client("no-such-tenant").GetAsync(path)).ProblemAsync(HttpStatusCode.NotFound, "not_found");

        // Another tenant's id with this token's secret, a random token, and tokens of the wrong shape.
        var token = TokenOf(path);
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(token);
        other.Tenant.Id.TryWriteBytes(bytes);
        foreach (var wrong in new[]
        {
            System.Buffers.Text.Base64Url.EncodeToString(bytes), System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            token[..^1], token + "A", "not-a-token", token.Replace(token[10], token[10] == '*' ? 'a' : '*'),
        })
        {
            await (await factory.Client().GetAsync($"/feeds/{Uri.EscapeDataString(wrong)}.ics")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await factory.Client().GetAsync($"/feeds/{token}")).StatusCode);
    }

    [ServerFact]
    public async Task Feed_IsRateLimitedPerClientAddress()
    {
        await using var limited = factory.WithSettings(new Dictionary<string, string?> { ["BookMeAtOz:RateLimiting:Feeds:PermitLimit"] = "3" });
        var t = await TestTenant.CreateAsync(limited);
        var staff = await t.AddStaffAsync();
        var path = PathOf((await (await t.Owner.PostAsync($"/api/v1/staff/{staff.Id}/feed", null)).ReadAsync<CalendarFeedResponse>()).Url);
        var client = limited.Client();
        client.DefaultRequestHeaders.Add(ApiFactory.ClientIpHeader, "198.51.100.7");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }

        var refused = await client.GetAsync(path);
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(refused.Headers.RetryAfter);
        var elsewhere = limited.Client();
        elsewhere.DefaultRequestHeaders.Add(ApiFactory.ClientIpHeader, "198.51.100.8");
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync(path)).StatusCode);
    }
}

[Collection(ApiTests.Name)]
public sealed class InMemoryCalendarFeedTests(ApiFactory factory) : CalendarFeedTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresCalendarFeedTests(PostgresApiFactory factory) : CalendarFeedTests(factory);
