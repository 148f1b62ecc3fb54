using System.Diagnostics;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace BookMeAtOz.Host;

/// <summary>
/// Builds the booking web app (<c>npm ci</c>, <c>npm run build</c>) in the background on <c>dotnet run</c>
/// (<c>BookMeAtOz:WebApp:Build</c>, set by <c>Properties/launchSettings.json</c>) when its build is missing or older than
/// its sources. The API answers from the first second; the host logs each step with its time, and pages say what is
/// happening until the app is there. Without Node.js and npm it says so once, with the fix, and the API carries on.
/// </summary>
internal sealed partial class WebAppBuild(string sources, ILogger logger, IHostApplicationLifetime lifetime)
{
    /// <summary>The configuration key that turns the build on (Development only).</summary>
    public const string BuildKey = "BookMeAtOz:WebApp:Build";

    /// <summary>The configuration key of the web app's sources (default: <c>samples/BookMeAtOz.Web</c> above the host).</summary>
    public const string SourceKey = "BookMeAtOz:WebApp:Source";

    private const string Fix = "install Node.js 20.19 or later with npm (from nodejs.org or your system's packages, e.g. `sudo apt install nodejs npm`), then restart the host";
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);

    /// <summary>What the build is doing: <c>building</c>, <c>built</c>, <c>no-node</c> or <c>failed</c>.</summary>
    public string State { get; private set; } = "building";

    public string Dist => Path.Combine(sources, "dist");

    /// <summary>Whether the built app is missing or older than any of its sources.</summary>
    public static bool IsStale(string sources)
    {
        var index = new FileInfo(Path.Combine(sources, "dist", "index.html"));
        if (!index.Exists)
        {
            return true;
        }

        var inputs = new[] { "package.json", "package-lock.json", "index.html", "vite.config.ts" }
            .Select(f => new FileInfo(Path.Combine(sources, f)))
            .Where(f => f.Exists);
        var src = new DirectoryInfo(Path.Combine(sources, "src"));
        if (src.Exists)
        {
            inputs = inputs.Concat(src.EnumerateFiles("*", SearchOption.AllDirectories));
        }

        return inputs.Any(f => f.LastWriteTimeUtc > index.LastWriteTimeUtc);
    }

    /// <summary>Looks for <c>samples/BookMeAtOz.Web</c> (with its <c>package.json</c>) above the content root and the binaries.</summary>
    public static string? FindSources(string contentRoot)
    {
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "samples", "BookMeAtOz.Web"), Path.Combine(dir.FullName, "BookMeAtOz.Web") })
                {
                    if (File.Exists(Path.Combine(candidate, "package.json")))
                    {
                        return candidate;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The full path of an executable on <c>PATH</c>, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var suffixes = OperatingSystem.IsWindows() ? new[] { ".cmd", ".exe" } : [string.Empty];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var suffix in suffixes)
            {
                var path = Path.Combine(dir, name + suffix);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    /// <summary>Runs the build; <paramref name="built"/> is called with the app's folder when it is there.</summary>
    public async Task RunAsync(Action<string> built)
    {
        var cancellationToken = lifetime.ApplicationStopping;
        var npm = FindOnPath("npm");
        if (npm is null || FindOnPath("node") is null)
        {
            State = "no-node";
            LogNoNode(logger, Fix);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var lockFile = new FileInfo(Path.Combine(sources, "package-lock.json"));
            var installed = new FileInfo(Path.Combine(sources, "node_modules", ".package-lock.json"));
            if (!installed.Exists || (lockFile.Exists && lockFile.LastWriteTimeUtc > installed.LastWriteTimeUtc))
            {
                LogStep(logger, 1, "installing its packages (npm ci); the first time takes a minute or so");
                if (await RunNpmAsync(npm, ["ci", "--no-audit", "--no-fund"], "npm ci", cancellationToken) is { } failure)
                {
                    Fail(failure);
                    return;
                }
            }

            LogStep(logger, 2, "type-checking and bundling it (npm run build)");
            if (await RunNpmAsync(npm, ["run", "build"], "npm run build", cancellationToken) is { } buildFailure)
            {
                Fail(buildFailure);
                return;
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        State = "built";
        built(Dist);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        LogBuilt(logger, seconds);
    }

    private void Fail(string failure)
    {
        State = "failed";
        LogFailed(logger, failure, sources);
    }

    /// <summary>Runs npm, logging its output as progress; returns null on success, or what failed with npm's last lines.</summary>
    private async Task<string?> RunNpmAsync(string npm, string[] arguments, string what, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(npm, arguments)
        {
            WorkingDirectory = sources,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["NO_COLOR"] = "1";
        info.Environment["CI"] = "1"; // plain progress lines, no spinners
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{what} did not start");
        var tail = new Queue<string>();
        var started = Stopwatch.GetTimestamp();

        async Task Relay(StreamReader reader)
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                line = line.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                lock (tail)
                {
                    tail.Enqueue(line);
                    if (tail.Count > 15)
                    {
                        tail.Dequeue();
                    }
                }

                LogOutput(logger, line);
            }
        }

        using var stop = cancellationToken.Register(() =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It had exited.
            }
        });
        var relay = Task.WhenAll(Relay(process.StandardOutput), Relay(process.StandardError));
        var exited = process.WaitForExitAsync(cancellationToken);
        while (await Task.WhenAny(exited, Task.Delay(ProgressEvery, cancellationToken)) != exited)
        {
            var seconds = (int)Stopwatch.GetElapsedTime(started).TotalSeconds;
            LogStillRunning(logger, what, seconds);
        }

        await exited;
        await relay;
        return process.ExitCode == 0 ? null : $"{what} exited with {process.ExitCode}: {string.Join(" | ", tail)}";
    }

    /// <summary>The page shown instead of the app while it builds or when it cannot (never cached).</summary>
    public string StatusPage() => State switch
    {
        "building" => Page("The booking web app is being built", "The host is building it (npm ci, npm run build); its console shows the progress. This page reloads itself.", refresh: true),
        "no-node" => Page("The booking web app is not built: Node.js and npm were not found", $"To fix: {Fix}. The API works without it.", refresh: false),
        _ => Page("The booking web app did not build", "The host's console shows npm's output. To fix: cd samples/BookMeAtOz.Web && npm ci && npm run build, then restart the host. The API works without it.", refresh: false),
    };

    private static string Page(string title, string text, bool refresh) =>
        $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        {(refresh ? "<meta http-equiv=\"refresh\" content=\"3\">" : string.Empty)}<title>{System.Net.WebUtility.HtmlEncode(title)}</title></head>
        <body><main><h1>{System.Net.WebUtility.HtmlEncode(title)}</h1><p>{System.Net.WebUtility.HtmlEncode(text)}</p></main></body></html>
        """;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Node.js and npm were not found on PATH, so the booking web app (booking page, admin console) is not built; the API works without it. To fix: {Fix:l}")]
    private static partial void LogNoNode(ILogger logger, string fix);

    [LoggerMessage(Level = LogLevel.Information, Message = "Building the booking web app, step {Step}/2: {What:l}…")]
    private static partial void LogStep(ILogger logger, int step, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "  {Line:l}")]
    private static partial void LogOutput(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "  …{What:l} still running ({Seconds} s)")]
    private static partial void LogStillRunning(ILogger logger, string what, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The booking web app is built ({Seconds:0} s) and served")]
    private static partial void LogBuilt(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The booking web app did not build ({Failure:l}); the API works without it. To fix: cd {Sources:l} && npm ci && npm run build, then restart the host")]
    private static partial void LogFailed(ILogger logger, string failure, string sources);
}

/// <summary>A file provider whose folder is set once the web app is built (empty until then).</summary>
internal sealed class SwitchableFileProvider : IFileProvider
{
    private volatile IFileProvider inner = new NullFileProvider();

    public void Use(IFileProvider provider) => inner = provider;

    public IDirectoryContents GetDirectoryContents(string subpath) => inner.GetDirectoryContents(subpath);

    public IFileInfo GetFileInfo(string subpath) => inner.GetFileInfo(subpath);

    public IChangeToken Watch(string filter) => inner.Watch(filter);
}
