using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace BookMeAtOz.Embedded.Tests;

/// <summary>
/// An existing app (cookie sign-in as its default scheme, PascalCase JSON, a fallback policy that wants a signed-in
/// user, its own hub, exception handler and error pages) adds BookMeAtOz under /booking: its own endpoints answer byte
/// for byte as without BookMeAtOz, and BookMeAtOz's API, hub and e-mails work under the prefix with their own rules.
/// </summary>
public sealed class EmbeddedAppTests : IDisposable
{
    private readonly ClinicApp _with = new(booking: true);
    private readonly ClinicApp _without = new(booking: false);

    public void Dispose()
    {
        _with.Dispose();
        _without.Dispose();
    }

    [Fact]
    public async Task ClinicEndpoints_AnswerExactlyAsWithoutBookMeAtOz()
    {
        foreach (var app in new[] { _with, _without })
        {
            _ = app.Server; // start both
        }

        var answers = new List<(string With, string Without)>();
        foreach (var (method, path, signIn) in new[]
        {
            ("GET", "/clinic/info", false),
            ("GET", "/patients", false),           // the cookie scheme's challenge (the clinic's login)
            ("GET", "/patients", true),            // PascalCase
            ("GET", "/clinic/boom", false),        // the clinic's exception handler
            ("GET", "/no/such/page", false),       // the clinic's status pages (after its fallback policy)
            ("GET", "/no/such/page", true),
            ("POST", "/clinic/info", true),        // 405 through the clinic's status pages
        })
        {
            answers.Add((await DescribeAsync(_with, method, path, signIn), await DescribeAsync(_without, method, path, signIn)));
        }

        Assert.All(answers, a => Assert.Equal(a.Without, a.With));
        Assert.Contains("\"ClinicName\":\"Harbour Physio\"", answers[0].With, StringComparison.Ordinal);
        // .NET 10's cookie scheme answers an API controller's challenge with 401 and the login address.
        Assert.Contains("401 Location=http://localhost/account/login?ReturnUrl=%2Fpatients", answers[1].With, StringComparison.Ordinal);
        Assert.Contains("\"FirstName\":\"Ada\"", answers[2].With, StringComparison.Ordinal);
        Assert.Contains("500 text/plain; charset=utf-8 The clinic had a problem", answers[3].With, StringComparison.Ordinal);
        Assert.Contains("404 text/plain Clinic: status 404", answers[5].With, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClinicHub_StillWorks()
    {
        await using var hub = _with.Hub("/hubs/clinic");
        await hub.StartAsync();
        Assert.Equal("Clinic heard: hello", await hub.InvokeAsync<string>("Echo", "hello"));
    }

    [Fact]
    public async Task BookMeAtOz_UnderBooking_HasItsOwnJsonAuthAndProblems()
    {
        var client = _with.NewClient();
        var (slug, token) = await SignUpAsync(client);

        // camelCase out, strict in, whatever the clinic configured.
        var tenant = await SendAsync(client, HttpMethod.Get, "/booking/api/v1/tenant", slug);
        Assert.Equal(HttpStatusCode.OK, tenant.StatusCode);
        var tenantJson = await tenant.Content.ReadAsStringAsync();
        Assert.Contains("\"slug\":", tenantJson, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Slug\":", tenantJson, StringComparison.Ordinal);
        var bad = await SendAsync(client, HttpMethod.Post, "/booking/api/v1/staff", slug, token, """{"name": 12}""");
        await AssertProblemAsync(bad, HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);

        // Unknown routes under the prefix are BookMeAtOz's problems, not the clinic's pages.
        await AssertProblemAsync(await SendAsync(client, HttpMethod.Get, "/booking/api/v1/nothing", slug), HttpStatusCode.NotFound, ApiProblemCodes.NotFound);

        // Its admin routes want its own token: no cookie redirect, and a clinic cookie does not count.
        await AssertProblemAsync(await SendAsync(client, HttpMethod.Get, "/booking/api/v1/notifications", slug), HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        var receptionist = _with.NewClient();
        await SignInToClinicAsync(receptionist);
        await AssertProblemAsync(await SendAsync(receptionist, HttpMethod.Get, "/booking/api/v1/notifications", slug), HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/booking/api/v1/notifications", slug, token)).StatusCode);

        // Customers book anonymously although the clinic's fallback policy wants a signed-in user.
        var (serviceId, start) = await AddBookableServiceAsync(client, slug, token);
        var booked = await SendAsync(client, HttpMethod.Post, "/booking/api/v1/bookings", slug, body: BookingBody(serviceId, start, "casey@example.com"));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.StartsWith("/booking/api/v1/bookings/", booked.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BookMeAtOz_HubAndEmails_WorkUnderThePrefix()
    {
        var client = _with.NewClient();
        var (slug, token) = await SignUpAsync(client);
        var (serviceId, start) = await AddBookableServiceAsync(client, slug, token);

        await using var hub = _with.Hub("/booking/hubs/availability", slug);
        var changes = new ConcurrentQueue<JsonElement>();
        hub.On<JsonElement>(RealTimeNames.AvailabilityChanged, e => changes.Enqueue(e));
        await hub.StartAsync();
        await hub.InvokeAsync(RealTimeNames.Subscribe, serviceId);

        var booked = await SendAsync(client, HttpMethod.Post, "/booking/api/v1/bookings", slug, body: BookingBody(serviceId, start, "jamie@example.com"));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var booking = JsonNode.Parse(await booked.Content.ReadAsStringAsync())!;

        await WaitUntilAsync(() => !changes.IsEmpty);
        Assert.Equal(serviceId, changes.First().GetProperty("serviceId").GetGuid());

        await WaitUntilAsync(() => _with.Emails.Sent.Any(m => m.To.Address == "jamie@example.com"));
        var email = _with.Emails.Sent.Single(m => m.To.Address == "jamie@example.com");
        Assert.StartsWith("Booking confirmed", email.Subject, StringComparison.Ordinal);
        Assert.Contains($"https://harbourphysio.example/booking/manage/{booking["id"]}?tenant={slug}#token=", email.TextBody, StringComparison.Ordinal);
        Assert.Contains(email.Attachments, a => a.MediaType == "text/calendar");
    }

    private static async Task<string> DescribeAsync(ClinicApp app, string method, string path, bool signIn)
    {
        var client = app.NewClient();
        if (signIn)
        {
            await SignInToClinicAsync(client);
        }

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var body = await response.Content.ReadAsStringAsync();
        var location = response.Headers.Location is { } l ? $" Location={l.OriginalString}" : string.Empty;
        return $"{(int)response.StatusCode}{location} {response.Content.Headers.ContentType} {body}";
    }

    private static async Task SignInToClinicAsync(HttpClient client)
    {
        var login = await client.PostAsync("/account/login", new FormUrlEncodedContent([new("name", "Rita Reception")]));
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
    }

    private static async Task<(string Slug, string Token)> SignUpAsync(HttpClient client)
    {
        var slug = "t" + Guid.NewGuid().ToString("N")[..16];
        var response = await SendAsync(client, HttpMethod.Post, "/booking/api/v1/tenants", null, body: $$$"""
            {"slug":"{{{slug}}}","name":"Harbour Physio","timeZone":"Australia/Sydney",
             "owner":{"name":"Olive Owner","email":"owner@{{{slug}}}.example","password":"correct horse battery"}}
            """);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/booking/api/v1/tenant", response.Headers.Location!.OriginalString);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var patch = await SendAsync(client, HttpMethod.Patch, "/booking/api/v1/tenant", slug, (string)json["auth"]!["accessToken"]!, """{"policy":{"minNoticeMinutes":0}}""");
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        return (slug, (string)json["auth"]!["accessToken"]!);
    }

    /// <summary>A physio working every day 09:00–17:00 and a 60-minute service; returns the service and a free start three days ahead.</summary>
    private static async Task<(Guid ServiceId, string Start)> AddBookableServiceAsync(HttpClient client, string slug, string token)
    {
        var staff = JsonNode.Parse(await (await SendAsync(client, HttpMethod.Post, "/booking/api/v1/staff", slug, token, """{"name":"Sam Physio"}""")).Content.ReadAsStringAsync())!;
        var staffId = (string)staff["id"]!;
        const string day = """[{"start":"09:00","end":"17:00"}]""";
        var hours = await SendAsync(client, HttpMethod.Put, $"/booking/api/v1/staff/{staffId}/schedule", slug, token,
            $$$"""{"weekly":{"monday":{{{day}}},"tuesday":{{{day}}},"wednesday":{{{day}}},"thursday":{{{day}}},"friday":{{{day}}},"saturday":{{{day}}},"sunday":{{{day}}}},"overrides":[]}""");
        Assert.Equal(HttpStatusCode.OK, hours.StatusCode);
        var service = await SendAsync(client, HttpMethod.Post, "/booking/api/v1/services", slug, token,
            $$"""{"name":"Physio session","durationMinutes":60,"staffIds":["{{staffId}}"]}""");
        Assert.Equal(HttpStatusCode.Created, service.StatusCode);
        var serviceId = (Guid)JsonNode.Parse(await service.Content.ReadAsStringAsync())!["id"]!;

        var date = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var slots = JsonNode.Parse(await (await SendAsync(client, HttpMethod.Get,
            $"/booking/api/v1/availability?serviceId={serviceId}&from={date}&to={date}", slug)).Content.ReadAsStringAsync())!;
        return (serviceId, (string)slots["slots"]![0]!["start"]!);
    }

    private static string BookingBody(Guid serviceId, string start, string email) =>
        $$$"""{"serviceId":"{{{serviceId}}}","start":"{{{start}}}","customer":{"name":"Casey Customer","email":"{{{email}}}"}}""";

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? slug, string? token = null, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (slug is not null)
        {
            request.Headers.Add(BookMeAtOzHeaders.Tenant, slug);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (string?)JsonNode.Parse(text)!["code"]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), "The condition did not hold within 15 s.");
            await Task.Delay(20);
        }
    }
}
