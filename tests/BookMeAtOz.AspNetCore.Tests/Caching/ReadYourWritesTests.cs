using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Caching;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Auth;
using BookMeAtOz.Changes;
using BookMeAtOz.Contracts;
using BookMeAtOz.Persistence;
using BookMeAtOz.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.AspNetCore.Tests.Caching;

/// <summary>
/// The host on PostgreSQL (its changes are relayed in the background, as in production), with the catalog cache and the
/// security-stamp check reading through stores that a test can pause between the read and the hand-over to the cache.
/// </summary>
public sealed class GatedReadsFactory : PostgresApiFactory
{
    public StoreGate Gate { get; } = new();

    /// <summary>The changes the relay delivered, in the place of a client told of them (after the host's own handlers).</summary>
    public RelayedChanges Relayed { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<CatalogCache>(sp, Gate.Wrap(sp.GetRequiredService<IBookingStore>())));
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SecurityStampValidator>(sp, Gate.Wrap(sp.GetRequiredService<IUserStore>())));
            services.AddSingleton<IChangeSubscriber>(Relayed);
        });
    }
}

/// <summary>What the relay delivered; it runs after the host's handlers, so the cache has dropped what a change made stale.</summary>
public sealed class RelayedChanges : IChangeSubscriber
{
    private readonly ConcurrentQueue<ChangeEvent> _changes = new();

    public Task HandleAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            _changes.Enqueue(change);
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits (generous deadline) until a change that <paramref name="match"/> accepts has been delivered.</summary>
    public async Task WaitAsync(Func<ChangeEvent, bool> match)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (!_changes.Any(match))
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "The change was not relayed within 30 s.");
            await Task.Delay(10);
        }
    }
}

/// <summary>Pauses one read of a store, after the store answered and before the caller gets the answer.</summary>
public sealed class StoreGate
{
    private static readonly MethodInfo DelayResult = typeof(StoreGate).GetMethod(nameof(DelayAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private Paused? _armed;

    /// <summary>The next call of <paramref name="method"/> whose arguments include <paramref name="id"/> pauses once it has read.</summary>
    public Paused Arm(string method, Guid id) => _armed = new Paused(method, id);

    public T Wrap<T>(T inner)
        where T : class
    {
        var proxy = DispatchProxy.Create<T, GatedProxy<T>>();
        ((GatedProxy<T>)(object)proxy).Init(inner, this);
        return proxy;
    }

    private object? Intercept(MethodInfo method, object? result, object?[]? args)
    {
        var armed = _armed;
        if (armed is null || method.Name != armed.Method || args?.Contains(armed.Id) != true || Interlocked.CompareExchange(ref _armed, null, armed) != armed)
        {
            return result;
        }

        var type = method.ReturnType.GetGenericArguments().Single();
        return DelayResult.MakeGenericMethod(type).Invoke(null, [result, armed]);
    }

    private static async Task<T> DelayAsync<T>(Task<T> read, Paused paused)
    {
        var value = await read;
        paused.Loaded.TrySetResult();
        await paused.Released.Task;
        return value;
    }

    public sealed class Paused(string method, Guid id)
    {
        public string Method { get; } = method;

        public Guid Id { get; } = id;

        /// <summary>Set once the paused read has its (now old) answer.</summary>
        public TaskCompletionSource Loaded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.TrySetResult();
    }

#pragma warning disable CA1852 // DispatchProxy derives its proxy type from this class at run time.
    public class GatedProxy<T> : DispatchProxy
#pragma warning restore CA1852
        where T : class
    {
        private T _inner = null!;
        private StoreGate _gate = null!;

        internal void Init(T inner, StoreGate gate) => (_inner, _gate) = (inner, gate);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            object? result;
            try
            {
                result = targetMethod!.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }

            return _gate.Intercept(targetMethod, result, args);
        }
    }
}

/// <summary>
/// Read-your-writes: a read of a cached entity that loaded the old value and hands it to the cache only after a write
/// committed (and dropped the entry) must not make the writer's next request, or any later one, read the old value.
/// Each test pauses such a read in the middle, makes the write, starts the writer's next request while the old read is
/// still under way (HybridCache would let it join that read), waits (where it can) until the change is relayed and
/// clients are told, then lets the old read finish: neither the writer's next request nor a later one reads the old value.
/// </summary>
public sealed class ReadYourWritesTests(GatedReadsFactory factory) : IClassFixture<GatedReadsFactory>
{
    [ServerFact]
    public async Task ServiceList_ReadUnderWayWhenAServiceIsDeactivated_IsNeverServedAfterwards()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();
        var service = await t.AddServiceAsync([staff.Id]);

