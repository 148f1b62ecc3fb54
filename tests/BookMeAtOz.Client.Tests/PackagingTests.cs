using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using BookMeAtOz.Client.Tests.Support;

namespace BookMeAtOz.Client.Tests;

/// <summary>
/// Every library packs into a real NuGet package whose dependencies follow its features (Core has no driver, mail
/// library, Redis client or ASP.NET Core; the server package has no HTTP client stack); sibling packages depend on each
/// other exactly. A fresh project outside the repository restores BookMeAtOz.Client from a local folder feed (plus the
/// machine's default source), builds, and calls the host; a fresh web app pinned to Microsoft.Extensions.DependencyInjection
/// 10.0.0 restores and builds with the server packages.
/// </summary>
[Collection(LoopbackHostTests.Name)]
public sealed class PackagingTests(LoopbackHost host) : IDisposable
{
    /// <summary>
    /// The SignalR client packages (for the real-time wrapper) are the only Microsoft.AspNetCore ones a client may bring:
    /// they are client-side and need no ASP.NET Core shared framework (that is checked separately).
    /// </summary>
    private static readonly string[] ClientSidePackages =
    [
        "Microsoft.AspNetCore.SignalR.Client", "Microsoft.AspNetCore.SignalR.Client.Core", "Microsoft.AspNetCore.SignalR.Common",
        "Microsoft.AspNetCore.SignalR.Protocols.Json", "Microsoft.AspNetCore.Http.Connections.Client", "Microsoft.AspNetCore.Http.Connections.Common",
        "Microsoft.AspNetCore.Connections.Abstractions",
    ];

    private static bool IsServerSide(string package)
    {
        var id = package.Split('/')[0];
        return id.StartsWith("Microsoft.AspNetCore", StringComparison.OrdinalIgnoreCase)
            && !ClientSidePackages.Contains(id, StringComparer.OrdinalIgnoreCase);
    }

    private static readonly string[] Libraries =
        ["BookMeAtOz.Contracts", "BookMeAtOz.Core", "BookMeAtOz.PostgreSql", "BookMeAtOz.MailKit", "BookMeAtOz.AspNetCore", "BookMeAtOz.OpenTelemetry",
            "BookMeAtOz.Testing", "BookMeAtOz.Client", "BookMeAtOz.CalDav"];


    private readonly string _work = Directory.CreateTempSubdirectory("bookmeatoz-pack-").FullName;

    // A version never packed before, so no package cache can hold a stale copy.
    private readonly string _version = "0.0.0-test." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    [Fact]
    public async Task Pack_FreshProjectRestoresClientFromFolderFeed_BuildsAndCallsHost()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;
        foreach (var library in Libraries)
        {
            var project = Path.Combine(Processes.RepositoryRoot, "src", library, library + ".csproj");
            var (code, output) = await Processes.RunAsync("dotnet",
                ["pack", project, "--no-build", "-c", Processes.Configuration, "-o", feed, $"-p:PackageVersion={_version}", "--nologo"],
                Processes.RepositoryRoot);
            Assert.True(code == 0, output);
        }

        foreach (var library in Libraries)
        {
            AssertPackage(Path.Combine(feed, $"{library}.{_version}.nupkg"), library);
            Assert.Contains($"lib/net10.0/{library}.pdb", Entries(Path.Combine(feed, $"{library}.{_version}.snupkg")));
        }

        var exact = $"[{_version}]";
        Assert.Empty(Dependencies(feed, "BookMeAtOz.Contracts"));

