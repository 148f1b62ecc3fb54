using BookMeAtOz.Notifications;
using BookMeAtOz.AspNetCore;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Caching;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.Internals;
using BookMeAtOz.AspNetCore.Observability;
using BookMeAtOz.AspNetCore.RateLimiting;
using BookMeAtOz.AspNetCore.RealTime;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Auth;
using BookMeAtOz.Bookings;
using BookMeAtOz.Changes;
using BookMeAtOz.DependencyInjection;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the HTTP API v1 and its operations: <c>services.AddBookMeAtOz().WithAspNetCore()</c>.</summary>
public static class BookMeAtOzAspNetCoreServiceExtensions
{
    /// <summary>
    /// Adds everything <c>app.UseBookMeAtOz()</c> and <c>app.MapBookMeAtOz()</c> need, and nothing the host's own
    /// endpoints would notice: options bound from the <c>BookMeAtOz</c> section and validated at start-up (settings made
    /// by <paramref name="configure"/> win), tenant resolution, a JWT bearer scheme of its own
    /// (<see cref="BookMeAtOz.AspNetCore.BookMeAtOzAuthentication.Scheme"/>, never the default) with <c>bookmeatoz:*</c>
    /// policies, the real-time hub (its lifetime manager registered for its hub only), and caches under keys of their
    /// own. JSON settings, problems, body limits and rate limits are BookMeAtOz's own and apply to its routes only.
    /// Logging, exporters, forwarded headers, health and metrics endpoints belong to the host (see the reference
    /// host's <c>ServiceDefaults</c>); <c>AddBookMeAtOzChecks()</c> and <c>AddBookMeAtOzInstrumentation()</c> offer
    /// BookMeAtOz's parts of them.
    /// </summary>
    /// <param name="builder">The BookMeAtOz builder.</param>
    /// <param name="configure">Changes to the options after configuration binding.</param>
    public static BookMeAtOzBuilder WithAspNetCore(this BookMeAtOzBuilder builder, Action<BookMeAtOzApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        var options = services.AddOptions<BookMeAtOzApiOptions>().BindConfiguration(BookMeAtOzApiOptions.SectionName).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<BookMeAtOzApiOptions>, ApiOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BookMeAtOzApiOptions>, ApiOptionsSetup>());

        services.TryAddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.TryAddSingleton<TokenService>();
        services.TryAddSingleton<ApiKeyAuthenticator>();
        services.TryAddSingleton<AccountService>();
        services.TryAddSingleton<BookMeAtOz.AspNetCore.Auth.SecurityStampValidator>();
        services.TryAddSingleton<SignInThrottle>();
        services.TryAddSingleton<PasswordHashingGate>();
        services.TryAddSingleton<PublicBookingQuota>();
        services.TryAddSingleton(TenantStrategyList.Default);
        services.TryAddSingleton<TenantResolver>();

        services.TryAddSingleton<ApiExceptionHandler>();
        services.TryAddSingleton<BookMeAtOzRoutes>();

