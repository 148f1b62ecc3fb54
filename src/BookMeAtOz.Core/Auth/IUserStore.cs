using BookMeAtOz.Audit;

namespace BookMeAtOz.Auth;

/// <summary>
/// Where users and refresh tokens live. Every method is scoped to one tenant; emails are unique per
/// tenant, compared case-insensitively.
/// </summary>
/// <remarks>Failures to reach the store surface as <see cref="StoreUnavailableException"/>.</remarks>
public interface IUserStore
{
    /// <summary>Adds a user.</summary>
    /// <exception cref="BookMeAtOzException">With code <c>conflict</c> when the email is used in the tenant.</exception>
    Task CreateUserAsync(User user, CancellationToken cancellationToken);

    /// <summary>Adds a user and records <paramref name="audit"/> with it, atomically.</summary>
    /// <exception cref="BookMeAtOzException">With code <c>conflict</c> when the email is used in the tenant.</exception>
    Task CreateUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>The tenant's users, by email.</summary>
    Task<IReadOnlyList<User>> ListUsersAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a user's role, staff link, password hash and security stamp with those of <paramref name="user"/> (its
    /// name, email and creation time stay), revokes every refresh token of the user and records <paramref name="audit"/>,
    /// atomically. Refused with nothing changed when it would leave the tenant without an owner, also under concurrent
    /// changes (two owners demoting each other at once: one of them is refused).
    /// </summary>
    Task<UserWriteStatus> UpdateUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a user with their refresh tokens and records <paramref name="audit"/>, atomically; refused with nothing
    /// changed when the user is the tenant's last owner (also under concurrent removals).
    /// </summary>
    Task<UserWriteStatus> DeleteUserAsync(Guid tenantId, Guid userId, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a password-reset token for the user with <see cref="AccountToken.Email"/> (case-insensitive), filling in
    /// <see cref="AccountToken.UserId"/> and the address as the user has it, and announces it (<c>user.password_reset_requested</c>, which queues the
    /// e-mail) atomically; does nothing when no user has that address. One round trip either way, so that the answer
    /// takes about as long for an unknown address.
    /// </summary>
    /// <returns>The user the token is for, or null when there is none.</returns>
    Task<Guid?> CreatePasswordResetAsync(AccountToken token, CancellationToken cancellationToken);

    /// <summary>
    /// Stores an invitation token, records <paramref name="audit"/> and announces it (<c>user.invited</c>, which queues
    /// the e-mail), atomically; false (nothing stored) when a user already has the address.
    /// </summary>
    Task<bool> CreateInvitationAsync(AccountToken token, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>An account token by id, or null.</summary>
    Task<AccountToken?> FindAccountTokenAsync(Guid tenantId, Guid tokenId, CancellationToken cancellationToken);

    /// <summary>
    /// Uses a password-reset token: when it is unused and unexpired at <paramref name="now"/>, atomically marks it (and the
    /// user's other reset tokens) used, sets the user's password hash and security stamp, revokes the user's refresh
    /// tokens, records the audit entry made by <paramref name="audit"/> from the user and announces <c>user.changed</c>.
    /// Concurrent uses of one token succeed at most once.
    /// </summary>
    Task<(AccountTokenRedemption Status, User? User)> RedeemPasswordResetAsync(
        Guid tenantId, byte[] tokenHash, string passwordHash, Guid securityStamp, DateTimeOffset now, Func<User, AuditEntry> audit,
        CancellationToken cancellationToken);

    /// <summary>
    /// Uses an invitation: when it is unused and unexpired at <paramref name="now"/>, atomically marks it used and adds the
    /// user <paramref name="user"/> makes from it, recording the audit entry <paramref name="audit"/> makes. Concurrent
    /// uses of one token succeed at most once.
    /// </summary>
    Task<(AccountTokenRedemption Status, User? User)> RedeemInvitationAsync(
        Guid tenantId, byte[] tokenHash, DateTimeOffset now, Func<AccountToken, User> user, Func<User, AuditEntry> audit,
        CancellationToken cancellationToken);

    /// <summary>A user of the tenant, or null.</summary>
    Task<User?> FindUserAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken);

    /// <summary>A user of the tenant by email (case-insensitive), or null.</summary>
    Task<User?> FindUserByEmailAsync(Guid tenantId, string email, CancellationToken cancellationToken);

    /// <summary>Stores a newly issued refresh token (the first of a family).</summary>
    Task CreateRefreshTokenAsync(RefreshToken token, CancellationToken cancellationToken);

    /// <summary>
    /// Exchanges a refresh token atomically: a valid one is marked used and <paramref name="successor"/>
    /// (same user and family, filled in by the store) is stored; a used one revokes its whole family.
    /// Concurrent presentations of one token rotate it at most once.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="tokenHash">SHA-256 of the presented token.</param>
    /// <param name="successor">The next token: its id, hash, creation and expiry (user and family are taken from the presented token).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<RefreshTokenRotation> RotateRefreshTokenAsync(Guid tenantId, byte[] tokenHash, RefreshToken successor, CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="IUserStore.UpdateUserAsync"/> and <see cref="IUserStore.DeleteUserAsync"/>.</summary>
public enum UserWriteStatus
{
    /// <summary>Changed.</summary>
    Done,
    /// <summary>The user does not exist; nothing changed.</summary>
    NotFound,
    /// <summary>The tenant would be left without an owner; nothing changed.</summary>
    LastOwner,
}
