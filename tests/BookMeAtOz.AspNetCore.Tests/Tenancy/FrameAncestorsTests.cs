using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Tenancy;

/// <summary>
/// The reference host's framing headers: a tenant's booking pages may be framed by the sites it lists
/// (<c>embedOrigins</c>), and nothing else by anyone (the embeddable widget, docs/embedding.md).
/// </summary>
[Collection(ApiTests.Name)]
public sealed class FrameAncestorsTests(ApiFactory factory)
{
    [ServerFact]
    public async Task BookingPages_TenantListsOrigins_FrameAncestorsAreThoseOrigins()
    {
        var t = await TestTenant.CreateAsync(factory);
        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { embedOrigins = new[] { "https://acme.example", "http://127.0.0.1:5173" } }))
            .ReadAsync<TenantResponse>();

        foreach (var path in new[] { "/", "/embed", $"/manage/{Guid.NewGuid()}", "/embed.js" })
        {
            var response = await GetPageAsync($"{t.Slug}.bookmeatoz.test", path);
            Assert.Equal(["frame-ancestors https://acme.example http://127.0.0.1:5173"], response.Headers.GetValues("Content-Security-Policy"));
            Assert.False(response.Headers.Contains("X-Frame-Options"), path);
        }
    }

    [ServerFact]
    public async Task BookingPages_TenantListsNone_AreNeverFramed()
    {
        var t = await TestTenant.CreateAsync(factory);
        await AssertNeverFramedAsync($"{t.Slug}.bookmeatoz.test", "/embed");
        await AssertNeverFramedAsync($"{t.Slug}.bookmeatoz.test", "/");
    }

    [ServerFact]
    public async Task AdminAccountApiAndOtherTenants_AreNeverFramed_WhateverTheList()
    {
        var t = await TestTenant.CreateAsync(factory);
        var other = await TestTenant.CreateAsync(factory);
        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { embedOrigins = new[] { "https://acme.example" } })).ReadAsync<TenantResponse>();

        var host = $"{t.Slug}.bookmeatoz.test";
        foreach (var path in new[] { "/admin", "/admin/settings", "/reset-password", "/accept-invitation", "/api/v1/tenant", "/api/v1/services", "/hubs/availability/negotiate", "/openapi/v1.json" })
        {
            await AssertNeverFramedAsync(host, path);
        }

        await AssertNeverFramedAsync($"{other.Slug}.bookmeatoz.test", "/embed");
        await AssertNeverFramedAsync("bookmeatoz.test", "/embed");
        await AssertNeverFramedAsync("nosuchtenant.bookmeatoz.test", "/embed");
    }

    [ServerFact]
    public async Task BookingPages_ListCleared_AreNeverFramedAgain()
    {
        var t = await TestTenant.CreateAsync(factory);
        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { embedOrigins = new[] { "https://acme.example" } })).ReadAsync<TenantResponse>();
        Assert.Equal(["frame-ancestors https://acme.example"], (await GetPageAsync($"{t.Slug}.bookmeatoz.test", "/embed")).Headers.GetValues("Content-Security-Policy"));

        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { embedOrigins = Array.Empty<string>() })).ReadAsync<TenantResponse>();
        await AssertNeverFramedAsync($"{t.Slug}.bookmeatoz.test", "/embed");
    }

    private async Task AssertNeverFramedAsync(string host, string path)
    {
        var response = await GetPageAsync(host, path);
        Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, path);
        Assert.Equal(["frame-ancestors 'none'"], response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
    }

    private async Task<HttpResponseMessage> GetPageAsync(string host, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        request.Headers.Accept.ParseAdd("text/html");
        return await factory.CreateClient().SendAsync(request);
    }
}
