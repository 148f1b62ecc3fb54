using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.RateLimiting;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Auth;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using System.Security.Claims;

namespace BookMeAtOz.AspNetCore.Auth;

/// <summary><c>POST /auth/token</c>, <c>POST /auth/refresh</c>, <c>GET /me</c>, <c>POST /users</c>.</summary>
internal static class AuthEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth").RequireTenant().AllowAnonymous()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/token", SignInAsync).WithName("SignIn").WithSummary("Signs in with an email and password.")
            .RequireBookMeAtOzRateLimit(RateLimitPolicies.SignIn)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/refresh", RefreshAsync).WithName("RefreshToken").WithSummary("Exchanges a refresh token for a new pair; each works once.")
            .RequireBookMeAtOzRateLimit(RateLimitPolicies.Refresh)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/me", MeAsync).WithName("GetMe").WithTags("Auth").WithSummary("The signed-in user.")
            .RequireTenant().RequireBookMeAtOzPolicy(Caller.UserPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapPost("/users", CreateUserAsync).WithName("CreateUser").WithTags("Users").WithSummary("Adds a user (owner, admin or staff).")
            .RequireTenant().RequireBookMeAtOzPolicy(Caller.AdminPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<ApiOk<AuthResponse>> SignInAsync(
        RequestTenant tenant, JsonBody<TokenRequest> body, AccountService accounts, CancellationToken cancellationToken) =>
        ApiResults.Ok(await accounts.SignInAsync(tenant.Tenant, body.Value, cancellationToken));

    private static async Task<ApiOk<AuthResponse>> RefreshAsync(
        RequestTenant tenant, JsonBody<RefreshRequest> body, AccountService accounts, CancellationToken cancellationToken) =>
        ApiResults.Ok(await accounts.RefreshAsync(tenant.Tenant, body.Value, cancellationToken));

    private static async Task<ApiOk<UserResponse>> MeAsync(
        RequestTenant tenant, ClaimsPrincipal user, AccountService accounts, CancellationToken cancellationToken) =>
        ApiResults.Ok(AccountService.ToResponse(await accounts.GetAsync(tenant.Id, user.UserId()!.Value, cancellationToken)));

    private static async Task<ApiCreated<UserResponse>> CreateUserAsync(
        RequestTenant tenant, JsonBody<CreateUserRequest> body, ClaimsPrincipal caller, AccountService accounts, CancellationToken cancellationToken)
    {
        var user = await accounts.CreateUserAsync(tenant.Tenant, caller.Role() ?? UserRole.Admin, body.Value, cancellationToken);
        return ApiResults.Created($"~/users/{user.Id}", AccountService.ToResponse(user));
    }
}
