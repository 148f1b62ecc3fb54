using BookMeAtOz.Audit;

namespace BookMeAtOz.Auth;

/// <summary>Users and refresh tokens in process memory, lost on restart; thread-safe. Audit entries go to <paramref name="auditLog"/>.</summary>
internal sealed partial class InMemoryUserStore(InMemoryAuditStore auditLog) : IUserStore
{
    public InMemoryUserStore()
        : this(new InMemoryAuditStore())
    {
    }

    /// <summary>Where this store's (and the in-memory booking store's) audit entries go.</summary>
    public InMemoryAuditStore AuditLog => auditLog;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, User> _users = [];
    private readonly Dictionary<(Guid TenantId, string Email), Guid> _emails = new(EmailKeyComparer.Instance);
    private readonly Dictionary<string, RefreshToken> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, AccountToken> _accountTokens = [];

    /// <summary>Forgets every user and token of a tenant (its purge).</summary>
    public void RemoveTenant(Guid tenantId)
    {
        lock (_gate)
        {
            foreach (var user in _users.Values.Where(u => u.TenantId == tenantId).ToList())
            {
                _users.Remove(user.Id);
                _emails.Remove((tenantId, user.Email));
            }

            foreach (var key in _refreshTokens.Where(p => p.Value.TenantId == tenantId).Select(p => p.Key).ToList())
            {
                _refreshTokens.Remove(key);
            }

            foreach (var key in _accountTokens.Where(p => p.Value.TenantId == tenantId).Select(p => p.Key).ToList())
            {
                _accountTokens.Remove(key);
            }

            RemoveApiKeys(tenantId);
        }
    }

    /// <inheritdoc />
    public Task CreateUserAsync(User user, CancellationToken cancellationToken) => CreateAsync(user, null);

