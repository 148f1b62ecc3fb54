namespace BookMeAtOz.Auth;

/// <summary>Users and refresh tokens in process memory, lost on restart; thread-safe.</summary>
internal sealed class InMemoryUserStore : IUserStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, User> _users = [];
    private readonly Dictionary<(Guid TenantId, string Email), Guid> _emails = new(EmailKeyComparer.Instance);
    private readonly Dictionary<string, RefreshToken> _refreshTokens = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task CreateUserAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_gate)
        {
            if (_emails.ContainsKey((user.TenantId, user.Email)))
            {
                throw new BookMeAtOzException(ErrorCodes.Conflict, "A user with this email already exists.");
            }

            if (!_users.TryAdd(user.Id, user))
            {
                throw new InvalidOperationException("A user with this id already exists.");
            }

            _emails[(user.TenantId, user.Email)] = user.Id;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<User?> FindUserAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_users.TryGetValue(userId, out var user) && user.TenantId == tenantId ? user : null);
        }
    }

    /// <inheritdoc />
    public Task<User?> FindUserByEmailAsync(Guid tenantId, string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        lock (_gate)
        {
            return Task.FromResult(_emails.TryGetValue((tenantId, email), out var id) ? _users[id] : null);
        }
    }

    /// <inheritdoc />
    public Task CreateRefreshTokenAsync(RefreshToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_gate)
        {
            _refreshTokens.Add(Key(token.TokenHash), token);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<RefreshTokenRotation> RotateRefreshTokenAsync(Guid tenantId, byte[] tokenHash, RefreshToken successor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        ArgumentNullException.ThrowIfNull(successor);
        var now = successor.CreatedAt;
        lock (_gate)
        {
            if (!_refreshTokens.TryGetValue(Key(tokenHash), out var token) || token.TenantId != tenantId
                || token.RevokedAt is not null || token.ExpiresAt <= now)
            {
                return Task.FromResult(new RefreshTokenRotation(RefreshTokenRotationStatus.Invalid, null));
            }

            if (token.UsedAt is not null)
            {
                foreach (var (key, member) in _refreshTokens.Where(t => t.Value.FamilyId == token.FamilyId).ToList())
                {
                    _refreshTokens[key] = member with { RevokedAt = now };
                }

                return Task.FromResult(new RefreshTokenRotation(RefreshTokenRotationStatus.Reused, token.UserId));
            }

            _refreshTokens[Key(tokenHash)] = token with { UsedAt = now };
            _refreshTokens.Add(Key(successor.TokenHash), successor with { TenantId = tenantId, UserId = token.UserId, FamilyId = token.FamilyId });
            return Task.FromResult(new RefreshTokenRotation(RefreshTokenRotationStatus.Rotated, token.UserId));
        }
    }

    private static string Key(byte[] hash) => Convert.ToHexString(hash);

    private sealed class EmailKeyComparer : IEqualityComparer<(Guid TenantId, string Email)>
    {
        public static readonly EmailKeyComparer Instance = new();

        public bool Equals((Guid TenantId, string Email) x, (Guid TenantId, string Email) y) =>
            x.TenantId == y.TenantId && string.Equals(x.Email, y.Email, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((Guid TenantId, string Email) obj) =>
            HashCode.Combine(obj.TenantId, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Email));
    }
}