        await RaceAsync(nameof(IBookingStore.ListServicesAsync), t.Tenant.Id, CacheKeys.Services(t.Tenant.Id),
            read: () => t.Anonymous.GetAsync("/api/v1/services"),
            write: async () => (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { active = false })).EnsureSuccessStatusCode(),
            assertFresh: async response => Assert.Empty((await response.ReadAsync<ItemsResponse<ServiceResponse>>()).Items));
    }

    [ServerFact]
    public async Task Service_ReadUnderWayWhenItIsRenamed_IsNeverServedAfterwards()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();
        var service = await t.AddServiceAsync([staff.Id]);

        await RaceAsync(nameof(IBookingStore.FindServiceAsync), service.Id, CacheKeys.Service(t.Tenant.Id, service.Id),
            read: () => t.Anonymous.GetAsync($"/api/v1/services/{service.Id}"),
            write: async () => (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { name = "Renamed" })).EnsureSuccessStatusCode(),
            assertFresh: async response => Assert.Equal("Renamed", (await response.ReadAsync<ServiceResponse>()).Name),
            relayed: c => c.Type == ChangeTypes.ServiceUpdated && c.ServiceId == service.Id);
    }

    [ServerFact]
    public async Task StaffList_ReadUnderWayWhenAMemberIsRenamed_IsNeverServedAfterwards()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();

        await RaceAsync(nameof(IBookingStore.ListStaffAsync), t.Tenant.Id, CacheKeys.StaffList(t.Tenant.Id),
            read: () => t.Anonymous.GetAsync("/api/v1/staff"),
            write: async () => (await t.Owner.PatchJsonAsync($"/api/v1/staff/{staff.Id}", new { name = "Renamed" })).EnsureSuccessStatusCode(),
            assertFresh: async response => Assert.Equal("Renamed", Assert.Single((await response.ReadAsync<ItemsResponse<StaffResponse>>()).Items).Name),
            relayed: c => c.Type == ChangeTypes.StaffUpdated && c.StaffId == staff.Id);
    }

    [ServerFact]
    public async Task StaffMember_ReadUnderWayWhenRenamed_IsNeverServedAfterwards()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();

        await RaceAsync(nameof(IBookingStore.FindStaffAsync), staff.Id, CacheKeys.Staff(t.Tenant.Id, staff.Id),
            read: () => t.Anonymous.GetAsync($"/api/v1/staff/{staff.Id}"),
            write: async () => (await t.Owner.PatchJsonAsync($"/api/v1/staff/{staff.Id}", new { name = "Renamed" })).EnsureSuccessStatusCode(),
            assertFresh: async response => Assert.Equal("Renamed", (await response.ReadAsync<StaffResponse>()).Name),
            relayed: c => c.Type == ChangeTypes.StaffUpdated && c.StaffId == staff.Id);
    }

    [ServerFact]
    public async Task Schedule_ReadUnderWayWhenItIsReplaced_IsNeverServedAfterwards()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();
        IntervalDto[] day = [new("10:00", "12:00")];
        var schedule = new ScheduleDto(new WeeklyHoursDto(day, day, day, day, day, day, day), []);

        await RaceAsync(nameof(IBookingStore.GetScheduleAsync), staff.Id, CacheKeys.Schedule(t.Tenant.Id, staff.Id),
            read: () => t.Owner.GetAsync($"/api/v1/staff/{staff.Id}/schedule"),
            write: async () => (await t.Owner.PutJsonAsync($"/api/v1/staff/{staff.Id}/schedule", schedule)).EnsureSuccessStatusCode(),
            assertFresh: async response => Assert.Equal("10:00", Assert.Single((await response.ReadAsync<ScheduleDto>()).Weekly!.Monday!).Start),
            relayed: c => c.Type == ChangeTypes.ScheduleChanged && c.StaffId == staff.Id);
    }

    [ServerFact]
    public async Task Tenant_ReadUnderWayWhenItsPolicyChanges_IsNeverServedAfterwards()
    {
        var t = await TestTenant.CreateAsync(factory);
        var tenants = factory.Services.GetRequiredService<TenantAdministration>();

        // Every request resolves the tenant through the paused entry, so the write goes straight to the service.
        await RaceAsync(nameof(IBookingStore.FindTenantAsync), t.Tenant.Id, CacheKeys.Tenant(t.Tenant.Id),
            read: () => t.Anonymous.GetAsync("/api/v1/tenant"),
            write: async () =>
            {
                var tenant = await tenants.GetAsync(t.Tenant.Id, CancellationToken.None);
                await tenants.UpdateAsync(tenant with { Name = "Renamed", Policy = tenant.Policy with { MinNoticeMinutes = 123 } }, CancellationToken.None);
            },
            assertFresh: async response =>
            {
                var tenant = await response.ReadAsync<TenantResponse>();
                Assert.Equal(("Renamed", 123), (tenant.Name, tenant.Policy.MinNoticeMinutes));
            });
    }

    [ServerFact]
    public async Task UserStamp_ReadUnderWayWhenTheUserIsRemoved_NeverLetsTheOldTokenIn()
    {
        var t = await TestTenant.CreateAsync(factory);
        var email = $"admin-{Guid.NewGuid():N}@example.com";
        var user = await (await t.Owner.PostJsonAsync("/api/v1/users", new CreateUserRequest("Admin", email, TestTenant.Password, "admin", null)))
            .ReadAsync<UserResponse>(HttpStatusCode.Created);
        var auth = await (await t.Anonymous.PostJsonAsync("/api/v1/auth/token", new TokenRequest(email, TestTenant.Password))).ReadAsync<AuthResponse>();
        var admin = factory.Client(t.Slug, auth.AccessToken);

        await RaceAsync(nameof(IUserStore.FindUserAsync), user.Id, CacheKeys.User(t.Tenant.Id, user.Id),
            read: () => admin.GetAsync("/api/v1/users"),
            write: async () => Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/users/{user.Id}")).StatusCode),
            assertFresh: response =>
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                return Task.CompletedTask;
            },
            relayed: c => c.Type == ChangeTypes.UserChanged && c.UserId == user.Id);
    }

    private async Task RaceAsync(
        string method, Guid id, string key, Func<Task<HttpResponseMessage>> read, Func<Task> write, Func<HttpResponseMessage, Task> assertFresh,
        Func<ChangeEvent, bool>? relayed = null)
    {
        // A read that loads the key and pauses. Nothing is kept for the key, so that the read loads it; if the read
        // still finds it (a background read, such as the relay's, stored it meanwhile), try again.
        var cache = factory.Services.GetRequiredKeyedService<HybridCache>(BookMeAtOzServiceKeys.Cache);
        StoreGate.Paused paused;
        Task<HttpResponseMessage> oldRead;
        var attempts = 0;
        do
        {
            Assert.True(++attempts <= 20, "The read never loaded the key.");
            paused = factory.Gate.Arm(method, id);
            await cache.RemoveAsync(key);
            await cache.RemoveAsync(key + "#stamped");
            oldRead = read();
            await Task.WhenAny(paused.Loaded.Task, oldRead).WaitAsync(TimeSpan.FromSeconds(30));
        }
        while (!paused.Loaded.Task.IsCompleted);

        await write();

        // The writer's next request, while the old read is still under way; then the old read hands over its answer.
        var next = read();
        if (relayed is not null)
        {
            // Where the relay does not itself read the paused entry, the old read hands over its answer only after the
            // relay dropped the entries once more and clients were told (the order that let the CI run read stale).
            await factory.Relayed.WaitAsync(relayed);
        }

        paused.Release();
        await oldRead; // concurrent with the write: either answer is right
        await assertFresh(await next);

        // And no later request reads what the old read loaded.
        await assertFresh(await read());
    }
}
