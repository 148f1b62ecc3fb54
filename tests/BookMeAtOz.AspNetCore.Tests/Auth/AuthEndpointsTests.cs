using System.Net;
using System.Text;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BookMeAtOz.AspNetCore.Tests.Auth;

public abstract class AuthEndpointsTests(ApiFactory factory)
{
    [ServerFact]
    public async Task SignIn_RightPassword_IssuesTokensForUser()
    {
        var t = await TestTenant.CreateAsync(factory);
        var auth = await (await t.Anonymous.PostJsonAsync("/api/v1/auth/token", new TokenRequest(t.OwnerAuth.User.Email.ToUpperInvariant(), TestTenant.Password)))
            .ReadAsync<AuthResponse>();
        Assert.Equal(t.OwnerAuth.User.Id, auth.User.Id);
        Assert.True(auth.ExpiresAt > TimeProvider.System.GetUtcNow().AddMinutes(10));
        var token = new JsonWebToken(auth.AccessToken);
        Assert.Equal("HS256", token.Alg);
        Assert.Equal(t.Tenant.Id.ToString(), token.GetClaim("tid").Value);
        Assert.Equal("owner", token.GetClaim("role").Value);
    }

    [ServerTheory]
    [InlineData("wrong password")]
    [InlineData(null)]
    public async Task SignIn_WrongPasswordOrUnknownEmail_IsUnauthorized(string? password)
    {
        var t = await TestTenant.CreateAsync(factory);
        var email = password is null ? "nobody@example.com" : t.OwnerAuth.User.Email;
        await (await t.Anonymous.PostJsonAsync("/api/v1/auth/token", new TokenRequest(email, password ?? TestTenant.Password)))
            .ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
    }

    [ServerFact]
    public async Task SignIn_InAnotherTenant_IsUnauthorized()
    {
        var a = await TestTenant.CreateAsync(factory);
        var b = await TestTenant.CreateAsync(factory);
        await (await b.Anonymous.PostJsonAsync("/api/v1/auth/token", new TokenRequest(a.OwnerAuth.User.Email, TestTenant.Password)))
            .ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
    }

    [ServerFact]
    public async Task SignIn_MissingFields_IsValidationFailed()
    {
        var t = await TestTenant.CreateAsync(factory);
        await (await t.Anonymous.PostJsonAsync("/api/v1/auth/token", new { })).ValidationProblemAsync("email", "password");
    }

