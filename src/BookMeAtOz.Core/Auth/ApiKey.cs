namespace BookMeAtOz.Auth;

/// <summary>
/// A tenant's API key as stored: its public prefix and a hash of its secret, never the secret itself. The key a client
/// sends is <c>bmz_{prefix}_{secret}</c>; it is shown once, when made.
/// </summary>
/// <param name="Id">The key's id.</param>
/// <param name="TenantId">The tenant it acts for.</param>
/// <param name="Name">What the owner called it (1–200 characters).</param>
/// <param name="Prefix">The public part that finds the key (lower-case hex), unique within the tenant.</param>
/// <param name="SecretHash">SHA-256 of the secret part.</param>
/// <param name="Scopes">What it may do.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="CreatedBy">The user who made it.</param>
/// <param name="LastUsedAt">When it last authenticated a request (kept to the minute), or null.</param>
public sealed record ApiKey(
    Guid Id,
    Guid TenantId,
    string Name,
    string Prefix,
    byte[] SecretHash,
    ApiKeyScopes Scopes,
    DateTimeOffset CreatedAt,
    Guid? CreatedBy,
    DateTimeOffset? LastUsedAt);

/// <summary>The scopes of an API key.</summary>
[Flags]
public enum ApiKeyScopes
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Every <c>GET</c> an admin may make.</summary>
    Read = 1,

    /// <summary>Booking and hold writes (with <see cref="Read"/>).</summary>
    Bookings = 2,

    /// <summary>Every admin route except the owner's own (users, API keys, audit).</summary>
    Admin = 4,
}
