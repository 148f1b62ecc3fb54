using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.AspNetCore.RateLimiting;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Net.Http.Headers;

namespace BookMeAtOz.AspNetCore.Http;

/// <summary>
/// Exceptions and bare error statuses of BookMeAtOz's requests become problems (the host's own exception handler and
/// status pages never see them, and never change).
/// </summary>
internal sealed class ApiErrorMiddleware(RequestDelegate next, ApiExceptionHandler handler)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            if (!await handler.TryHandleAsync(context, exception, context.RequestAborted))
            {
                throw;
            }

            return;
        }

        var response = context.Response;
        if (!response.HasStarted && response.StatusCode >= 400 && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            var status = response.StatusCode;
            await Problems.WriteAsync(context, status, Problems.CodeFor(status), Problems.DetailFor(status));
        }
    }
}

/// <summary>
/// Authenticates BookMeAtOz's requests with its own scheme only: the caller is who the BookMeAtOz access token says, or
/// anonymous; a principal the host's default scheme made (a cookie of the host's own users) never counts here. A bearer
/// token shaped like an API key (<c>bmz_…</c>) is checked as one instead: a key that is not a valid key of the request's
/// tenant (unknown, revoked, another tenant's) is answered <c>401</c> at once, whatever the route.
/// </summary>
internal sealed class ApiAuthenticationMiddleware(RequestDelegate next, ApiKeyAuthenticator apiKeys)
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    public async Task InvokeAsync(HttpContext context)
    {
        if (ApiKeyToken(context.Request) is { } key)
        {
            if (await apiKeys.AuthenticateAsync(key, context.GetTenant()?.Id, context.RequestAborted) is not { } principal)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, ApiProblemCodes.Unauthorized,
                    "This API key is not valid for this tenant (unknown, revoked, or another tenant's).");
                return;
            }

            context.User = principal;
            await next(context);
            return;
        }

        var result = await context.AuthenticateAsync(BookMeAtOzAuthentication.Scheme);
        context.User = result.Succeeded ? result.Principal : Anonymous;
        await next(context);
    }

    private static string? ApiKeyToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && header[bearer.Length..].Trim() is { } token
            && ApiKeyAuthenticator.IsApiKey(token)
            ? token
            : null;
    }
}

/// <summary>
/// Enforces the BookMeAtOz policies an endpoint requires (<c>401</c> without a valid token, <c>403</c> with one that
/// may not), so the host's authorization settings (its fallback policy) neither loosen nor tighten BookMeAtOz's routes.
/// </summary>
internal sealed class ApiAuthorizationMiddleware(RequestDelegate next, IAuthorizationService authorization)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // An API key reaches only what its scopes allow (ApiKeyAccessRules), before any policy or handler looks at it.
        if (context.User.ApiKeyId() is not null && context.GetEndpoint() is { } endpoint
            && !ApiKeyAccessRules.Allows(context.User, endpoint, context.Request.Method))
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, ApiProblemCodes.Forbidden,
                "This API key's scopes do not allow this request.");
            return;
        }

        var policies = context.GetEndpoint()?.Metadata.GetOrderedMetadata<BookMeAtOzPolicyMetadata>() ?? [];
        foreach (var policy in policies)
        {
            if ((await authorization.AuthorizeAsync(context.User, policy.Policy)).Succeeded)
            {
                continue;
            }

            if (!context.User.IsSignedIn())
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, ApiProblemCodes.Unauthorized, Problems.DetailFor(StatusCodes.Status401Unauthorized));
            }
            else
            {
                await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, ApiProblemCodes.Forbidden, Problems.DetailFor(StatusCodes.Status403Forbidden));
            }

            return;
        }

        await next(context);
    }
}

/// <summary>BookMeAtOz's rate limits as a limiter of its own, applied only inside its pipeline.</summary>
internal static class ApiRateLimiter
{
    public static RateLimiterOptions Options()
    {
        var options = new RateLimiterOptions
        {
            RejectionStatusCode = StatusCodes.Status429TooManyRequests,
            GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    http.GetEndpoint()?.Metadata.GetMetadata<BookMeAtOzRateLimitMetadata>() is { } limit
                        ? RateLimitPolicies.Partition(http, limit.Policy)
                        : RateLimitPartition.GetNoLimiter(string.Empty)),
                // Every request made with an API key, whatever the route, counts against the key's own budget.
                PartitionedRateLimiter.Create<HttpContext, string>(RateLimitPolicies.ApiKeyPartition)),
            OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = ApiProblemException.RetrySeconds(retryAfter);
                context.HttpContext.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, ApiProblemCodes.RateLimited,
                    $"Too many requests; retry in {seconds} seconds.");
            },
        };
        return options;
    }
}
