using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BookMeAtOz.AspNetCore.Auth;

/// <summary>
/// After authentication: refuses (<c>403</c>) a token issued for another tenant than the one the request
/// resolved to, and puts the user's id on every log line of the request.
/// </summary>
internal sealed class CallerMiddleware(RequestDelegate next, ILogger<CallerMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.User.IsSignedIn())
        {
            await next(context);
            return;
        }

        if (context.GetTenant() is { } tenant && context.User.TenantId() != tenant.Id)
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, ApiProblemCodes.Forbidden, "This access token was issued for another tenant.");
            return;
        }

        using (logger.BeginScope(new Dictionary<string, object?> { ["UserId"] = context.User.UserId() }))
        {
            await next(context);
        }
    }
}
