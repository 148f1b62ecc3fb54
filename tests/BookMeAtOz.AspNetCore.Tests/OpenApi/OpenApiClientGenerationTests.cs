using BookMeAtOz.AspNetCore.Tests.Support;
using Xunit.Abstractions;

namespace BookMeAtOz.AspNetCore.Tests.OpenApi;

/// <summary>
/// A mainstream generator takes the document as it is: Kiota (a .NET tool, installed into a temp folder) generates a
/// C# client from the reference host's <c>/openapi/v1.json</c>, and the client builds, with warnings as errors,
/// together with code that uses it the way an app would. Needs NuGet (the tool and Kiota's runtime packages).
/// </summary>
public sealed class OpenApiClientGenerationTests(ApiFactory factory, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private const string KiotaVersion = "1.38.0";
    private const string KiotaRuntimeVersion = "2.1.6";

    private static readonly string[] KiotaRuntimePackages =
    [
        "Microsoft.Kiota.Abstractions",
        "Microsoft.Kiota.Http.HttpClientLibrary",
        "Microsoft.Kiota.Serialization.Form",
        "Microsoft.Kiota.Serialization.Json",
        "Microsoft.Kiota.Serialization.Multipart",
        "Microsoft.Kiota.Serialization.Text",
    ];

    /// <summary>No update check against GitHub and no telemetry: the tool runs with no network but NuGet.</summary>
    private static readonly Dictionary<string, string> KiotaEnvironment = new()
    {
        ["KIOTA_OFFLINE_ENABLED"] = "true",
        ["KIOTA_CLI_TELEMETRY_OPTOUT"] = "true",
        ["KIOTA_TUTORIAL_ENABLED"] = "false",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
    };

    /// <summary>Uses the generated client as an app would: the tenant header, a booking by id with its manage token, the calendar as a stream.</summary>
    private const string Usage = """
        using BookMeAtOz.Generated;
        using BookMeAtOz.Generated.Models;
        using Microsoft.Kiota.Abstractions.Authentication;
        using Microsoft.Kiota.Http.HttpClientLibrary;

        namespace BookMeAtOz.GeneratedClientUsage;

        public static class Usage
        {
            public static async Task<string> GuestFlowAsync(HttpClient http, string tenant, Guid serviceId, Guid bookingId, string manageToken, CancellationToken ct)
            {
                var client = new BookMeAtOzApiClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http));
                TenantResponse? info = await client.Api.V1.Tenant.GetAsync(r => r.Headers.Add("X-Tenant", tenant), ct);
                AvailabilityResponse? slots = await client.Api.V1.Availability.GetAsync(r =>
                {
                    r.Headers.Add("X-Tenant", tenant);
                    r.QueryParameters.ServiceId = serviceId.ToString();
                    r.QueryParameters.From = "2030-05-06";
                    r.QueryParameters.To = "2030-05-07";
                }, ct);
                BookingResponse? booking = await client.Api.V1.Bookings[bookingId].GetAsync(r => r.Headers.Add("X-Manage-Token", manageToken), ct);
                Stream? calendar = await client.Api.V1.Bookings[bookingId].Ics.GetAsync(r => r.Headers.Add("X-Manage-Token", manageToken), ct);
                await client.Api.V1.Bookings[bookingId].Cancel.PostAsync(new CancelBookingRequest(), r => r.Headers.Add("X-Manage-Token", manageToken), ct);
                return $"{info?.Name} {slots?.Slots?.Count} {booking?.Id} {calendar is not null}";
            }
        }
        """;

    [Fact]
    public async Task Kiota_GeneratesACSharpClient_ThatBuilds()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        using var temp = new TempFolder("bookmeatoz-kiota");
        var document = Path.Combine(temp.Path, "openapi.json");
        await File.WriteAllTextAsync(document, await OpenApiTools.GetDocumentAsync(factory), timeout.Token);

        var tools = Path.Combine(temp.Path, "tools");
        var install = await OpenApiTools.RunAsync(
            OpenApiTools.Dotnet, ["tool", "install", "Microsoft.OpenApi.Kiota", "--tool-path", tools, "--version", KiotaVersion],
            temp.Path, TimeSpan.FromMinutes(4), KiotaEnvironment, timeout.Token);
        Assert.True(install.ExitCode == 0, $"dotnet tool install Microsoft.OpenApi.Kiota {KiotaVersion} failed:\n{install.Output}");
        output.WriteLine($"kiota {KiotaVersion} installed in {install.Elapsed.TotalSeconds:F1} s");

        var project = Path.Combine(temp.Path, "client");
        var generate = await OpenApiTools.RunAsync(
            Path.Combine(tools, "kiota"),
            [
                "generate", "--language", "CSharp", "--openapi", document, "--output", Path.Combine(project, "Generated"),
                "--class-name", "BookMeAtOzApiClient", "--namespace-name", "BookMeAtOz.Generated",
                "--exclude-backward-compatible", "--clean-output", "--log-level", "Warning",
            ],
            temp.Path, TimeSpan.FromMinutes(2), KiotaEnvironment, timeout.Token);
        output.WriteLine($"kiota generate: exit {generate.ExitCode} in {generate.Elapsed.TotalSeconds:F1} s\n{generate.StandardOutput}");
        Assert.True(generate.ExitCode == 0, $"kiota generate failed:\n{generate.Output}");
        Assert.True(File.Exists(Path.Combine(project, "Generated", "BookMeAtOzApiClient.cs")), $"kiota wrote no client:\n{generate.Output}");
        // Kiota reports what it could not map as warnings ("… is not supported …"): none may be left.
        Assert.DoesNotContain("warn:", generate.Output, StringComparison.OrdinalIgnoreCase);

        var references = string.Join("\n", KiotaRuntimePackages.Select(p => $"""    <PackageReference Include="{p}" Version="{KiotaRuntimeVersion}" />"""));
        await File.WriteAllTextAsync(Path.Combine(project, "GeneratedClient.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """, timeout.Token);
        await File.WriteAllTextAsync(Path.Combine(project, "Usage.cs"), Usage, timeout.Token);

        var build = await OpenApiTools.RunAsync(
            OpenApiTools.Dotnet, ["build", "-c", "Release", "-nologo", "-v", "q", "-clp:NoSummary;ErrorsOnly"],
            project, TimeSpan.FromMinutes(5), KiotaEnvironment, timeout.Token);
        output.WriteLine($"dotnet build of the generated client: exit {build.ExitCode} in {build.Elapsed.TotalSeconds:F1} s");
        Assert.True(build.ExitCode == 0, $"the generated client does not build:\n{build.Output}");
    }
}
