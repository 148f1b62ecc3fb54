namespace BookMeAtOz.AspNetCore;

/// <summary>
/// Settings of the HTTP API, bound from the <c>BookMeAtOz</c> configuration section (environment variables
/// <c>BookMeAtOz__Jwt__SigningKey</c> and so on) and validated at start-up.
/// </summary>
public sealed class BookMeAtOzApiOptions
{
    /// <summary>The configuration section: <c>BookMeAtOz</c>.</summary>
    public const string SectionName = "BookMeAtOz";

    /// <summary>Access and refresh tokens.</summary>
    public JwtSettings Jwt { get; } = new();

    /// <summary>The tokens in booking e-mails' manage links.</summary>
    public ManageTokenSettings ManageTokens { get; } = new();

    /// <summary>How requests find their tenant, and whether anyone may sign up.</summary>
    public TenancySettings Tenancy { get; } = new();

    /// <summary>Per-client request limits.</summary>
    public RateLimitingSettings RateLimiting { get; } = new();

    /// <summary>Which reverse proxies' <c>X-Forwarded-*</c> headers are believed.</summary>
    public ForwardedHeadersSettings ForwardedHeaders { get; } = new();

    /// <summary>How long read-mostly data (tenants, services, staff, schedules) is cached.</summary>
    public CacheSettings Cache { get; } = new();

    /// <summary>
    /// Real-time connections one client address may hold open at once on one instance; more are refused. Default 20;
    /// 1–10000.
    /// </summary>
    public int MaxHubConnectionsPerClient { get; set; } = 20;

    /// <summary>Redis, shared by several instances (<c>BookMeAtOz:Redis</c>, or <c>WithRedis(…)</c>).</summary>
    public RedisSettings Redis { get; } = new();

    /// <summary>The largest request body accepted, in bytes; larger ones get <c>413</c>. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Where the staff calendar feeds are served, outside the API prefix so that calendar apps get short URLs
    /// (<c>/feeds/{token}.ics</c>). Default <c>/feeds</c>; a path starting with <c>/</c>.
    /// </summary>
    public string FeedPath { get; set; } = "/feeds";
}

/// <summary>Token settings.</summary>
public sealed class JwtSettings
{
    /// <summary>
    /// The HMAC-SHA256 key that signs access tokens: at least 32 bytes of UTF-8. Required outside
    /// Development; in Development a random key is made per process when none is set.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>The <c>iss</c> of issued tokens. Default <c>bookmeatoz</c>.</summary>
    public string Issuer { get; set; } = "bookmeatoz";

    /// <summary>The <c>aud</c> of issued tokens. Default <c>bookmeatoz-api</c>.</summary>
    public string Audience { get; set; } = "bookmeatoz-api";

    /// <summary>How long an access token works. Default 15 minutes; 1 minute to 1 day.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an unused refresh token works. Default 30 days; 1 hour to 365 days.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>Manage-token settings.</summary>
public sealed class ManageTokenSettings
{
    /// <summary>
    /// The secret a booking's manage token is derived from (HKDF, then HMAC of the tenant and booking ids), so that
    /// e-mails sent later can carry the link: at least 32 bytes of UTF-8. Optional: without it, the JWT signing key
    /// is used, and rotating that key leaves the e-mails of older bookings without a working link. Set it once and
    /// keep it; tokens customers already hold keep working either way (only their hashes are stored).
    /// </summary>
    public string? Secret { get; set; }
}

/// <summary>Tenant resolution and sign-up.</summary>
public sealed class TenancySettings
{
    /// <summary>
    /// Comma-separated root domains whose one-label subdomains name tenants (<c>acme.bookmeatoz.online</c>).
    /// Default <c>localhost</c>, which is always included.
    /// </summary>
    public string? RootDomains { get; set; }

    /// <summary>Whether <c>POST /api/v1/tenants</c> is open to anyone. Default true.</summary>
    public bool AllowSignUp { get; set; } = true;

    /// <summary>The root domains as a list: the configured ones, lower-cased, plus <c>localhost</c>.</summary>
    public IReadOnlyList<string> RootDomainList =>
        [.. (RootDomains ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.TrimStart('.').ToLowerInvariant())
            .Append("localhost")
            .Distinct(StringComparer.Ordinal)];
}

/// <summary>Limits per client IP (and per tenant for sign-in), in requests per window.</summary>
public sealed class RateLimitingSettings
{
    /// <summary>
    /// Sign-in, per client IP across every tenant, and per account (tenant and email) across every IP; token refresh per
    /// client IP in a window of its own. Default 10 a minute.
    /// </summary>
    public RateLimitSettings SignIn { get; } = new() { PermitLimit = 10 };

