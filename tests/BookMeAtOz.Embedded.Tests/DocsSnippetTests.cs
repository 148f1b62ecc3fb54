using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace BookMeAtOz.Embedded.Tests;

/// <summary>
/// Every C# snippet of the README, the docs and the package READMEs compiles against the packages as they are (SPEC
/// §8.4). A snippet that declares types is compiled as a file of its own; any other is compiled as the body of a method,
/// with the few names a snippet takes for granted (<c>builder</c>, <c>app</c>, <c>ct</c> …) declared in front of it
/// when it does not declare them itself.
/// </summary>
public sealed partial class DocsSnippetTests : IDisposable
{
    private static readonly string[] Usings =
    [
        "BookMeAtOz", "BookMeAtOz.AspNetCore", "BookMeAtOz.Bookings", "BookMeAtOz.Changes", "BookMeAtOz.MailKit", "BookMeAtOz.Notifications",
        "BookMeAtOz.Persistence", "BookMeAtOz.Persistence.InMemory", "BookMeAtOz.PostgreSql", "BookMeAtOz.Scheduling", "BookMeAtOz.Tenancy",
        "BookMeAtOz.Testing", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Http", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "OpenTelemetry.Metrics", "OpenTelemetry.Trace",
    ];

    // The client's wire types share names with the core's (CreateBookingRequest): its README gets the client's namespaces.
    private static readonly string[] ClientUsings =
        ["BookMeAtOz.Client", "BookMeAtOz.Client.Auth", "BookMeAtOz.Contracts", "Microsoft.Extensions.DependencyInjection"];

    /// <summary>Names snippets use without declaring, in the order they must be declared.</summary>
    private static readonly (string Name, string Declaration)[] Assumed =
    [
        ("builder", "var builder = WebApplication.CreateBuilder(args);"),
        ("app", "var app = builder.Build();"),
        ("services", "IServiceCollection services = new ServiceCollection();"),
        ("provider", "IServiceProvider provider = services.BuildServiceProvider();"),
        ("ct", "var ct = CancellationToken.None;"),
        ("cancellationToken", "var cancellationToken = CancellationToken.None;"),
        ("ownerConnectionString", "var ownerConnectionString = \"Host=localhost;Username=owner;Database=bookings\";"),
        ("email", "var email = \"owner@acme.example\";"),
        ("connectionString", "var connectionString = \"Host=localhost;Username=app;Database=bookings\";"),
        ("cs", "var cs = \"Host=localhost;Username=app;Database=bookings\";"),
        ("tenantId", "var tenantId = Guid.NewGuid();"),
        ("serviceId", "var serviceId = Guid.NewGuid();"),
        ("request", "CreateBookingRequest request = null!;"), // the core's, or the client's in client snippets
        ("idempotencyKey", "string? idempotencyKey = null;"),
        ("fromDate", "var fromDate = new DateOnly(2027, 4, 1);"),
        ("toDate", "var toDate = new DateOnly(2027, 4, 7);"),
        ("password", "var password = \"correct horse battery\";"),
        ("service", "Service service = null!;"),
        ("policy", "TenantPolicy policy = null!;"),
        ("from", "var from = DateTimeOffset.UnixEpoch;"),
        ("to", "var to = DateTimeOffset.UnixEpoch;"),
        ("timeProvider", "var timeProvider = TimeProvider.System;"),
        ("staffMember", "StaffMember staffMember = null!;"),
        ("schedule", "StaffSchedule schedule = null!;"),
        ("busyRanges", "IReadOnlyList<BusyRange> busyRanges = [];"),
    ];

