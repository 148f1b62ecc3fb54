using System.Net;
using BookMeAtOz.AspNetCore;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace BookMeAtOz.Host;

/// <summary>
/// The host's own choices, kept out of the BookMeAtOz packages (as eShop keeps them in its ServiceDefaults): JSON logs
/// with Serilog, OpenTelemetry with a Prometheus exporter, forwarded headers from the configured proxies only, health
/// endpoints and <c>/metrics</c>.
/// </summary>
internal static class ServiceDefaults
{
    /// <summary>Logging, telemetry, forwarded headers and health checks.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.AddJsonLogging();
        // No "Server: Kestrel" on every answer.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddBookMeAtOzInstrumentation()
                .AddMeter("Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddProcessInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddBookMeAtOzInstrumentation()
                .AddAspNetCoreInstrumentation());

        // Trust only the configured proxies (BookMeAtOz:ForwardedHeaders). With none configured, X-Forwarded-* are ignored
        // altogether: ASP.NET Core trusts every sender when both lists are empty, so emptying them is not enough.
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<BookMeAtOzApiOptions>>((forwarded, api) =>
        {
            var configured = Split(api.Value.ForwardedHeaders.KnownProxies).Length + Split(api.Value.ForwardedHeaders.KnownNetworks).Length > 0;
            forwarded.ForwardedHeaders = configured
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in Split(api.Value.ForwardedHeaders.KnownProxies))
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in Split(api.Value.ForwardedHeaders.KnownNetworks))
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        builder.Services.AddHealthChecks().AddBookMeAtOzChecks(HealthEndpoints.ReadyTag, storeName: "store", redisName: "redis");
        return builder;
    }

    /// <summary>Forwarded headers (first), one log line per request, and problems for bare error statuses.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Outside BookMeAtOz's pipeline, so it logs the status the client really got.
        var feeds = new PathString(app.Services.GetRequiredService<IOptions<BookMeAtOzApiOptions>>().Value.FeedPath);
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            // A calendar feed's path is its secret token: logged without it.
            options.GetMessageTemplateProperties = (http, path, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(http.Request.Path.StartsWithSegments(feeds) ? feeds + "/…" : path)),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                if (http.GetBookMeAtOzTenantId() is { } tenant)
                {
                    diagnostics.Set("TenantId", tenant);
                }

                if (http.GetBookMeAtOzUserId() is { } user)
                {
                    diagnostics.Set("UserId", user);
                }
            };
        });
        // Outside BookMeAtOz's routes too (which write their own), every bare error status is an RFC 9457 problem
        // with a code, whatever the Accept header says: an unknown path answers 404 not_found.
        app.UseStatusCodePages(context => WriteStatusProblemAsync(context.HttpContext));
        return app;
    }

    private static Task WriteStatusProblemAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var (code, title, detail) = status switch
        {
            StatusCodes.Status404NotFound => ("not_found", "Not found", "There is nothing here."),
            StatusCodes.Status405MethodNotAllowed => ("method_not_allowed", "Method not allowed", "This route does not take this method."),
            >= 500 => ("internal_error", "Internal error", "An unexpected error occurred."),
            _ => ("validation_failed", "Bad request", "The request could not be processed."),
        };
        context.Response.ContentType = "application/problem+json; charset=utf-8";
        return context.Response.WriteAsJsonAsync(
            new { type = $"https://bookmeatoz.online/problems/{code.Replace('_', '-')}", title, status, detail, code },
            (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json; charset=utf-8", context.RequestAborted);
    }

    /// <summary><c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        HealthEndpoints.Map(app);
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>
    /// Logs JSON lines (Serilog's compact format) to standard output (in Development, readable text lines instead), with <c>RequestId</c>, <c>TraceId</c>,
    /// <c>TenantId</c> and <c>UserId</c> on every line of a request. The <c>Serilog</c> configuration section
    /// and any <see cref="Serilog.Core.ILogEventSink"/> in the container are honoured.
    /// </summary>
    public static WebApplicationBuilder AddJsonLogging(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .ReadFrom.Configuration(configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With<ActivityEnricher>()
            .WriteToConsole(readable: builder.Environment.IsDevelopment()),
            // Several hosts may share a process (tests): each keeps its own logger.
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>Development: one readable line per event. Elsewhere: JSON lines for the log pipeline.</summary>
    private static LoggerConfiguration WriteToConsole(this LoggerConfiguration logger, bool readable) => readable
        ? logger.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture)
        : logger.WriteTo.Console(new RenderedCompactJsonFormatter());

    private static string[] Split(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