    /// <summary>Sign-up, per client IP. Default 5 a minute.</summary>
    public RateLimitSettings SignUp { get; } = new() { PermitLimit = 5 };

    /// <summary>Booking creation, per client IP. Default 60 a minute.</summary>
    public RateLimitSettings Bookings { get; } = new() { PermitLimit = 60 };

    /// <summary>Checkout holds (<c>POST /api/v1/holds</c>), per client IP. Default 30 a minute.</summary>
    public RateLimitSettings Holds { get; } = new() { PermitLimit = 30 };

    /// <summary>Every request made with one API key, on any route, from any address. Default 600 a minute.</summary>
    public RateLimitSettings ApiKeys { get; } = new() { PermitLimit = 600 };

    /// <summary>
    /// Calendar feed reads (<c>GET /feeds/{token}.ics</c>), per client IP. Default 120 a minute: calendar services fetch
    /// many users' feeds from few addresses.
    /// </summary>
    public RateLimitSettings Feeds { get; } = new() { PermitLimit = 120 };

    /// <summary>
    /// Bookings a tenant takes a day (UTC) through the public route, from callers who are not signed in; the next one is
    /// <c>429 quota_exceeded</c> until the day ends. Counted per instance. Default 1000; 1–1,000,000.
    /// </summary>
    public int PublicBookingsPerTenantPerDay { get; set; } = 1000;

    /// <summary>How many password hashes (sign-in, sign-up, new users, password changes) run at once, and wait.</summary>
    public PasswordHashingSettings PasswordHashing { get; } = new();
}

/// <summary>
/// The process-wide bound on password hashing: beyond <see cref="MaxConcurrent"/> running and <see cref="MaxQueued"/> waiting,
/// a request is <c>429 rate_limited</c> before it hashes anything.
/// </summary>
public sealed class PasswordHashingSettings
{
    /// <summary>Hashes running at once. Default: the processor count.</summary>
    public int MaxConcurrent { get; set; } = Environment.ProcessorCount;

    /// <summary>Hashes waiting for a turn. Default 16 (0 = none wait).</summary>
    public int MaxQueued { get; set; } = 16;
}

/// <summary>One fixed-window limit.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Requests allowed per window (1 or more).</summary>
    public int PermitLimit { get; set; } = 10;

    /// <summary>The window's length. Default 1 minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Trusted reverse proxies. None by default: <c>X-Forwarded-*</c> headers are ignored.</summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Comma-separated IP addresses of trusted proxies, for example <c>127.0.0.1,::1</c>.</summary>
    public string? KnownProxies { get; set; }

    /// <summary>Comma-separated CIDR networks of trusted proxies, for example <c>10.0.0.0/8</c>.</summary>
    public string? KnownNetworks { get; set; }
}

/// <summary>
/// The cache of read-mostly data: in this process's memory, and in Redis (<c>BookMeAtOz:Redis:ConnectionString</c>) as a second
/// level shared by every instance. Every change drops the entries it affects on every instance at once; the expiries
/// only bound how long an entry can outlive a change whose message was lost (Redis away).
/// </summary>
public sealed class CacheSettings
{
    /// <summary>How long an entry lives in Redis. Default 5 minutes; 1 second to 1 day.</summary>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an entry lives in an instance's memory. Default 30 seconds; 1 second to <see cref="Expiration"/>.</summary>
    public TimeSpan LocalExpiration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an instance may reuse what the database returned for an availability listing (schedules and busy time
    /// of a service's staff over the asked days; the slots themselves are worked out afresh for every request, at the
    /// current time). Every change of the tenant drops them on every instance. Default 10 seconds; zero turns this off;
    /// at most <see cref="LocalExpiration"/>.
    /// </summary>
    public TimeSpan AvailabilityExpiration { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Redis settings.</summary>
public sealed class RedisSettings
{
    /// <summary>
    /// A StackExchange.Redis configuration string: one server (<c>localhost:6379</c>), or Redis Sentinels and the service
    /// name they watch (<c>db1:26379,db2:26379,db3:26379,serviceName=bookmeatoz</c>), in which case the connection asks the
    /// Sentinels for the primary and follows it through a failover. Default none: one instance on its own (the hub
    /// delivers locally, the cache is in memory only).
    /// </summary>
    public string? ConnectionString { get; set; }
}
