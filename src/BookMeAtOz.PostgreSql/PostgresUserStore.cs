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
    private const string UserColumns = "user_id, tenant_id, name, email, password_hash, role, staff_id, created_at";

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
    public Task CreateUserAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return RunAsync("create user", readOnly: false, async (connection, ct) =>
        {
            await using var batch = Batch(connection, null,
                SetTenant(user.TenantId),
                Command($"""
                    INSERT INTO bookmeatoz.users ({UserColumns})
                    VALUES (@id, @tenant, @name, @email, @hash, @role, @staff, @created)
                    """,
                    Uuid("id", user.Id), Uuid("tenant", user.TenantId), Text("name", user.Name), Text("email", user.Email),
                    Text("hash", user.PasswordHash), Text("role", ToSql(user.Role)), NullableUuid("staff", user.StaffId),
                    Time("created", user.CreatedAt)));
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

            return true;
        }, cancellationToken);
    }

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

        return new User(
            reader.GetGuid(0),
            reader.GetGuid(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            ParseRole(reader.GetString(5)),
            reader.IsDBNull(6) ? null : reader.GetGuid(6),
            reader.GetFieldValue<DateTimeOffset>(7));
    }

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
