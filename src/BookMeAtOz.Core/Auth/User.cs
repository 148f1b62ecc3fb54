using BookMeAtOz.Validation;

namespace BookMeAtOz.Auth;

/// <summary>What a signed-in user may do.</summary>
public enum UserRole
{
    /// <summary>Owns the tenant: everything an admin may, and adding owners.</summary>
    Owner,
    /// <summary>Manages the tenant's settings, services, staff and bookings.</summary>
    Admin,
    /// <summary>A staff member: their own schedule, time off and bookings.</summary>
    Staff,
}

/// <summary>Someone who signs in to a tenant. Customers are not users: they book as guests.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="TenantId">The tenant they belong to.</param>
/// <param name="Name">Their name (up to 200 characters).</param>
/// <param name="Email">Their sign-in name, unique within the tenant (compared case-insensitively).</param>
/// <param name="PasswordHash">The password hasher's output; never the password.</param>
/// <param name="Role">What they may do.</param>
/// <param name="StaffId">For <see cref="UserRole.Staff"/>, the staff member they are.</param>
/// <param name="CreatedAt">When the user was added.</param>
public sealed record User(
    Guid Id,
    Guid TenantId,
    string Name,
    string Email,
    string PasswordHash,
    UserRole Role,
    Guid? StaffId,
    DateTimeOffset CreatedAt)
{
    /// <summary>The shortest password accepted.</summary>
    public const int PasswordMinLength = 8;

    /// <summary>The longest password accepted (hashing cost stays bounded).</summary>
    public const int PasswordMaxLength = 128;

    /// <summary>
    /// Changes whenever what the user's tokens vouch for changes (role, staff link, password) and when the user is
    /// removed: access tokens carry it, and a token whose stamp is not the user's current one no longer works.
    /// </summary>
    public Guid SecurityStamp { get; init; }

    /// <summary>Validates a new user's name, email, role and staff link (not the password: see <see cref="ValidatePassword"/>).</summary>
    public void Validate(ValidationErrors errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(errors);
        Text.Validate(Name, errors, prefix + "name", Text.NameMaxLength);
        Text.ValidateEmail(Email, errors, prefix + "email");
        errors.Require(Enum.IsDefined(Role), prefix + "role", "Must be owner, admin or staff.");
        if (Role == UserRole.Staff)
        {
            errors.Require(StaffId is { } s && s != Guid.Empty, prefix + "staffId", "Is required for a staff user.");
        }
        else
        {
            errors.Require(StaffId is null, prefix + "staffId", "Only a staff user is linked to a staff member.");
        }
    }

    /// <summary>
    /// The password policy: 8–128 characters, not only whitespace, not the email address itself, not one of the
    /// passwords most often tried (a list shipped in the assembly), and not one character or a simple run repeated
    /// (<c>aaaaaaaa</c>, <c>abcdefgh</c>, <c>12345678</c>). Length and a blocklist over composition rules, as NIST SP
    /// 800-63B recommends.
    /// </summary>
    public static void ValidatePassword(string? password, string? email, ValidationErrors errors, string field = "password")
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "Is required.");
        }
        else if (password.Length is < PasswordMinLength or > PasswordMaxLength)
        {
            errors.Add(field, $"Must be {PasswordMinLength}–{PasswordMaxLength} characters.");
        }
        else if (string.IsNullOrWhiteSpace(password) || string.Equals(password, email, StringComparison.OrdinalIgnoreCase)
            || CommonPasswords.Contains(password) || IsRun(password))
        {
            errors.Add(field, "Is too easy to guess.");
        }
    }

    /// <summary>One character repeated, or a run up or down (<c>abcdefgh</c>, <c>98765432</c>).</summary>
    private static bool IsRun(string password)
    {
        var step = password[1] - password[0];
        if (step is < -1 or > 1)
        {
            return false;
        }

        for (var i = 2; i < password.Length; i++)
        {
            if (password[i] - password[i - 1] != step)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The passwords most often tried (Auth/CommonPasswords.txt, embedded), compared case-insensitively.</summary>
internal static class CommonPasswords
{
    private static readonly HashSet<string> List = Load();

    public static bool Contains(string password) => List.Contains(password.Trim());

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("BookMeAtOz.Auth.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var reader = new StreamReader(stream);
        return new HashSet<string>(
            reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>
/// A refresh token as stored: only its SHA-256. Tokens are single-use; each use issues the next token of
/// the same family, and presenting a used token again revokes the whole family (a stolen token's thief
/// and its owner can't both keep going).
/// </summary>
/// <param name="Id">The token's id.</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="UserId">Whose token.</param>
/// <param name="FamilyId">The chain of rotations it belongs to (the first token's id).</param>
/// <param name="TokenHash">SHA-256 of the token.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="UsedAt">When it was exchanged for the next one.</param>
/// <param name="RevokedAt">When its family was revoked.</param>
public sealed record RefreshToken(
    Guid Id,
    Guid TenantId,
    Guid UserId,
    Guid FamilyId,
    byte[] TokenHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt,
    DateTimeOffset? RevokedAt);

/// <summary>What happened to a presented refresh token.</summary>
public enum RefreshTokenRotationStatus
{
    /// <summary>It was valid; it is now used and its successor stored.</summary>
    Rotated,
    /// <summary>Unknown, expired or revoked; nothing changed.</summary>
    Invalid,
    /// <summary>It had been used before: its family is now revoked.</summary>
    Reused,
}

/// <summary>The outcome of <see cref="IUserStore.RotateRefreshTokenAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="UserId">The token's user, when rotated.</param>
public sealed record RefreshTokenRotation(RefreshTokenRotationStatus Status, Guid? UserId);
