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
