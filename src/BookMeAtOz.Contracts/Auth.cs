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

/// <summary>A change of a user's role or staff link (<c>PATCH /api/v1/users/{id}</c>); absent fields keep their values.</summary>
/// <param name="Role"><c>owner</c>, <c>admin</c> or <c>staff</c> (only an owner may make or change an owner).</param>
/// <param name="StaffId">For <c>staff</c>: the staff member they are. Cleared when the role becomes another.</param>
public sealed record UpdateUserRequest(string? Role, Guid? StaffId);

/// <summary>An invitation by e-mail (<c>POST /api/v1/users/invitations</c>).</summary>
/// <param name="Email">Where the link goes; no user of the tenant may have it.</param>
/// <param name="Role"><c>admin</c> or <c>staff</c> (an owner may also invite an <c>owner</c>).</param>
/// <param name="StaffId">For <c>staff</c>: the staff member they will be (required).</param>
public sealed record InviteUserRequest(string? Email, string? Role, Guid? StaffId);

/// <summary>An invitation sent.</summary>
/// <param name="Id">The invitation's id.</param>
/// <param name="Email">Where the link went.</param>
/// <param name="Role">The role the user gets.</param>
/// <param name="StaffId">For staff, the staff member.</param>
/// <param name="ExpiresAt">When the link stops working.</param>
public sealed record InvitationResponse(Guid Id, string Email, string Role, Guid? StaffId, DateTimeOffset ExpiresAt);

/// <summary>Accepting an invitation (<c>POST /api/v1/auth/invitations/accept</c>).</summary>
/// <param name="Token">The token from the e-mailed link.</param>
/// <param name="Name">The new user's name.</param>
/// <param name="Password">Their password: 8–128 characters.</param>
public sealed record AcceptInvitationRequest(string? Token, string? Name, string? Password);

/// <summary>A password change by the signed-in user (<c>POST /api/v1/auth/password</c>).</summary>
/// <param name="CurrentPassword">The password now.</param>
/// <param name="NewPassword">The new one: 8–128 characters.</param>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>A request for a password-reset link (<c>POST /api/v1/auth/password-reset</c>).</summary>
/// <param name="Email">The account's e-mail address.</param>
public sealed record PasswordResetRequest(string? Email);

/// <summary>A new password set with a reset link (<c>POST /api/v1/auth/password-reset/confirm</c>).</summary>
/// <param name="Token">The token from the e-mailed link.</param>
/// <param name="NewPassword">The new password: 8–128 characters.</param>
public sealed record ConfirmPasswordResetRequest(string? Token, string? NewPassword);
