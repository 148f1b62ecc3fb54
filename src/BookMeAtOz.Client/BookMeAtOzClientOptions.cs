using BookMeAtOz.Client.Auth;
using Microsoft.Extensions.Http.Resilience;

namespace BookMeAtOz.Client;

/// <summary>Settings of the typed client registered by <c>services.AddBookMeAtOzClient(...)</c>.</summary>
public sealed class BookMeAtOzClientOptions
{
    /// <summary>
    /// The API's address: scheme, host and port, for example <c>https://bookmeatoz.online</c>. Required. With
    /// <see cref="TenantAddressing.Subdomain"/> it is the root domain the tenant's subdomain is put in front of.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// The tenant's slug (<c>acme</c>). Default null: only the routes that need no tenant work (sign-up with
    /// <see cref="IBookMeAtOzApi.CreateTenantAsync"/>); every other route answers <c>400 tenant_required</c>.
    /// </summary>
    public string? Tenant { get; set; }

    /// <summary>How requests name <see cref="Tenant"/>. Default <see cref="TenantAddressing.Header"/>.</summary>
    public TenantAddressing TenantAddressing { get; set; } = TenantAddressing.Header;

    /// <summary>
    /// Where access tokens come from. Default null: the <see cref="IBookMeAtOzTokenSource"/> registered in the
    /// container, which is the <see cref="BookMeAtOzTokenStore"/> singleton unless you register another. Called
    /// once per handler chain (every few minutes), so return a long-lived object, never a scoped one.
    /// </summary>
    public Func<IServiceProvider, IBookMeAtOzTokenSource>? TokenSource { get; set; }

    /// <summary>
    /// Changes to the resilience pipeline (retries, timeouts, circuit breaker) after the client's own settings.
    /// Default null: the standard pipeline of <c>Microsoft.Extensions.Http.Resilience</c>, whose retries are limited
    /// to calls that are safe to repeat (see the package README).
    /// </summary>
    public Action<HttpStandardResilienceOptions>? ConfigureResilience { get; set; }
}

/// <summary>How a request names its tenant.</summary>
public enum TenantAddressing
{
    /// <summary>The <c>X-Tenant</c> header; the host stays <see cref="BookMeAtOzClientOptions.BaseAddress"/>'s.</summary>
    Header,

    /// <summary>The host's subdomain: <c>https://bookmeatoz.online</c> becomes <c>https://acme.bookmeatoz.online</c>.</summary>
    Subdomain,
}
