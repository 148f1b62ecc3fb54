namespace BookMeAtOz.Auth;

/// <summary>What an account token lets its holder do, once.</summary>
public enum AccountTokenKind
{
    /// <summary>Set a new password for an existing user.</summary>
    PasswordReset,
    /// <summary>Join the tenant: create the invited user with a password of their choice.</summary>
    Invitation,
}

/// <summary>
/// A single-use, expiring link sent by e-mail (a password reset or an invitation), as stored: only the SHA-256 of the
/// token. The token itself is derived again from the id when the e-mail is written (<see cref="AccountTokenIssuer"/>).
/// </summary>
/// <param name="Id">The token's id.</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="Kind">What it is for.</param>
/// <param name="TokenHash">SHA-256 of the token.</param>
/// <param name="UserId">For a reset: the user (filled in by the store from <paramref name="Email"/>).</param>
/// <param name="Email">Who it is sent to.</param>
/// <param name="Role">For an invitation: the role the new user gets.</param>
/// <param name="StaffId">For an invitation as staff: the staff member the new user is.</param>
/// <param name="CreatedBy">For an invitation: who invited.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="UsedAt">When it was used.</param>
public sealed record AccountToken(
    Guid Id,
    Guid TenantId,
    AccountTokenKind Kind,
    byte[] TokenHash,
    Guid? UserId,
    string Email,
    UserRole? Role,
    Guid? StaffId,
    Guid? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt)
{
    /// <summary>Whether it can still be used at <paramref name="now"/>.</summary>
    public bool IsUsable(DateTimeOffset now) => UsedAt is null && ExpiresAt > now;
}

/// <summary>The outcome of redeeming an account token.</summary>
public enum AccountTokenRedemption
{
    /// <summary>Done: the token is used up.</summary>
    Done,
    /// <summary>Unknown, used, expired or of the other kind; nothing changed.</summary>
    Invalid,
    /// <summary>An invitation whose e-mail address has meanwhile become a user's; nothing changed.</summary>
    EmailTaken,
}
