using Microsoft.Extensions.Options;

namespace BookMeAtOz.Host;

/// <summary>
/// Where the operations endpoints answer. With <c>Management:Port</c> set (say <c>9100</c>, listed in
/// <c>ASPNETCORE_URLS</c> beside the public port), <c>/health/*</c>, <c>/metrics</c> and <c>/openapi/*</c> answer only on
/// connections to that local port, and nothing else does: the public port answers them <c>404</c>, so they can be left
/// off the firewall or the proxy. The local port of the connection decides, never a header. Unset (the default), they
/// answer on every port, and the proxy in front is what keeps them internal (deploy/nginx does).
/// </summary>
internal sealed class ManagementOptions
{
    public const string SectionName = "Management";

    /// <summary>The local port that alone serves the operations endpoints; null = every port serves everything.</summary>
    public int? Port { get; set; }

    /// <summary>The operations endpoints' path prefixes.</summary>
    public static readonly string[] Prefixes = ["/health", "/metrics", "/openapi"];

    public static bool IsManagementPath(PathString path) =>
        Prefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
}

internal static class ManagementEndpoints
{
    public static WebApplicationBuilder AddManagementPort(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ManagementOptions>().BindConfiguration(ManagementOptions.SectionName)
            .Validate(o => o.Port is null or (>= 1 and <= 65535), "Management__Port must be a port number (1–65535).");
        return builder;
    }

    /// <summary>Answers <c>404</c> for an operations path off the management port, and for anything else on it.</summary>
    public static WebApplication UseManagementPort(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ManagementOptions>>().Value.Port is not { } port)
        {
            return app;
        }

        app.Use((context, next) =>
        {
            if (ManagementOptions.IsManagementPath(context.Request.Path) != (context.Connection.LocalPort == port))
            {
                // The status-code pages write the 404 problem.
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }
}
