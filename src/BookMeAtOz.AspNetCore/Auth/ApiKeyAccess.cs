using System.Security.Claims;
using BookMeAtOz.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BookMeAtOz.AspNetCore.Auth;

/// <summary>What an API key needs to call an endpoint.</summary>
internal enum ApiKeyAccess
{
    /// <summary>No key may (users, API keys, audit, the tenant's export and closing, a user's own routes, signing in).</summary>
    None,

    /// <summary>Any key: <c>read</c> is in every scope.</summary>
    Read,

    /// <summary>A key with <c>bookings</c> or <c>admin</c>: booking and hold writes.</summary>
    Bookings,

    /// <summary>A key with <c>admin</c>.</summary>
    Admin,
}

/// <summary>An endpoint's <see cref="ApiKeyAccess"/>, where the default (see <see cref="ApiKeyAccessRules"/>) is not right.</summary>
internal sealed class ApiKeyAccessMetadata(ApiKeyAccess access)
{
    public ApiKeyAccess Access => access;
}

/// <summary>
/// The scope rules of the product specification: <c>read</c> = every <c>GET</c> an admin may make; <c>bookings</c> =
/// <c>read</c> plus booking and hold writes; <c>admin</c> = every admin route except the owner's own (users, API keys,
/// audit). Routes for owners or for a signed-in user only, and routes declared <see cref="ApiKeyAccess.None"/> → no key;
/// otherwise <c>GET</c> → <see cref="ApiKeyAccess.Read"/>; any other method → what the endpoint (or its group) declares with
/// <see cref="RequireApiKeyAccess"/>, else <see cref="ApiKeyAccess.Admin"/>.
/// </summary>
internal static class ApiKeyAccessRules
{
    /// <summary>Says what an API key needs to call these endpoints.</summary>
    public static TBuilder RequireApiKeyAccess<TBuilder>(this TBuilder builder, ApiKeyAccess access)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiKeyAccessMetadata(access));

    /// <summary>What a key needs for <paramref name="endpoint"/> called with <paramref name="method"/>.</summary>
    public static ApiKeyAccess For(Endpoint endpoint, string method)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var declared = endpoint.Metadata.GetMetadata<ApiKeyAccessMetadata>()?.Access;
        if (declared == ApiKeyAccess.None
            || endpoint.Metadata.GetOrderedMetadata<Http.BookMeAtOzPolicyMetadata>().Any(p => p.Policy is Caller.OwnerPolicy or Caller.UserPolicy))
        {
            return ApiKeyAccess.None;
        }

        // Reads are every scope's; a declaration on a group (bookings/{id}) speaks for its writes.
        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? ApiKeyAccess.Read : declared ?? ApiKeyAccess.Admin;
    }

    /// <summary>True when the key of <paramref name="caller"/> may call <paramref name="endpoint"/> with <paramref name="method"/>.</summary>
    public static bool Allows(ClaimsPrincipal caller, Endpoint endpoint, string method)
    {
        var scopes = caller.KeyScopes();
        return For(endpoint, method) switch
        {
            ApiKeyAccess.Read => scopes != ApiKeyScopes.None,
            ApiKeyAccess.Bookings => (scopes & (ApiKeyScopes.Bookings | ApiKeyScopes.Admin)) != 0,
            ApiKeyAccess.Admin => scopes.HasFlag(ApiKeyScopes.Admin),
            _ => false,
        };
    }
}
