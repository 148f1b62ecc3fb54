using Microsoft.AspNetCore.Diagnostics;

namespace BookMeAtOz.Embedded.Clinic;

/// <summary>The clinic's own answer to its failures: plain text, its own words.</summary>
public sealed class ClinicExceptionHandler : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        httpContext.Response.ContentType = "text/plain; charset=utf-8";
        await httpContext.Response.WriteAsync("The clinic had a problem; please call reception.", cancellationToken);
        return true;
    }
}

/// <summary>The clinic's telemetry names.</summary>
public static class ClinicTelemetry
{
    /// <summary>The clinic's own meter.</summary>
    public const string MeterName = "HarbourPhysio";
}
