using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Tenancy;

public abstract class TenantEndpointsTests(ApiFactory factory)
{
    [ServerFact]
    public async Task SignUp_Valid_CreatesTenantAndSignsInOwner()
    {
        var slug = TestTenant.NewSlug();
        var response = await factory.Client().PostJsonAsync("/api/v1/tenants",
            new SignUpRequest(slug, "Acme Hair", "Australia/Perth", null, new NewAccount("Ann", "ann@example.com", TestTenant.Password)));

        var body = await response.ReadAsync<SignUpResponse>(HttpStatusCode.Created);
        Assert.NotNull(response.Headers.Location);
        Assert.Equal(slug, body.Tenant.Slug);
        Assert.Equal("AUD", body.Tenant.Currency);
        Assert.Equal("Australia/Perth", body.Tenant.TimeZone);
        Assert.Equal(new PolicyDto(60, 60, null, 0, ApprovalHours: 24) { HoldMinutes = 10 }, body.Tenant.Policy);
        Assert.Equal("owner", body.Auth.User.Role);
        Assert.False(string.IsNullOrEmpty(body.Auth.AccessToken));
        Assert.False(string.IsNullOrEmpty(body.Auth.RefreshToken));

        var me = await (await factory.Client(slug, body.Auth.AccessToken).GetAsync("/api/v1/me")).ReadAsync<UserResponse>();
        Assert.Equal("ann@example.com", me.Email);
    }