    private readonly string _work = Directory.CreateTempSubdirectory("bookmeatoz-snippets-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task EverySnippet_Compiles()
    {
        var root = RepositoryRoot();
        var documents = new[] { "README.md" }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Select(f => Path.GetRelativePath(root, f)))
            .Concat(Directory.GetDirectories(Path.Combine(root, "src")).Select(d => Path.Combine(Path.GetRelativePath(root, d), "README.md")))
            .Where(d => File.Exists(Path.Combine(root, d)))
            .Order(StringComparer.Ordinal)
            .ToList();

        var count = 0;
        foreach (var document in documents)
        {
            var snippets = CSharpBlock().Matches(await File.ReadAllTextAsync(Path.Combine(root, document))).Select(m => m.Groups["code"].Value).ToList();
            for (var i = 0; i < snippets.Count; i++, count++)
            {
                // One namespace per document, so that a snippet may use a type another snippet of the same page declares.
                var space = Regex.Replace(document, "[^A-Za-z0-9]", "_");
                var usings = document.Contains("BookMeAtOz.Client", StringComparison.Ordinal) || snippets[i].Contains("BookMeAtOzClient", StringComparison.Ordinal)
                    ? ClientUsings
                    : Usings;
                await File.WriteAllTextAsync(Path.Combine(_work, $"{space}_{i + 1}.cs"), Render(space, i + 1, document, snippets[i], usings));
            }
        }

        Assert.True(count >= 15, $"Only {count} snippets were found in {string.Join(", ", documents)}.");
        await File.WriteAllTextAsync(Path.Combine(_work, "Snippets.csproj"), Project(root));
        var (code, output) = await RunAsync("dotnet", ["build", "--nologo", "-c", "Release", "-p:TreatWarningsAsErrors=false"], _work);
        Assert.True(code == 0, $"{count} snippets from {documents.Count} documents; the build failed (file names say where each snippet is):\n" +
            string.Join('\n', output.Split('\n').Where(l => l.Contains("error", StringComparison.Ordinal)).Distinct().Take(40)));
    }

    private static string Render(string space, int number, string document, string snippet, string[] usings)
    {
        var text = new StringBuilder();
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"// From {document}.");
        foreach (var u in usings)
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"using {u};");
        }

        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"namespace Snippets.{space};");
        if (TypeDeclaration().IsMatch(snippet))
        {
            text.AppendLine(snippet);
            return text.ToString();
        }

        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"internal static class Snippet{number}");
        text.AppendLine("{");
        text.AppendLine("    public static async Task RunAsync(string[] args)");
        text.AppendLine("    {");
        var needed = new HashSet<string>();
        foreach (var (assumedName, _) in Assumed.Reverse())
        {
            var uses = Regex.IsMatch(snippet, $@"(?<![\w.]){assumedName}\b") || needed.Contains(assumedName);
            var declares = Regex.IsMatch(snippet, $@"\b(var|[\w<>?,\[\]]+)\s+{assumedName}\s*=");
            if (uses && !declares)
            {
                needed.Add(assumedName);
                if (assumedName == "app")
                {
                    needed.Add("builder");
                }

                if (assumedName == "provider")
                {
                    needed.Add("services");
                }
            }
        }

        foreach (var (assumedName, declaration) in Assumed.Where(a => needed.Contains(a.Name)))
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"        {declaration}");
        }

        text.AppendLine(snippet);
        text.AppendLine("        await Task.CompletedTask;");
        text.AppendLine("    }");
        text.AppendLine("}");
        return text.ToString();
    }

    private static string Project(string root)
    {
        var references = string.Join('\n', Directory.GetDirectories(Path.Combine(root, "src"))
            .Select(d => Path.Combine(d, Path.GetFileName(d) + ".csproj"))
            .Where(File.Exists)
            .Select(p => $"""    <ProjectReference Include="{p}" />"""));
        return $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Library</OutputType>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <IsPackable>false</IsPackable>
                <NoWarn>$(NoWarn);CS1591;CS0219;CS8321;CS1998;CS4014;CA1707;CA1812;CA1822;IDE0005;NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
            {references}
                <PackageReference Include="OpenTelemetry.Extensions.Hosting" Version="1.20.1" />
                <PackageReference Include="OpenTelemetry.Exporter.Prometheus.AspNetCore" Version="1.20.1-beta.1" />
              </ItemGroup>
            </Project>
            """;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BookMeAtOz.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BookMeAtOz.sln not found above the test's output folder.");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] arguments, string directory)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"^```csharp\s*\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^\s*(public |internal )?(sealed |static |abstract )*(partial )?(class|record|interface|struct) \w+", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();
}
