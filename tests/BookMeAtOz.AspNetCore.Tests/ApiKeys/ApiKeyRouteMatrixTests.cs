using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.AspNetCore.Tests.ApiKeys;

/// <summary>
/// Every route of the API, read from the host's endpoint data source, × {anonymous, <c>read</c> key, <c>bookings</c> key,
/// <c>admin</c> key, owner token}: allowed (past authorization: any answer but 401/403) or refused (exactly 401 or 403, as
/// a problem). A route that is not in <see cref="Expectations"/> fails the test by name: add it there with its rule.
/// </summary>
public abstract class ApiKeyRouteMatrixTests(ApiFactory factory)
{
    /// <summary>Who may call a route, one column per caller (anonymous, read key, bookings key, admin key, owner).</summary>
    public enum Rule
    {
        /// <summary>Anyone, any key: public reads.</summary>
        Public,

        /// <summary>Anyone; of the keys, <c>bookings</c> and <c>admin</c> (public booking and hold writes).</summary>
        PublicBookingWrite,

        /// <summary>Anonymous account routes (sign-in, refresh, reset, accept): anyone signed out or in, never a key (403).</summary>
        Account,

        /// <summary>Sign-up: not tenant-scoped, so a key (which belongs to a tenant) is 401; anyone else may.</summary>
        SignUp,

        /// <summary>A GET an admin may make: every key; anonymous 401.</summary>
        AdminRead,

        /// <summary>A booking write for staff and admins (cancel, reschedule, approve, …): <c>bookings</c> and <c>admin</c> keys.</summary>
        BookingWrite,

        /// <summary>Any other admin write: the <c>admin</c> key only.</summary>
        AdminWrite,

        /// <summary>Owner-only or user-only routes (users, API keys, audit, tenant export and closing, /me): no key (403).</summary>
        NoKeys,
    }

    /// <summary>One route's rule; <paramref name="OwnTenant"/> runs it on a tenant of its own (it closes or spoils the tenant).</summary>
    public sealed record Expectation(Rule Rule, bool OwnTenant = false);

