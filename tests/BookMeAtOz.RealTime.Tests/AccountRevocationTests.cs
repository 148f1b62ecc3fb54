using System.Diagnostics;
using System.Net;
using BookMeAtOz.Client;
using BookMeAtOz.Contracts;
using BookMeAtOz.RealTime.Tests.Support;

namespace BookMeAtOz.RealTime.Tests;

/// <summary>
/// Security finding #7 across instances: a user's tokens end on every instance at once when the user is demoted,
/// removed or changes their password, although each instance keeps users' security stamps in memory (for 30 seconds):
/// the change reaches the other instance's cache through the change machinery (the Redis channel, then the outbox).
/// </summary>
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
[RequiresEnvironment("BOOKMEATOZ_TEST_REDIS", "Redis")]
public sealed class AccountRevocationTests : IAsyncLifetime
{
    // Far below the 30 s an instance keeps a stamp: only an invalidation, not expiry, can end the token in time.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    private TestDatabase _database = null!;
    private BookingHost _a = null!;
    private BookingHost _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _a = BookingHost.Start(_database, TestServers.Redis);
        _b = BookingHost.Start(_database, TestServers.Redis);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static async Task<AuthResponse> NewAdminAsync(TestTenant tenant, BookingHost host)
    {
        var email = $"admin-{Guid.NewGuid():N}@example.com";
        await tenant.Owner(host).CreateUserAsync(new CreateUserRequest("Ada Admin", email, TestTenant.Password, "admin", null));
        return await tenant.Anonymous(host).SignInAsync(new TokenRequest(email, TestTenant.Password));
    }

    /// <summary>Waits (generously, but well within <see cref="Deadline"/>) until <paramref name="call"/> is refused with 401.</summary>
    private static async Task<TimeSpan> UntilUnauthorizedAsync(Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await call();
            }
            catch (BookMeAtOzApiException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
            {
                Assert.Equal(ApiProblemCodes.Unauthorized, e.Code);
                return Stopwatch.GetElapsedTime(started);
            }

            Assert.True(Stopwatch.GetElapsedTime(started) < Deadline, $"The token still worked {Deadline.TotalSeconds} s after the change.");
            await Task.Delay(10);
        }
    }

    [ServerFact]
    public async Task AdminDemotedOnA_TokenLosesAdminReadsOnB_AtOnce()
    {
        var tenant = await TestTenant.CreateAsync(_a);
        var admin = await NewAdminAsync(tenant, _a);
        var onB = TestTenant.Api(_b, tenant.Slug, admin.AccessToken);
        var onA = TestTenant.Api(_a, tenant.Slug, admin.AccessToken);
        // Both instances now keep the admin's stamp in memory.
        Assert.NotEmpty((await onB.ListUsersAsync()).Items);
        Assert.NotEmpty((await onA.ListUsersAsync()).Items);

        await tenant.Owner(_a).UpdateUserAsync(admin.User.Id, new UpdateUserRequest("staff", tenant.StaffId));

        await UntilUnauthorizedAsync(() => onB.ListUsersAsync());
        await UntilUnauthorizedAsync(() => onA.ListUsersAsync());
        var refresh = await Assert.ThrowsAsync<BookMeAtOzApiException>(() => tenant.Anonymous(_b).RefreshTokenAsync(new RefreshRequest(admin.RefreshToken)));
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [ServerFact]
    public async Task AdminRemovedOnB_TokenStopsWorkingOnA_AtOnce_AndCreatesNoAdmin()
    {
        var tenant = await TestTenant.CreateAsync(_a);
        var admin = await NewAdminAsync(tenant, _a);
        var onA = TestTenant.Api(_a, tenant.Slug, admin.AccessToken);
        Assert.NotEmpty((await onA.ListUsersAsync()).Items);

        await tenant.Owner(_b).DeleteUserAsync(admin.User.Id);

        await UntilUnauthorizedAsync(() => onA.CreateUserAsync(new CreateUserRequest("Sneaky", $"sneaky-{Guid.NewGuid():N}@example.com", TestTenant.Password, "admin", null)));
        Assert.DoesNotContain((await tenant.Owner(_a).ListUsersAsync()).Items, u => u.Name == "Sneaky" || u.Id == admin.User.Id);
        var refresh = await Assert.ThrowsAsync<BookMeAtOzApiException>(() => tenant.Anonymous(_a).RefreshTokenAsync(new RefreshRequest(admin.RefreshToken)));
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [ServerFact]
    public async Task PasswordChangedOnA_OtherSessionEndsOnB_AtOnce()
    {
        var tenant = await TestTenant.CreateAsync(_a);
        var admin = await NewAdminAsync(tenant, _a);
        var otherSession = await tenant.Anonymous(_b).SignInAsync(new TokenRequest(admin.User.Email, TestTenant.Password));
        var onB = TestTenant.Api(_b, tenant.Slug, otherSession.AccessToken);
        await onB.GetMeAsync();

        var fresh = await TestTenant.Api(_a, tenant.Slug, admin.AccessToken).ChangePasswordAsync(new ChangePasswordRequest(TestTenant.Password, "a brand new phrase"));

        await UntilUnauthorizedAsync(() => onB.GetMeAsync());
        Assert.Equal(admin.User.Id, (await TestTenant.Api(_b, tenant.Slug, fresh.AccessToken).GetMeAsync()).Id);
    }
}
