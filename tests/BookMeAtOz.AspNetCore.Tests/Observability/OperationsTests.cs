using System.Net;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Tests.Support;
using Serilog.Events;

namespace BookMeAtOz.AspNetCore.Tests.Observability;

[Collection(ApiTests.Name)]
public sealed class OperationsTests(ApiFactory factory)
{
    [ServerFact]
    public async Task Health_LiveAndReady_AreHealthy()
    {
        var client = factory.CreateClient();
        foreach (var url in new[] { "/health/live", "/health/ready" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        }
    }

    [ServerFact]
    public async Task Metrics_AfterBooking_ExposesBusinessAndHttpMetricsWithoutTenantLabels()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        await t.BookAsync(service.Id, (await t.SlotsAsync(service.Id))[0].Start);

        var text = string.Empty;
        for (var attempt = 0; attempt < 20 && !text.Contains("bookmeatoz_booking_created", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(attempt * 50);
            text = await factory.CreateClient().GetStringAsync("/metrics");
        }

        Assert.Contains("bookmeatoz_booking_created", text, StringComparison.Ordinal);
        Assert.Contains("bookmeatoz_availability_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("process_", text, StringComparison.Ordinal);
        Assert.DoesNotContain(t.Tenant.Id.ToString(), text, StringComparison.Ordinal);
        Assert.DoesNotContain(t.Slug, text, StringComparison.Ordinal);
    }

    [ServerFact]
    public async Task OpenApi_DescribesEveryRoute()
    {
        using var doc = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        var expected = new Dictionary<string, string[]>
        {
            ["/api/v1/tenants"] = ["post"],
            ["/api/v1/auth/token"] = ["post"],
            ["/api/v1/auth/refresh"] = ["post"],
            ["/api/v1/me"] = ["get"],
            ["/api/v1/users"] = ["get", "post"],
            ["/api/v1/tenant"] = ["delete", "get", "patch"],
            ["/api/v1/tenant/export"] = ["get"],
            ["/api/v1/customers"] = ["get"],
            ["/api/v1/customers/{email}"] = ["delete", "get"],
            ["/api/v1/customers/{email}/export"] = ["get"],
            ["/api/v1/services"] = ["get", "post"],
            ["/api/v1/services/{id}"] = ["get", "patch", "delete"],
            ["/api/v1/staff"] = ["get", "post"],
            ["/api/v1/staff/{id}"] = ["get", "patch", "delete"],
            ["/api/v1/staff/{id}/schedule"] = ["get", "put"],
            ["/api/v1/staff/{id}/time-off"] = ["get", "post"],
            ["/api/v1/staff/{id}/time-off/{timeOffId}"] = ["delete"],
            ["/api/v1/closures"] = ["get", "post"],
            ["/api/v1/closures/{id}"] = ["delete"],
            ["/api/v1/holds"] = ["post"],
            ["/api/v1/holds/{id}"] = ["delete"],
            ["/api/v1/availability"] = ["get"],
            ["/api/v1/bookings"] = ["get", "post"],
            ["/api/v1/bookings/{id}"] = ["get"],
            ["/api/v1/bookings/{id}/cancel"] = ["post"],
            ["/api/v1/bookings/{id}/reschedule"] = ["post"],
            ["/api/v1/bookings/{id}/ics"] = ["get"],
            ["/api/v1/bookings/{id}/approve"] = ["post"],
            ["/api/v1/bookings/{id}/decline"] = ["post"],
            ["/api/v1/bookings/{id}/no-show"] = ["post"],
            ["/api/v1/notifications"] = ["get"],
            ["/api/v1/auth/password"] = ["post"],
            ["/api/v1/auth/password-reset"] = ["post"],
            ["/api/v1/auth/password-reset/confirm"] = ["post"],
            ["/api/v1/auth/invitations/accept"] = ["post"],
            ["/api/v1/users/{id}"] = ["delete", "patch"],
            ["/api/v1/users/invitations"] = ["post"],
            ["/api/v1/audit"] = ["get"],
            ["/api/v1/resources"] = ["get", "post"],
            ["/api/v1/resources/{id}"] = ["delete", "get", "patch"],
            ["/api/v1/bookings/series"] = ["post"],
            ["/api/v1/series/{id}/cancel"] = ["post"],
            ["/api/v1/series/{id}/reschedule"] = ["post"],
            ["/api/v1/webhooks"] = ["get", "post"],
            ["/api/v1/webhooks/{id}"] = ["delete", "get", "patch"],
            ["/api/v1/webhooks/{id}/rotate-secret"] = ["post"],
            ["/api/v1/webhooks/{id}/ping"] = ["post"],
            ["/api/v1/webhooks/{id}/deliveries"] = ["get"],
            ["/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay"] = ["post"],
            ["/api/v1/api-keys"] = ["get", "post"],
            ["/api/v1/api-keys/{id}"] = ["delete"],
            ["/api/v1/staff/{id}/feed"] = ["delete", "post"],
            ["/feeds/{token}.ics"] = ["get"],
            ["/api/v1/staff/{id}/caldav"] = ["delete", "get", "put"],
            ["/api/v1/waitlist"] = ["get", "post"],
            ["/api/v1/waitlist/{id}"] = ["delete"],
        };
        var actual = paths.EnumerateObject().ToDictionary(p => p.Name.TrimEnd('/'), p => p.Value.EnumerateObject().Select(o => o.Name).Order().ToArray());
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (path, methods) in expected)
        {
            Assert.Equal(methods.Order(), actual[path]);
        }

        Assert.True(doc.RootElement.GetProperty("components").GetProperty("schemas").TryGetProperty("CreateBookingRequest", out _));
    }

    [ServerFact]
    public async Task Logs_OfATenantRequest_CarryRequestTraceTenantAndUser()
    {
        var t = await TestTenant.CreateAsync(factory);
        var marker = Guid.NewGuid().ToString("N");
        var response = await t.Owner.GetAsync($"/api/v1/services?marker={marker}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        LogEvent? line = null;
        for (var attempt = 0; attempt < 20 && line is null; attempt++)
        {
            await Task.Delay(attempt * 20);
            line = factory.Logs.Events.FirstOrDefault(e =>
                e.Properties.TryGetValue("RequestPath", out var p) && p.ToString().Contains("/api/v1/services", StringComparison.Ordinal)
                && e.Properties.TryGetValue("TenantId", out var tid) && tid.ToString().Contains(t.Tenant.Id.ToString(), StringComparison.Ordinal));
        }

        Assert.True(line is not null, string.Join("\n", factory.Logs.Events.TakeLast(5).Select(e => string.Join(", ", e.Properties.Select(p => $"{p.Key}={p.Value}")))));
        foreach (var property in new[] { "RequestId", "TraceId", "TenantId", "UserId", "StatusCode" })
        {
            Assert.True(line!.Properties.ContainsKey(property), $"missing {property}");
        }

        Assert.Contains(t.OwnerAuth.User.Id.ToString(), line!.Properties["UserId"].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Logs.Events, e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(TestTenant.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Events, e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(t.OwnerAuth.AccessToken, StringComparison.Ordinal));
    }
}
