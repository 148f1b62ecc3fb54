using BookMeAtOz.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;

namespace BookMeAtOz.AspNetCore.Tests.Observability;

/// <summary>The host refuses to start on bad settings, with one message naming each.</summary>
public sealed class HostStartupTests
{
    private sealed class ConfiguredFactory(string environment, IDictionary<string, string?> settings) : ApiFactory
    {
        protected override IDictionary<string, string?> Settings => settings;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
        }
    }

    /// <summary>Starts the published host as a process, as an operator would, and returns its exit code and standard error.</summary>
    private static async Task<(int ExitCode, string[] Errors)> StartFailsAsync(IDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("BookMeAtOz__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // It started instead of refusing to: stop it, and let the caller's assertions say so.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return (-1, ["the host started and kept running"]);
        }

        await stdout;
        return (process.ExitCode, (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [ServerFact]
    public async Task Start_InProductionWithoutSigningKey_FailsNamingTheSetting()
    {
        var (exitCode, errors) = await StartFailsAsync(new Dictionary<string, string>());
        Assert.Equal(1, exitCode);
        Assert.Equal(
            ["Configuration error: BookMeAtOz__Jwt__SigningKey is required outside Development: set it to a random secret of at least 32 bytes."],
            errors);
    }

    [ServerFact]
    public async Task Start_WithManyBadSettings_ListsEachOnce()
    {
        var (exitCode, errors) = await StartFailsAsync(new Dictionary<string, string>
        {
            ["BookMeAtOz__Jwt__SigningKey"] = "too-short",
            ["BookMeAtOz__RateLimiting__SignIn__PermitLimit"] = "0",
            ["BookMeAtOz__ForwardedHeaders__KnownProxies"] = "not-an-ip",
            ["BookMeAtOz__Tenancy__RootDomains"] = "bad domain!",
            ["BookMeAtOz__ManageTokens__Secret"] = "also-too-short",
        });
        Assert.Equal(1, exitCode);
        Assert.Equal(5, errors.Length);
        Assert.All(errors, e => Assert.StartsWith("Configuration error: BookMeAtOz__", e, StringComparison.Ordinal));
        Assert.Contains(errors, f => f.Contains("BookMeAtOz__Jwt__SigningKey must be at least 32 bytes", StringComparison.Ordinal));
        Assert.Contains(errors, f => f.Contains("BookMeAtOz__RateLimiting__SignIn__PermitLimit", StringComparison.Ordinal));
        Assert.Contains(errors, f => f.Contains("BookMeAtOz__ForwardedHeaders__KnownProxies", StringComparison.Ordinal));
        Assert.Contains(errors, f => f.Contains("BookMeAtOz__Tenancy__RootDomains", StringComparison.Ordinal));
        Assert.Contains(errors, f => f.Contains("BookMeAtOz__ManageTokens__Secret must be at least 32 bytes", StringComparison.Ordinal));
    }

    /// <summary>deploy/.env.example's placeholders and predictable keys stop the start, naming the setting.</summary>
    [ServerTheory]
    [InlineData("CHANGE-ME-openssl-rand-base64-48", "is a placeholder")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "is too predictable")]
    [InlineData("abababababababababababababababababababab", "is too predictable")]
    public async Task Start_WithAPlaceholderOrPredictableSecret_FailsNamingTheSetting(string value, string why)
    {
        var (exitCode, errors) = await StartFailsAsync(new Dictionary<string, string>
        {
            ["BookMeAtOz__Jwt__SigningKey"] = value,
            ["BookMeAtOz__ManageTokens__Secret"] = value,
        });
        Assert.Equal(1, exitCode);
        Assert.Equal(2, errors.Length);
        Assert.Contains(errors, e => e.StartsWith($"Configuration error: BookMeAtOz__Jwt__SigningKey {why}", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"Configuration error: BookMeAtOz__ManageTokens__Secret {why}", StringComparison.Ordinal));
    }

    /// <summary>A booking's manage token follows the manage-token secret when one is set, and the signing key otherwise.</summary>
    [ServerFact]
    public void ManageTokens_FollowTheirOwnSecret_NotTheSigningKey()
    {
        static string TokenFor(string signingKey, string? secret)
        {
            var settings = new Dictionary<string, string?> { ["BookMeAtOz:Jwt:SigningKey"] = signingKey };
            if (secret is not null)
            {
                settings["BookMeAtOz:ManageTokens:Secret"] = secret;
            }

            using var factory = new ConfiguredFactory("Production", settings);
            var issuer = factory.Services.GetRequiredService<BookMeAtOz.Bookings.ManageTokenIssuer>();
            return issuer.Create(Guid.Parse("00000000-0000-0000-0000-000000000001"), Guid.Parse("00000000-0000-0000-0000-000000000002")).Token;
        }

        var (oldKey, newKey, secret) = ("old-7fQ2mZ9xLp4Rt8Kw3Vb6Nc1Hd5Yj0Gs", "new-3Jr8Wq5Zt1Mv9Xb4Lk7Pd2Hf6Cs0Ny", "sec-9Hs2Kd7Vm4Qx1Zr8Lb5Wt3Jc6Pf0Gn");
        // Rotating the signing key keeps e-mail links working when the secret is set…
        Assert.Equal(TokenFor(oldKey, secret), TokenFor(newKey, secret));
        // …and changes them when it is not.
        Assert.NotEqual(TokenFor(oldKey, null), TokenFor(newKey, null));
        Assert.NotEqual(TokenFor(oldKey, secret), TokenFor(oldKey, null));
    }

    [ServerFact]
    public async Task Start_InDevelopmentWithoutSigningKey_WorksAndSeedsDemo()
    {
        using var factory = new ConfiguredFactory("Development", new Dictionary<string, string?> { ["BookMeAtOz:Demo:Seed"] = "true" });
        var client = factory.Client("demo");
        var tenant = await (await client.GetAsync("/api/v1/tenant")).ReadAsync<Contracts.TenantResponse>();
        Assert.Equal("demo", tenant.Slug);
        var auth = await (await client.PostJsonAsync("/api/v1/auth/token", new Contracts.TokenRequest("owner@demo.bookmeatoz.online", "demo-password")))
            .ReadAsync<Contracts.AuthResponse>();
        Assert.Equal("owner", auth.User.Role);
        Assert.Equal(3, (await (await client.GetAsync("/api/v1/services")).ReadAsync<Contracts.ItemsResponse<Contracts.ServiceResponse>>()).Items.Count);
    }
}
