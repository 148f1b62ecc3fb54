using System.Net;
using BookMeAtOz.Client.Auth;
using BookMeAtOz.Contracts;
using BookMeAtOz.Client.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.Client.Tests;

/// <summary>An access token the API refuses is refreshed once, and the request sent again.</summary>
[Collection(LoopbackHostTests.Name)]
public sealed class TokenRefreshTests(LoopbackHost host)
{
    [Fact]
    public async Task StaleAccessToken_401_RefreshedOnceAndRequestRepeated()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var auth = await tenant.Api.SignInAsync(new TokenRequest(tenant.OwnerEmail, TestTenant.Password));
        using var session = tenant.NewSession();
        session.Tokens.SetTokens(auth with { AccessToken = "stale-or-expired" });
        AuthResponse? changed = null;
        session.Tokens.TokensChanged += (_, tokens) => changed = tokens;

        var me = await session.Api.GetMeAsync();

        Assert.Equal(tenant.OwnerEmail, me.Email);
        var calls = session.Wire.CallsTo(HttpMethod.Get, "/api/v1/me");
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.OK], calls.Select(c => c.Status));
        Assert.Equal("Bearer stale-or-expired", calls[0].Header("Authorization"));
        Assert.Equal($"Bearer {session.Tokens.Current!.AccessToken}", calls[1].Header("Authorization"));
        Assert.NotEqual(auth.RefreshToken, session.Tokens.Current.RefreshToken);
        Assert.Same(session.Tokens.Current, changed);
    }

    [Fact]
    public async Task RetryAfterTransientFailure_SendsTheTokenCurrentThen()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var first = await tenant.Api.SignInAsync(new TokenRequest(tenant.OwnerEmail, TestTenant.Password));
        var second = await tenant.Api.SignInAsync(new TokenRequest(tenant.OwnerEmail, TestTenant.Password));
        using var session = tenant.NewSession();
        session.Tokens.SetTokens(first);
        var failed = 0;
        session.Wire.Stub = request =>
        {
            if (Interlocked.Increment(ref failed) > 1)
            {
                return null;
            }

            // Meanwhile another request refreshed the tokens; then this attempt fails.
            session.Tokens.SetTokens(second);
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
        };

        await session.Api.GetMeAsync();

        Assert.Equal([$"Bearer {first.AccessToken}", $"Bearer {second.AccessToken}"], session.Wire.Calls.Select(c => c.Header("Authorization")));
    }

    [Fact]
    public async Task ConcurrentRequestsWithStaleToken_RefreshOnlyOnce()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var auth = await tenant.Api.SignInAsync(new TokenRequest(tenant.OwnerEmail, TestTenant.Password));
        var refreshes = new RecordingHandler();
        using var session = new ClientSession(host.BaseAddress, tenant.Slug, services: s =>
            s.AddHttpClient(BookMeAtOzClientServiceCollectionExtensions.AuthHttpClientName).AddHttpMessageHandler(() => refreshes));
        session.Tokens.SetTokens(auth with { AccessToken = "stale" });

        var users = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => session.Api.GetMeAsync()));

        Assert.All(users, u => Assert.Equal(tenant.OwnerEmail, u.Email));
        // A refresh token works once: a second refresh would have failed and signed the client out.
        Assert.Single(refreshes.CallsTo(HttpMethod.Post, "/api/v1/auth/refresh"));
    }

    [Fact]
    public async Task RefreshTokenRefused_401Stands_AndStoreIsCleared()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var auth = await tenant.Api.SignInAsync(new TokenRequest(tenant.OwnerEmail, TestTenant.Password));
        await tenant.Api.RefreshTokenAsync(new RefreshRequest(auth.RefreshToken)); // spends it
        using var session = tenant.NewSession();
        session.Tokens.SetTokens(auth with { AccessToken = "stale" });

        var error = await Assert.ThrowsAsync<BookMeAtOzApiException>(() => session.Api.GetMeAsync());

        Assert.Equal((401, ApiProblemCodes.Unauthorized), (error.Status, error.Code));
        Assert.Null(session.Tokens.Current);
        Assert.Single(session.Wire.CallsTo(HttpMethod.Get, "/api/v1/me"));
    }

    [Fact]
    public async Task TokenSourceKeepsGivingBadTokens_RefreshedExactlyOnce()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var source = new CountingTokenSource();
        using var session = tenant.NewSession(o => o.TokenSource = _ => source);

        var error = await Assert.ThrowsAsync<BookMeAtOzApiException>(() => session.Api.ListBookingsAsync());

        Assert.Equal(401, error.Status);
        Assert.Equal(1, source.Refreshes);
        Assert.Equal(["Bearer bad-0", "Bearer bad-1"], session.Wire.Calls.Select(c => c.Header("Authorization")));
    }

    [Fact]
    public async Task SignInWithWrongPassword_401_DoesNotRefresh()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var source = new CountingTokenSource();
        using var session = tenant.NewSession(o => o.TokenSource = _ => source);

        var error = await Assert.ThrowsAsync<BookMeAtOzApiException>(() =>
            session.Api.SignInAsync(new TokenRequest(tenant.OwnerEmail, "wrong password")));

        Assert.Equal((401, ApiProblemCodes.Unauthorized), (error.Status, error.Code));
        Assert.Equal(0, source.Refreshes);
        Assert.Null(Assert.Single(session.Wire.Calls).Header("Authorization"));
    }

    [Fact]
    public async Task NoTokens_RequestsAreAnonymous()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        using var session = tenant.NewSession();

        var error = await Assert.ThrowsAsync<BookMeAtOzApiException>(() => session.Api.GetMeAsync());

        Assert.Equal(401, error.Status);
        Assert.Null(Assert.Single(session.Wire.Calls).Header("Authorization"));
    }

    private sealed class CountingTokenSource : IBookMeAtOzTokenSource
    {
        private int _refreshes;

        public int Refreshes => _refreshes;

        public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>($"bad-{_refreshes}");

        public ValueTask<string?> RefreshAccessTokenAsync(string rejectedAccessToken, CancellationToken cancellationToken) =>
            ValueTask.FromResult<string?>($"bad-{Interlocked.Increment(ref _refreshes)}");
    }
}