    [ServerFact]
    public async Task Refresh_RotatesAndReuseRevokesTheFamily()
    {
        var t = await TestTenant.CreateAsync(factory);
        var first = t.OwnerAuth.RefreshToken;

        var second = await (await t.Anonymous.PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest(first))).ReadAsync<AuthResponse>();
        Assert.NotEqual(first, second.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await factory.Client(t.Slug, second.AccessToken).GetAsync("/api/v1/me")).StatusCode);

        await (await t.Anonymous.PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest(first))).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        // The reuse revoked the whole family, so the legitimate latest token is dead too.
        await (await t.Anonymous.PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest(second.RefreshToken))).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
    }

    [ServerFact]
    public async Task Refresh_UnknownOrOtherTenantsToken_IsUnauthorized()
    {
        var a = await TestTenant.CreateAsync(factory);
        var b = await TestTenant.CreateAsync(factory);
        await (await a.Anonymous.PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest("garbage"))).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        await (await b.Anonymous.PostJsonAsync("/api/v1/auth/refresh", new RefreshRequest(a.OwnerAuth.RefreshToken))).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        await (await a.Anonymous.PostJsonAsync("/api/v1/auth/refresh", new { })).ValidationProblemAsync("refreshToken");
    }

    [ServerFact]
    public async Task Me_WithoutOrWithBadToken_IsUnauthorized()
    {
        var t = await TestTenant.CreateAsync(factory);
        await (await t.Anonymous.GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        await (await factory.Client(t.Slug, "not.a.jwt").GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
    }

    [ServerFact]
    public async Task Token_SignedWithOtherKeyOrAlgorithm_IsRejected()
    {
        var t = await TestTenant.CreateAsync(factory);
        var claims = new Dictionary<string, object>
        {
            ["sub"] = t.OwnerAuth.User.Id.ToString(), ["tid"] = t.Tenant.Id.ToString(), ["role"] = "owner",
        };
        string Sign(string key, string alg) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "bookmeatoz", Audience = "bookmeatoz-api", Claims = claims, Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), alg),
        });

        var forged = Sign("another-key-that-is-long-enough-0123456789", SecurityAlgorithms.HmacSha256);
        await (await factory.Client(t.Slug, forged).GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);

        var otherAlg = Sign(ApiFactory.SigningKey + ApiFactory.SigningKey, SecurityAlgorithms.HmacSha512);
        await (await factory.Client(t.Slug, otherAlg).GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);

        var unsigned = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "bookmeatoz", Audience = "bookmeatoz-api", Claims = claims, Expires = DateTime.UtcNow.AddMinutes(5),
        });
        await (await factory.Client(t.Slug, unsigned).GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
    }

    [ServerFact]
    public async Task Token_OfAnotherTenant_IsForbiddenEvenOnPublicRoutes()
    {
        var a = await TestTenant.CreateAsync(factory);
        var b = await TestTenant.CreateAsync(factory);
        var aTokenOnB = factory.Client(b.Slug, a.OwnerAuth.AccessToken);
        await (await aTokenOnB.GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        await (await aTokenOnB.GetAsync("/api/v1/tenant")).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        await (await aTokenOnB.PostJsonAsync("/api/v1/staff", new { name = "Mole" })).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        Assert.Empty((await (await b.Owner.GetAsync("/api/v1/staff")).ReadAsync<ItemsResponse<StaffResponse>>()).Items);
    }

    [ServerFact]
    public async Task Users_Create_AdminAndStaff_CanSignIn()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();
        var response = await t.Owner.PostJsonAsync("/api/v1/users", new CreateUserRequest("Sam", "sam@example.com", TestTenant.Password, "staff", staff.Id));
        var user = await response.ReadAsync<UserResponse>(HttpStatusCode.Created);
        Assert.NotNull(response.Headers.Location);
        Assert.Equal(new UserResponse(user.Id, t.Tenant.Id, "Sam", "sam@example.com", "staff", staff.Id), user);

        var auth = await (await t.Anonymous.PostJsonAsync("/api/v1/auth/token", new TokenRequest("sam@example.com", TestTenant.Password))).ReadAsync<AuthResponse>();
        Assert.Equal("staff", auth.User.Role);

        await (await t.Owner.PostJsonAsync("/api/v1/users", new CreateUserRequest("Sam 2", "SAM@example.com", TestTenant.Password, "admin", null)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.Conflict);
    }

    [ServerFact]
    public async Task Users_Create_Invalid_ReportsAll()
    {
        var t = await TestTenant.CreateAsync(factory);
        await (await t.Owner.PostJsonAsync("/api/v1/users", new CreateUserRequest("", "x", "short", "boss", null)))
            .ValidationProblemAsync("name", "email", "password", "role");
        await (await t.Owner.PostJsonAsync("/api/v1/users", new CreateUserRequest("S", "s@example.com", TestTenant.Password, "staff", null)))
            .ValidationProblemAsync("staffId");
        await (await t.Owner.PostJsonAsync("/api/v1/users", new CreateUserRequest("S", "s@example.com", TestTenant.Password, "staff", Guid.NewGuid())))
            .ValidationProblemAsync("staffId");
    }

    [ServerFact]
    public async Task Users_AdminCannotCreateOwner()
    {
        var t = await TestTenant.CreateAsync(factory);
        var admin = await t.UserAsync("admin");
        await (await admin.PostJsonAsync("/api/v1/users", new CreateUserRequest("O", "o@example.com", TestTenant.Password, "owner", null)))
            .ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        Assert.Equal(HttpStatusCode.Created, (await t.Owner.PostJsonAsync("/api/v1/users", new CreateUserRequest("O", "o@example.com", TestTenant.Password, "owner", null))).StatusCode);
    }
}

[Collection(ApiTests.Name)]
public sealed class InMemoryAuthEndpointsTests(ApiFactory factory) : AuthEndpointsTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresAuthEndpointsTests(PostgresApiFactory factory) : AuthEndpointsTests(factory);