        // A named scheme: the host's default scheme (if any) stays what it is.
        services.AddAuthentication().AddJwtBearer(BookMeAtOzAuthentication.Scheme, _ => { });
        services.AddOptions<JwtBearerOptions>(BookMeAtOzAuthentication.Scheme)
            .Configure<IOptions<BookMeAtOzApiOptions>, BookMeAtOzRoutes>((bearer, api, routes) =>
            {
                var jwt = api.Value.Jwt;
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Issuer,
                    ValidAudience = jwt.Audience,
                    IssuerSigningKey = TokenService.SigningKey(jwt),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = Caller.NameClaim,
                    RoleClaimType = Caller.RoleClaim,
                };
                // Browsers cannot set headers on a WebSocket: SignalR sends the token in the query string instead,
                // and only the hub's requests may use it.
                bearer.Events ??= new JwtBearerEvents();
                var received = bearer.Events.OnMessageReceived;
                bearer.Events.OnMessageReceived = async context =>
                {
                    await received(context);
                    if (context.Token is null && context.HttpContext.Request.Path.StartsWithSegments(routes.HubPath)
                        && context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
                    {
                        context.Token = token;
                    }
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Caller.OwnerPolicy, p => p.AddAuthenticationSchemes(BookMeAtOzAuthentication.Scheme).RequireAuthenticatedUser().RequireRole("owner"))
            .AddPolicy(Caller.AdminPolicy, p => p.AddAuthenticationSchemes(BookMeAtOzAuthentication.Scheme).RequireAuthenticatedUser().RequireRole("owner", "admin"))
            .AddPolicy(Caller.StaffPolicy, p => p.AddAuthenticationSchemes(BookMeAtOzAuthentication.Scheme).RequireAuthenticatedUser().RequireRole("owner", "admin", "staff"))
            .AddPolicy(Caller.UserPolicy, p => p.AddAuthenticationSchemes(BookMeAtOzAuthentication.Scheme).RequireAuthenticatedUser());

        // Manage tokens derived from a secret (their own, else the signing key), so that booking e-mails can carry the manage link.
        services.AddOptions<ManageTokenOptions>().Configure<IOptions<BookMeAtOzApiOptions>>((tokens, api) =>
            tokens.Secret = string.IsNullOrEmpty(api.Value.ManageTokens.Secret) ? api.Value.Jwt.SigningKey : api.Value.ManageTokens.Secret);

        // E-mails link to where the tenant's pages are, unless the host says otherwise: never to a domain of ours.
        services.AddOptions<NotificationOptions>().PostConfigure<IOptions<BookMeAtOzApiOptions>>((notifications, api) =>
        {
            if (api.Value.Tenancy.RootDomainList.FirstOrDefault(d => d != "localhost") is { } root)
            {
                notifications.ManageUrl ??= $"https://{{tenant}}.{root}/manage/{{booking}}#token={{token}}";
                notifications.OrganizerEmail ??= $"noreply@{root}";
                notifications.AccountLinkBaseUrl ??= $"https://{{tenant}}.{root}";
            }
        });

        // Only what UseRateLimiter(options) needs to exist: BookMeAtOz's limits are an options instance of its own
        // (ApiRateLimiter), applied inside its pipeline; the host's limiter settings are not touched.
        services.AddRateLimiter(_ => { });

        AddRealTimeAndCache(services);
        return builder;
    }

    /// <summary>
    /// Replaces how requests name their tenant (default: the host's subdomain, then the <c>X-Tenant</c> header) with
    /// the strategies <paramref name="configure"/> lists, tried in order.
    /// </summary>
    /// <param name="builder">The BookMeAtOz builder.</param>
    /// <param name="configure">Lists the strategies: <c>t =&gt; t.WithRouteStrategy("tenant").WithHeaderStrategy()</c>.</param>
    public static BookMeAtOzBuilder WithTenantResolution(this BookMeAtOzBuilder builder, Action<TenantResolutionBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var strategies = new TenantResolutionBuilder();
        configure(strategies);
        builder.Services.Replace(ServiceDescriptor.Singleton(strategies.Build()));
        return builder;
    }

    /// <summary>
    /// Uses Redis for what several instances share: the hub's backplane (events reach clients of every instance), the
    /// second level of the catalog cache and its invalidation messages. Sets <c>BookMeAtOz:Redis:ConnectionString</c>
    /// (a null or empty <paramref name="connectionString"/> leaves configuration as it is). Without Redis, one instance
    /// works alone.
    /// </summary>
    /// <param name="builder">The BookMeAtOz builder.</param>
    /// <param name="connectionString">A StackExchange.Redis configuration string (<c>localhost:6379</c>).</param>
    public static BookMeAtOzBuilder WithRedis(this BookMeAtOzBuilder builder, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            builder.Services.PostConfigure<BookMeAtOzApiOptions>(o => o.Redis.ConnectionString = connectionString);
        }

        return builder;
    }

