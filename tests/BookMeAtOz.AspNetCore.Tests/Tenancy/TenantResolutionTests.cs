using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Tenancy;

[Collection(ApiTests.Name)]
public sealed class TenantResolutionTests(ApiFactory factory)
{
    private async Task<HttpResponseMessage> GetTenantAsync(string? host = null, string? header = null, string? forwardedHost = null, string? clientIp = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenant");
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (header is not null)
        {
            request.Headers.Add("X-Tenant", header);
        }

        if (forwardedHost is not null)
        {
            request.Headers.Add("X-Forwarded-Host", forwardedHost);
        }

        if (clientIp is not null)
        {
            request.Headers.Add(ApiFactory.ClientIpHeader, clientIp);
        }

        return await factory.CreateClient().SendAsync(request);
    }

    [ServerFact]
    public async Task Resolve_ByXTenantHeader_FindsTenant()
    {
        var t = await TestTenant.CreateAsync(factory);
        var tenant = await (await GetTenantAsync(header: t.Slug)).ReadAsync<TenantResponse>();
        Assert.Equal(t.Tenant.Id, tenant.Id);
    }

    [ServerTheory]
    [InlineData("{0}.bookmeatoz.test")]
    [InlineData("{0}.localhost")]
    [InlineData("{0}.localhost:5000")]
    [InlineData("{0}.BookMeAtOz.Test")]
    public async Task Resolve_BySubdomainOfRootDomain_FindsTenant(string hostPattern)
    {
        var t = await TestTenant.CreateAsync(factory);
        var tenant = await (await GetTenantAsync(host: string.Format(System.Globalization.CultureInfo.InvariantCulture, hostPattern, t.Slug))).ReadAsync<TenantResponse>();
        Assert.Equal(t.Slug, tenant.Slug);
    }

    [ServerTheory]
    [InlineData("localhost")]
    [InlineData("bookmeatoz.test")]
    [InlineData("api.bookmeatoz.test")]
    [InlineData("www.x.bookmeatoz.test")]
    [InlineData("example.com")]
    [InlineData("127.0.0.1")]
    public async Task Resolve_HostWithoutTenantAndNoHeader_IsTenantRequired(string host)
    {
        await (await GetTenantAsync(host: host)).ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.TenantRequired);
    }

    [ServerTheory]
    [InlineData("nosuchtenant")]
    [InlineData("NOT A SLUG!")]
    [InlineData("www")]
    public async Task Resolve_UnknownTenant_IsTenantNotFound(string slug)
    {
        await (await GetTenantAsync(header: slug)).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.TenantNotFound);
    }

    [ServerFact]
    public async Task Resolve_UnknownSubdomain_IsTenantNotFound()
    {
        await (await GetTenantAsync(host: "nosuchtenant.localhost")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.TenantNotFound);
    }

    [ServerFact]
    public async Task Resolve_ForwardedHostFromTrustedProxy_IsUsed()
    {
        var t = await TestTenant.CreateAsync(factory);
        var response = await GetTenantAsync(host: "internal:8080", forwardedHost: $"{t.Slug}.bookmeatoz.test", clientIp: "10.9.9.9");
        Assert.Equal(t.Tenant.Id, (await response.ReadAsync<TenantResponse>()).Id);
    }

    [ServerFact]
    public async Task Resolve_ForwardedHostFromUntrustedClient_IsIgnored()
    {
        var t = await TestTenant.CreateAsync(factory);
        var victim = await TestTenant.CreateAsync(factory);

        var noTenant = await GetTenantAsync(host: "internal:8080", forwardedHost: $"{t.Slug}.bookmeatoz.test", clientIp: "203.0.113.7");
        await noTenant.ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.TenantRequired);

        var own = await GetTenantAsync(host: $"{victim.Slug}.localhost", forwardedHost: $"{t.Slug}.bookmeatoz.test", clientIp: "203.0.113.7");
        Assert.Equal(victim.Tenant.Id, (await own.ReadAsync<TenantResponse>()).Id);
    }

    [ServerFact]
    public async Task Resolve_NonTenantRoutes_NeedNoTenant()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [ServerFact]
    public async Task Resolve_EveryTenantRoute_WithoutTenant_IsTenantRequired()
    {
        var client = factory.CreateClient();
        var id = Guid.NewGuid();
        string[] gets = ["/api/v1/tenant", "/api/v1/services", $"/api/v1/services/{id}", "/api/v1/staff", $"/api/v1/staff/{id}",
            $"/api/v1/availability?serviceId={id}&from=2030-01-01&to=2030-01-01", "/api/v1/bookings", $"/api/v1/bookings/{id}", "/api/v1/me"];
        foreach (var url in gets)
        {
            await (await client.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.TenantRequired);
        }

        await (await client.PostJsonAsync("/api/v1/auth/token", new { email = "a@b.c", password = "x" })).ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.TenantRequired);
    }
}
