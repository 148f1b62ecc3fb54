using System.Text;
using System.Text.Json;
using BookMeAtOz.Audit;
using BookMeAtOz.Auth;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.AspNetCore.RateLimiting;
using BookMeAtOz.Changes;
using BookMeAtOz.Contracts;
using BookMeAtOz.Persistence;
using BookMeAtOz.Tenancy;
using BookMeAtOz.Validation;
using Microsoft.AspNetCore.Identity;

namespace BookMeAtOz.AspNetCore.Auth;

/// <summary>
/// Sign-up, sign-in, token refresh and the account lifecycle: users added, invited, changed and removed, passwords
/// changed and reset. Every change of a user gives them a new security stamp (which ends their access tokens on every
/// instance: see <see cref="SecurityStampValidator"/>), revokes their refresh tokens, and is audited in its transaction.
/// </summary>
internal sealed class AccountService(
    IUserStore users,
    IBookingStore store,
    IChangeSink changes,
    IPasswordHasher<User> hasher,
    PasswordHashingGate hashing,
    TokenService tokens,
    AccountTokenIssuer accountTokens,
    SignInThrottle throttle,
    TimeProvider timeProvider)
{
    /// <summary>How long a password-reset link works: 1 hour.</summary>
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromHours(1);

    /// <summary>How long an invitation link works: 7 days.</summary>
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    private const int MaxTokenLength = 200;

    // Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
    private readonly Lazy<string> _decoyHash = new(() => hasher.HashPassword(Decoy, Guid.NewGuid().ToString()));

    private static readonly User Decoy = new(Guid.Empty, Guid.Empty, "decoy", "decoy@invalid", string.Empty, UserRole.Staff, null, default);

    public async Task<(Tenant Tenant, AuthResponse Auth)> SignUpAsync(SignUpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = timeProvider.GetUtcNow();
        var tenant = new Tenant(Guid.CreateVersion7(now), request.Slug ?? string.Empty, request.Name ?? string.Empty,
            request.TimeZone ?? string.Empty, request.Currency ?? "AUD", TenantPolicy.Default);
        var errors = new ValidationErrors();
        tenant.Validate(errors);
        User? owner = null;
        if (request.Owner is null)
        {
            errors.Add("owner", "Is required.");
        }
        else
        {
            owner = new User(Guid.CreateVersion7(now), tenant.Id, request.Owner.Name ?? string.Empty, request.Owner.Email ?? string.Empty,
                string.Empty, UserRole.Owner, null, now) { SecurityStamp = Guid.NewGuid() };
            owner.Validate(errors, "owner.");
            User.ValidatePassword(request.Owner.Password, request.Owner.Email, errors, "owner.password");
        }

        errors.ThrowIfAny();
        owner = owner! with { PasswordHash = await hashing.HashAsync(owner, request.Owner!.Password!, cancellationToken) };
        // The tenant and its owner in one atomic step: a failure leaves no tenant (and no taken slug) behind.
        await store.CreateTenantAsync(tenant, owner, Audit(owner.TenantId, owner.Id, AuditActions.UserCreated, null, owner, now, AuditActors.Anonymous),
            cancellationToken);
        return (tenant, await IssueAsync(owner, cancellationToken));
    }

    public async Task<AuthResponse> SignInAsync(Tenant tenant, TokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(request.Email), "email", "Is required.");
        errors.Require(!string.IsNullOrEmpty(request.Password), "password", "Is required.");
        errors.Require(request.Password is null || request.Password.Length <= User.PasswordMaxLength, "password", $"Must be at most {User.PasswordMaxLength} characters.");
        errors.ThrowIfAny();

        throttle.Attempt(tenant.Id, request.Email!);
        var user = Text.IsEmail(request.Email) ? await users.FindUserByEmailAsync(tenant.Id, request.Email!, cancellationToken) : null;
        var result = await hashing.VerifyAsync(user ?? Decoy, user?.PasswordHash ?? _decoyHash.Value, request.Password!, cancellationToken);
        if (user is null || result == PasswordVerificationResult.Failed)
        {
            throw ApiProblemException.Unauthorized("The email or password is wrong.");
        }

        return await IssueAsync(user, cancellationToken);
    }

    public async Task<AuthResponse> RefreshAsync(Tenant tenant, RefreshRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.RefreshToken))
        {
            throw BookMeAtOzValidationException.For("refreshToken", "Is required.");
        }

        if (request.RefreshToken.Length > MaxTokenLength)
        {
            throw ApiProblemException.Unauthorized("The refresh token is invalid.");
        }

        // The successor's user and family are filled in by the store from the presented token.
        var (next, record) = tokens.CreateRefreshToken(Decoy with { TenantId = tenant.Id });
        var rotation = await users.RotateRefreshTokenAsync(tenant.Id, TokenService.Hash(request.RefreshToken), record, cancellationToken);
        if (rotation.Status != RefreshTokenRotationStatus.Rotated
            || await users.FindUserAsync(tenant.Id, rotation.UserId!.Value, cancellationToken) is not { } user)
        {
            throw ApiProblemException.Unauthorized(rotation.Status == RefreshTokenRotationStatus.Reused
                ? "The refresh token was already used; sign in again."
                : "The refresh token is invalid or expired.");
        }

        var (access, expiresAt) = tokens.CreateAccessToken(user);
        return new AuthResponse(access, next, expiresAt, ToResponse(user));
    }

    public async Task<User> CreateUserAsync(Tenant tenant, AccountActor caller, CreateUserRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        var role = ParseRequestedRole(request.Role, caller, errors, "add");
        var now = timeProvider.GetUtcNow();
        var user = new User(Guid.CreateVersion7(now), tenant.Id, request.Name ?? string.Empty, request.Email ?? string.Empty, string.Empty,
            role ?? UserRole.Admin, request.StaffId, now) { SecurityStamp = Guid.NewGuid() };
        if (role is not null)
        {
            user.Validate(errors);
        }
        else
        {
            Text.Validate(request.Name, errors, "name", Text.NameMaxLength);
            Text.ValidateEmail(request.Email, errors, "email");
        }

        User.ValidatePassword(request.Password, request.Email, errors);
        await ValidateStaffAsync(tenant.Id, role, request.StaffId, errors, cancellationToken);
        errors.ThrowIfAny();
        user = user with { PasswordHash = await hashing.HashAsync(user, request.Password!, cancellationToken) };
        await users.CreateUserAsync(user, Audit(tenant.Id, user.Id, AuditActions.UserCreated, null, user, now, AuditActors.User, caller.UserId), cancellationToken);
        return user;
    }

    public async Task<User> GetAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken) =>
        await users.FindUserAsync(tenantId, userId, cancellationToken) ?? throw ApiProblemException.Unauthorized("The user no longer exists.");

    public Task<IReadOnlyList<User>> ListAsync(Guid tenantId, CancellationToken cancellationToken) => users.ListUsersAsync(tenantId, cancellationToken);

    /// <summary>Changes a user's role and staff link (<c>PATCH /users/{id}</c>); nothing changes when neither does.</summary>
    public async Task<User> UpdateAsync(Guid tenantId, AccountActor caller, Guid userId, JsonElement patch, CancellationToken cancellationToken)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            throw BookMeAtOzValidationException.For("body", "Must be a JSON object.");
        }

        var current = await users.FindUserAsync(tenantId, userId, cancellationToken) ?? throw new NotFoundException("user");
        EnsureMayChange(caller, current);
        var errors = new ValidationErrors();
        var role = current.Role;
        if (TryGetProperty(patch, "role", out var roleValue))
        {
            role = ParseRequestedRole(roleValue.ValueKind == JsonValueKind.String ? roleValue.GetString() : null, caller, errors, "make") ?? role;
        }

        var staffId = role == UserRole.Staff ? current.StaffId : null;
        if (TryGetProperty(patch, "staffId", out var staffValue))
        {
            if (staffValue.ValueKind == JsonValueKind.Null)
            {
                staffId = null;
            }
            else if (staffValue.ValueKind == JsonValueKind.String && staffValue.TryGetGuid(out var id))
            {
                staffId = id;
            }
            else
            {
                errors.Add("staffId", "Must be a UUID or null.");
            }
        }

        foreach (var property in patch.EnumerateObject())
        {
            errors.Require(property.Name is "role" or "staffId", property.Name, "Is not a field of a user's changeable settings (role, staffId).");
        }

        var changed = current with { Role = role, StaffId = staffId };
        errors.ThrowIfAny();
        changed.Validate(errors);
        if (changed.StaffId != current.StaffId)
        {
            await ValidateStaffAsync(tenantId, role, staffId, errors, cancellationToken);
        }

        errors.ThrowIfAny();
        if (changed.Role == current.Role && changed.StaffId == current.StaffId)
        {
            return current;
        }

        changed = changed with { SecurityStamp = Guid.NewGuid() };
        var now = timeProvider.GetUtcNow();
        var status = await users.UpdateUserAsync(changed, Audit(tenantId, userId, AuditActions.RoleChanged, current, changed, now, AuditActors.User, caller.UserId),
            cancellationToken);
        await ThrowIfRefusedAsync(status, tenantId, userId, "demote", cancellationToken);
        return changed;
    }

    /// <summary>Removes a user (<c>DELETE /users/{id}</c>); their tokens stop working at once.</summary>
    public async Task DeleteAsync(Guid tenantId, AccountActor caller, Guid userId, CancellationToken cancellationToken)
    {
        var current = await users.FindUserAsync(tenantId, userId, cancellationToken) ?? throw new NotFoundException("user");
        EnsureMayChange(caller, current);
        var status = await users.DeleteUserAsync(tenantId, userId,
            Audit(tenantId, userId, AuditActions.UserRemoved, current, null, timeProvider.GetUtcNow(), AuditActors.User, caller.UserId), cancellationToken);
        await ThrowIfRefusedAsync(status, tenantId, userId, "remove", cancellationToken);
    }

    /// <summary>Invites a user by e-mail (<c>POST /users/invitations</c>): the link is queued for the e-mail dispatcher.</summary>
    public async Task<InvitationResponse> InviteAsync(Tenant tenant, AccountActor caller, InviteUserRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        var role = ParseRequestedRole(request.Role, caller, errors, "invite");
        Text.ValidateEmail(request.Email, errors, "email");
        if (role is { } r)
        {
            if (r == UserRole.Staff)
            {
                errors.Require(request.StaffId is { } s && s != Guid.Empty, "staffId", "Is required for a staff user.");
            }
            else
            {
                errors.Require(request.StaffId is null, "staffId", "Only a staff user is linked to a staff member.");
            }
        }

        await ValidateStaffAsync(tenant.Id, role, request.StaffId, errors, cancellationToken);
        errors.ThrowIfAny();

        var now = timeProvider.GetUtcNow();
        var id = Guid.NewGuid();
        var token = new AccountToken(id, tenant.Id, AccountTokenKind.Invitation, AccountTokenIssuer.Hash(accountTokens.Derive(tenant.Id, id)), null,
            request.Email!, role, request.StaffId, caller.UserId, now, now + InvitationLifetime, null);
        var audit = new AuditEntry(Guid.CreateVersion7(now), tenant.Id, now, AuditActors.User, caller.UserId, "invitation", id, AuditActions.UserInvited,
            null, Json(w =>
            {
                w.WriteString("email", token.Email);
                w.WriteString("role", Caller.RoleName(role!.Value));
                WriteGuid(w, "staffId", token.StaffId);
                w.WriteString("expiresAt", token.ExpiresAt);
            }));
        if (!await users.CreateInvitationAsync(token, audit, cancellationToken))
        {
            throw ApiProblemException.Conflict("A user with this email already exists.");
        }

        await changes.OnCommittedAsync([new ChangeEvent(tenant.Id, ChangeTypes.UserInvited, AccountTokenId: id)], CancellationToken.None);
        return new InvitationResponse(id, token.Email, Caller.RoleName(role!.Value), token.StaffId, token.ExpiresAt);
    }

    /// <summary>Accepts an invitation (<c>POST /auth/invitations/accept</c>): the user exists from now on, and is signed in.</summary>
    public async Task<AuthResponse> AcceptInvitationAsync(Tenant tenant, AcceptInvitationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        ValidateToken(request.Token, errors);
        Text.Validate(request.Name, errors, "name", Text.NameMaxLength);
        User.ValidatePassword(request.Password, null, errors);
        errors.ThrowIfAny();

        var now = timeProvider.GetUtcNow();
        var hash = await hashing.HashAsync(Decoy, request.Password!, cancellationToken);
        var (status, user) = await users.RedeemInvitationAsync(tenant.Id, AccountTokenIssuer.Hash(request.Token!), now,
            invitation => new User(Guid.CreateVersion7(now), tenant.Id, request.Name!, invitation.Email, hash, invitation.Role ?? UserRole.Staff,
                invitation.StaffId, now) { SecurityStamp = Guid.NewGuid() },
            created => Audit(tenant.Id, created.Id, AuditActions.InvitationAccepted, null, created, now, AuditActors.Anonymous),
            cancellationToken);
        return status switch
        {
            AccountTokenRedemption.Done => await IssueAsync(user!, cancellationToken),
            AccountTokenRedemption.EmailTaken => throw ApiProblemException.Conflict("A user with this email already exists."),
            _ => throw BookMeAtOzValidationException.For("token", "Is invalid, used or expired."),
        };
    }

    /// <summary>Changes the signed-in user's password (<c>POST /auth/password</c>): every other session ends; this one gets new tokens.</summary>
    public async Task<AuthResponse> ChangePasswordAsync(Tenant tenant, AccountActor caller, ChangePasswordRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrEmpty(request.CurrentPassword), "currentPassword", "Is required.");
        errors.Require(request.CurrentPassword is null || request.CurrentPassword.Length <= User.PasswordMaxLength, "currentPassword",
            $"Must be at most {User.PasswordMaxLength} characters.");
        errors.ThrowIfAny();

        var user = await GetAsync(tenant.Id, caller.UserId, cancellationToken);
        User.ValidatePassword(request.NewPassword, user.Email, errors, "newPassword");
        errors.ThrowIfAny();
        throttle.Attempt(tenant.Id, user.Email);
        if (await hashing.VerifyAsync(user, user.PasswordHash, request.CurrentPassword!, cancellationToken) == PasswordVerificationResult.Failed)
        {
            throw BookMeAtOzValidationException.For("currentPassword", "Is wrong.");
        }

        var changed = user with { PasswordHash = await hashing.HashAsync(user, request.NewPassword!, cancellationToken), SecurityStamp = Guid.NewGuid() };
        var status = await users.UpdateUserAsync(changed,
            Audit(tenant.Id, user.Id, AuditActions.PasswordChanged, user, changed, timeProvider.GetUtcNow(), AuditActors.User, caller.UserId), cancellationToken);
        await ThrowIfRefusedAsync(status, tenant.Id, user.Id, "change", cancellationToken);
        return await IssueAsync(changed, cancellationToken);
    }

    /// <summary>
    /// Queues a reset link for the address (<c>POST /auth/password-reset</c>) when a user has it. The caller learns
    /// nothing either way: the same answer, after one store round trip in both cases.
    /// </summary>
    public async Task RequestPasswordResetAsync(Tenant tenant, PasswordResetRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        Text.ValidateEmail(request.Email, errors, "email");
        errors.ThrowIfAny();

        var now = timeProvider.GetUtcNow();
        var id = Guid.NewGuid();
        var token = new AccountToken(id, tenant.Id, AccountTokenKind.PasswordReset, AccountTokenIssuer.Hash(accountTokens.Derive(tenant.Id, id)), null,
            request.Email!, null, null, null, now, now + PasswordResetLifetime, null);
        if (await users.CreatePasswordResetAsync(token, cancellationToken) is { } userId)
        {
            await changes.OnCommittedAsync([new ChangeEvent(tenant.Id, ChangeTypes.PasswordResetRequested, UserId: userId, AccountTokenId: id)],
                CancellationToken.None);
        }
    }

    /// <summary>Sets a new password with a reset link (<c>POST /auth/password-reset/confirm</c>): every session of the user ends.</summary>
    public async Task ConfirmPasswordResetAsync(Tenant tenant, ConfirmPasswordResetRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        ValidateToken(request.Token, errors);
        User.ValidatePassword(request.NewPassword, null, errors, "newPassword");
        errors.ThrowIfAny();

        var now = timeProvider.GetUtcNow();
        var (status, user) = await users.RedeemPasswordResetAsync(tenant.Id, AccountTokenIssuer.Hash(request.Token!), await hashing.HashAsync(Decoy, request.NewPassword!, cancellationToken),
            Guid.NewGuid(), now, changed => Audit(tenant.Id, changed.Id, AuditActions.PasswordReset, changed, changed, now, AuditActors.Anonymous),
            cancellationToken);
        if (status != AccountTokenRedemption.Done)
        {
            throw BookMeAtOzValidationException.For("token", "Is invalid, used or expired.");
        }

        await UserChangedAsync(tenant.Id, user!.Id);
    }

    public static UserResponse ToResponse(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.TenantId, user.Name, user.Email, Caller.RoleName(user.Role), user.StaffId);
    }

    private async Task<AuthResponse> IssueAsync(User user, CancellationToken cancellationToken)
    {
        var (access, expiresAt) = tokens.CreateAccessToken(user);
        var (refresh, record) = tokens.CreateRefreshToken(user);
        await users.CreateRefreshTokenAsync(record, cancellationToken);
        return new AuthResponse(access, refresh, expiresAt, ToResponse(user));
    }

    /// <summary>Every instance drops what it knows of the user (its security stamp): right here, and through the change machinery elsewhere.</summary>
    private Task UserChangedAsync(Guid tenantId, Guid userId) =>
        changes.OnCommittedAsync([new ChangeEvent(tenantId, ChangeTypes.UserChanged, UserId: userId)], CancellationToken.None);

    private async Task ThrowIfRefusedAsync(UserWriteStatus status, Guid tenantId, Guid userId, string verb, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        switch (status)
        {
            case UserWriteStatus.Done:
                await UserChangedAsync(tenantId, userId);
                return;
            case UserWriteStatus.LastOwner:
                throw ApiProblemException.LastOwner($"The tenant's last owner cannot {verb} themselves away: make someone else an owner first.");
            default:
                throw new NotFoundException("user");
        }
    }

    /// <summary>Owners change anyone; admins change admins and staff, never an owner (nor make one).</summary>
    private static void EnsureMayChange(AccountActor caller, User target)
    {
        if (target.Role == UserRole.Owner && caller.Role != UserRole.Owner)
        {
            throw ApiProblemException.Forbidden("Only an owner may change or remove an owner.");
        }
    }

    private static UserRole? ParseRequestedRole(string? name, AccountActor caller, ValidationErrors errors, string verb)
    {
        var role = Caller.ParseRole(name);
        if (role is null)
        {
            errors.Add("role", "Must be owner, admin or staff.");
        }
        else if (role == UserRole.Owner && caller.Role != UserRole.Owner)
        {
            throw ApiProblemException.Forbidden($"Only an owner may {verb} an owner.");
        }

        return role;
    }

    private async Task ValidateStaffAsync(Guid tenantId, UserRole? role, Guid? staffId, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (role == UserRole.Staff && staffId is { } id && id != Guid.Empty && await store.FindStaffAsync(tenantId, id, cancellationToken) is null)
        {
            errors.Add("staffId", "Is not a staff member of this tenant.");
        }
    }

    private static void ValidateToken(string? token, ValidationErrors errors)
    {
        errors.Require(!string.IsNullOrEmpty(token), "token", "Is required.");
        errors.Require(token is null || token.Length <= MaxTokenLength, "token", "Is invalid, used or expired.");
    }

    private static bool TryGetProperty(JsonElement body, string name, out JsonElement value)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>An audit entry about a user: before and after as <c>{id, name, email, role, staffId}</c>, never a password hash or stamp.</summary>
    private static AuditEntry Audit(Guid tenantId, Guid userId, string action, User? before, User? after, DateTimeOffset now, string actorType, Guid? actorId = null) =>
        new(Guid.CreateVersion7(now), tenantId, now, actorType, actorId ?? (actorType == AuditActors.Anonymous ? null : userId), "user", userId, action,
            before is null ? null : UserJson(before), after is null ? null : UserJson(after));

    private static string UserJson(User user) => Json(w =>
    {
        w.WriteString("id", user.Id);
        w.WriteString("name", user.Name);
        w.WriteString("email", user.Email);
        w.WriteString("role", Caller.RoleName(user.Role));
        WriteGuid(w, "staffId", user.StaffId);
    });

    private static void WriteGuid(Utf8JsonWriter writer, string name, Guid? value)
    {
        if (value is { } v)
        {
            writer.WriteString(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>Who is calling, as far as the account rules care.</summary>
/// <param name="UserId">The signed-in user.</param>
/// <param name="Role">Their role (checked against the store on every request: see <see cref="SecurityStampValidator"/>).</param>
internal readonly record struct AccountActor(Guid UserId, UserRole Role);
