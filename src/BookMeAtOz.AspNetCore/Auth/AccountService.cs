using BookMeAtOz.Auth;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.AspNetCore.RateLimiting;
using BookMeAtOz.Contracts;
using BookMeAtOz.Persistence;
using BookMeAtOz.Tenancy;
using BookMeAtOz.Validation;
using Microsoft.AspNetCore.Identity;

namespace BookMeAtOz.AspNetCore.Auth;

/// <summary>Sign-up, sign-in, token refresh and user creation.</summary>
internal sealed class AccountService(
    TenantAdministration tenants,
    IUserStore users,
    IBookingStore store,
    IPasswordHasher<User> hasher,
    PasswordHashingGate hashing,
    TokenService tokens,
    SignInThrottle throttle,
    TimeProvider timeProvider)
{
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
                string.Empty, UserRole.Owner, null, now);
            owner.Validate(errors, "owner.");
            User.ValidatePassword(request.Owner.Password, request.Owner.Email, errors, "owner.password");
        }

        errors.ThrowIfAny();
        await tenants.CreateAsync(tenant, cancellationToken);
        owner = owner! with { PasswordHash = await hashing.HashAsync(owner, request.Owner!.Password!, cancellationToken) };
        await users.CreateUserAsync(owner, cancellationToken);
        return (tenant, await IssueAsync(owner, familyId: null, cancellationToken));
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

        return await IssueAsync(user, familyId: null, cancellationToken);
    }

    public async Task<AuthResponse> RefreshAsync(Tenant tenant, RefreshRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.RefreshToken))
        {
            throw BookMeAtOzValidationException.For("refreshToken", "Is required.");
        }

        if (request.RefreshToken.Length > 200)
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

    public async Task<User> CreateUserAsync(Tenant tenant, UserRole callerRole, CreateUserRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        var role = Caller.ParseRole(request.Role);
        if (role is null)
        {
            errors.Add("role", "Must be owner, admin or staff.");
        }
        else if (role == UserRole.Owner && callerRole != UserRole.Owner)
        {
            throw ApiProblemException.Forbidden("Only an owner may add an owner.");
        }

        var now = timeProvider.GetUtcNow();
        var user = new User(Guid.CreateVersion7(now), tenant.Id, request.Name ?? string.Empty, request.Email ?? string.Empty, string.Empty,
            role ?? UserRole.Admin, request.StaffId, now);
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
        if (role == UserRole.Staff && request.StaffId is { } staffId && staffId != Guid.Empty
            && await store.FindStaffAsync(tenant.Id, staffId, cancellationToken) is null)
        {
            errors.Add("staffId", "Is not a staff member of this tenant.");
        }

        errors.ThrowIfAny();
        user = user with { PasswordHash = await hashing.HashAsync(user, request.Password!, cancellationToken) };
        await users.CreateUserAsync(user, cancellationToken);
        return user;
    }

    public async Task<User> GetAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken) =>
        await users.FindUserAsync(tenantId, userId, cancellationToken) ?? throw ApiProblemException.Unauthorized("The user no longer exists.");

    public static UserResponse ToResponse(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.TenantId, user.Name, user.Email, Caller.RoleName(user.Role), user.StaffId);
    }

    private async Task<AuthResponse> IssueAsync(User user, Guid? familyId, CancellationToken cancellationToken)
    {
        var (access, expiresAt) = tokens.CreateAccessToken(user);
        var (refresh, record) = tokens.CreateRefreshToken(user, familyId);
        await users.CreateRefreshTokenAsync(record, cancellationToken);
        return new AuthResponse(access, refresh, expiresAt, ToResponse(user));
    }
}
