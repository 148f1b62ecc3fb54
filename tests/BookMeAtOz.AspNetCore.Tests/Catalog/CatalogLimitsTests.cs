using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Catalog;

/// <summary>
/// The per-tenant caps (<c>BookMeAtOz:Limits</c>, low here: 3 staff, 2 services, 2 staff per service): a create or
/// change past one is <c>409 quota_exceeded</c> and changes nothing, and concurrent creates never pass it.
/// </summary>
public abstract class CatalogLimitsTests(ApiFactory factory)
{
    public static readonly Dictionary<string, string?> Caps = new()
    {
        ["BookMeAtOz:Limits:MaxStaff"] = "3",
        ["BookMeAtOz:Limits:MaxServices"] = "2",
        ["BookMeAtOz:Limits:MaxStaffPerService"] = "2",
    };

    [ServerFact]
    public async Task Staff_PastTheCap_IsQuotaExceeded_AndChangesNothing()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = new List<StaffResponse>();
        for (var i = 0; i < 3; i++)
        {
            staff.Add(await t.AddStaffAsync($"Staff{i}"));
        }

        var problem = await (await t.Owner.PostJsonAsync("/api/v1/staff", new StaffRequest("One too many", null, null, null)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.QuotaExceeded);
        Assert.Contains("at most 3 staff members", problem.Detail, StringComparison.Ordinal);
        var listed = (await (await t.Anonymous.GetAsync("/api/v1/staff")).ReadAsync<ItemsResponse<StaffResponse>>()).Items;
        Assert.Equal(staff.Select(s => s.Id).Order(), listed.Select(s => s.Id).Order());

        // Deleting one makes room again.
        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/staff/{staff[0].Id}")).StatusCode);
        await (await t.Owner.PostJsonAsync("/api/v1/staff", new StaffRequest("Replacement", null, null, null))).ReadAsync<StaffResponse>(HttpStatusCode.Created);
    }

    [ServerFact]
    public async Task Services_PastTheCap_IsQuotaExceeded_AndChangesNothing()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();
        await t.AddServiceAsync([staff.Id], name: "One");
        await t.AddServiceAsync([staff.Id], name: "Two");

        var problem = await (await t.Owner.PostJsonAsync("/api/v1/services", new ServiceRequest("Three", 30, null, null, 0, 1, null, [staff.Id], null)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.QuotaExceeded);
        Assert.Contains("at most 2 services", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(["One", "Two"], (await (await t.Owner.GetAsync("/api/v1/services")).ReadAsync<ItemsResponse<ServiceResponse>>()).Items.Select(s => s.Name));
    }

    [ServerFact]
    public async Task Service_ListingMoreStaffThanAServiceMay_IsQuotaExceeded_OnCreateAndPatch()
    {
        var t = await TestTenant.CreateAsync(factory);
        var a = await t.AddStaffAsync("Ann");
        var b = await t.AddStaffAsync("Ben");
        var c = await t.AddStaffAsync("Cal");

        var problem = await (await t.Owner.PostJsonAsync("/api/v1/services", new ServiceRequest("Team", 30, null, null, 0, 1, null, [a.Id, b.Id, c.Id], null)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.QuotaExceeded);
        Assert.Contains("at most 2 staff members", problem.Detail, StringComparison.Ordinal);
        Assert.Empty((await (await t.Owner.GetAsync("/api/v1/services")).ReadAsync<ItemsResponse<ServiceResponse>>()).Items);

        var service = await t.AddServiceAsync([a.Id, b.Id]);
        await (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { name = "Renamed", staffIds = new[] { a.Id, b.Id, c.Id } }))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.QuotaExceeded);
        var unchanged = await (await t.Owner.GetAsync($"/api/v1/services/{service.Id}")).ReadAsync<ServiceResponse>();
        Assert.Equal("Haircut", unchanged.Name);
        Assert.Equal([a.Id, b.Id], unchanged.StaffIds);
    }

    [ServerFact]
    public async Task Staff_ManyCreatedAtOnce_NeverPassTheCap()
    {
        var t = await TestTenant.CreateAsync(factory);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
            (await t.Owner.PostJsonAsync("/api/v1/staff", new StaffRequest($"Racer {i}", null, null, null))).StatusCode));

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(3, (await (await t.Anonymous.GetAsync("/api/v1/staff")).ReadAsync<ItemsResponse<StaffResponse>>()).Items.Count);
    }
}

/// <summary>The reference host on the in-memory store with low caps.</summary>
public sealed class CappedApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            foreach (var (key, value) in CatalogLimitsTests.Caps)
            {
                settings[key] = value;
            }

            return settings;
        }
    }
}

/// <summary>The reference host on a PostgreSQL database of its own with low caps.</summary>
public sealed class CappedPostgresApiFactory : PostgresApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            foreach (var (key, value) in CatalogLimitsTests.Caps)
            {
                settings[key] = value;
            }

            return settings;
        }
    }
}

public sealed class InMemoryCatalogLimitsTests(CappedApiFactory factory) : CatalogLimitsTests(factory), IClassFixture<CappedApiFactory>;

[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresCatalogLimitsTests(CappedPostgresApiFactory factory) : CatalogLimitsTests(factory), IClassFixture<CappedPostgresApiFactory>;
