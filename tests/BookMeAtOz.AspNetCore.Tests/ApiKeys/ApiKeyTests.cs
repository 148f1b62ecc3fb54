using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.ApiKeys;

/// <summary>API keys (§11.2): made and listed by owners, shown once, scoped, bound to their tenant, revocable at once, audited, rate limited.</summary>
public abstract class ApiKeyTests(ApiFactory factory)
{
    protected ApiFactory Factory => factory;

    private static HttpClient WithKey(ApiFactory host, string slug, string key)
    {
        var client = host.Client(slug);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [ServerFact]
    public async Task Create_ShowsTheKeyOnce_ListShowsPrefixScopesAndTimesOnly()
    {
        var tenant = await TestTenant.CreateAsync(factory);
        var response = await tenant.Owner.PostJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest("Zapier", ["read", "bookings"]));
        Assert.Equal($"/api/v1/api-keys/{(await response.ReadAsync<ApiKeyCreatedResponse>(HttpStatusCode.Created)).Id}", response.Headers.Location?.ToString());
        var created = JsonSerializer.Deserialize<ApiKeyCreatedResponse>(await response.Content.ReadAsStringAsync(), Api.Json)!;
        Assert.Matches("^bmz_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$", created.Key);
        Assert.StartsWith($"bmz_{created.Prefix}_", created.Key, StringComparison.Ordinal);
        Assert.Equal(["read", "bookings"], created.Scopes);
        Assert.Equal("Zapier", created.Name);

        var listText = await (await tenant.Owner.GetAsync("/api/v1/api-keys")).Content.ReadAsStringAsync();
        var secret = created.Key[21..];
        Assert.DoesNotContain(secret, listText, StringComparison.Ordinal);
        var listed = Assert.Single(JsonSerializer.Deserialize<ItemsResponse<ApiKeyResponse>>(listText, Api.Json)!.Items);
        Assert.Equal((created.Id, created.Name, created.Prefix), (listed.Id, listed.Name, listed.Prefix));
        Assert.Equal(["read", "bookings"], listed.Scopes);
        Assert.Equal(created.CreatedAt, listed.CreatedAt);
        Assert.Null(listed.LastUsedAt);
        Assert.Equal(TimeSpan.FromHours(TimeZoneInfo.FindSystemTimeZoneById(TestTenant.Zone).GetUtcOffset(listed.CreatedAt).TotalHours), listed.CreatedAt.Offset);
    }

    [ServerFact]
    public async Task Key_AuthenticatesAsItsTenant_AndRecordsLastUse()
    {
        var tenant = await TestTenant.CreateAsync(factory);
        var key = await ApiKeyTestSupport.CreateKeyAsync(tenant, "read");
        var client = WithKey(factory, tenant.Slug, key.Key);

        (await client.GetAsync("/api/v1/bookings")).EnsureSuccessStatusCode();
        (await client.GetAsync("/api/v1/customers")).EnsureSuccessStatusCode();

        var listed = Assert.Single((await (await tenant.Owner.GetAsync("/api/v1/api-keys")).ReadAsync<ItemsResponse<ApiKeyResponse>>()).Items);
        Assert.NotNull(listed.LastUsedAt);
        Assert.True(listed.LastUsedAt >= key.CreatedAt);
    }

