using BookMeAtOz.Audit;
using BookMeAtOz.Auth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static BookMeAtOz.PostgreSql.PostgresSql;

namespace BookMeAtOz.PostgreSql;

/// <summary>
/// Users and refresh tokens in PostgreSQL (<c>bookmeatoz.users</c>, <c>bookmeatoz.refresh_tokens</c>). Like
/// <see cref="PostgresBookingStore"/>, every method is one transaction scoped to its tenant for row-level
/// security (<c>set_config(..., true)</c>, safe with PgBouncer's transaction pooling), retried on a
/// serialization failure or deadlock; an unreachable database surfaces as <see cref="StoreUnavailableException"/>.
/// </summary>
/// <remarks>
/// A refresh token is "used" once <c>replaced_by</c> names its successor; <c>revoked_at</c> is set only when
/// its family is revoked. Rotation locks the presented token's row (<c>FOR UPDATE</c>), so concurrent
/// presentations of one token queue up: the first rotates it, the next finds it used and revokes the family,
/// and the rest find it revoked.
/// </remarks>
internal sealed class PostgresUserStore : IUserStore
{
    private const string UserColumns = "user_id, tenant_id, name, email, password_hash, role, staff_id, created_at, security_stamp";

    private readonly PostgresDataSources _sources;
    private readonly PostgresUnitOfWork _unitOfWork;

