using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Auth;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BookMeAtOz.AspNetCore.Tests.Auth;

/// <summary>
/// A host that hashes one password at a time with none waiting, and whose hasher can be held mid-hash: what a flood of
/// sign-ins looks like to the process, without needing the flood.
/// </summary>
public sealed class OneHashAtATimeApiFactory : ApiFactory
{
    public HoldingPasswordHasher Hasher { get; } = new();

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["BookMeAtOz:RateLimiting:PasswordHashing:MaxConcurrent"] = "1";
            settings["BookMeAtOz:RateLimiting:PasswordHashing:MaxQueued"] = "0";
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<User>>(Hasher)));
    }
}

/// <summary>The real hasher (cheap settings), which blocks inside a verification while <see cref="Hold"/> is armed.</summary>
public sealed class HoldingPasswordHasher : IPasswordHasher<User>
{
    private readonly PasswordHasher<User> _inner = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 1000 }));
    private volatile TaskCompletionSource? _armed;
    private TaskCompletionSource _release = new();

    /// <summary>Completes when a verification is inside the hasher, held.</summary>
    public TaskCompletionSource Entered { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Hold()
    {
        Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _armed = _release;
    }

    public void Release() => _release.TrySetResult();

    public string HashPassword(User user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        if (Interlocked.Exchange(ref _armed, null) is { } release)
        {
            Entered.TrySetResult();
            release.Task.Wait(TimeSpan.FromMinutes(1));
        }

        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class PasswordHashingLimitTests(OneHashAtATimeApiFactory factory) : IClassFixture<OneHashAtATimeApiFactory>
{
    [ServerFact]
    public async Task SignIn_BeyondTheHashingLimit_Is429BeforeHashing_AndTheRestOfTheApiStillAnswers()
    {
        var t = await TestTenant.CreateAsync(factory);
        factory.Hasher.Hold();
        var first = t.Anonymous.PostJsonAsync("/api/v1/auth/token", new TokenRequest($"owner@{t.Slug}.example", TestTenant.Password));
        await factory.Hasher.Entered.Task.WaitAsync(TimeSpan.FromMinutes(1));

        // The only hashing slot is taken and none may wait: refused at once, whatever the password.
        var refused = await t.Anonymous.PostJsonAsync("/api/v1/auth/token", new TokenRequest($"owner@{t.Slug}.example", "another guess 123"));
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests, ApiProblemCodes.RateLimited);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await t.Anonymous.GetAsync("/api/v1/tenant")).StatusCode);

        factory.Hasher.Release();
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await t.Anonymous.PostJsonAsync("/api/v1/auth/token", new TokenRequest($"owner@{t.Slug}.example", TestTenant.Password))).StatusCode);
    }
}
