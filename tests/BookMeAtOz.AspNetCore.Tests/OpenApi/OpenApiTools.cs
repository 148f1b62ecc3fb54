using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BookMeAtOz.AspNetCore.Tests.OpenApi;

/// <summary>What the OpenAPI contract tests share: the document, external tools run as processes, temp folders.</summary>
internal static class OpenApiTools
{
    public const string DocumentPath = "/openapi/v1.json";

    private static readonly SemaphoreSlim NpmInstall = new(1, 1);

    /// <summary>The repository's root (the folder holding BookMeAtOz.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary><c>tests/openapi</c>: the linter's package.json, lock file and Redocly config.</summary>
    public static string LintFolder => Path.Combine(RepoRoot, "tests", "openapi");

    /// <summary>The platform's root domain in the tests (<c>BookMeAtOz:Tenancy:RootDomains</c> of <see cref="Support.ApiFactory"/>).</summary>
    public static readonly Uri PublicAddress = new("https://bookmeatoz.test");

    /// <summary>
    /// The document as a deployment serves it: fetched from the platform's address, which it names as its server (from
    /// <c>localhost</c> the server would be <c>http://localhost</c>, which Redocly's <c>no-server-example.com</c> flags).
    /// </summary>
    public static Task<string> GetDocumentAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory)
        where TEntryPoint : class =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PublicAddress }).GetStringAsync(DocumentPath);

    /// <summary>
    /// Installs <c>tests/openapi</c>'s packages with <c>npm ci</c> unless the locked version of the linter is already
    /// there. One install at a time, in this process (a semaphore) and across test processes (an exclusive file lock).
    /// </summary>
    public static async Task EnsureLinterInstalledAsync(CancellationToken cancellationToken)
    {
        await NpmInstall.WaitAsync(cancellationToken);
        try
        {
            if (LinterIsInstalled())
            {
                return;
            }

            using var crossProcess = await AcquireFileLockAsync(Path.Combine(Path.GetTempPath(), "bookmeatoz-openapi-npm-ci.lock"), cancellationToken);
            if (LinterIsInstalled())
            {
                return;
            }

            var npm = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], LintFolder, TimeSpan.FromMinutes(5), cancellationToken: cancellationToken);
            Assert.True(npm.ExitCode == 0, $"npm ci in tests/openapi failed ({npm.ExitCode}):\n{npm.Output}");
            Assert.True(LinterIsInstalled(), $"npm ci in tests/openapi did not install the locked @redocly/cli:\n{npm.Output}");
        }
        finally
        {
            NpmInstall.Release();
        }
    }

    /// <summary>The installed @redocly/cli is the version package-lock.json names.</summary>
    private static bool LinterIsInstalled()
    {
        var installed = Path.Combine(LintFolder, "node_modules", "@redocly", "cli", "package.json");
        if (!File.Exists(installed))
        {
            return false;
        }

        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(LintFolder, "package-lock.json")));
        using var package = JsonDocument.Parse(File.ReadAllText(installed));
        var locked = lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/@redocly/cli").GetProperty("version").GetString();
        return locked == package.RootElement.GetProperty("version").GetString();
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < TimeSpan.FromMinutes(5))
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Runs a program to its end (killed after <paramref name="timeout"/>) and returns its exit code with stdout and
    /// stderr. MSBuild's and the test host's variables are not passed on, so a nested <c>dotnet build</c> starts clean.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k =>
            k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        var clock = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}:\n{stdout}\n{stderr}");
        }

        process.WaitForExit(); // drains the redirected streams
        return new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString(), clock.Elapsed);
    }

    /// <summary>The <c>dotnet</c> that runs the tests (<c>DOTNET_HOST_PATH</c>), else the one on the PATH.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BookMeAtOz.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No BookMeAtOz.sln above {AppContext.BaseDirectory}.");
    }
}

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public string Output => $"--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

/// <summary>A folder under the system's temp directory, outside the repository, deleted with everything in it.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a process that is still closing a file; the system's temp cleaning gets the rest.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