        var core = Dependencies(feed, "BookMeAtOz.Core");
        Assert.All(core.Keys, id => Assert.True(id == "NodaTime" || id.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal), $"Core depends on {id}"));
        // The lowest versions that work, so that a consumer pinned to 10.0.0 restores without a downgrade.
        Assert.All(core.Where(d => d.Key.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)), d => Assert.Equal("10.0.0", d.Value));
        Assert.DoesNotContain(Nuspec(Path.Combine(feed, $"BookMeAtOz.Core.{_version}.nupkg")).Descendants(), e => e.Name.LocalName == "frameworkReference");

        var postgres = Dependencies(feed, "BookMeAtOz.PostgreSql");
        Assert.Equal(exact, postgres["BookMeAtOz.Core"]);
        Assert.Contains("Npgsql", postgres.Keys);
        Assert.DoesNotContain(postgres.Keys, id => id is "MailKit" or "StackExchange.Redis" || id.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));

        var mail = Dependencies(feed, "BookMeAtOz.MailKit");
        Assert.Equal(exact, mail["BookMeAtOz.Core"]);
        Assert.Contains("MailKit", mail.Keys);
        Assert.DoesNotContain(mail.Keys, id => id == "Npgsql");

        var calDav = Dependencies(feed, "BookMeAtOz.CalDav");
        Assert.Equal(exact, calDav["BookMeAtOz.Core"]);
        Assert.Contains("Ical.Net", calDav.Keys);
        Assert.DoesNotContain(calDav.Keys, id => id is "Npgsql" or "MailKit" || id.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));

        var server = Dependencies(feed, "BookMeAtOz.AspNetCore");
        Assert.Equal(exact, server["BookMeAtOz.Core"]);
        Assert.Equal(exact, server["BookMeAtOz.Contracts"]);
        Assert.DoesNotContain(server.Keys, id => id is "BookMeAtOz.Client" or "Refit" or "Refit.HttpClientFactory" or "Npgsql" or "MailKit"
            || id.StartsWith("Microsoft.Extensions.Http", StringComparison.Ordinal) || id.StartsWith("Microsoft.AspNetCore.SignalR.Client", StringComparison.Ordinal));

        var telemetry = Dependencies(feed, "BookMeAtOz.OpenTelemetry");
        Assert.Equal(exact, telemetry["BookMeAtOz.Core"]);
        Assert.Equal(["BookMeAtOz.Core", "OpenTelemetry.Api"], telemetry.Keys.Order());

        var testing = Dependencies(feed, "BookMeAtOz.Testing");
        Assert.Equal(exact, testing["BookMeAtOz.Core"]);
        Assert.Contains("xunit.extensibility.core", testing.Keys);

        var clientSpec = Nuspec(Path.Combine(feed, $"BookMeAtOz.Client.{_version}.nupkg"));
        var dependencies = clientSpec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();
        Assert.Equal(exact, Dependencies(feed, "BookMeAtOz.Client")["BookMeAtOz.Contracts"]);
        Assert.DoesNotContain("BookMeAtOz.Core", dependencies);
        Assert.Contains("Refit", dependencies);
        Assert.Contains("Microsoft.Extensions.Http.Resilience", dependencies);
        Assert.Contains("Microsoft.AspNetCore.SignalR.Client", dependencies);
        Assert.DoesNotContain(dependencies, d => d.StartsWith("Npgsql", StringComparison.OrdinalIgnoreCase) || IsServerSide(d));
        Assert.DoesNotContain(clientSpec.Descendants(), e => e.Name.LocalName == "frameworkReference");


        // A fresh console app outside the repository (no Directory.*.props, no central versions).
        var app = Directory.CreateDirectory(Path.Combine(_work, "app")).FullName;
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), NuGetConfig(feed));
        await File.WriteAllTextAsync(Path.Combine(app, "FreshClient.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="BookMeAtOz.Client" Version="{_version}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), """
            using BookMeAtOz.Client;
            using BookMeAtOz.Client.Auth;
            using BookMeAtOz.Contracts;
            using Microsoft.Extensions.DependencyInjection;

            var slug = args[1];
            var services = new ServiceCollection();
            services.AddBookMeAtOzClient(o => { o.BaseAddress = new Uri(args[0]); o.Tenant = slug; });
            using var provider = services.BuildServiceProvider();
            var api = provider.GetRequiredService<IBookMeAtOzApi>();
            var signUp = await api.CreateTenantAsync(new SignUpRequest(slug, "Fresh Project", "Australia/Sydney", null,
                new NewAccount("Owner", $"owner@{slug}.example", "correct horse battery")));
            provider.GetRequiredService<BookMeAtOzTokenStore>().SetTokens(signUp.Auth);
            var me = await api.GetMeAsync();
            try
            {
                await api.GetServiceAsync(Guid.NewGuid());
            }
            catch (BookMeAtOzApiException e) when (e.Code == ApiProblemCodes.NotFound)
            {
                Console.WriteLine($"OK {(await api.GetTenantAsync()).Slug} {me.Role} {e.Status}");
            }
            """);

        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_work, "packages") };
        var (buildCode, buildOutput) = await Processes.RunAsync("dotnet", ["build", "--nologo", "-c", "Release"], app, environment);
        Assert.True(buildCode == 0, buildOutput);

        using (var assets = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(app, "obj", "project.assets.json"))))
        {
            var libraries = assets.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToList();
            Assert.Contains($"BookMeAtOz.Client/{_version}", libraries);
            Assert.DoesNotContain(libraries, l => l.StartsWith("Npgsql", StringComparison.OrdinalIgnoreCase)
                || IsServerSide(l) || l.StartsWith("BookMeAtOz.Core", StringComparison.Ordinal));
            var frameworks = assets.RootElement.GetProperty("project").GetProperty("frameworks").GetProperty("net10.0");
            Assert.False(frameworks.TryGetProperty("frameworkReferences", out var references) && references.EnumerateObject().Any(r => r.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)));
        }

        await AssertServerPackagesRestoreWithPinnedDependencyInjectionAsync(feed, environment);

        var slug = TestTenant.NewSlug();
        var (runCode, runOutput) = await Processes.RunAsync("dotnet",
            [Path.Combine(app, "bin", "Release", "net10.0", "FreshClient.dll"), host.BaseAddress.ToString(), slug], app);
        Assert.True(runCode == 0, runOutput);
        Assert.Contains($"OK {slug} owner 404", runOutput, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>
    /// An existing app that pins Microsoft.Extensions.DependencyInjection 10.0.0 (a downgrade, NU1605, is an error by default)
    /// adds Core with the PostgreSQL and SMTP packages and builds; a web app adds the server package too. Neither restore
    /// graph holds the client stack.
    /// </summary>
    private async Task AssertServerPackagesRestoreWithPinnedDependencyInjectionAsync(string feed, Dictionary<string, string> environment)
    {
        await BuildAppAsync("pinned-worker", "Microsoft.NET.Sdk", """<PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.0" />""",
            ["BookMeAtOz.Core", "BookMeAtOz.PostgreSql", "BookMeAtOz.MailKit"], """
            using Microsoft.Extensions.DependencyInjection;
            var services = new ServiceCollection();
            services.AddBookMeAtOz().WithPostgres("Host=localhost;Username=app;Database=bookings").WithSmtp();
            Console.WriteLine(services.Count);
            """);
        // In a web app Microsoft.Extensions.* come from the shared framework (pinning them is pruned, NU1510).
        await BuildAppAsync("web-app", "Microsoft.NET.Sdk.Web", string.Empty,
            ["BookMeAtOz.AspNetCore", "BookMeAtOz.PostgreSql", "BookMeAtOz.MailKit"], """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddBookMeAtOz().WithPostgres("Host=localhost;Username=app;Database=bookings").WithSmtp().WithAspNetCore();
            var app = builder.Build();
            app.Run();
            """);

        async Task BuildAppAsync(string name, string sdk, string extra, string[] packages, string program)
        {
            var app = Directory.CreateDirectory(Path.Combine(_work, name)).FullName;
            await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), NuGetConfig(feed));
            var references = string.Join(Environment.NewLine, packages.Select(p => $"""    <PackageReference Include="{p}" Version="{_version}" />"""));
            // NU1603 only: this machine's package source lacks some exact versions that nuget.org has (Microsoft.OpenApi 2.0.0).
            await File.WriteAllTextAsync(Path.Combine(app, name + ".csproj"), $"""
                <Project Sdk="{sdk}">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <NoWarn>$(NoWarn);NU1603</NoWarn>
                  </PropertyGroup>
                  <ItemGroup>
                    {extra}
                {references}
                  </ItemGroup>
                </Project>
                """);
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), program);
            var (code, output) = await Processes.RunAsync("dotnet", ["build", "--nologo", "-c", "Release"], app, environment);
            Assert.True(code == 0, output);
            using var assets = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(app, "obj", "project.assets.json")));
            var libraries = assets.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name.Split('/')[0]).ToList();
            Assert.DoesNotContain(libraries, l => l is "Refit" or "BookMeAtOz.Client" or "Microsoft.AspNetCore.SignalR.Client");
        }
    }

    private Dictionary<string, string> Dependencies(string feed, string id) =>
        Nuspec(Path.Combine(feed, $"{id}.{_version}.nupkg"))
            .Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);

    /// <summary>The local feed on top of the machine's default source (inherited, not cleared), and the machine's package cache as a read-only fallback so nothing already there is fetched again.</summary>
    private static string NuGetConfig(string feed)
    {
        var machineCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="bookmeatoz-local" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machineCache}" />
              </fallbackPackageFolders>
            </configuration>
            """;
    }

    private static void AssertPackage(string path, string id)
    {
        var entries = Entries(path);
        Assert.Contains("README.md", entries);
        Assert.Contains($"lib/net10.0/{id}.dll", entries);
        Assert.Contains($"lib/net10.0/{id}.xml", entries);
        var metadata = Nuspec(path).Descendants().First(e => e.Name.LocalName == "metadata");
        string? Field(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        Assert.Equal(id, Field("id"));
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Field("description")));
        Assert.NotNull(metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "repository"));
    }

    private static List<string> Entries(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    private static XDocument Nuspec(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }
}
