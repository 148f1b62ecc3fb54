using System.Net;
using System.Text.Json.Serialization;
using BookMeAtOz;
using BookMeAtOz.AspNetCore;
using System.Text;
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
using BookMeAtOz.Contracts;
using BookMeAtOz.Catalog;
using BookMeAtOz.DependencyInjection;
using BookMeAtOz.Tenancy;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the HTTP API v1 and its operations: <c>services.AddBookMeAtOz().WithAspNetCore()</c>.</summary>
public static class BookMeAtOzAspNetCoreServiceExtensions
{
    /// <summary>
    /// Adds everything <c>app.UseBookMeAtOz()</c> and <c>app.MapBookMeAtOz()</c> need: options bound from the
    /// <c>BookMeAtOz</c> section and validated at start-up, tenant resolution, JWT bearer authentication and
    /// role policies, the in-memory user store (an earlier <see cref="IUserStore"/> registration wins), rate
    /// limits, RFC 9457 problems, OpenAPI, health checks and OpenTelemetry metrics with a Prometheus exporter.
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
        services.TryAddSingleton<AccountService>();
        services.TryAddSingleton<SignInThrottle>();
        services.TryAddSingleton<TenantResolver>();

        services.ConfigureHttpJsonOptions(o =>
        {
            // "30" is not a number and "2027-04-04T10:00" is not an instant: wrong types are refused, not coerced.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new InstantJsonConverter());
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<ExceptionHandlerOptions>(o => o.AllowStatusCode404Response = true);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<BookMeAtOzApiOptions>>((bearer, api) =>
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
                    if (context.Token is null && context.HttpContext.Request.Path.StartsWithSegments(RealTimeNames.HubPath)
                        && context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
                    {
                        context.Token = token;
                    }
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Caller.AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole("owner", "admin"))
            .AddPolicy(Caller.StaffPolicy, p => p.RequireAuthenticatedUser().RequireRole("owner", "admin", "staff"))
            .AddPolicy(Caller.UserPolicy, p => p.RequireAuthenticatedUser());

        services.AddRateLimiter(RateLimitPolicies.Configure);

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<BookMeAtOzApiOptions>>((forwarded, api) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto;
            // Trust only the configured proxies: by default nobody may claim another host or client IP.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in ApiOptionsSetup.Split(api.Value.ForwardedHeaders.KnownProxies))
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in ApiOptionsSetup.Split(api.Value.ForwardedHeaders.KnownNetworks))
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "BookMeAtOz API";
            document.Info.Version = "v1";
            document.Info.Description = "Multi-tenant appointment booking. Name the tenant with its subdomain or the X-Tenant header.";
            return Task.CompletedTask;
        }));

        // Manage tokens derived from a secret (their own, else the signing key), so that booking e-mails can carry the manage link.
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            var api = sp.GetRequiredService<IOptions<BookMeAtOzApiOptions>>().Value;
            return new ManageTokenIssuer(Encoding.UTF8.GetBytes(string.IsNullOrEmpty(api.ManageTokens.Secret) ? api.Jwt.SigningKey! : api.ManageTokens.Secret));
        }));

        AddRealTimeAndCache(services);

        var health = services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [HealthEndpoints.ReadyTag]);
        // Redis down is Degraded, never Unhealthy: the probe stays ready, since everything works without it.
        health.AddCheck<RedisHealthCheck>("redis", failureStatus: HealthStatus.Degraded, tags: [HealthEndpoints.ReadyTag]);

        services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(BookMeAtOzDiagnostics.Name, "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddProcessInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(BookMeAtOzDiagnostics.Name)
                .AddAspNetCoreInstrumentation());

        return builder;
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

        services.AddSignalR();
        services.Replace(ServiceDescriptor.Singleton(typeof(HubLifetimeManager<>), typeof(BookMeAtOzHubLifetimeManager<>)));
        services.AddOptions<RedisOptions>().Configure<RedisConnection>((redis, connection) =>
        {
            redis.ConnectionFactory = async _ => await connection.GetAsync();
            redis.Configuration.ChannelPrefix = RedisChannel.Literal("bookmeatoz:signalr");
        });

        services.AddHybridCache();
        services.TryAddSingleton<IDistributedCache, RedisSecondLevelCache>();
        services.TryAddSingleton<CatalogCache>();
        // Availability answers are kept here, where every instance hears of every change (CacheInvalidator).
        services.AddOptions<AvailabilityCacheSettings>().Configure<IOptions<BookMeAtOzApiOptions>>(
            (settings, api) => settings.Expiration = api.Value.Cache.AvailabilityExpiration);
        services.AddSingleton<CacheInvalidator>();
        // Handlers run in this order: stale copies go (here and, through Redis, elsewhere) before clients are told to look again.
        services.AddSingleton<IChangeSubscriber>(sp => sp.GetRequiredService<CacheInvalidator>());
        services.AddSingleton<IChangeWriteObserver>(sp => sp.GetRequiredService<CacheInvalidator>());
        services.AddSingleton<IChangeSubscriber, RealTimeChangeHandler>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheInvalidator>());
    }
}
