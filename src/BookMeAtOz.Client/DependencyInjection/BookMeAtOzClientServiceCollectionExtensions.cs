using BookMeAtOz.Client;
using BookMeAtOz.Client.Auth;
using BookMeAtOz.Client.Internals;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the typed BookMeAtOz API client: <c>services.AddBookMeAtOzClient(o => …)</c>.</summary>
public static class BookMeAtOzClientServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> behind <see cref="IBookMeAtOzApi"/>.</summary>
    public const string HttpClientName = "BookMeAtOz.Client";

    /// <summary>The name of the plain <see cref="HttpClient"/> the token store refreshes tokens with (tenant only: no token, no retries).</summary>
    public const string AuthHttpClientName = "BookMeAtOz.Client.Auth";

    /// <summary>
    /// Registers <see cref="IBookMeAtOzApi"/> on an <see cref="IHttpClientFactory"/> client whose handlers, outermost
    /// first, name the tenant, give each booking call an <c>Idempotency-Key</c>, run the standard resilience pipeline
    /// (retrying only calls that are safe to repeat), and send the access token, refreshing it once on <c>401</c>.
    /// Also registers <see cref="BookMeAtOzTokenStore"/> as the default <see cref="IBookMeAtOzTokenSource"/>.
    /// Error answers surface as <see cref="BookMeAtOzApiException"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the base address, the tenant and, optionally, the token source and resilience.</param>
    /// <returns>The client's builder, to add handlers (they run inside the token handler) or configure the primary handler.</returns>
    public static IHttpClientBuilder AddBookMeAtOzClient(this IServiceCollection services, Action<BookMeAtOzClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<BookMeAtOzClientOptions>().Configure(configure).ValidateOnStart();
        if (services.Any(d => d.ServiceType == typeof(Registered)))
        {
            // Registered before: the new settings apply on top; the handlers are not added twice.
            return services.AddHttpClient(HttpClientName);
        }

        services.AddSingleton<Registered>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BookMeAtOzClientOptions>, BookMeAtOzClientOptionsValidator>());

        services.TryAddTransient<TenantHandler>();
        services.TryAddTransient<IdempotencyKeyHandler>();
        services.TryAddTransient(sp => new AccessTokenHandler(
            sp.GetRequiredService<IOptions<BookMeAtOzClientOptions>>().Value.TokenSource?.Invoke(sp) ?? sp.GetRequiredService<IBookMeAtOzTokenSource>()));

        services.TryAddSingleton(sp => new BookMeAtOzTokenStore(async (refreshToken, cancellationToken) =>
        {
            var api = BookMeAtOzClient.Create(sp.GetRequiredService<IHttpClientFactory>().CreateClient(AuthHttpClientName));
            return await api.RefreshTokenAsync(new(refreshToken), cancellationToken);
        }));
        services.TryAddSingleton<IBookMeAtOzTokenSource>(sp => sp.GetRequiredService<BookMeAtOzTokenStore>());

        // A refresh token works once, so the refresh call is never retried.
        services.AddHttpClient(AuthHttpClientName)
            .ConfigureHttpClient(ConfigureBaseAddress)
            .AddHttpMessageHandler<TenantHandler>();

        var builder = services.AddRefitGeneratedClient<IBookMeAtOzApi>(_ => BookMeAtOzClient.CreateSettings(), HttpClientName)
            .ConfigureHttpClient(ConfigureBaseAddress)
            .AddHttpMessageHandler<TenantHandler>()
            .AddHttpMessageHandler<IdempotencyKeyHandler>();
        builder.AddStandardResilienceHandler().Configure((resilience, sp) =>
        {
            resilience.Retry.ShouldHandle = args => args.Context.GetRequestMessage() is var request && RetryPolicy.MayRetry(request)
                ? ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome))
                : ValueTask.FromResult(false);
            sp.GetRequiredService<IOptions<BookMeAtOzClientOptions>>().Value.ConfigureResilience?.Invoke(resilience);
        });
        return builder.AddHttpMessageHandler<AccessTokenHandler>();
    }

    private sealed class Registered;

    private static void ConfigureBaseAddress(IServiceProvider services, HttpClient client) =>
        client.BaseAddress = services.GetRequiredService<IOptions<BookMeAtOzClientOptions>>().Value.BaseAddress;
}
