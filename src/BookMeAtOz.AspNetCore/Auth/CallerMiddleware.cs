using System.Security.Claims;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Audit;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BookMeAtOz.AspNetCore.Auth;

/// <summary>
/// After authentication: refuses (<c>403</c>) a token issued for another tenant than the one the request
/// resolved to, treats a token whose user is gone or whose security stamp is no longer the user's (the role, the
/// staff link or the password changed since it was issued) as no token at all (<c>401</c> wherever a user is needed),
/// and puts the user's id (or the API key's) on every log line of the request.
/// </summary>
internal sealed class CallerMiddleware(RequestDelegate next, SecurityStampValidator stamps, ILogger<CallerMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.User.IsSignedIn())
        {
            await NextAsAsync(context, context.Request.Headers.ContainsKey(BookMeAtOzHeaders.ManageToken) ? AuditActor.Customer : AuditActor.Anonymous);
            return;
        }

        if (context.User.ApiKeyId() is { } keyId)
        {
            // Authenticated against the request's tenant already (ApiAuthenticationMiddleware); no user, no security stamp.
            using (logger.BeginScope(new Dictionary<string, object?> { ["ApiKeyId"] = keyId }))
            {
                await NextAsAsync(context, AuditActor.ApiKey(keyId));
            }

            return;
        }

        if (context.GetTenant() is { } tenant && context.User.TenantId() != tenant.Id)
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, ApiProblemCodes.Forbidden, "This access token was issued for another tenant.");
            return;
        }

        if (context.User.TenantId() is not { } tenantId || context.User.UserId() is not { } userId || context.User.SecurityStamp() is not { } stamp
            || !await stamps.IsCurrentAsync(tenantId, userId, stamp, context.RequestAborted))
        {
            // Revoked like an expired token: the call goes on as anonymous, so a route that needs a user answers 401 and a
            // public one answers as to anyone.
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            await NextAsAsync(context, context.Request.Headers.ContainsKey(BookMeAtOzHeaders.ManageToken) ? AuditActor.Customer : AuditActor.Anonymous);
            return;
        }

        using (logger.BeginScope(new Dictionary<string, object?> { ["UserId"] = context.User.UserId() }))
        {
            await NextAsAsync(context, AuditActor.User(userId));
        }
    }

    /// <summary>Runs the rest of the pipeline with <paramref name="actor"/> as who acts, for the audit entries of its changes.</summary>
    private async Task NextAsAsync(HttpContext context, AuditActor actor)
    {
        using (AuditActor.Begin(actor))
        {
            await next(context);
        }
    }
}
