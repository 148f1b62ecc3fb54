using System.Globalization;
using System.Security.Claims;
using BookMeAtOz.Auth;

namespace BookMeAtOz.AspNetCore.Auth;

/// <summary>The claims of BookMeAtOz access tokens and how to read them.</summary>
internal static class Caller
{
    public const string UserIdClaim = "sub";
    public const string TenantIdClaim = "tid";
    public const string RoleClaim = "role";
    public const string StaffIdClaim = "staff_id";
    public const string NameClaim = "name";

    /// <summary>The user's security stamp when the token was issued; the token works while it is still the user's.</summary>
    public const string SecurityStampClaim = "sst";

    /// <summary>On an API key's principal: the key's id (there is no user).</summary>
    public const string ApiKeyIdClaim = "kid";

    /// <summary>On an API key's principal: its <see cref="ApiKeyScopes"/>, as a number.</summary>
    public const string ApiKeyScopesClaim = "key_scopes";

    public const string OwnerPolicy = "bookmeatoz:owner";
    public const string AdminPolicy = "bookmeatoz:admin";
    public const string StaffPolicy = "bookmeatoz:staff";
    public const string UserPolicy = "bookmeatoz:user";

    public static string RoleName(UserRole role) => role switch
    {
        UserRole.Owner => "owner",
        UserRole.Admin => "admin",
        UserRole.Staff => "staff",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static UserRole? ParseRole(string? role) => role switch
    {
        "owner" => UserRole.Owner,
        "admin" => UserRole.Admin,
        "staff" => UserRole.Staff,
        _ => null,
    };

    public static bool IsSignedIn(this ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;

    public static Guid? UserId(this ClaimsPrincipal user) => GuidClaim(user, UserIdClaim);

    public static Guid? TenantId(this ClaimsPrincipal user) => GuidClaim(user, TenantIdClaim);

    public static Guid? StaffId(this ClaimsPrincipal user) => GuidClaim(user, StaffIdClaim);

    public static Guid? SecurityStamp(this ClaimsPrincipal user) => GuidClaim(user, SecurityStampClaim);

    public static UserRole? Role(this ClaimsPrincipal user) => user.IsSignedIn() ? ParseRole(user.FindFirst(RoleClaim)?.Value) : null;

    /// <summary>The API key the request authenticated with, or null (a user's token, or anonymous).</summary>
    public static Guid? ApiKeyId(this ClaimsPrincipal user) => GuidClaim(user, ApiKeyIdClaim);

    /// <summary>The scopes of the request's API key (<see cref="ApiKeyScopes.None"/> without one).</summary>
    public static ApiKeyScopes KeyScopes(this ClaimsPrincipal user) =>
        user.ApiKeyId() is not null && int.TryParse(user.FindFirst(ApiKeyScopesClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var scopes)
            ? (ApiKeyScopes)scopes
            : ApiKeyScopes.None;

    /// <summary>An owner or an admin.</summary>
    public static bool IsAdmin(this ClaimsPrincipal user) => user.Role() is UserRole.Owner or UserRole.Admin;

    /// <summary>An admin, or the staff user who is <paramref name="staffId"/>.</summary>
    public static bool IsAdminOrStaffMember(this ClaimsPrincipal user, Guid staffId) =>
        user.IsAdmin() || (user.Role() == UserRole.Staff && user.StaffId() == staffId);

    private static Guid? GuidClaim(ClaimsPrincipal user, string type) =>
        user.IsSignedIn() && Guid.TryParse(user.FindFirst(type)?.Value, CultureInfo.InvariantCulture, out var id) ? id : null;
}
