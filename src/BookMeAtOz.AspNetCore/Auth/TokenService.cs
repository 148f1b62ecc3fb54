using System.Security.Cryptography;
using System.Text;
using BookMeAtOz.Auth;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BookMeAtOz.AspNetCore.Auth;

/// <summary>Issues HS256 access tokens and random refresh tokens (of which only a SHA-256 is stored).</summary>
internal sealed class TokenService(IOptions<BookMeAtOzApiOptions> options, TimeProvider timeProvider)
{
    private readonly JsonWebTokenHandler _handler = new();

    public static SymmetricSecurityKey SigningKey(JwtSettings jwt) =>
        new(Encoding.UTF8.GetBytes(jwt.SigningKey ?? throw new InvalidOperationException("BookMeAtOz__Jwt__SigningKey is not set.")));

    public (string Token, DateTimeOffset ExpiresAt) CreateAccessToken(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var jwt = options.Value.Jwt;
        var now = timeProvider.GetUtcNow();
        var expires = now + jwt.AccessTokenLifetime;
        var claims = new Dictionary<string, object>
        {
            [Caller.UserIdClaim] = user.Id.ToString(),
            [Caller.TenantIdClaim] = user.TenantId.ToString(),
            [Caller.RoleClaim] = Caller.RoleName(user.Role),
            [Caller.NameClaim] = user.Name,
            [Caller.SecurityStampClaim] = user.SecurityStamp.ToString(),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (user.StaffId is { } staffId)
        {
            claims[Caller.StaffIdClaim] = staffId.ToString();
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey(jwt), SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    /// <summary>A new refresh token (256 random bits, base64url) and the record to store for it.</summary>
    public (string Token, RefreshToken Record) CreateRefreshToken(User user, Guid? familyId = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var now = timeProvider.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var record = new RefreshToken(id, user.TenantId, user.Id, familyId ?? id, Hash(token), now, now + options.Value.Jwt.RefreshTokenLifetime, null, null);
        return (token, record);
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
