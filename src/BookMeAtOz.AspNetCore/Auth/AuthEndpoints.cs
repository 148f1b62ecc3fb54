using System.Security.Claims;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.RateLimiting;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Auth;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BookMeAtOz.AspNetCore.Auth;

/// <summary>
/// <c>/auth/*</c> (sign-in, refresh, password change and reset, accepting an invitation), <c>GET /me</c>, and the users of
/// the tenant (<c>/users</c>, <c>/users/invitations</c>).
/// </summary>
internal static class AuthEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth").RequireTenant().AllowAnonymous().RequireApiKeyAccess(ApiKeyAccess.None)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/token", SignInAsync).WithName("SignIn").WithSummary("Signs in with an email and password.")
            .RequireBookMeAtOzRateLimit(RateLimitPolicies.SignIn)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/refresh", RefreshAsync).WithName("RefreshToken").WithSummary("Exchanges a refresh token for a new pair; each works once.")
            .RequireBookMeAtOzRateLimit(RateLimitPolicies.Refresh)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/password-reset", RequestPasswordResetAsync).WithName("RequestPasswordReset")
            .WithSummary("E-mails a password-reset link (1 hour, single use) when a user has the address; always 202, whether or not one has.")
            .RequireBookMeAtOzRateLimit(RateLimitPolicies.Accounts)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/password-reset/confirm", ConfirmPasswordResetAsync).WithName("ConfirmPasswordReset")
            .WithSummary("Sets a new password with a reset link's token; every session of the user ends.")
            .RequireBookMeAtOzRateLimit(RateLimitPolicies.Accounts)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/invitations/accept", AcceptInvitationAsync).WithName("AcceptInvitation")
            .WithSummary("Accepts an invitation with its token, a name and a password; the new user is signed in.")
            .RequireBookMeAtOzRateLimit(RateLimitPolicies.Accounts)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/auth/password", ChangePasswordAsync).WithName("ChangePassword").WithTags("Auth")
            .WithSummary("Changes the signed-in user's password; their other sessions end, and this one gets new tokens.")
            .RequireTenant().RequireBookMeAtOzPolicy(Caller.UserPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/me", MeAsync).WithName("GetMe").WithTags("Auth").WithSummary("The signed-in user.")
            .RequireTenant().RequireBookMeAtOzPolicy(Caller.UserPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        var users = api.MapGroup("/users").WithTags("Users").RequireTenant().RequireBookMeAtOzPolicy(Caller.AdminPolicy).RequireApiKeyAccess(ApiKeyAccess.None)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        users.MapGet("/", ListUsersAsync).WithName("ListUsers").WithSummary("The tenant's users, by email.");
        users.MapPost("/", CreateUserAsync).WithName("CreateUser").WithSummary("Adds a user (owner, admin or staff).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPatch("/{id:guid}", UpdateUserAsync).WithName("UpdateUser")
            .Accepts<UpdateUserRequest>("application/json")
            .WithSummary("Changes a user's role or staff link; their tokens stop working at once. Only an owner changes or makes owners; the last owner stays one.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapDelete("/{id:guid}", DeleteUserAsync).WithName("DeleteUser")
            .WithSummary("Removes a user; their tokens stop working at once. Only an owner removes owners; the last owner stays.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/invitations", InviteUserAsync).WithName("InviteUser")
            .WithSummary("E-mails an invitation link (7 days, single use) to join the tenant with a role.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static AccountActor Actor(ClaimsPrincipal caller) => new(caller.UserId()!.Value, caller.Role() ?? UserRole.Staff);

    private static async Task<ApiOk<AuthResponse>> SignInAsync(
        RequestTenant tenant, JsonBody<TokenRequest> body, AccountService accounts, CancellationToken cancellationToken) =>
        ApiResults.Ok(await accounts.SignInAsync(tenant.Tenant, body.Value, cancellationToken));

    private static async Task<ApiOk<AuthResponse>> RefreshAsync(
        RequestTenant tenant, JsonBody<RefreshRequest> body, AccountService accounts, CancellationToken cancellationToken) =>
        ApiResults.Ok(await accounts.RefreshAsync(tenant.Tenant, body.Value, cancellationToken));

    private static async Task<Accepted> RequestPasswordResetAsync(
        RequestTenant tenant, JsonBody<PasswordResetRequest> body, AccountService accounts, CancellationToken cancellationToken)
    {
        await accounts.RequestPasswordResetAsync(tenant.Tenant, body.Value, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<NoContent> ConfirmPasswordResetAsync(
        RequestTenant tenant, JsonBody<ConfirmPasswordResetRequest> body, AccountService accounts, CancellationToken cancellationToken)
    {
        await accounts.ConfirmPasswordResetAsync(tenant.Tenant, body.Value, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<ApiOk<AuthResponse>> AcceptInvitationAsync(
        RequestTenant tenant, JsonBody<AcceptInvitationRequest> body, AccountService accounts, CancellationToken cancellationToken) =>
        ApiResults.Ok(await accounts.AcceptInvitationAsync(tenant.Tenant, body.Value, cancellationToken));

    private static async Task<ApiOk<AuthResponse>> ChangePasswordAsync(
        RequestTenant tenant, JsonBody<ChangePasswordRequest> body, ClaimsPrincipal caller, AccountService accounts, CancellationToken cancellationToken) =>
        ApiResults.Ok(await accounts.ChangePasswordAsync(tenant.Tenant, Actor(caller), body.Value, cancellationToken));

    private static async Task<ApiOk<UserResponse>> MeAsync(
        RequestTenant tenant, ClaimsPrincipal user, AccountService accounts, CancellationToken cancellationToken) =>
        ApiResults.Ok(AccountService.ToResponse(await accounts.GetAsync(tenant.Id, user.UserId()!.Value, cancellationToken)));

    private static async Task<ApiOk<ItemsResponse<UserResponse>>> ListUsersAsync(
        RequestTenant tenant, AccountService accounts, CancellationToken cancellationToken) =>
        ApiResults.Ok(new ItemsResponse<UserResponse>([.. (await accounts.ListAsync(tenant.Id, cancellationToken)).Select(AccountService.ToResponse)]));

    private static async Task<ApiCreated<UserResponse>> CreateUserAsync(
        RequestTenant tenant, JsonBody<CreateUserRequest> body, ClaimsPrincipal caller, AccountService accounts, CancellationToken cancellationToken)
    {
        var user = await accounts.CreateUserAsync(tenant.Tenant, Actor(caller), body.Value, cancellationToken);
        return ApiResults.Created($"~/users/{user.Id}", AccountService.ToResponse(user));
    }

    private static async Task<ApiOk<UserResponse>> UpdateUserAsync(
        RequestTenant tenant, Guid id, JsonBody<JsonElement> body, ClaimsPrincipal caller, AccountService accounts, CancellationToken cancellationToken) =>
        ApiResults.Ok(AccountService.ToResponse(await accounts.UpdateAsync(tenant.Id, Actor(caller), id, body.Value, cancellationToken)));

    private static async Task<NoContent> DeleteUserAsync(
        RequestTenant tenant, Guid id, ClaimsPrincipal caller, AccountService accounts, CancellationToken cancellationToken)
    {
        await accounts.DeleteAsync(tenant.Id, Actor(caller), id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<ApiAccepted<InvitationResponse>> InviteUserAsync(
        RequestTenant tenant, JsonBody<InviteUserRequest> body, ClaimsPrincipal caller, AccountService accounts, CancellationToken cancellationToken) =>
        ApiResults.Accepted(await accounts.InviteAsync(tenant.Tenant, Actor(caller), body.Value, cancellationToken));
}
