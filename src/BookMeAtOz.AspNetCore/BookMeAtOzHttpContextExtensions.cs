using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Tenancy;

namespace Microsoft.AspNetCore.Http;

/// <summary>What BookMeAtOz knows about a request, for the host's logging and telemetry.</summary>
public static class BookMeAtOzHttpContextExtensions
{
    /// <summary>The id of the tenant BookMeAtOz resolved for this request, or null (not a tenant route, or not resolved).</summary>
    public static Guid? GetBookMeAtOzTenantId(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetTenant()?.Id;
    }

    /// <summary>The id of the BookMeAtOz user who made this request, or null (anonymous, or not a BookMeAtOz route).</summary>
    public static Guid? GetBookMeAtOzUserId(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.UserId();
    }
}