    [ServerFact]
    public async Task SignUp_TakenSlug_IsSlugTaken()
    {
        var t = await TestTenant.CreateAsync(factory);
        var response = await factory.Client().PostJsonAsync("/api/v1/tenants",
            new SignUpRequest(t.Slug, "Again", "Australia/Sydney", "AUD", new NewAccount("Bo", "bo@example.com", TestTenant.Password)));
        await response.ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlugTaken);
    }

    [ServerFact]
    public async Task SignUp_EverythingWrong_ReportsEveryFieldAtOnce()
    {
        var response = await factory.Client().PostJsonAsync("/api/v1/tenants",
            new SignUpRequest("A!", "", "Mars/Olympus", "dollars", new NewAccount("", "not-an-email", "short")));
        await response.ValidationProblemAsync("slug", "name", "timeZone", "currency", "owner.name", "owner.email", "owner.password");
    }

    [ServerTheory]
    [InlineData("www")]
    [InlineData("api")]
    [InlineData("ab")]
    [InlineData("-abc")]
    [InlineData("abc-")]
    public async Task SignUp_ReservedOrMalformedSlug_IsValidationFailed(string slug)
    {
        var response = await factory.Client().PostJsonAsync("/api/v1/tenants",
            new SignUpRequest(slug, "X", "Australia/Sydney", null, new NewAccount("Ann", "ann@example.com", TestTenant.Password)));
        await response.ValidationProblemAsync("slug");
    }

    [ServerFact]
    public async Task SignUp_MissingOwner_IsValidationFailed()
    {
        var response = await factory.Client().PostJsonAsync("/api/v1/tenants", new { slug = TestTenant.NewSlug(), name = "X", timeZone = "UTC" });
        await response.ValidationProblemAsync("owner");
    }

    [ServerFact]
    public async Task GetTenant_Anonymous_ReturnsPublicInfoAndPolicy()
    {
        var t = await TestTenant.CreateAsync(factory);
        var tenant = await (await t.Anonymous.GetAsync("/api/v1/tenant")).ReadAsync<TenantResponse>();
        Assert.Equal(t.Tenant.Id, tenant.Id);
        Assert.Equal("Test Salon", tenant.Name);
        Assert.Equal(0, tenant.Policy.MinNoticeMinutes);
    }

    [ServerFact]
    public async Task PatchTenant_PartialBody_ChangesOnlyThoseFields()
    {
        var t = await TestTenant.CreateAsync(factory);
        var updated = await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { name = "Renamed", policy = new { maxAdvanceDays = 30, slotIntervalMinutes = 15 } }))
            .ReadAsync<TenantResponse>();
        Assert.Equal("Renamed", updated.Name);
        Assert.Equal(TestTenant.Zone, updated.TimeZone);
        Assert.Equal(new PolicyDto(0, 30, 15, 0, ApprovalHours: 24) { HoldMinutes = 10 }, updated.Policy);

        var cleared = await (await t.Owner.PatchRawAsync("/api/v1/tenant", """{"policy":{"slotIntervalMinutes":null}}""")).ReadAsync<TenantResponse>();
        Assert.Equal(new PolicyDto(0, 30, null, 0, ApprovalHours: 24) { HoldMinutes = 10 }, cleared.Policy);
        Assert.Equal("Renamed", cleared.Name);
    }

    [ServerFact]
    public async Task PatchTenant_InvalidValues_ReportsAllAndChangesNothing()
    {
        var t = await TestTenant.CreateAsync(factory);
        var response = await t.Owner.PatchJsonAsync("/api/v1/tenant",
            new { name = new string('x', 201), timeZone = "Nowhere/Nothing", currency = "aud", policy = new { maxAdvanceDays = 0, minNoticeMinutes = -1 } });
        await response.ValidationProblemAsync("name", "timeZone", "currency", "policy.maxAdvanceDays", "policy.minNoticeMinutes");

        var tenant = await (await t.Anonymous.GetAsync("/api/v1/tenant")).ReadAsync<TenantResponse>();
        Assert.Equal(t.Tenant with { Policy = tenant.Policy, EmbedOrigins = tenant.EmbedOrigins }, tenant);
        Assert.Empty(tenant.EmbedOrigins);
        Assert.Equal(60, tenant.Policy.MaxAdvanceDays);
    }

    [ServerFact]
    public async Task PatchTenant_EmbedOrigins_StoredCanonicalAndReturned()
    {
        var t = await TestTenant.CreateAsync(factory);
        var updated = await (await t.Owner.PatchJsonAsync("/api/v1/tenant",
            new { embedOrigins = new[] { "HTTPS://Acme.Example/", "http://127.0.0.1:5173", "https://shop.acme.example:443" } })).ReadAsync<TenantResponse>();
        string[] expected = ["https://acme.example", "http://127.0.0.1:5173", "https://shop.acme.example"];
        Assert.Equal(expected, updated.EmbedOrigins);
        Assert.Equal(expected, (await (await t.Anonymous.GetAsync("/api/v1/tenant")).ReadAsync<TenantResponse>()).EmbedOrigins);

        // Another field's PATCH keeps the list; an empty list clears it.
        Assert.Equal(expected, (await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { name = "Renamed" })).ReadAsync<TenantResponse>()).EmbedOrigins);
        Assert.Empty((await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { embedOrigins = Array.Empty<string>() })).ReadAsync<TenantResponse>()).EmbedOrigins);
    }

    [ServerTheory]
    [InlineData("https://acme.example/booking")]
    [InlineData("https://*.acme.example")]
    [InlineData("'none'")]
    [InlineData("ftp://acme.example")]
    [InlineData("acme.example")]
    [InlineData("https://acme.example?x=1")]
    [InlineData("https://user@acme.example")]
    [InlineData("https://acme.example; script-src *")]
    [InlineData("")]
    public async Task PatchTenant_EmbedOriginNotAnOrigin_IsValidationFailedAndChangesNothing(string origin)
    {
        var t = await TestTenant.CreateAsync(factory);
        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { embedOrigins = new[] { "https://acme.example" } })).ReadAsync<TenantResponse>();

        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { name = "Changed", embedOrigins = new[] { "https://ok.example", origin } }))
            .ValidationProblemAsync("embedOrigins[1]");

        var tenant = await (await t.Anonymous.GetAsync("/api/v1/tenant")).ReadAsync<TenantResponse>();
        Assert.Equal(["https://acme.example"], tenant.EmbedOrigins);
        Assert.NotEqual("Changed", tenant.Name);
    }

    [ServerFact]
    public async Task PatchTenant_EmbedOriginsNullDuplicateOrTooMany_IsValidationFailed()
    {
        var t = await TestTenant.CreateAsync(factory);
        await (await t.Owner.PatchRawAsync("/api/v1/tenant", """{"embedOrigins":null}""")).ValidationProblemAsync("embedOrigins");
        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { embedOrigins = new[] { "https://a.example", "https://A.example/" } }))
            .ValidationProblemAsync("embedOrigins");
        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { embedOrigins = Enumerable.Range(0, 21).Select(i => $"https://s{i}.example").ToArray() }))
            .ValidationProblemAsync("embedOrigins");
        Assert.Empty((await (await t.Anonymous.GetAsync("/api/v1/tenant")).ReadAsync<TenantResponse>()).EmbedOrigins);
    }

    [ServerFact]
    public async Task PatchTenant_EmbedOriginsAnonymous_IsUnauthorized()
    {
        var t = await TestTenant.CreateAsync(factory);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await t.Anonymous.PatchJsonAsync("/api/v1/tenant", new { embedOrigins = new[] { "https://evil.example" } })).StatusCode);
        Assert.Empty((await (await t.Anonymous.GetAsync("/api/v1/tenant")).ReadAsync<TenantResponse>()).EmbedOrigins);
    }

    [ServerFact]
    public async Task PatchTenant_SlugInBody_IsRefusedAndChangesNothing()
    {
        // The slug is not a field of PATCH /tenant: refused by name (SPEC §4: unknown JSON members are bad input), never applied.
        var t = await TestTenant.CreateAsync(factory);
        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { slug = "hijack" })).ValidationProblemAsync("slug");
        Assert.Equal(t.Slug, (await (await t.Owner.GetAsync("/api/v1/tenant")).ReadAsync<TenantResponse>()).Slug);
    }
}

[Collection(ApiTests.Name)]
public sealed class InMemoryTenantEndpointsTests(ApiFactory factory) : TenantEndpointsTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresTenantEndpointsTests(PostgresApiFactory factory) : TenantEndpointsTests(factory);