    /// <inheritdoc />
    public Task CreateUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return CreateAsync(user, audit);
    }

    private Task CreateAsync(User user, AuditEntry? entry)
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
            if (entry is not null)
            {
                auditLog.Append(entry);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<User>> ListUsersAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<User>>([.. _users.Values.Where(u => u.TenantId == tenantId)
                .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase).ThenBy(u => u.Id)]);
        }
    }

    /// <inheritdoc />
    public Task<UserWriteStatus> UpdateUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(audit);
        lock (_gate)
        {
            if (!_users.TryGetValue(user.Id, out var current) || current.TenantId != user.TenantId)
            {
                return Task.FromResult(UserWriteStatus.NotFound);
            }

            if (current.Role == UserRole.Owner && user.Role != UserRole.Owner && IsLastOwner(current))
            {
                return Task.FromResult(UserWriteStatus.LastOwner);
            }

            _users[user.Id] = current with
            {
                Role = user.Role, StaffId = user.StaffId, PasswordHash = user.PasswordHash, SecurityStamp = user.SecurityStamp,
            };
            RevokeTokens(current, audit.At);
            auditLog.Append(audit);
            return Task.FromResult(UserWriteStatus.Done);
        }
    }

    /// <inheritdoc />
    public Task<UserWriteStatus> DeleteUserAsync(Guid tenantId, Guid userId, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        lock (_gate)
        {
            if (!_users.TryGetValue(userId, out var current) || current.TenantId != tenantId)
            {
                return Task.FromResult(UserWriteStatus.NotFound);
            }

            if (current.Role == UserRole.Owner && IsLastOwner(current))
            {
                return Task.FromResult(UserWriteStatus.LastOwner);
            }

            _users.Remove(userId);
            _emails.Remove((current.TenantId, current.Email));
            foreach (var key in _refreshTokens.Where(t => t.Value.UserId == userId && t.Value.TenantId == tenantId).Select(t => t.Key).ToList())
            {
                _refreshTokens.Remove(key);
            }

            auditLog.Append(audit);
            return Task.FromResult(UserWriteStatus.Done);
        }
    }

    /// <inheritdoc />
    public Task<Guid?> CreatePasswordResetAsync(AccountToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_gate)
        {
            if (!_emails.TryGetValue((token.TenantId, token.Email), out var userId))
            {
                return Task.FromResult<Guid?>(null);
            }

            // The link goes to the address as the user has it, not as the request spelled it.
            _accountTokens.Add(token.Id, token with { Kind = AccountTokenKind.PasswordReset, UserId = userId, Email = _users[userId].Email });
            return Task.FromResult<Guid?>(userId);
        }
    }

    /// <inheritdoc />
    public Task<bool> CreateInvitationAsync(AccountToken token, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(audit);
        lock (_gate)
        {
            if (_emails.ContainsKey((token.TenantId, token.Email)))
            {
                return Task.FromResult(false);
            }

            _accountTokens.Add(token.Id, token with { Kind = AccountTokenKind.Invitation });
            auditLog.Append(audit);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<AccountToken?> FindAccountTokenAsync(Guid tenantId, Guid tokenId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_accountTokens.TryGetValue(tokenId, out var token) && token.TenantId == tenantId ? token : null);
        }
    }

    /// <inheritdoc />
    public Task<(AccountTokenRedemption Status, User? User)> RedeemPasswordResetAsync(
        Guid tenantId, byte[] tokenHash, string passwordHash, Guid securityStamp, DateTimeOffset now, Func<User, AuditEntry> audit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        lock (_gate)
        {
            if (FindUsable(tenantId, tokenHash, AccountTokenKind.PasswordReset, now) is not { UserId: { } userId } token
                || !_users.TryGetValue(userId, out var user) || user.TenantId != tenantId)
            {
                return Task.FromResult<(AccountTokenRedemption, User?)>((AccountTokenRedemption.Invalid, null));
            }

            var changed = user with { PasswordHash = passwordHash, SecurityStamp = securityStamp };
            var entry = audit(changed);
            foreach (var other in _accountTokens.Values.Where(t => t.UserId == userId && t.Kind == AccountTokenKind.PasswordReset && t.UsedAt is null).ToList())
            {
                _accountTokens[other.Id] = other with { UsedAt = now };
            }

            _users[userId] = changed;
            RevokeTokens(user, now);
            auditLog.Append(entry);
            return Task.FromResult<(AccountTokenRedemption, User?)>((AccountTokenRedemption.Done, changed));
        }
    }

    /// <inheritdoc />
    public Task<(AccountTokenRedemption Status, User? User)> RedeemInvitationAsync(
        Guid tenantId, byte[] tokenHash, DateTimeOffset now, Func<AccountToken, User> user, Func<User, AuditEntry> audit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(audit);
        lock (_gate)
        {
            if (FindUsable(tenantId, tokenHash, AccountTokenKind.Invitation, now) is not { } token)
            {
                return Task.FromResult<(AccountTokenRedemption, User?)>((AccountTokenRedemption.Invalid, null));
            }

            var created = user(token);
            if (_emails.ContainsKey((tenantId, created.Email)))
            {
                return Task.FromResult<(AccountTokenRedemption, User?)>((AccountTokenRedemption.EmailTaken, null));
            }

            var entry = audit(created);
            _users.Add(created.Id, created);
            _emails[(tenantId, created.Email)] = created.Id;
            _accountTokens[token.Id] = token with { UsedAt = now };
            auditLog.Append(entry);
            return Task.FromResult<(AccountTokenRedemption, User?)>((AccountTokenRedemption.Done, created));
        }
    }

    private AccountToken? FindUsable(Guid tenantId, byte[] tokenHash, AccountTokenKind kind, DateTimeOffset now) =>
        _accountTokens.Values.FirstOrDefault(t => t.TenantId == tenantId && t.Kind == kind && t.TokenHash.AsSpan().SequenceEqual(tokenHash) && t.IsUsable(now));

    private bool IsLastOwner(User owner) =>
        !_users.Values.Any(u => u.TenantId == owner.TenantId && u.Role == UserRole.Owner && u.Id != owner.Id);

    private void RevokeTokens(User user, DateTimeOffset now)
    {
        foreach (var (key, token) in _refreshTokens.Where(t => t.Value.UserId == user.Id && t.Value.TenantId == user.TenantId).ToList())
        {
            if (token.RevokedAt is null)
            {
                _refreshTokens[key] = token with { RevokedAt = now };
            }
        }
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