    public PostgresUserStore(PostgresDataSources sources, PostgresStoreOptions? options = null, ILogger<PostgresUserStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        options ??= new PostgresStoreOptions();
        options.Validate();
        _sources = sources;
        _unitOfWork = new PostgresUnitOfWork(sources, options.MaxAttempts, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <inheritdoc />
    public Task CreateUserAsync(User user, CancellationToken cancellationToken) => CreateAsync(user, null, cancellationToken);

    /// <inheritdoc />
    public Task CreateUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return CreateAsync(user, audit, cancellationToken);
    }

    private Task<bool> CreateAsync(User user, AuditEntry? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return RunAsync("create user", readOnly: false, async (connection, ct) =>
        {
            // One batch without an explicit transaction runs as one implicit transaction: the user and its audit entry, or neither.
            await using var batch = Batch(connection, null, SetTenant(user.TenantId), InsertUser(user));
            if (audit is not null)
            {
                batch.BatchCommands.Add(PostgresAuditStore.Insert(audit));
            }

            await ExecuteUserInsertAsync(batch, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>The statement that adds <paramref name="user"/> (also used by sign-up, in the tenant's transaction).</summary>
    internal static NpgsqlBatchCommand InsertUser(User user) =>
        Command($"""
            INSERT INTO bookmeatoz.users ({UserColumns})
            VALUES (@user_id, @user_tenant, @user_name, @user_email, @user_hash, @user_role, @user_staff, @user_created, @user_stamp)
            """,
            Uuid("user_id", user.Id), Uuid("user_tenant", user.TenantId), Text("user_name", user.Name), Text("user_email", user.Email),
            Text("user_hash", user.PasswordHash), Text("user_role", ToSql(user.Role)), NullableUuid("user_staff", user.StaffId),
            Time("user_created", user.CreatedAt), Uuid("user_stamp", user.SecurityStamp));

    /// <summary>Runs a batch that adds a user, turning a taken email into <c>conflict</c>.</summary>
    internal static async Task ExecuteUserInsertAsync(NpgsqlBatch batch, CancellationToken ct)
    {
        try
        {
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "users_email_key" })
        {
            throw new BookMeAtOzException(ErrorCodes.Conflict, "A user with this email already exists.", e);
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "users_pkey" })
        {
            throw new InvalidOperationException("A user with this id already exists.", e);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<User>> ListUsersAsync(Guid tenantId, CancellationToken cancellationToken) =>
        RunAsync("list users", readOnly: true, async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command($"SELECT {UserColumns} FROM bookmeatoz.users WHERE tenant_id = @tenant ORDER BY lower(email), user_id", Uuid("tenant", tenantId)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            var users = new List<User>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                users.Add(ReadUser(reader));
            }

            return (IReadOnlyList<User>)users;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<UserWriteStatus> UpdateUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(audit);
        return WriteUserAsync("update user", user.TenantId, user.Id, demotesOrRemoves: role => role == UserRole.Owner && user.Role != UserRole.Owner,
            Command("""
                UPDATE bookmeatoz.users SET role = @role, staff_id = @staff, password_hash = @hash, security_stamp = @stamp
                WHERE tenant_id = @tenant AND user_id = @id
                """,
                Text("role", ToSql(user.Role)), NullableUuid("staff", user.StaffId), Text("hash", user.PasswordHash), Uuid("stamp", user.SecurityStamp),
                Uuid("tenant", user.TenantId), Uuid("id", user.Id)),
            Command("""
                UPDATE bookmeatoz.refresh_tokens SET revoked_at = @now
                WHERE tenant_id = @tenant AND user_id = @id AND revoked_at IS NULL
                """, Time("now", audit.At), Uuid("tenant", user.TenantId), Uuid("id", user.Id)),
            audit, cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserWriteStatus> DeleteUserAsync(Guid tenantId, Guid userId, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        // Refresh tokens go with the user (ON DELETE CASCADE).
        return WriteUserAsync("delete user", tenantId, userId, demotesOrRemoves: role => role == UserRole.Owner,
            Command("DELETE FROM bookmeatoz.users WHERE tenant_id = @tenant AND user_id = @id", Uuid("tenant", tenantId), Uuid("id", userId)),
            null, audit, cancellationToken);
    }

    /// <summary>
    /// Changes one user in a transaction that first locks the tenant's owners and the user (<c>FOR UPDATE</c>): concurrent
    /// changes of owners queue up, and each sees whether another owner remains after the ones before it committed.
    /// The change is announced in the outbox (<c>user.changed</c>), so that every instance drops what it knows of the user.
    /// </summary>
    private Task<UserWriteStatus> WriteUserAsync(
        string operation, Guid tenantId, Guid userId, Func<UserRole, bool> demotesOrRemoves, NpgsqlBatchCommand change, NpgsqlBatchCommand? revoke,
        AuditEntry audit, CancellationToken cancellationToken) =>
        RunAsync(operation, readOnly: false, async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                UserRole? role = null;
                var otherOwners = 0;
                await using (var locks = Batch(connection, transaction,
                    SetTenant(tenantId),
                    Command("""
                        SELECT user_id, role FROM bookmeatoz.users
                        WHERE tenant_id = @tenant AND (role = 'owner' OR user_id = @id)
                        ORDER BY user_id
                        FOR UPDATE
                        """, Uuid("tenant", tenantId), Uuid("id", userId))))
                {
                    await using var reader = await locks.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await reader.NextResultAsync(ct).ConfigureAwait(false);
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        var r = ParseRole(reader.GetString(1));
                        if (reader.GetGuid(0) == userId)
                        {
                            role = r;
                        }
                        else if (r == UserRole.Owner)
                        {
                            otherOwners++;
                        }
                    }
                }

                if (role is not { } current)
                {
                    return UserWriteStatus.NotFound;
                }

                if (demotesOrRemoves(current) && otherOwners == 0)
                {
                    return UserWriteStatus.LastOwner;
                }

                await using var write = Batch(connection, transaction, change);
                if (revoke is not null)
                {
                    write.BatchCommands.Add(revoke);
                }

                write.BatchCommands.Add(PostgresAuditStore.Insert(audit));
                write.BatchCommands.Add(UserChanged(tenantId, userId));
                await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return UserWriteStatus.Done;
            }
        }, cancellationToken);

    /// <inheritdoc />
    public Task<User?> FindUserAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken) =>
        RunAsync("find user", readOnly: true, (connection, ct) => ReadUserAsync(connection,
            SetTenant(tenantId),
            Command($"SELECT {UserColumns} FROM bookmeatoz.users WHERE tenant_id = @tenant AND user_id = @id",
                Uuid("tenant", tenantId), Uuid("id", userId)), ct), cancellationToken);

    /// <inheritdoc />
    public Task<User?> FindUserByEmailAsync(Guid tenantId, string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        return RunAsync("find user by email", readOnly: true, (connection, ct) => ReadUserAsync(connection,
            SetTenant(tenantId),
            Command($"SELECT {UserColumns} FROM bookmeatoz.users WHERE tenant_id = @tenant AND lower(email) = lower(@email)",
                Uuid("tenant", tenantId), Text("email", email)), ct), cancellationToken);
    }

    /// <inheritdoc />
    public Task CreateRefreshTokenAsync(RefreshToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return RunAsync("create refresh token", readOnly: false, async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(token.TenantId),
                InsertToken(token.TenantId, token.Id, token.UserId, token.FamilyId, token.TokenHash, token.CreatedAt, token.ExpiresAt, token.RevokedAt));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RefreshTokenRotation> RotateRefreshTokenAsync(Guid tenantId, byte[] tokenHash, RefreshToken successor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        ArgumentNullException.ThrowIfNull(successor);
        var now = successor.CreatedAt;
        return RunAsync("rotate refresh token", readOnly: false, async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                Guid tokenId, userId, familyId;
                await using (var find = Batch(connection, transaction,
                    SetTenant(tenantId),
                    Command("""
                        SELECT token_id, user_id, family_id, expires_at, revoked_at IS NOT NULL, replaced_by IS NOT NULL
                        FROM bookmeatoz.refresh_tokens
                        WHERE tenant_id = @tenant AND token_hash = @hash
                        FOR UPDATE
                        """, Uuid("tenant", tenantId), Bytes("hash", tokenHash))))
                {
                    await using var reader = await find.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await reader.NextResultAsync(ct).ConfigureAwait(false);
                    if (!await reader.ReadAsync(ct).ConfigureAwait(false)
                        || reader.GetBoolean(4)
                        || reader.GetFieldValue<DateTimeOffset>(3) <= now)
                    {
                        // Unknown, revoked or expired: nothing changes (the transaction rolls back).
                        return new RefreshTokenRotation(RefreshTokenRotationStatus.Invalid, null);
                    }

                    tokenId = reader.GetGuid(0);
                    userId = reader.GetGuid(1);
                    familyId = reader.GetGuid(2);
                    if (reader.GetBoolean(5))
                    {
                        tokenId = Guid.Empty; // Used before: the family is revoked below.
                    }
                }

                if (tokenId == Guid.Empty)
                {
                    await using var revoke = Batch(connection, transaction, Command("""
                        UPDATE bookmeatoz.refresh_tokens SET revoked_at = @now
                        WHERE tenant_id = @tenant AND family_id = @family AND revoked_at IS NULL
                        """, Time("now", now), Uuid("tenant", tenantId), Uuid("family", familyId)));
                    await revoke.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                    return new RefreshTokenRotation(RefreshTokenRotationStatus.Reused, userId);
                }

                await using (var rotate = Batch(connection, transaction,
                    Command("""
                        UPDATE bookmeatoz.refresh_tokens SET replaced_by = @successor
                        WHERE tenant_id = @tenant AND token_id = @id AND replaced_by IS NULL AND revoked_at IS NULL
                        """, Uuid("successor", successor.Id), Uuid("tenant", tenantId), Uuid("id", tokenId)),
                    InsertToken(tenantId, successor.Id, userId, familyId, successor.TokenHash, successor.CreatedAt, successor.ExpiresAt, null)))
                {
                    await rotate.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    if (rotate.BatchCommands[0].RecordsAffected != 1)
                    {
                        // Cannot happen while the row is locked; never store a successor of an unrotated token.
                        throw new InvalidOperationException("The refresh token changed while locked.");
                    }
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return new RefreshTokenRotation(RefreshTokenRotationStatus.Rotated, userId);
            }
        }, cancellationToken);
    }

    private const string AccountTokenColumns =
        "token_id, tenant_id, kind, token_hash, user_id, email, role, staff_id, created_by, created_at, expires_at, used_at";

    /// <inheritdoc />
    public Task<Guid?> CreatePasswordResetAsync(AccountToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return RunAsync("create password reset", readOnly: false, async (connection, ct) =>
        {
            // One statement whether or not the address is known: the token and its announcement, or nothing.
            await using var batch = Batch(connection, null,
                SetTenant(token.TenantId),
                Command($"""
                    WITH u AS (
                        SELECT user_id, email FROM bookmeatoz.users WHERE tenant_id = @tenant AND lower(email) = lower(@email)),
                    t AS (
                        INSERT INTO bookmeatoz.account_tokens ({AccountTokenColumns})
                        SELECT @id, @tenant, 'password_reset', @hash, u.user_id, u.email, NULL, NULL, NULL, @created, @expires, NULL FROM u
                        RETURNING token_id, user_id)
                    INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                    SELECT @tenant, 'user.password_reset_requested', jsonb_build_object('tokenId', token_id, 'userId', user_id) FROM t
                    RETURNING (payload->>'userId')::uuid
                    """,
                    Uuid("tenant", token.TenantId), Uuid("id", token.Id), Text("email", token.Email), Bytes("hash", token.TokenHash),
                    Time("created", token.CreatedAt), Time("expires", token.ExpiresAt)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? reader.GetGuid(0) : (Guid?)null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> CreateInvitationAsync(AccountToken token, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(audit);
        return RunAsync("create invitation", readOnly: false, async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using var batch = Batch(connection, transaction,
                    SetTenant(token.TenantId),
                    Command($"""
                        INSERT INTO bookmeatoz.account_tokens ({AccountTokenColumns})
                        SELECT @id, @tenant, 'invitation', @hash, NULL, @email, @role, @staff, @by, @created, @expires, NULL
                        WHERE NOT EXISTS (SELECT 1 FROM bookmeatoz.users WHERE tenant_id = @tenant AND lower(email) = lower(@email))
                        """,
                        Uuid("tenant", token.TenantId), Uuid("id", token.Id), Text("email", token.Email), Bytes("hash", token.TokenHash),
                        Text("role", ToSql(token.Role ?? UserRole.Staff)), NullableUuid("staff", token.StaffId), NullableUuid("by", token.CreatedBy),
                        Time("created", token.CreatedAt), Time("expires", token.ExpiresAt)));
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                if (batch.BatchCommands[1].RecordsAffected != 1)
                {
                    return false;
                }

                await using var rest = Batch(connection, transaction,
                    PostgresAuditStore.Insert(audit),
                    Command("""
                        INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
                        VALUES (@tenant, 'user.invited', jsonb_build_object('tokenId', @id))
                        """, Uuid("tenant", token.TenantId), Uuid("id", token.Id)));
                await rest.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return true;
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<AccountToken?> FindAccountTokenAsync(Guid tenantId, Guid tokenId, CancellationToken cancellationToken) =>
        RunAsync("find account token", readOnly: true, async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(tenantId),
                Command($"SELECT {AccountTokenColumns} FROM bookmeatoz.account_tokens WHERE tenant_id = @tenant AND token_id = @id",
                    Uuid("tenant", tenantId), Uuid("id", tokenId)));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadAccountToken(reader) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<(AccountTokenRedemption Status, User? User)> RedeemPasswordResetAsync(
        Guid tenantId, byte[] tokenHash, string passwordHash, Guid securityStamp, DateTimeOffset now, Func<User, AuditEntry> audit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        ArgumentNullException.ThrowIfNull(audit);
        return RunAsync("redeem password reset", readOnly: false, async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var token = await LockTokenAsync(connection, transaction, tenantId, tokenHash, "password_reset", now, ct).ConfigureAwait(false);
                User? user = null;
                if (token?.UserId is { } userId)
                {
                    await using var find = Batch(connection, transaction,
                        Command($"SELECT {UserColumns} FROM bookmeatoz.users WHERE tenant_id = @tenant AND user_id = @id FOR UPDATE",
                            Uuid("tenant", tenantId), Uuid("id", userId)));
                    await using var reader = await find.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    user = await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadUser(reader) : null;
                }

                if (user is null)
                {
                    return (AccountTokenRedemption.Invalid, (User?)null);
                }

                var changed = user with { PasswordHash = passwordHash, SecurityStamp = securityStamp };
                await using var write = Batch(connection, transaction,
                    Command("""
                        UPDATE bookmeatoz.users SET password_hash = @hash, security_stamp = @stamp WHERE tenant_id = @tenant AND user_id = @id
                        """, Text("hash", passwordHash), Uuid("stamp", securityStamp), Uuid("tenant", tenantId), Uuid("id", user.Id)),
                    Command("""
                        UPDATE bookmeatoz.account_tokens SET used_at = @now
                        WHERE tenant_id = @tenant AND user_id = @id AND kind = 'password_reset' AND used_at IS NULL
                        """, Time("now", now), Uuid("tenant", tenantId), Uuid("id", user.Id)),
                    Command("""
                        UPDATE bookmeatoz.refresh_tokens SET revoked_at = @now WHERE tenant_id = @tenant AND user_id = @id AND revoked_at IS NULL
                        """, Time("now", now), Uuid("tenant", tenantId), Uuid("id", user.Id)),
                    PostgresAuditStore.Insert(audit(changed)),
                    UserChanged(tenantId, user.Id));
                await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return (AccountTokenRedemption.Done, (User?)changed);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<(AccountTokenRedemption Status, User? User)> RedeemInvitationAsync(
        Guid tenantId, byte[] tokenHash, DateTimeOffset now, Func<AccountToken, User> user, Func<User, AuditEntry> audit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(audit);
        return RunAsync("redeem invitation", readOnly: false, async (connection, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (await LockTokenAsync(connection, transaction, tenantId, tokenHash, "invitation", now, ct).ConfigureAwait(false) is not { } token)
                {
                    return (AccountTokenRedemption.Invalid, (User?)null);
                }

                var created = user(token);
                await using var write = Batch(connection, transaction,
                    Command("UPDATE bookmeatoz.account_tokens SET used_at = @now WHERE tenant_id = @tenant AND token_id = @id",
                        Time("now", now), Uuid("tenant", tenantId), Uuid("id", token.Id)),
                    InsertUser(created),
                    PostgresAuditStore.Insert(audit(created)));
                try
                {
                    await ExecuteUserInsertAsync(write, ct).ConfigureAwait(false);
                }
                catch (BookMeAtOzException e) when (e.Code == ErrorCodes.Conflict)
                {
                    return (AccountTokenRedemption.EmailTaken, (User?)null);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return (AccountTokenRedemption.Done, (User?)created);
            }
        }, cancellationToken);
    }

    /// <summary>The usable token of the kind with the hash, locked for the rest of the transaction (concurrent uses queue up), or null.</summary>
    private static async Task<AccountToken?> LockTokenAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, byte[] hash, string kind, DateTimeOffset now, CancellationToken ct)
    {
        await using var batch = Batch(connection, transaction,
            SetTenant(tenantId),
            Command($"""
                SELECT {AccountTokenColumns} FROM bookmeatoz.account_tokens
                WHERE tenant_id = @tenant AND token_hash = @hash AND kind = @kind
                FOR UPDATE
                """, Uuid("tenant", tenantId), Bytes("hash", hash), Text("kind", kind)));
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        var token = ReadAccountToken(reader);
        return token.IsUsable(now) ? token : null;
    }

    private static AccountToken ReadAccountToken(NpgsqlDataReader reader) =>
        new(
            reader.GetGuid(0),
            reader.GetGuid(1),
            reader.GetString(2) == "invitation" ? AccountTokenKind.Invitation : AccountTokenKind.PasswordReset,
            reader.GetFieldValue<byte[]>(3),
            reader.IsDBNull(4) ? null : reader.GetGuid(4),
            reader.GetString(5),
            reader.IsDBNull(6) ? null : ParseRole(reader.GetString(6)),
            reader.IsDBNull(7) ? null : reader.GetGuid(7),
            reader.IsDBNull(8) ? null : reader.GetGuid(8),
            reader.GetFieldValue<DateTimeOffset>(9),
            reader.GetFieldValue<DateTimeOffset>(10),
            reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11));

    private static NpgsqlBatchCommand UserChanged(Guid tenantId, Guid userId) =>
        Command("""
            INSERT INTO bookmeatoz.outbox (tenant_id, type, payload)
            VALUES (@changed_tenant, 'user.changed', jsonb_build_object('userId', @changed_user))
            """, Uuid("changed_tenant", tenantId), Uuid("changed_user", userId));

    private static NpgsqlBatchCommand InsertToken(
        Guid tenantId, Guid id, Guid userId, Guid familyId, byte[] hash, DateTimeOffset created, DateTimeOffset expires, DateTimeOffset? revoked) =>
        Command("""
            INSERT INTO bookmeatoz.refresh_tokens (tenant_id, token_id, user_id, family_id, token_hash, created_at, expires_at, revoked_at)
            VALUES (@tenant, @id, @user, @family, @hash, @created, @expires, @revoked)
            """,
            Uuid("tenant", tenantId), Uuid("id", id), Uuid("user", userId), Uuid("family", familyId), Bytes("hash", hash),
            Time("created", created), Time("expires", expires), NullableTime("revoked", revoked));

    private static async Task<User?> ReadUserAsync(NpgsqlConnection connection, NpgsqlBatchCommand scope, NpgsqlBatchCommand query, CancellationToken ct)
    {
        await using var batch = Batch(connection, null, scope, query);
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        return ReadUser(reader);
    }

    private static User ReadUser(NpgsqlDataReader reader) =>
        new(
            reader.GetGuid(0),
            reader.GetGuid(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            ParseRole(reader.GetString(5)),
            reader.IsDBNull(6) ? null : reader.GetGuid(6),
            reader.GetFieldValue<DateTimeOffset>(7))
        {
            SecurityStamp = reader.GetGuid(8),
        };

    private static string ToSql(UserRole role) => role switch
    {
        UserRole.Owner => "owner",
        UserRole.Admin => "admin",
        UserRole.Staff => "staff",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    private static UserRole ParseRole(string role) => role switch
    {
        "owner" => UserRole.Owner,
        "admin" => UserRole.Admin,
        "staff" => UserRole.Staff,
        _ => throw new InvalidOperationException($"Unknown user role '{role}' in the database."),
    };

    /// <summary>On the primary: sign-in must see a just-created user.</summary>
    private Task<T> RunAsync<T>(string operation, bool readOnly, Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        _unitOfWork.RunAsync(_sources.Primary, operation, readOnly, work, cancellationToken);
}
