using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Client.Webhooks;
using BookMeAtOz.Contracts;
using BookMeAtOz.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.AspNetCore.Tests.Webhooks;

/// <summary>
/// Webhooks end to end, through the real host and a real HTTP receiver on loopback; run on every store. Hosts retry
/// fast (0.2 s doubling to 1 s) with a 1 s timeout, so that failures and timeouts resolve quickly.
/// </summary>
public abstract class WebhookDeliveryTestsBase
{
    /// <summary>Settings of a fast-retrying host that may deliver to loopback.</summary>
    protected static Dictionary<string, string?> FastSettings(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["BookMeAtOz:Webhooks:AllowPrivateTargets"] = "true",
            ["BookMeAtOz:Webhooks:RetryBaseDelay"] = "00:00:00.2",
            ["BookMeAtOz:Webhooks:RetryMaxDelay"] = "00:00:01",
            ["BookMeAtOz:Webhooks:Timeout"] = "00:00:01",
            ["BookMeAtOz:Webhooks:ClaimLease"] = "00:00:03",
            ["BookMeAtOz:Webhooks:PollInterval"] = "00:00:00.1",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A host on this store with the settings (a fresh host each time; the same database on PostgreSQL).</summary>
    protected abstract ApiFactory Host(Dictionary<string, string?> settings);

    protected static async Task<WebhookCreatedResponse> SubscribeAsync(TestTenant t, string url, params string[] events) =>
        await (await t.Owner.PostJsonAsync("/api/v1/webhooks", new WebhookRequest(url, events.Length == 0 ? WebhookAll : events)))
            .ReadAsync<WebhookCreatedResponse>(HttpStatusCode.Created);

    protected static readonly string[] WebhookAll =
    [
        "booking.created", "booking.rescheduled", "booking.cancelled", "booking.approved", "booking.declined", "booking.expired",
        "booking.no_show", "waitlist.offered",
    ];

    protected static async Task<IReadOnlyList<WebhookDeliveryResponse>> DeliveriesAsync(HttpClient client, Guid subscriptionId) =>
        (await (await client.GetAsync($"/api/v1/webhooks/{subscriptionId}/deliveries?limit=200")).ReadAsync<PageResponse<WebhookDeliveryResponse>>()).Items;

    [Fact]
    public async Task Subscriptions_CreateListPatchDelete_SecretShownOnlyOnCreate()
    {
        await using var host = Host(FastSettings());
        var t = await TestTenant.CreateAsync(host);
        var response = await t.Owner.PostJsonAsync("/api/v1/webhooks", new WebhookRequest("https://hooks.example.com/in", ["booking.created"]));
        var created = await response.ReadAsync<WebhookCreatedResponse>(HttpStatusCode.Created);
        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
        Assert.EndsWith($"/api/v1/webhooks/{created.Id}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(["booking.created"], created.Events);

        var listed = await (await t.Owner.GetAsync("/api/v1/webhooks")).Content.ReadAsStringAsync();
        Assert.Contains(created.Id.ToString(), listed, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", listed, StringComparison.OrdinalIgnoreCase);

        var patched = await (await t.Owner.PatchJsonAsync($"/api/v1/webhooks/{created.Id}", new { events = new[] { "booking.cancelled", "booking.created" } }))
            .ReadAsync<WebhookResponse>();
        Assert.Equal(["booking.cancelled", "booking.created"], patched.Events);
        Assert.Equal("https://hooks.example.com/in", patched.Url);
        var off = await (await t.Owner.PatchJsonAsync($"/api/v1/webhooks/{created.Id}", new { enabled = false })).ReadAsync<WebhookResponse>();
        Assert.False(off.Enabled);
        Assert.NotNull(off.DisabledAt);

        await (await t.Owner.PatchRawAsync($"/api/v1/webhooks/{created.Id}", """{"events":["booking.nope"]}""")).ValidationProblemAsync("events");
        await (await t.Owner.PatchRawAsync($"/api/v1/webhooks/{created.Id}", """{"url":"ftp://x.example.com"}""")).ValidationProblemAsync("url");
        await (await t.Owner.PatchRawAsync($"/api/v1/webhooks/{created.Id}", """{"color":"red"}""")).ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["booking.cancelled", "booking.created"], (await (await t.Owner.GetAsync($"/api/v1/webhooks/{created.Id}")).ReadAsync<WebhookResponse>()).Events);

        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/webhooks/{created.Id}")).StatusCode);
        await (await t.Owner.GetAsync($"/api/v1/webhooks/{created.Id}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await t.Owner.DeleteAsync($"/api/v1/webhooks/{created.Id}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Subscriptions_BadInputOrCaller_AreRefusedAndChangeNothing()
    {
        await using var host = Host(FastSettings());
        var t = await TestTenant.CreateAsync(host);
        await (await t.Owner.PostJsonAsync("/api/v1/webhooks", new WebhookRequest(null, ["booking.created"]))).ValidationProblemAsync("url");
        await (await t.Owner.PostJsonAsync("/api/v1/webhooks", new WebhookRequest("not a url", ["booking.created"]))).ValidationProblemAsync("url");
        await (await t.Owner.PostJsonAsync("/api/v1/webhooks", new WebhookRequest("https://u:p@hooks.example.com/", ["booking.created"]))).ValidationProblemAsync("url");
        await (await t.Owner.PostJsonAsync("/api/v1/webhooks", new WebhookRequest("https://hooks.example.com/", []))).ValidationProblemAsync("events");
        await (await t.Owner.PostJsonAsync("/api/v1/webhooks", new WebhookRequest("https://hooks.example.com/", ["ping"]))).ValidationProblemAsync("events");
        await (await t.Owner.PostRawAsync("/api/v1/webhooks", """{"url":"https://hooks.example.com/","events":["booking.created"],"extra":1}"""))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await t.Anonymous.PostJsonAsync("/api/v1/webhooks", new WebhookRequest("https://hooks.example.com/", ["booking.created"])))
            .ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        var (staff, _) = await t.AddStaffAndServiceAsync();
        var staffUser = await t.UserAsync("staff", staff.Id);
        await (await staffUser.GetAsync("/api/v1/webhooks")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var admin = await t.UserAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/webhooks")).StatusCode);
        await (await t.Owner.PostAsync($"/api/v1/webhooks/{Guid.NewGuid()}/ping", null)).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await t.Owner.GetAsync($"/api/v1/webhooks/{Guid.NewGuid()}/deliveries")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await (await t.Owner.GetAsync("/api/v1/webhooks")).ReadAsync<ItemsResponse<WebhookResponse>>()).Items);

        // Another tenant's subscription is not found.
        var created = await SubscribeAsync(t, "https://hooks.example.com/in");
        var other = await TestTenant.CreateAsync(host);
        await (await other.Owner.GetAsync($"/api/v1/webhooks/{created.Id}")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await other.Owner.PostAsync($"/api/v1/webhooks/{created.Id}/rotate-secret", null)).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task BookingEvents_ArriveSignedOncePerDelivery_InOrderPerBooking()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = Host(FastSettings());
        var t = await TestTenant.CreateAsync(host);
        var hook = await SubscribeAsync(t, receiver.Url);
        var onlyCancelled = await SubscribeAsync(t, receiver.Url + "?only=cancelled", "booking.cancelled");
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slots = await t.SlotsAsync(service.Id);
        var booking = await t.BookAsync(service.Id, slots[0].Start);
        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/reschedule", new RescheduleBookingRequest(slots[2].Start, null))).EnsureSuccessStatusCode();
        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new CancelBookingRequest("Ill"))).EnsureSuccessStatusCode();

        var received = await receiver.WaitForAsync(r => r.Count >= 4, "created, rescheduled, cancelled and the filtered cancelled");
        var all = received.Where(r => r.Signature.Length > 0 && r.VerifiesWith(hook.Secret)).ToList();
        Assert.Equal(["booking.created", "booking.rescheduled", "booking.cancelled"], all.Select(r => r.Type));
        Assert.Equal(all.Select(r => r.Type), all.Select(r => r.EventType));
        Assert.All(all, r => Assert.Equal(booking.Id, r.Data.GetProperty("bookingId").GetGuid()));
        Assert.Equal(3, all.Select(r => r.DeliveryId).Distinct().Count());
        Assert.Equal(3, all.Select(r => r.EventId).Distinct().Count());
        Assert.Equal(slots[0].Start, all[1].Data.GetProperty("previousStart").GetDateTimeOffset());
        Assert.Equal(slots[2].Start, all[1].Data.GetProperty("start").GetDateTimeOffset());
        Assert.Equal("cancelled", all[2].Data.GetProperty("status").GetString());
        using (var body = System.Text.Json.JsonDocument.Parse(all[0].Body))
        {
            Assert.True(body.RootElement.GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
        }

        // The second subscription got only the cancellation, the same event (id) as the first, signed with its own secret.
        var filtered = Assert.Single(received, r => r.VerifiesWith(onlyCancelled.Secret));
        Assert.Equal("booking.cancelled", filtered.Type);
        Assert.Equal(all[2].EventId, filtered.EventId);
        Assert.False(filtered.VerifiesWith(hook.Secret));

        var log = await Eventually.WaitAsync(() => DeliveriesAsync(t.Owner, hook.Id), l => l.Count == 3 && l.All(d => d.Status == "delivered"), "3 delivered");
        Assert.All(log, d => Assert.Equal(200, d.ResponseStatus));
        Assert.All(log, d => Assert.StartsWith("ok booking.", d.ResponseExcerpt, StringComparison.Ordinal));
        Assert.All(log, d => Assert.NotNull(d.DurationMs));
        Assert.Equal(all.Select(r => r.EventId).Reverse(), log.Select(d => d.EventId));
    }

    [Fact]
    public async Task SlowAnswer_HoldsUpOnlyItsOwnSlot_TheOtherDeliveriesGoOn_AndEveryTenantsOutcomesAreRecorded()
    {
        // One request is held (far longer than the test waits: the host's timeout is a minute) until every other event
        // arrived. A dispatcher that sends batch by batch waits for the slowest of each batch before claiming the next
        // and gets nowhere; one that fills each freed slot at once delivers the others through its remaining slots.
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = Host(FastSettings(new()
        {
            ["BookMeAtOz:Webhooks:BatchSize"] = "4",
            ["BookMeAtOz:Webhooks:MaxConcurrency"] = "4",
            ["BookMeAtOz:Webhooks:Timeout"] = "00:01:00",
            ["BookMeAtOz:Webhooks:ClaimLease"] = "00:02:00",
        }));
        var t = await TestTenant.CreateAsync(host);
        var u = await TestTenant.CreateAsync(host);
        var hooks = new[] { await SubscribeAsync(t, receiver.Url, "booking.created"), await SubscribeAsync(u, receiver.Url, "booking.created") };
        const int count = 12;
        var now = host.Clock.GetUtcNow();
        var events = Enumerable.Range(0, count).Select(i => new WebhookEvent(
            Guid.CreateVersion7(), (i % 2 == 0 ? t : u).Tenant.Id, "booking.created", now, Guid.NewGuid(), i + 1,
            System.Text.Json.JsonSerializer.Serialize(new { id = Guid.NewGuid(), type = "booking.created", createdAt = now, data = new { n = i } }))).ToList();
        var held = events[0].Body;
        receiver.Behaviour = async (r, ct) =>
        {
            if (r.Body == held)
            {
                await Eventually.WaitAsync(() => Task.FromResult(receiver.Received.Count), n => n >= count, "the other events", seconds: 120);
            }

            return 200;
        };
        await host.Services.GetRequiredService<IWebhookStore>().EnqueueAsync(events, now, CancellationToken.None);
        host.Services.GetRequiredService<WebhookWakeSignal>().Signal.Set();

        var received = await Eventually.WaitAsync(() => Task.FromResult(receiver.Received), r => r.Count >= count, $"{count} events past the held one", seconds: 30);
        Assert.Equal(count, received.Select(r => r.Body).Distinct().Count());
        foreach (var (tenant, hook) in new[] { (t, hooks[0]), (u, hooks[1]) })
        {
            var log = await Eventually.WaitAsync(() => DeliveriesAsync(tenant.Owner, hook.Id), l => l.Count == count / 2 && l.All(d => d.Status == "delivered"),
                "each tenant's deliveries recorded as delivered");
            Assert.All(log, d => Assert.Equal(1, d.Attempts));
        }
    }

    [Fact]
    public async Task FailingOrSlowReceiver_IsRetriedWithTheSameDeliveryAndEventId_UntilIt_Answers2xx()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Behaviour = async (r, ct) =>
        {
            switch (r.Attempt)
            {
                case 1: return 500;
                case 2:
                    await Task.Delay(TimeSpan.FromSeconds(5), ct); // longer than the host's 1 s timeout
                    return 200;
                case 3: return 404;
                default: return 204;
            }
        };
        await using var host = Host(FastSettings());
        var t = await TestTenant.CreateAsync(host);
        var hook = await SubscribeAsync(t, receiver.Url);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var booking = await t.BookAsync(service.Id, (await t.SlotsAsync(service.Id))[0].Start);

        var received = await receiver.WaitForAsync(r => r.Count >= 4, "four attempts");
        Assert.Single(received.Select(r => r.DeliveryId).Distinct());
        Assert.Single(received.Select(r => r.EventId).Distinct());
        Assert.All(received, r => Assert.True(r.VerifiesWith(hook.Secret)));
        Assert.All(received, r => Assert.Equal(booking.Id, r.Data.GetProperty("bookingId").GetGuid()));

        var delivery = Assert.Single(await Eventually.WaitAsync(() => DeliveriesAsync(t.Owner, hook.Id), l => l is [{ Status: "delivered" }], "delivered"));
        Assert.Equal(4, delivery.Attempts);
        Assert.Equal(204, delivery.ResponseStatus);
        Assert.Null(delivery.Error);
        Assert.Null((await (await t.Owner.GetAsync($"/api/v1/webhooks/{hook.Id}")).ReadAsync<WebhookResponse>()).FailingSince);
        // Nothing more arrives for a delivered event: one more event goes through, and the first is not among its requests.
        await t.BookAsync(service.Id, (await t.SlotsAsync(service.Id))[1].Start);
        var after = await receiver.WaitForAsync(r => r.Count >= 5, "the second booking");
        Assert.Equal(4, after.Count(r => r.EventId == received[0].EventId));
    }

    [Fact]
    public async Task RotateSecret_BothSecretsSignDuringTheOverlap_OnlyTheNewOneAfterIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = Host(FastSettings());
        var t = await TestTenant.CreateAsync(host);
        var hook = await SubscribeAsync(t, receiver.Url);
        var rotated = await (await t.Owner.PostAsync($"/api/v1/webhooks/{hook.Id}/rotate-secret", null)).ReadAsync<WebhookSecretResponse>();
        Assert.NotEqual(hook.Secret, rotated.Secret);

        var ping = await (await t.Owner.PostAsync($"/api/v1/webhooks/{hook.Id}/ping", null)).ReadAsync<WebhookDeliveryAcceptedResponse>(HttpStatusCode.Accepted);
        var first = (await receiver.WaitForAsync(r => r.Count >= 1, "the ping")).Single();
        Assert.Equal(ping.DeliveryId.ToString(), first.DeliveryId);
        Assert.Equal("ping", first.Type);
        Assert.Equal(2, first.Signature.Split(',').Count(p => p.StartsWith("v1=", StringComparison.Ordinal)));
        Assert.True(first.VerifiesWith(hook.Secret));
        Assert.True(first.VerifiesWith(rotated.Secret));

        // Past the overlap (24 h by default) the old secret signs no more. (Access tokens are checked against the real
        // clock, so the ping is queued through the service itself.)
        host.Clock.Offset = TimeSpan.FromHours(25);
        await host.Services.GetRequiredService<WebhookService>().PingAsync(t.Tenant.Id, hook.Id, CancellationToken.None);

        var second = (await receiver.WaitForAsync(r => r.Count >= 2, "the second ping"))[1];
        Assert.Single(second.Signature.Split(','), p => p.StartsWith("v1=", StringComparison.Ordinal));
        var stamp = long.Parse(second.Signature.Split(',')[0][2..], System.Globalization.CultureInfo.InvariantCulture);
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(stamp));
        Assert.True(WebhookSignature.Verify(System.Text.Encoding.UTF8.GetBytes(second.Body), second.Signature, rotated.Secret, clock, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(System.Text.Encoding.UTF8.GetBytes(second.Body), second.Signature, hook.Secret, clock, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task Replay_SendsTheSameEventAgain_UnderANewDeliveryId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = Host(FastSettings());
        var t = await TestTenant.CreateAsync(host);
        var hook = await SubscribeAsync(t, receiver.Url);
        var (_, service) = await t.AddStaffAndServiceAsync();
        await t.BookAsync(service.Id, (await t.SlotsAsync(service.Id))[0].Start);
        var original = (await receiver.WaitForAsync(r => r.Count >= 1, "the booking")).Single();
        var replay = await (await t.Owner.PostAsync($"/api/v1/webhooks/{hook.Id}/deliveries/{original.DeliveryId}/replay", null))
            .ReadAsync<WebhookDeliveryAcceptedResponse>(HttpStatusCode.Accepted);
        var again = (await receiver.WaitForAsync(r => r.Count >= 2, "the replay"))[1];
        Assert.Equal(replay.DeliveryId.ToString(), again.DeliveryId);
        Assert.NotEqual(original.DeliveryId, again.DeliveryId);
        Assert.Equal(original.EventId, again.EventId);
        Assert.Equal(original.Body, again.Body);
        Assert.True(again.VerifiesWith(hook.Secret));
        var log = await Eventually.WaitAsync(() => DeliveriesAsync(t.Owner, hook.Id), l => l.Count == 2 && l.All(d => d.Status == "delivered"), "both delivered");
        Assert.Equal(Guid.Parse(original.DeliveryId), log.Single(d => d.Id == replay.DeliveryId).ReplayOf);
        await (await t.Owner.PostAsync($"/api/v1/webhooks/{hook.Id}/deliveries/{Guid.NewGuid()}/replay", null)).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task FailingForADay_BacksOffExponentially_ThenIsDisabledAndTheOwnerEmailed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Behaviour = (_, _) => Task.FromResult(503);
        // The default back-off (30 s doubling, at most an hour; disabled after 24 h), under the host's shiftable clock.
        await using var host = Host(new Dictionary<string, string?>
        {
            ["BookMeAtOz:Webhooks:AllowPrivateTargets"] = "true",
            ["BookMeAtOz:Webhooks:PollInterval"] = "00:00:00.1",
        });
        var t = await TestTenant.CreateAsync(host);
        var hook = await SubscribeAsync(t, receiver.Url);
        await (await t.Owner.PostAsync($"/api/v1/webhooks/{hook.Id}/ping", null)).ReadAsync<WebhookDeliveryAcceptedResponse>(HttpStatusCode.Accepted);
        var first = Assert.Single(await Eventually.WaitAsync(() => DeliveriesAsync(t.Owner, hook.Id), l => l is [{ Attempts: 1, LastAttemptAt: not null }], "attempt 1"));
        Assert.Equal("pending", first.Status);
        Assert.Equal(503, first.ResponseStatus);
        Assert.InRange((first.NextAttemptAt!.Value - first.LastAttemptAt!.Value).TotalSeconds, 23.9, 36.1);
        Assert.NotNull((await (await t.Owner.GetAsync($"/api/v1/webhooks/{hook.Id}")).ReadAsync<WebhookResponse>()).FailingSince);
        Assert.Single(receiver.Received);

        host.Clock.Offset = TimeSpan.FromSeconds(40);
        var second = Assert.Single(await Eventually.WaitAsync(() => DeliveriesAsync(t.Owner, hook.Id), l => l is [{ Attempts: 2, Status: "pending" }] && l[0].LastAttemptAt > first.LastAttemptAt, "attempt 2"));
        Assert.InRange((second.NextAttemptAt!.Value - second.LastAttemptAt!.Value).TotalSeconds, 47.9, 72.1);

        // A day later (access tokens are checked against the real clock: the log is read from the store meanwhile).
        host.Clock.Offset = TimeSpan.FromHours(25);
        var store = host.Services.GetRequiredService<IWebhookStore>();
        await Eventually.WaitAsync(() => store.ListDeliveriesAsync(t.Tenant.Id, hook.Id, null, 10, CancellationToken.None),
            l => l is [{ Status: WebhookDeliveryStatus.Failed }], "given up");
        host.Clock.Offset = TimeSpan.Zero;
        var owner = t.Owner;
        var last = Assert.Single(await DeliveriesAsync(owner, hook.Id));
        Assert.Equal("failed", last.Status);
        Assert.Equal(3, last.Attempts);
        var disabled = await (await owner.GetAsync($"/api/v1/webhooks/{hook.Id}")).ReadAsync<WebhookResponse>();
        Assert.False(disabled.Enabled);
        Assert.NotNull(disabled.DisabledAt);
        var mail = await host.Emails.WaitForAsync(t.OwnerAuth.User.Email, "Webhook disabled");
        Assert.Contains(hook.Id.ToString(), mail.TextBody, StringComparison.Ordinal);

        // Disabled: nothing more is sent, events are not queued for it; enabling it again works and clears the failure.
        await (await owner.PostAsync($"/api/v1/webhooks/{hook.Id}/ping", null)).ReadAsync<WebhookDeliveryAcceptedResponse>(HttpStatusCode.Accepted);
        receiver.Behaviour = (_, _) => Task.FromResult(200);
        var enabled = await (await owner.PatchJsonAsync($"/api/v1/webhooks/{hook.Id}", new { enabled = true })).ReadAsync<WebhookResponse>();
        Assert.True(enabled.Enabled);
        Assert.Null(enabled.FailingSince);
        await Eventually.WaitAsync(() => DeliveriesAsync(owner, hook.Id), l => l.Count == 2 && l[0].Status == "delivered", "the ping after enabling");
        Assert.Equal(4, receiver.Received.Count);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
