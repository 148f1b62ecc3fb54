using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;

namespace BookMeAtOz.AspNetCore.Tests.Observability;

/// <summary>
/// The first run as a new user makes it (<c>dotnet run</c>: Development, <c>BookMeAtOz:WebApp:Build</c> on), here on a
/// machine without Node.js: the host process says what is missing and how to fix it, in readable log lines, the API
/// works, the booking page address explains itself instead of a 404, and the demo sign-in is a plain line of its own.
/// </summary>
public sealed partial class FirstRunTests
{
    [ServerFact]
    public async Task FirstRun_WithoutNode_ExplainsTheFix_AndTheApiWorks()
    {
        // Web app sources with no build, so the host wants to build them; PATH with neither node nor npm.
        var sources = Directory.CreateTempSubdirectory("bookmeatoz-web-");
        var emptyPath = Directory.CreateTempSubdirectory("bookmeatoz-path-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(sources.FullName, "package.json"), "{\"name\":\"web\",\"private\":true}");
            var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            var info = new ProcessStartInfo(dotnet, [typeof(Program).Assembly.Location])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
                WorkingDirectory = sources.FullName,
            };
            foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("BookMeAtOz__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
            {
                info.Environment.Remove(key);
            }

            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            info.Environment["BookMeAtOz__WebApp__Build"] = "true";
            info.Environment["BookMeAtOz__WebApp__Source"] = sources.FullName;
            info.Environment["PATH"] = emptyPath.FullName;

            var output = new StringBuilder();
            var lines = new List<string>();
            using var process = Process.Start(info)!;
            void Collect(object? _, DataReceivedEventArgs e)
            {
                if (e.Data is null)
                {
                    return;
                }

                lock (lines)
                {
                    lines.Add(e.Data);
                }
            }

            process.OutputDataReceived += Collect;
            process.ErrorDataReceived += Collect;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                string[] Lines()
                {
                    lock (lines)
                    {
                        return [.. lines];
                    }
                }

                async Task<string> WaitForLineAsync(string contains)
                {
                    var deadline = DateTime.UtcNow.AddSeconds(60);
                    while (DateTime.UtcNow < deadline)
                    {
                        if (Lines().FirstOrDefault(l => l.Contains(contains, StringComparison.Ordinal)) is { } found)
                        {
                            return found;
                        }

                        Assert.False(process.HasExited, $"the host exited: {string.Join('\n', Lines())}");
                        await Task.Delay(50);
                    }

                    throw new TimeoutException($"no line with '{contains}' in: {string.Join('\n', Lines())}");
                }

                var listening = await WaitForLineAsync("Now listening on: ");
                var address = ListeningAddress().Match(listening).Groups[1].Value;
                var noNode = await WaitForLineAsync("Node.js and npm were not found");
                var demo = await WaitForLineAsync("Demo sign-in:");

                // Readable lines in Development (no JSON), the fix spelled out, the sign-in as a plain line with the admin address.
                Assert.DoesNotContain(Lines(), l => l.TrimStart().StartsWith('{'));
                Assert.Matches(@"^\d\d:\d\d:\d\d WRN Node\.js and npm were not found on PATH", noNode);
                Assert.Contains("To fix: install Node.js 20.19 or later with npm", noNode, StringComparison.Ordinal);
                Assert.Contains("the API works without it", noNode, StringComparison.Ordinal);
                var port = new Uri(address).Port;
                Assert.Equal($"Demo sign-in: http://demo.localhost:{port}/admin as owner@demo.bookmeatoz.online, password demo-password", demo);

                using var http = new HttpClient { BaseAddress = new Uri(address) };
                // The API works: the demo owner signs in.
                using var signIn = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
                {
                    Content = JsonContent.Create(new Contracts.TokenRequest("owner@demo.bookmeatoz.online", "demo-password")),
                };
                signIn.Headers.Add("X-Tenant", "demo");
                using var token = await http.SendAsync(signIn);
                Assert.Equal(HttpStatusCode.OK, token.StatusCode);

                // A page address says what is wrong and how to fix it, instead of a JSON 404.
                using var page = new HttpRequestMessage(HttpMethod.Get, "/");
                page.Headers.Accept.ParseAdd("text/html");
                using var answer = await http.SendAsync(page);
                Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
                var html = await answer.Content.ReadAsStringAsync();
                Assert.Contains("Node.js and npm were not found", html, StringComparison.Ordinal);
                Assert.Contains("sudo apt install nodejs npm", html, StringComparison.Ordinal);
                Assert.Equal("no-cache", answer.Headers.CacheControl?.ToString());
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            sources.Delete(recursive: true);
            emptyPath.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://[^\s]+)")]
    private static partial Regex ListeningAddress();
}
