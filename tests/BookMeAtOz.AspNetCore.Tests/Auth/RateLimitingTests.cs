using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Auth;

/// <summary>A host with small limits: 3 sign-ins, 2 sign-ups, 4 bookings a minute.</summary>
public sealed class RateLimitedApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["BookMeAtOz:RateLimiting:SignIn:PermitLimit"] = "3";
            settings["BookMeAtOz:RateLimiting:SignUp:PermitLimit"] = "2";
            settings["BookMeAtOz:RateLimiting:Bookings:PermitLimit"] = "4";
            return settings;
        }
    }
}

public sealed class RateLimitingTests(RateLimitedApiFactory factory) : IClassFixture<RateLimitedApiFactory>
{
    private HttpClient ClientFrom(string ip, string? tenant = null)
    {
        var client = factory.Client(tenant);
        client.DefaultRequestHeaders.Add(ApiFactory.ClientIpHeader, ip);
        return client;
    }

    private static SignUpRequest SignUp() =>
        new(TestTenant.NewSlug(), "Limited", "Australia/Sydney", null, new NewAccount("Ann", "ann@example.com", TestTenant.Password));

    [ServerFact]
    public async Task SignUp_OverLimitPerIp_Is429WithRetryAfter()
    {
        var client = ClientFrom("198.51.100.1");
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/v1/tenants", SignUp())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/v1/tenants", SignUp())).StatusCode);
        var refused = await client.PostJsonAsync("/api/v1/tenants", SignUp());
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests, ApiProblemCodes.RateLimited);
        Assert.True(int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);

        Assert.Equal(HttpStatusCode.Created, (await ClientFrom("198.51.100.2").PostJsonAsync("/api/v1/tenants", SignUp())).StatusCode);
    }

    [ServerFact]
    public async Task SignIn_OverLimitPerIp_Is429_InEveryTenant()
    {
        var signUp = SignUp();
        var created = await (await ClientFrom("198.51.100.10").PostJsonAsync("/api/v1/tenants", signUp)).ReadAsync<SignUpResponse>(HttpStatusCode.Created);
        var other = await (await ClientFrom("198.51.100.10").PostJsonAsync("/api/v1/tenants", SignUp())).ReadAsync<SignUpResponse>(HttpStatusCode.Created);
        var client = ClientFrom("198.51.100.11", created.Tenant.Slug);
        for (var i = 0; i < 3; i++)
        {
            await (await client.PostJsonAsync("/api/v1/auth/token", new TokenRequest("ann@example.com", "wrong password"))).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        }

        var refused = await client.PostJsonAsync("/api/v1/auth/token", new TokenRequest("ann@example.com", TestTenant.Password));
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests, ApiProblemCodes.RateLimited);
        Assert.True(refused.Headers.Contains("Retry-After"));

        // One address has one budget, whatever tenant it tries next (it used to get a budget per tenant: 10/min × every
        // tenant on the platform); another address has its own.
        await (await ClientFrom("198.51.100.11", other.Tenant.Slug).PostJsonAsync("/api/v1/auth/token", new TokenRequest("ann@example.com", TestTenant.Password)))
            .ProblemAsync(HttpStatusCode.TooManyRequests, ApiProblemCodes.RateLimited);
        // (ann's own budget of 3 is spent too, so the other IP tries another account.)
        await (await ClientFrom("198.51.100.12", created.Tenant.Slug).PostJsonAsync("/api/v1/auth/token", new TokenRequest("bob@example.com", TestTenant.Password)))
            .ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
    }

    [ServerFact]
    public async Task Refresh_OverLimitPerIp_Is429()
    {
        var created = await (await ClientFrom("198.51.100.40").PostJsonAsync("/api/v1/tenants", SignUp())).ReadAsync<SignUpResponse>(HttpStatusCode.Created);
        var client = ClientFrom("198.51.100.41", created.Tenant.Slug);
        for (var i = 0; i < 3; i++)
        {
            await (await client.PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest("guessed-token-" + i))).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        }

        var refused = await client.PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest(created.Auth.RefreshToken));
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests, ApiProblemCodes.RateLimited);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await ClientFrom("198.51.100.42", created.Tenant.Slug).PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest(created.Auth.RefreshToken))).StatusCode);
    }

    [ServerFact]
    public async Task SignIn_OverLimitPerAccountFromManyIps_Is429()
    {
        var created = await (await ClientFrom("198.51.100.30").PostJsonAsync("/api/v1/tenants", SignUp())).ReadAsync<SignUpResponse>(HttpStatusCode.Created);
        for (var i = 0; i < 3; i++)
        {
            await (await ClientFrom($"203.0.113.{i + 1}", created.Tenant.Slug).PostJsonAsync("/api/v1/auth/token", new TokenRequest("ANN@example.com", "guess " + i)))
                .ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        }

        var refused = await ClientFrom("203.0.113.99", created.Tenant.Slug).PostJsonAsync("/api/v1/auth/token", new TokenRequest("ann@example.com", TestTenant.Password));
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests, ApiProblemCodes.RateLimited);
        Assert.True(refused.Headers.Contains("Retry-After"));
    }

    [ServerFact]
    public async Task Bookings_OverLimitPerIp_Is429()
    {
        var created = await (await ClientFrom("198.51.100.20").PostJsonAsync("/api/v1/tenants", SignUp())).ReadAsync<SignUpResponse>(HttpStatusCode.Created);
        var client = ClientFrom("198.51.100.21", created.Tenant.Slug);
        var body = TestTenant.Booking(Guid.NewGuid(), new DateTimeOffset(2030, 1, 1, 10, 0, 0, TimeSpan.FromHours(11)));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostJsonAsync("/api/v1/bookings", body)).StatusCode);
        }

        await (await client.PostJsonAsync("/api/v1/bookings", body)).ProblemAsync(HttpStatusCode.TooManyRequests, ApiProblemCodes.RateLimited);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/tenant")).StatusCode);
    }
}
