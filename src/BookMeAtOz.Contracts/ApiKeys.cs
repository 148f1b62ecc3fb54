namespace BookMeAtOz.Contracts;

/// <summary>A new API key (<c>POST /api/v1/api-keys</c>).</summary>
/// <param name="Name">What to call it: 1–200 characters.</param>
/// <param name="Scopes">
/// What it may do, one or more of <c>read</c> (every <c>GET</c> an admin may make), <c>bookings</c> (<c>read</c> plus
/// booking and hold writes) and <c>admin</c> (every admin route except users, API keys and audit).
/// </param>
public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes);

/// <summary>An API key as listed: never its secret.</summary>
/// <param name="Id">The key's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Prefix">The public part of the key (<c>bmz_{prefix}_…</c>), to tell keys apart.</param>
/// <param name="Scopes">Its scopes: <c>read</c>, <c>bookings</c>, <c>admin</c>.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="LastUsedAt">When it last authenticated a request (kept to the minute), or null.</param>
public sealed record ApiKeyResponse(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>A key just made: the only answer that carries the key itself.</summary>
/// <param name="Id">The key's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Prefix">The public part of the key.</param>
/// <param name="Scopes">Its scopes.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="Key">The key, for <c>Authorization: Bearer …</c>: shown here once, never again (only its hash is kept).</param>
public sealed record ApiKeyCreatedResponse(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string Key);
