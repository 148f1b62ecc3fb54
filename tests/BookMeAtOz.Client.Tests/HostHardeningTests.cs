using System.Net;
using System.Net.Http.Json;
using BookMeAtOz.Client.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.Client.Tests;

/// <summary>
/// The reference host on a real Kestrel with no proxy configured (the default): nobody may claim another host or
/// client address with X-Forwarded-* headers, and answers do not name the server.
/// </summary>
public sealed class HostHardeningTests(StrictLoopbackHost host) : IClassFixture<StrictLoopbackHost>
{
    private HttpClient Client() => new() { BaseAddress = host.BaseAddress };

    private async Task<string> SignUpAsync()
    {
        var slug = "t" + Guid.NewGuid().ToString("N")[..16];
        var response = await Client().PostAsJsonAsync("/api/v1/tenants", new SignUpRequest(slug, "Hardened", "Australia/Sydney", null,
            new NewAccount("Owner", $"owner@{slug}.example", "correct horse battery")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return slug;
    }

    [Fact]
    public async Task ForwardedHost_FromAnUnconfiguredSender_DoesNotPickATenant()
    {
        var slug = await SignUpAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenant");
        request.Headers.Add("X-Forwarded-Host", $"{slug}.{LoopbackHost.RootDomain}");
        var response = await Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(ApiProblemCodes.TenantRequired, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardedFor_FromAnUnconfiguredSender_DoesNotEscapeTheSignInLimit()
    {
        var slug = await SignUpAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= LoopbackHost.SignInPermitLimit; i++)
        {
            // Another account and another claimed address each time: only the real address can count.
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = JsonContent.Create(new TokenRequest($"guess{i}@example.com", "wrong password")) };
            request.Headers.Add(BookMeAtOzHeaders.Tenant, slug);
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            statuses.Add((await Client().SendAsync(request)).StatusCode);
        }

        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Answers_DoNotNameTheServer()
    {
        var response = await Client().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Select(h => h.Key)));
    }
}
