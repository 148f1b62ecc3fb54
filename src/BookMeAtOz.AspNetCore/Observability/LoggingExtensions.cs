using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Microsoft.Extensions.Hosting;

/// <summary>Structured JSON logging with Serilog.</summary>
public static class BookMeAtOzLoggingExtensions
{
    /// <summary>
    /// Logs JSON lines (Serilog's compact format) to standard output, with <c>RequestId</c>, <c>TraceId</c>,
    /// <c>TenantId</c> and <c>UserId</c> on every line of a request. The <c>Serilog</c> configuration section
    /// and any <see cref="Serilog.Core.ILogEventSink"/> in the container are honoured.
    /// </summary>
    public static TBuilder AddBookMeAtOzLogging<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .ReadFrom.Configuration(configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With<BookMeAtOz.AspNetCore.Observability.ActivityEnricher>()
            .WriteTo.Console(new RenderedCompactJsonFormatter()),
            // Several hosts may share a process (tests, embedding): each keeps its own logger.
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>One log line per request (method, path, status, elapsed), with the tenant and user.</summary>
    internal static IApplicationBuilder UseBookMeAtOzRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<ILogger>();
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                if (http.GetTenant() is { } tenant)
                {
                    diagnostics.Set("TenantId", tenant.Id);
                }

                if (http.User.UserId() is { } userId)
                {
                    diagnostics.Set("UserId", userId);
                }
            };
        });
}