    [ServerFact]
    public async Task Scopes_ReadCannotWrite_BookingsBooks_AdminManagesCatalog()
    {
        var tenant = await TestTenant.CreateAsync(factory);
        var (_, service) = await tenant.AddStaffAndServiceAsync();
        var slots = await tenant.SlotsAsync(service.Id, TestTenant.Day(8));
        var read = WithKey(factory, tenant.Slug, (await ApiKeyTestSupport.CreateKeyAsync(tenant, "read")).Key);
        var bookings = WithKey(factory, tenant.Slug, (await ApiKeyTestSupport.CreateKeyAsync(tenant, "bookings")).Key);
        var admin = WithKey(factory, tenant.Slug, (await ApiKeyTestSupport.CreateKeyAsync(tenant, "admin")).Key);

        await (await read.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slots[0].Start))).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        var booking = await (await bookings.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slots[0].Start)))
            .ReadAsync<BookingResponse>(HttpStatusCode.Created);
        await (await read.PostJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new { })).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        Assert.Equal("confirmed", (await (await read.GetAsync($"/api/v1/bookings/{booking.Id}")).ReadAsync<BookingResponse>()).Status);
        await (await bookings.PostJsonAsync("/api/v1/staff", new { name = "New" })).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        Assert.Equal("cancelled", (await (await bookings.PostJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new { })).ReadAsync<BookingResponse>()).Status);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync("/api/v1/staff", new { name = "Newer" })).StatusCode);

        // Owner-only routes are refused to every key, admin included.
        foreach (var path in new[] { "/api/v1/api-keys", "/api/v1/users", "/api/v1/audit", "/api/v1/me" })
        {
            await (await admin.GetAsync(path)).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        }

        await (await admin.PostJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest("escalate", ["admin"]))).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        Assert.Equal(3, (await (await tenant.Owner.GetAsync("/api/v1/api-keys")).ReadAsync<ItemsResponse<ApiKeyResponse>>()).Items.Count);
    }

    [ServerFact]
    public async Task Key_OfAnotherTenant_Is401_EvenOnPublicRoutes()
    {
        var a = await TestTenant.CreateAsync(factory);
        var b = await TestTenant.CreateAsync(factory);
        var key = await ApiKeyTestSupport.CreateKeyAsync(a, "admin");
        var onB = WithKey(factory, b.Slug, key.Key);

        await (await onB.GetAsync("/api/v1/services")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        await (await onB.GetAsync("/api/v1/bookings")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        (await WithKey(factory, a.Slug, key.Key).GetAsync("/api/v1/bookings")).EnsureSuccessStatusCode();
    }

    [ServerFact]
    public async Task Key_Malformed_OrWithAWrongSecret_Is401()
    {
        var tenant = await TestTenant.CreateAsync(factory);
        var key = await ApiKeyTestSupport.CreateKeyAsync(tenant, "read");
        var wrongSecret = key.Key[..^4] + (key.Key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        foreach (var bad in new[] { wrongSecret, "bmz_", "bmz_nothex0000000000_x", $"bmz_{key.Prefix}_", $"bmz_{key.Prefix}", key.Key + new string('x', 200) })
        {
            await (await WithKey(factory, tenant.Slug, bad).GetAsync("/api/v1/services")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        }
    }

    [ServerFact]
    public async Task Revoke_TakesEffectAtOnce_AndTwiceIs404()
    {
        var tenant = await TestTenant.CreateAsync(factory);
        var key = await ApiKeyTestSupport.CreateKeyAsync(tenant, "admin");
        var client = WithKey(factory, tenant.Slug, key.Key);
        (await client.GetAsync("/api/v1/bookings")).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Owner.DeleteAsync($"/api/v1/api-keys/{key.Id}")).StatusCode);

        await (await client.GetAsync("/api/v1/bookings")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        await (await tenant.Owner.DeleteAsync($"/api/v1/api-keys/{key.Id}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        Assert.Empty((await (await tenant.Owner.GetAsync("/api/v1/api-keys")).ReadAsync<ItemsResponse<ApiKeyResponse>>()).Items);
    }

    [ServerFact]
    public async Task Revoke_AnotherTenantsKey_Is404_AndTheKeyStillWorks()
    {
        var a = await TestTenant.CreateAsync(factory);
        var b = await TestTenant.CreateAsync(factory);
        var key = await ApiKeyTestSupport.CreateKeyAsync(a, "read");
        await (await b.Owner.DeleteAsync($"/api/v1/api-keys/{key.Id}")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        (await WithKey(factory, a.Slug, key.Key).GetAsync("/api/v1/bookings")).EnsureSuccessStatusCode();
    }

    [ServerTheory]
    [InlineData("""{"scopes":["read"]}""", "name")]
    [InlineData("""{"name":"","scopes":["read"]}""", "name")]
    [InlineData("""{"name":"k"}""", "scopes")]
    [InlineData("""{"name":"k","scopes":[]}""", "scopes")]
    [InlineData("""{"name":"k","scopes":["write"]}""", "scopes[0]")]
    [InlineData("""{"name":"k","scopes":["read","owner"]}""", "scopes[1]")]
    [InlineData("""{"name":"k\u0000","scopes":["read"]}""", "name")]
    public async Task Create_BadInput_Is400_AndMakesNothing(string body, string field)
    {
        var tenant = await TestTenant.CreateAsync(factory);
        var problem = await (await tenant.Owner.PostRawAsync("/api/v1/api-keys", body)).ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);
        Assert.Contains(field, problem.Errors!.Keys);
        Assert.Empty((await (await tenant.Owner.GetAsync("/api/v1/api-keys")).ReadAsync<ItemsResponse<ApiKeyResponse>>()).Items);
    }

    [ServerFact]
    public async Task Admin_UserToken_CannotManageKeys()
    {
        var tenant = await TestTenant.CreateAsync(factory);
        var admin = await tenant.UserAsync("admin");
        await (await admin.GetAsync("/api/v1/api-keys")).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        await (await admin.PostJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest("k", ["read"]))).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
    }

    [ServerFact]
    public async Task CreateAndRevoke_AreAudited_AndAKeysChangesAreRecordedAsTheKeys()
    {
        var tenant = await TestTenant.CreateAsync(factory);
        var key = await ApiKeyTestSupport.CreateKeyAsync(tenant, "admin");
        var staff = await (await WithKey(factory, tenant.Slug, key.Key).PostJsonAsync("/api/v1/staff", new { name = "By key" }))
            .ReadAsync<StaffResponse>(HttpStatusCode.Created);
        (await tenant.Owner.DeleteAsync($"/api/v1/api-keys/{key.Id}")).EnsureSuccessStatusCode();

        var entries = (await (await tenant.Owner.GetAsync($"/api/v1/audit?entity={key.Id}")).ReadAsync<PageResponse<AuditEntryResponse>>()).Items;
        Assert.Equal(["api_key.revoked", "api_key.created"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("user", tenant.OwnerAuth.User.Id), (e.ActorType, e.ActorId)));
        Assert.All(entries, e => Assert.Equal("api_key", e.Entity));
        var created = entries[1].After;
        Assert.Equal(key.Prefix, created.GetProperty("prefix").GetString());
        Assert.Equal("admin", created.GetProperty("scopes")[0].GetString());
        Assert.DoesNotContain(key.Key[21..], created.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, entries[0].After.ValueKind);

        var byKey = Assert.Single((await (await tenant.Owner.GetAsync($"/api/v1/audit?entity={staff.Id}")).ReadAsync<PageResponse<AuditEntryResponse>>()).Items);
        Assert.Equal(("apiKey", (Guid?)key.Id), (byKey.ActorType, byKey.ActorId));
    }

    [ServerFact]
    public async Task TheKey_IsNeverLogged()
    {
        var tenant = await TestTenant.CreateAsync(factory);
        var key = await ApiKeyTestSupport.CreateKeyAsync(tenant, "admin");
        (await WithKey(factory, tenant.Slug, key.Key).GetAsync("/api/v1/bookings")).EnsureSuccessStatusCode();
        await WithKey(factory, tenant.Slug, key.Key + "x").GetAsync("/api/v1/bookings");
        var secret = key.Key[21..];
        Assert.DoesNotContain(factory.Logs.Events, e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(secret, StringComparison.Ordinal)
            || e.Properties.Values.Any(v => v.ToString().Contains(secret, StringComparison.Ordinal)));
    }

    [ServerFact]
    public async Task RateLimit_PerKey_Is429AfterTheLimit_OtherKeysUnaffected()
    {
        using var host = factory.WithSettings(new Dictionary<string, string?> { ["BookMeAtOz:RateLimiting:ApiKeys:PermitLimit"] = "3" });
        var tenant = await TestTenant.CreateAsync(host);
        var first = WithKey(host, tenant.Slug, (await ApiKeyTestSupport.CreateKeyAsync(tenant, "read")).Key);
        var second = WithKey(host, tenant.Slug, (await ApiKeyTestSupport.CreateKeyAsync(tenant, "read")).Key);
        for (var i = 0; i < 3; i++)
        {
            (await first.GetAsync("/api/v1/services")).EnsureSuccessStatusCode();
        }

        var refused = await first.GetAsync("/api/v1/bookings");
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests, ApiProblemCodes.RateLimited);
        Assert.True(int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        (await second.GetAsync("/api/v1/services")).EnsureSuccessStatusCode();
        // The owner's token (and anonymous callers) are not counted against any key.
        for (var i = 0; i < 5; i++)
        {
            (await tenant.Owner.GetAsync("/api/v1/api-keys")).EnsureSuccessStatusCode();
        }
    }
}

[Collection(ApiTests.Name)]
public sealed class InMemoryApiKeyTests(ApiFactory factory) : ApiKeyTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresApiKeyTests(PostgresApiFactory factory) : ApiKeyTests(factory)
{
    [ServerFact]
    public async Task Revoke_OnOneInstance_IsRefusedAtOnceOnAnother()
    {
        using var second = factory.SecondHost();
        var tenant = await TestTenant.CreateAsync(factory);
        var key = await ApiKeyTestSupport.CreateKeyAsync(tenant, "read");
        var onSecond = second.Client(tenant.Slug);
        onSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
        (await onSecond.GetAsync("/api/v1/bookings")).EnsureSuccessStatusCode();
        (await onSecond.GetAsync("/api/v1/bookings")).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Owner.DeleteAsync($"/api/v1/api-keys/{key.Id}")).StatusCode);

        await (await onSecond.GetAsync("/api/v1/bookings")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
    }
}
