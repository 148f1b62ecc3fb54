using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.Embedded.Tests;

/// <summary>Raw HTTP calls to a BookMeAtOz API mapped under <see cref="Prefix"/> (JSON written by hand: what any client sends).</summary>
public sealed class BookingApi(HttpClient client, string prefix = "/api/v1")
{
    public HttpClient Client => client;

    public string Prefix => prefix;

    /// <summary>The header that names the tenant (<c>X-Tenant</c> unless the host resolves tenants otherwise).</summary>
    public string TenantHeader { get; init; } = BookMeAtOzHeaders.Tenant;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? slug, string? token = null, string? body = null)
    {
        var request = new HttpRequestMessage(method, prefix + path);
        if (slug is not null)
        {
            request.Headers.Add(TenantHeader, slug);
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

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Signs up a tenant (no notice needed for bookings); returns its slug and the owner's access token.</summary>
    /// <param name="slug">The slug; default a new random one.</param>
    /// <param name="tenantApi">How to address the new tenant, where the host does not take <see cref="TenantHeader"/>.</param>
    public async Task<(string Slug, string Token)> SignUpAsync(string? slug = null, Func<string, BookingApi>? tenantApi = null)
    {
        slug ??= "t" + Guid.NewGuid().ToString("N")[..16];
        var json = await JsonAsync(await SendAsync(HttpMethod.Post, "/tenants", null, body: $$$"""
            {"slug":"{{{slug}}}","name":"Harbour Physio","timeZone":"Australia/Sydney",
             "owner":{"name":"Olive Owner","email":"owner@{{{slug}}}.example","password":"correct horse battery"}}
            """), HttpStatusCode.Created);
        var token = (string)json["auth"]!["accessToken"]!;
        await JsonAsync(await (tenantApi?.Invoke(slug) ?? this).SendAsync(HttpMethod.Patch, "/tenant", slug, token, """{"policy":{"minNoticeMinutes":0}}"""), HttpStatusCode.OK);
        return (slug, token);
    }

    /// <summary>A physio working every day 09:00–17:00 and a 60-minute service with them.</summary>
    public async Task<(Guid ServiceId, Guid StaffId)> AddBookableServiceAsync(string slug, string token)
    {
        var staffId = (Guid)(await JsonAsync(await SendAsync(HttpMethod.Post, "/staff", slug, token, """{"name":"Sam Physio"}"""), HttpStatusCode.Created))["id"]!;
        const string day = """[{"start":"09:00","end":"17:00"}]""";
        await JsonAsync(await SendAsync(HttpMethod.Put, $"/staff/{staffId}/schedule", slug, token,
            $$$"""{"weekly":{"monday":{{{day}}},"tuesday":{{{day}}},"wednesday":{{{day}}},"thursday":{{{day}}},"friday":{{{day}}},"saturday":{{{day}}},"sunday":{{{day}}}},"overrides":[]}"""),
            HttpStatusCode.OK);
        var service = await JsonAsync(await SendAsync(HttpMethod.Post, "/services", slug, token,
            $$"""{"name":"Physio session","durationMinutes":60,"staffIds":["{{staffId}}"]}"""), HttpStatusCode.Created);
        return ((Guid)service["id"]!, staffId);
    }

    /// <summary>The local date three days from now in Sydney (any day works: the physio works every day).</summary>
    public static string Day(int days = 3)
    {
        var sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), sydney).DateTime).AddDays(days)
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<string>> SlotStartsAsync(string slug, Guid serviceId, string day)
    {
        var json = await JsonAsync(await SendAsync(HttpMethod.Get, $"/availability?serviceId={serviceId}&from={day}&to={day}", slug), HttpStatusCode.OK);
        return [.. json["slots"]!.AsArray().Select(s => (string)s!["start"]!)];
    }

    public Task<HttpResponseMessage> BookAsync(string slug, Guid serviceId, string start, string email) =>
        SendAsync(HttpMethod.Post, "/bookings", slug, body:
            $$$"""{"serviceId":"{{{serviceId}}}","start":"{{{start}}}","customer":{"name":"Casey Customer","email":"{{{email}}}"}}""");

    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (string?)JsonNode.Parse(text)!["code"]);
    }
}