    /// <summary>
    /// Every route, as <c>METHOD pattern</c> (the pattern as mapped, without a trailing slash). Add new routes here: the test
    /// names each route that is missing.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Expectation> Expectations = new Dictionary<string, Expectation>(StringComparer.Ordinal)
    {
        // Tenant, sign-up, tenant data
        ["POST /api/v1/tenants"] = new(Rule.SignUp),
        ["GET /api/v1/tenant"] = new(Rule.Public),
        ["PATCH /api/v1/tenant"] = new(Rule.AdminWrite),
        ["GET /api/v1/tenant/export"] = new(Rule.NoKeys),
        ["DELETE /api/v1/tenant"] = new(Rule.NoKeys, OwnTenant: true),

        // Auth and users
        ["POST /api/v1/auth/token"] = new(Rule.Account),
        ["POST /api/v1/auth/refresh"] = new(Rule.Account),
        ["POST /api/v1/auth/password-reset"] = new(Rule.Account),
        ["POST /api/v1/auth/password-reset/confirm"] = new(Rule.Account),
        ["POST /api/v1/auth/invitations/accept"] = new(Rule.Account),
        ["POST /api/v1/auth/password"] = new(Rule.NoKeys),
        ["GET /api/v1/me"] = new(Rule.NoKeys),
        ["GET /api/v1/users"] = new(Rule.NoKeys),
        ["POST /api/v1/users"] = new(Rule.NoKeys),
        ["PATCH /api/v1/users/{id:guid}"] = new(Rule.NoKeys),
        ["DELETE /api/v1/users/{id:guid}"] = new(Rule.NoKeys),
        ["POST /api/v1/users/invitations"] = new(Rule.NoKeys),
        ["GET /api/v1/audit"] = new(Rule.NoKeys),
        ["GET /api/v1/api-keys"] = new(Rule.NoKeys),
        ["POST /api/v1/api-keys"] = new(Rule.NoKeys),
        ["DELETE /api/v1/api-keys/{id:guid}"] = new(Rule.NoKeys),

        // Catalog
        ["GET /api/v1/services"] = new(Rule.Public),
        ["GET /api/v1/services/{id:guid}"] = new(Rule.Public),
        ["POST /api/v1/services"] = new(Rule.AdminWrite),
        ["PATCH /api/v1/services/{id:guid}"] = new(Rule.AdminWrite),
        ["DELETE /api/v1/services/{id:guid}"] = new(Rule.AdminWrite),
        ["GET /api/v1/staff"] = new(Rule.Public),
        ["GET /api/v1/staff/{id:guid}"] = new(Rule.Public),
        ["POST /api/v1/staff"] = new(Rule.AdminWrite),
        ["PATCH /api/v1/staff/{id:guid}"] = new(Rule.AdminWrite),
        ["DELETE /api/v1/staff/{id:guid}"] = new(Rule.AdminWrite),
        ["GET /api/v1/staff/{id:guid}/schedule"] = new(Rule.AdminRead),
        ["PUT /api/v1/staff/{id:guid}/schedule"] = new(Rule.AdminWrite),
        ["GET /api/v1/staff/{id:guid}/time-off"] = new(Rule.AdminRead),
        ["POST /api/v1/staff/{id:guid}/time-off"] = new(Rule.AdminWrite),
        ["DELETE /api/v1/staff/{id:guid}/time-off/{timeOffId:guid}"] = new(Rule.AdminWrite),
        ["GET /api/v1/closures"] = new(Rule.Public),
        ["POST /api/v1/closures"] = new(Rule.AdminWrite),
        ["DELETE /api/v1/closures/{id:guid}"] = new(Rule.AdminWrite),
        ["GET /api/v1/resources"] = new(Rule.Public),
        ["GET /api/v1/resources/{id:guid}"] = new(Rule.Public),
        ["POST /api/v1/resources"] = new(Rule.AdminWrite),
        ["PATCH /api/v1/resources/{id:guid}"] = new(Rule.AdminWrite),
        ["DELETE /api/v1/resources/{id:guid}"] = new(Rule.AdminWrite),

        // Availability, bookings, holds
        ["GET /api/v1/availability"] = new(Rule.Public),
        ["POST /api/v1/bookings"] = new(Rule.PublicBookingWrite),
        ["GET /api/v1/bookings"] = new(Rule.AdminRead),
        ["GET /api/v1/bookings/{id:guid}"] = new(Rule.AdminRead),
        ["GET /api/v1/bookings/{id:guid}/ics"] = new(Rule.AdminRead),
        ["POST /api/v1/bookings/{id:guid}/cancel"] = new(Rule.BookingWrite),
        ["POST /api/v1/bookings/{id:guid}/reschedule"] = new(Rule.BookingWrite),
        ["POST /api/v1/bookings/{id:guid}/approve"] = new(Rule.BookingWrite),
        ["POST /api/v1/bookings/{id:guid}/decline"] = new(Rule.BookingWrite),
        ["POST /api/v1/bookings/{id:guid}/no-show"] = new(Rule.BookingWrite),
        ["POST /api/v1/holds"] = new(Rule.PublicBookingWrite),
        ["DELETE /api/v1/holds/{id:guid}"] = new(Rule.PublicBookingWrite),
        ["POST /api/v1/bookings/series"] = new(Rule.PublicBookingWrite),
        ["POST /api/v1/series/{id:guid}/cancel"] = new(Rule.BookingWrite),
        ["POST /api/v1/series/{id:guid}/reschedule"] = new(Rule.BookingWrite),
        ["POST /api/v1/waitlist"] = new(Rule.PublicBookingWrite),
        ["DELETE /api/v1/waitlist/{id:guid}"] = new(Rule.PublicBookingWrite),
        ["GET /api/v1/waitlist"] = new(Rule.AdminRead),

        // Integrations
        ["GET /api/v1/webhooks"] = new(Rule.AdminRead),
        ["POST /api/v1/webhooks"] = new(Rule.AdminWrite),
        ["GET /api/v1/webhooks/{id:guid}"] = new(Rule.AdminRead),
        ["PATCH /api/v1/webhooks/{id:guid}"] = new(Rule.AdminWrite),
        ["DELETE /api/v1/webhooks/{id:guid}"] = new(Rule.AdminWrite),
        ["POST /api/v1/webhooks/{id:guid}/rotate-secret"] = new(Rule.AdminWrite),
        ["POST /api/v1/webhooks/{id:guid}/ping"] = new(Rule.AdminWrite),
        ["GET /api/v1/webhooks/{id:guid}/deliveries"] = new(Rule.AdminRead),
        ["POST /api/v1/webhooks/{id:guid}/deliveries/{deliveryId:guid}/replay"] = new(Rule.AdminWrite),
        ["POST /api/v1/staff/{id:guid}/feed"] = new(Rule.AdminWrite),
        ["DELETE /api/v1/staff/{id:guid}/feed"] = new(Rule.AdminWrite),
        ["GET /api/v1/staff/{id:guid}/caldav"] = new(Rule.AdminRead),
        ["PUT /api/v1/staff/{id:guid}/caldav"] = new(Rule.AdminWrite),
        ["DELETE /api/v1/staff/{id:guid}/caldav"] = new(Rule.AdminWrite),

        // Customers, notifications
        ["GET /api/v1/customers"] = new(Rule.AdminRead),
        ["GET /api/v1/customers/{email}"] = new(Rule.AdminRead),
        ["GET /api/v1/customers/{email}/export"] = new(Rule.AdminRead),
        ["DELETE /api/v1/customers/{email}"] = new(Rule.AdminWrite),
        ["GET /api/v1/notifications"] = new(Rule.AdminRead),
    };

    private static readonly string[] Callers = ["anonymous", "read key", "bookings key", "admin key", "owner"];

