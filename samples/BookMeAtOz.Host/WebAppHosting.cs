using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace BookMeAtOz.Host;

/// <summary>
/// Serves the built booking web app (<c>samples/BookMeAtOz.Web/dist</c>) from the reference host: its files,
/// and <c>index.html</c> for every other page address (client-side routes such as <c>/admin</c> and
/// <c>/manage/{id}</c>). API, hub, health, metrics and OpenAPI addresses are never answered with the page, so
/// an unknown one there stays a 404 problem. In production nginx serves the app (<c>deploy/nginx</c>); the host
/// does it in Development, or anywhere when <c>BookMeAtOz:WebApp:Root</c> names the folder. On <c>dotnet run</c>
/// (<c>BookMeAtOz:WebApp:Build</c>) a missing or stale build is rebuilt in the background (<see cref="WebAppBuild"/>).
/// </summary>
internal static partial class WebAppHosting
{
    /// <summary>The configuration key of the built app's folder.</summary>
    public const string RootKey = "BookMeAtOz:WebApp:Root";

    private static readonly string[] ServerPrefixes = ["/api", "/hubs", .. ManagementOptions.Prefixes];

    public static WebApplication UseBookingWebApp(this WebApplication app)
    {
        var configured = app.Configuration[RootKey];
        if (configured is null && !app.Environment.IsDevelopment())
        {
            return app;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BookMeAtOz.Host.WebApp");
        var files = new SwitchableFileProvider();
        WebAppBuild? build = null;
        var root = configured is null ? FindBuiltApp(app.Environment.ContentRootPath) : Path.GetFullPath(configured);
        if (configured is null && app.Configuration.GetValue<bool>(WebAppBuild.BuildKey)
            && (app.Configuration[WebAppBuild.SourceKey] is { } source ? Path.GetFullPath(source) : WebAppBuild.FindSources(app.Environment.ContentRootPath)) is { } sources
            && WebAppBuild.IsStale(sources))
        {
            // `dotnet run`: build it in the background; pages say so until it is there, the API answers meanwhile.
            build = new WebAppBuild(sources, logger, app.Lifetime);
            app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => build.RunAsync(dist => files.Use(new PhysicalFileProvider(dist)))));
            root = null;
        }
        else if (root is null || !File.Exists(Path.Combine(root, "index.html")))
        {
            LogNotBuilt(logger, root ?? "samples/BookMeAtOz.Web/dist");
            return app;
        }
        else
        {
            files.Use(new PhysicalFileProvider(root));
            LogServing(logger, root);
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                // Vite names built assets by content hash: they never change. Everything else may.
                context.Context.Response.Headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/assets")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        });
        app.Use(async (context, next) =>
        {
            if (IsPageRequest(context))
            {
                context.Response.Headers.CacheControl = "no-cache";
                var index = files.GetFileInfo("index.html");
                if (!index.Exists && build is not null)
                {
                    // Still building, or it cannot be built here: say which, and how to fix it (a 200, so the page's
                    // reloads while it builds are not logged as server errors).
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.WriteAsync(build.StatusPage(), context.RequestAborted);
                    return;
                }

                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.SendFileAsync(index, context.RequestAborted);
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>A GET for a page address that no endpoint handles: no file extension, outside the server's paths.</summary>
    private static bool IsPageRequest(HttpContext context)
    {
        var request = context.Request;
        if (context.GetEndpoint() is not null || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            return false;
        }

        var path = request.Path.Value ?? "/";
        if (ServerPrefixes.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) || Path.HasExtension(path))
        {
            return false;
        }

        var accept = request.Headers[HeaderNames.Accept].ToString();
        return accept.Length == 0 || accept.Contains("text/html", StringComparison.OrdinalIgnoreCase) || accept.Contains("*/*", StringComparison.Ordinal);
    }

    /// <summary>Looks for the built app beside the content root and above the binaries (a repository checkout).</summary>
    private static string? FindBuiltApp(string contentRoot)
    {
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "samples", "BookMeAtOz.Web", "dist"), Path.Combine(dir.FullName, "BookMeAtOz.Web", "dist") })
                {
                    if (File.Exists(Path.Combine(candidate, "index.html")))
                    {
                        return candidate;
                    }
                }
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the booking web app from {Root:l}")]
    private static partial void LogServing(ILogger logger, string root);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "The booking web app is not built ({Root:l}): run `npm ci && npm run build` in samples/BookMeAtOz.Web (or start the host with `dotnet run`, which builds it)")]
    private static partial void LogNotBuilt(ILogger logger, string root);
}
