using System.Net;
using System.Reflection;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;
using BookMeAtOz.Persistence;
using BookMeAtOz.Persistence.InMemory;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.AspNetCore.Tests.Errors;

/// <summary>A store that fails on demand: unreachable (503 with Retry-After) or broken (500 without details).</summary>
public sealed class FaultyStoreFactory : ApiFactory
{
    public Func<MethodInfo, Exception?> Fault { get; set; } = _ => null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IBookingStore>(sp =>
        {
            var store = DispatchProxy.Create<IBookingStore, FaultyStore>();
            ((FaultyStore)(object)store).Init(new InMemoryBookingStore(TimeProvider.System, sp.GetRequiredService<BookMeAtOz.Auth.IUserStore>()), this);
            return store;
        }));
    }

    public class FaultyStore : DispatchProxy
    {
        private IBookingStore _inner = null!;
        private FaultyStoreFactory _factory = null!;

        internal void Init(IBookingStore inner, FaultyStoreFactory factory) => (_inner, _factory) = (inner, factory);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (_factory.Fault(targetMethod!) is { } fault)
            {
                throw fault;
            }

            try
            {
                return targetMethod!.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }
    }
}

public sealed class StoreFailureTests(FaultyStoreFactory factory) : IClassFixture<FaultyStoreFactory>, IDisposable
{
    public void Dispose() => factory.Fault = _ => null;

    [ServerFact]
    public async Task StoreUnreachable_Is503WithRetryAfter()
    {
        // A tenant not resolved before: a known one may be answered from the cache.
        factory.Fault = m => m.Name == nameof(IBookingStore.FindTenantBySlugAsync) ? new StoreUnavailableException("connection refused") : null;

        var response = await factory.Client(TestTenant.NewSlug()).GetAsync("/api/v1/tenant");
        await response.ProblemAsync(HttpStatusCode.ServiceUnavailable, ApiProblemCodes.Unavailable);
        Assert.Equal("5", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.DoesNotContain("connection refused", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [ServerFact]
    public async Task StoreUnreachable_ReadyProbeFailsButLiveDoesNot()
    {
        factory.Fault = m => m.Name == nameof(IBookingStore.FindTenantAsync) ? new StoreUnavailableException("down") : null;
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [ServerFact]
    public async Task UnexpectedFailure_Is500WithoutDetailsOutsideDevelopment()
    {
        var t = await TestTenant.CreateAsync(factory);
        // Bookings are never cached: the store is asked.
        factory.Fault = m => m.Name == nameof(IBookingStore.ListBookingsAsync) ? new InvalidOperationException("secret internals") : null;

        var response = await t.Owner.GetAsync("/api/v1/bookings");
        var problem = await response.ProblemAsync(HttpStatusCode.InternalServerError, "internal_error");
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret internals", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.Equal("An unexpected error occurred.", problem.Detail);
    }
}