    /// <summary>The expected answer of each caller under a rule: 0 = allowed, else the status.</summary>
    private static int[] Expected(Rule rule) => rule switch
    {
        Rule.Public => [0, 0, 0, 0, 0],
        Rule.PublicBookingWrite => [0, 403, 0, 0, 0],
        Rule.Account => [0, 403, 403, 403, 0],
        Rule.SignUp => [0, 401, 401, 401, 0],
        Rule.AdminRead => [401, 0, 0, 0, 0],
        Rule.BookingWrite => [401, 403, 0, 0, 0],
        Rule.AdminWrite => [401, 403, 403, 0, 0],
        Rule.NoKeys => [401, 403, 403, 403, 0],
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    /// <summary>The API's routes as <c>METHOD pattern</c>, from the endpoint data source (what the host actually serves).</summary>
    private static List<string> Routes(ApiFactory factory)
    {
        _ = factory.Server; // starts the host
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        return [.. endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<BookMeAtOzEndpointMetadata>() is not null
                && e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    [ServerFact]
    public void EveryRoute_HasAnExpectation()
    {
        var missing = Routes(factory).Where(r => !Expectations.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0,
            "These routes have no entry in ApiKeyRouteMatrixTests.Expectations (add one with its Rule):\n" + string.Join("\n", missing));
        var stale = Expectations.Keys.Except(Routes(factory), StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, "These entries of ApiKeyRouteMatrixTests.Expectations name no route (renamed or removed?):\n" + string.Join("\n", stale));
    }

    [ServerFact]
    public async Task EveryRoute_ForEveryCaller_AnswersAsTheScopeRulesSay()
    {
        var shared = await Callers5.CreateAsync(factory);
        var mismatches = new List<string>();
        var routes = Routes(factory);
        foreach (var route in routes)
        {
            if (!Expectations.TryGetValue(route, out var expectation))
            {
                mismatches.Add($"{route}: no entry in ApiKeyRouteMatrixTests.Expectations");
                continue;
            }

            var callers = expectation.OwnTenant ? await Callers5.CreateAsync(factory) : shared;
            var expected = Expected(expectation.Rule);
            for (var i = 0; i < Callers.Length; i++)
            {
                using var response = await callers.Clients[i].SendAsync(Request(route));
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                if (expected[i] == 0)
                {
                    if (status is 401 or 403 or >= 500)
                    {
                        mismatches.Add($"{route} as {Callers[i]} ({expectation.Rule}): expected to get past authorization, got {status} {body}");
                    }
                }
                else if (status != expected[i])
                {
                    mismatches.Add($"{route} as {Callers[i]} ({expectation.Rule}): expected {expected[i]}, got {status} {body}");
                }
                else
                {
                    await response.ProblemAsync(response.StatusCode, status == 401 ? ApiProblemCodes.Unauthorized : ApiProblemCodes.Forbidden);
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>A request for the route with made-up ids and an empty JSON object as the body of a write.</summary>
    private static HttpRequestMessage Request(string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        var method = route[..space];
        var path = System.Text.RegularExpressions.Regex.Replace(route[(space + 1)..], @"\{(?<name>[A-Za-z]+)[^}]*\}",
            m => m.Groups["name"].Value == "email" ? "nobody%40example.com" : Guid.NewGuid().ToString());
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsDelete(method))
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>A tenant and its five callers.</summary>
    private sealed class Callers5
    {
        public required HttpClient[] Clients { get; init; }

        public static async Task<Callers5> CreateAsync(ApiFactory factory)
        {
            var tenant = await TestTenant.CreateAsync(factory);
            return new Callers5
            {
                Clients =
                [
                    tenant.Anonymous,
                    await ApiKeyTestSupport.KeyClientAsync(tenant, "read"),
                    await ApiKeyTestSupport.KeyClientAsync(tenant, "bookings"),
                    await ApiKeyTestSupport.KeyClientAsync(tenant, "admin"),
                    tenant.Owner,
                ],
            };
        }
    }
}

[Collection(ApiTests.Name)]
public sealed class InMemoryApiKeyRouteMatrixTests(ApiFactory factory) : ApiKeyRouteMatrixTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresApiKeyRouteMatrixTests(PostgresApiFactory factory) : ApiKeyRouteMatrixTests(factory);

/// <summary>Making API keys in tests.</summary>
public static class ApiKeyTestSupport
{
    /// <summary>Makes a key with <paramref name="scopes"/> as the tenant's owner.</summary>
    public static async Task<ApiKeyCreatedResponse> CreateKeyAsync(TestTenant tenant, params string[] scopes) =>
        await (await tenant.Owner.PostJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest("key " + string.Join('+', scopes), scopes)))
            .ReadAsync<ApiKeyCreatedResponse>(HttpStatusCode.Created);

    /// <summary>A client of the tenant carrying a new key with <paramref name="scopes"/>.</summary>
    public static async Task<HttpClient> KeyClientAsync(TestTenant tenant, params string[] scopes)
    {
        var key = await CreateKeyAsync(tenant, scopes);
        var client = tenant.Factory.Client(tenant.Slug);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
        return client;
    }
}