    /// <summary>
    /// Describes BookMeAtOz's routes in an OpenAPI document of their own (only BookMeAtOz's endpoints, with its security
    /// schemes), served where the host maps OpenAPI (<c>app.MapOpenApi()</c> serves <c>/openapi/{documentName}.json</c>).
    /// </summary>
    /// <param name="builder">The BookMeAtOz builder.</param>
    /// <param name="documentName">The document's name. Default <c>bookmeatoz</c>; the reference host uses <c>v1</c>.</param>
    public static BookMeAtOzBuilder WithOpenApi(this BookMeAtOzBuilder builder, string documentName = "bookmeatoz")
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenApi(documentName, o =>
        {
            o.ShouldInclude = description => description.ActionDescriptor.EndpointMetadata.OfType<BookMeAtOzEndpointMetadata>().Any();
            // Security per operation (bearer, manage token or none), the X-Tenant header, then the document's schemes,
            // tags, license and servers: a contract generators and linters take as it is (tests/…/OpenApi).
            o.AddOperationTransformer(new global::BookMeAtOz.AspNetCore.OpenApi.BookMeAtOzOperationTransformer());
            o.AddDocumentTransformer(new global::BookMeAtOz.AspNetCore.OpenApi.BookMeAtOzDocumentTransformer());
        });
        return builder;
    }

    /// <summary>
    /// Adds BookMeAtOz's readiness checks, tagged <paramref name="tag"/>: the store (reachable and migrated) and, when
    /// configured, Redis (down is <c>Degraded</c>, never <c>Unhealthy</c>: everything works without it).
    /// </summary>
    /// <param name="checks">The host's health checks.</param>
    /// <param name="tag">The tag of the checks; default <c>ready</c>.</param>
    /// <param name="storeName">The store check's name; default <c>bookmeatoz-store</c>.</param>
    /// <param name="redisName">The Redis check's name; default <c>bookmeatoz-redis</c>.</param>
    public static IHealthChecksBuilder AddBookMeAtOzChecks(
        this IHealthChecksBuilder checks, string tag = "ready", string storeName = "bookmeatoz-store", string redisName = "bookmeatoz-redis")
    {
        ArgumentNullException.ThrowIfNull(checks);
        return checks
            .AddCheck<StoreHealthCheck>(storeName, tags: [tag])
            .AddCheck<RedisHealthCheck>(redisName, failureStatus: HealthStatus.Degraded, tags: [tag]);
    }

    /// <summary>
    /// The hub (with the StackExchange.Redis backplane when <c>ConnectionStrings:Redis</c> is set), the HybridCache of
    /// read-mostly data (Redis as its second level) and what keeps both fed from committed changes.
    /// </summary>
    private static void AddRealTimeAndCache(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(CacheInvalidator)))
        {
            return;
        }

        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<HubConnectionCounter>();

        services.AddSignalR();
        // For BookMeAtOz's hub only: the host's own hubs keep their lifetime manager (and backplane).
        services.AddSingleton<HubLifetimeManager<AvailabilityHub>, BookMeAtOzHubLifetimeManager<AvailabilityHub>>();

        // A HybridCache and a second level of BookMeAtOz's own, under its key: the host's caches are not touched.
        services.AddKeyedHybridCache(BookMeAtOzServiceKeys.Cache, o => o.DistributedCacheServiceKey = BookMeAtOzServiceKeys.Cache);
        services.TryAddKeyedSingleton<IDistributedCache, RedisSecondLevelCache>(BookMeAtOzServiceKeys.Cache);
        services.TryAddSingleton<FreshCache>();
        services.TryAddSingleton<CatalogCache>();
        // Availability answers are kept here, where every instance hears of every change (CacheInvalidator).
        services.AddOptions<AvailabilityCacheOptions>().Configure<IOptions<BookMeAtOzApiOptions>>(
            (settings, api) => settings.Expiration = api.Value.Cache.AvailabilityExpiration);
        services.AddSingleton<CacheInvalidator>();
        // Handlers run in this order: stale copies go (here and, through Redis, elsewhere) before clients are told to look again.
        services.AddSingleton<IChangeSubscriber>(sp => sp.GetRequiredService<CacheInvalidator>());
        services.AddSingleton<IChangeWriteObserver>(sp => sp.GetRequiredService<CacheInvalidator>());
        services.AddSingleton<IChangeSubscriber, RealTimeChangeHandler>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheInvalidator>());
    }
}
