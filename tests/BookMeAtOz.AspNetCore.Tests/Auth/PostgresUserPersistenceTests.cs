using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Auth;

/// <summary>On PostgreSQL, users and refresh tokens live in the database, not in one host's memory.</summary>
[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresUserPersistenceTests(PostgresApiFactory factory)
{
    [ServerFact]
    public async Task UserSignedUpThroughOneHost_SignsInAndRefreshesThroughAnother()
    {
        var t = await TestTenant.CreateAsync(factory);

        await using var second = factory.SecondHost();
        var anonymous = second.Client(t.Slug);

        var auth = await (await anonymous.PostJsonAsync("/api/v1/auth/token", new TokenRequest(t.OwnerAuth.User.Email, TestTenant.Password)))
            .ReadAsync<AuthResponse>();
        Assert.Equal(t.OwnerAuth.User.Id, auth.User.Id);
        Assert.Equal(HttpStatusCode.OK, (await second.Client(t.Slug, auth.AccessToken).GetAsync("/api/v1/me")).StatusCode);

        // The refresh token the first host issued at sign-up rotates on the second host, once.
        var refreshed = await (await anonymous.PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest(t.OwnerAuth.RefreshToken))).ReadAsync<AuthResponse>();
        Assert.Equal(t.OwnerAuth.User.Id, refreshed.User.Id);
        await (await t.Anonymous.PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest(t.OwnerAuth.RefreshToken)))
            .ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
    }
}
