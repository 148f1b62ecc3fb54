namespace BookMeAtOz.Contracts;

/// <summary>Sign-in with a password (<c>POST /api/v1/auth/token</c>).</summary>
/// <param name="Email">The account's email.</param>
/// <param name="Password">Its password.</param>
public sealed record TokenRequest(string? Email, string? Password);

/// <summary>A refresh token to exchange for a new pair (<c>POST /api/v1/auth/refresh</c>).</summary>
/// <param name="RefreshToken">The refresh token; it can be used once.</param>
public sealed record RefreshRequest(string? RefreshToken);

/// <summary>Tokens for a signed-in user.</summary>
/// <param name="AccessToken">A JWT for the <c>Authorization: Bearer</c> header.</param>
/// <param name="RefreshToken">A one-time token for <c>POST /api/v1/auth/refresh</c>.</param>
/// <param name="ExpiresAt">When the access token expires.</param>
/// <param name="User">Who signed in.</param>
public sealed record AuthResponse(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, UserResponse User);

/// <summary>A user of the tenant.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="TenantId">Their tenant.</param>
/// <param name="Name">Their name.</param>
/// <param name="Email">Their email (sign-in name).</param>
/// <param name="Role"><c>owner</c>, <c>admin</c> or <c>staff</c>.</param>
/// <param name="StaffId">For a staff user, the staff member they are.</param>
public sealed record UserResponse(Guid Id, Guid TenantId, string Name, string Email, string Role, Guid? StaffId);

/// <summary>A new user (<c>POST /api/v1/users</c>).</summary>
/// <param name="Name">Their name.</param>
/// <param name="Email">Their email, unique within the tenant.</param>
/// <param name="Password">Their password: 8–128 characters.</param>
/// <param name="Role"><c>admin</c> or <c>staff</c> (an owner may also add an <c>owner</c>).</param>
/// <param name="StaffId">For <c>staff</c>: the staff member they are (required).</param>
public sealed record CreateUserRequest(string? Name, string? Email, string? Password, string? Role, Guid? StaffId);
