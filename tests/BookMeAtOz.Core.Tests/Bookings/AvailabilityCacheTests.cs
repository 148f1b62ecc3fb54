using System.Diagnostics.Metrics;
using System.Reflection;
using BookMeAtOz.Bookings;
using BookMeAtOz.Catalog;
using BookMeAtOz.Changes;
using BookMeAtOz.Persistence;
using BookMeAtOz.Persistence.InMemory;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BookMeAtOz.Tests.Bookings;

public sealed class AvailabilityCacheTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset From = TestData.At(0);
    private static readonly DateTimeOffset To = TestData.At(0, day: 3);
    private readonly FakeTimeProvider _clock = new(TestData.Now);
    private int _loads;

    private AvailabilityCache Cache(TimeSpan expiration) =>
        new(Options.Create(new AvailabilityCacheOptions { Expiration = expiration }), _clock);

    private Task<IReadOnlyList<StaffAvailability>> Load(CancellationToken ct)
    {
        Interlocked.Increment(ref _loads);
        return Task.FromResult<IReadOnlyList<StaffAvailability>>([]);
    }

    [Fact]
    public async Task SameTenantStaffAndRange_ReadsOnceUntilItExpires()
    {
        var cache = Cache(TimeSpan.FromSeconds(10));
        var tenant = Guid.NewGuid();
        Guid[] staff = [Guid.NewGuid(), Guid.NewGuid()];

        var first = await cache.GetOrLoadAsync(tenant, staff, From, To, Load, Ct);
        var second = await cache.GetOrLoadAsync(tenant, staff, From, To, Load, Ct);
        Assert.Same(first, second);
        Assert.Equal(1, _loads);

        await cache.GetOrLoadAsync(tenant, staff, From, To.AddDays(1), Load, Ct);  // another range
        await cache.GetOrLoadAsync(tenant, [staff[0]], From, To, Load, Ct);         // other staff
        await cache.GetOrLoadAsync(Guid.NewGuid(), staff, From, To, Load, Ct);      // another tenant
        Assert.Equal(4, _loads);

        _clock.Advance(TimeSpan.FromSeconds(10));
        await cache.GetOrLoadAsync(tenant, staff, From, To, Load, Ct);
        Assert.Equal(5, _loads);
    }

    [Fact]
    public async Task Reads_AreCountedBySource()
    {
        var cache = Cache(TimeSpan.FromSeconds(10));
        var tenant = Guid.NewGuid();
        var counted = new List<string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == BookMeAtOzDiagnostics.Name && instrument.Name == "bookmeatoz.availability.reads")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                // Other tests' caches count too: only reads made from this test's flow (callbacks run inside Add).
                if (tag.Key == "source" && Measuring.Value)
                {
                    lock (counted)
                    {
                        counted.Add(tag.Value as string);
                    }
                }
            }
        });
        listener.Start();

        Measuring.Value = true;
        await Cache(TimeSpan.Zero).GetOrLoadAsync(tenant, [Guid.NewGuid()], From, To, Load, Ct);
        var staff = new[] { Guid.NewGuid() };
        await cache.GetOrLoadAsync(tenant, staff, From, To, Load, Ct);
        await cache.GetOrLoadAsync(tenant, staff, From, To, Load, Ct);
        Measuring.Value = false;

        Assert.Equal(["store", "store", "cache"], counted);
    }

    private static readonly AsyncLocal<bool> Measuring = new();

    [Fact]
    public async Task AnyChangeOfTheTenant_DropsItsAnswersOnly()
    {
        var cache = Cache(TimeSpan.FromMinutes(1));
        var (tenant, other) = (Guid.NewGuid(), Guid.NewGuid());
        Guid[] staff = [Guid.NewGuid()];
        await cache.GetOrLoadAsync(tenant, staff, From, To, Load, Ct);
        await cache.GetOrLoadAsync(other, staff, From, To, Load, Ct);

        await cache.OnWrittenAsync([new ChangeEvent(tenant, ChangeTypes.ServiceUpdated)], Ct);
        await cache.GetOrLoadAsync(tenant, staff, From, To, Load, Ct);
        await cache.GetOrLoadAsync(other, staff, From, To, Load, Ct);
        Assert.Equal(3, _loads);

        // Right after a change, answers are read but not kept (a standby may not have replayed it yet); then they are.
        await cache.GetOrLoadAsync(tenant, staff, From, To, Load, Ct);
        Assert.Equal(4, _loads);
        _clock.Advance(AvailabilityCache.SettleTime);
        await cache.GetOrLoadAsync(tenant, staff, From, To, Load, Ct);
        await cache.GetOrLoadAsync(tenant, staff, From, To, Load, Ct);
        Assert.Equal(5, _loads);

        await cache.HandleAsync([new ChangeEvent(tenant, ChangeTypes.BookingCreated)], Ct);
        await cache.GetOrLoadAsync(tenant, staff, From, To, Load, Ct);
        Assert.Equal(6, _loads);

        cache.Clear();
        await cache.GetOrLoadAsync(other, staff, From, To, Load, Ct);
        await cache.GetOrLoadAsync(other, staff, From, To, Load, Ct); // as after a change: not kept at once
        Assert.Equal(8, _loads);
        _clock.Advance(AvailabilityCache.SettleTime);
        await cache.GetOrLoadAsync(other, staff, From, To, Load, Ct);
        await cache.GetOrLoadAsync(other, staff, From, To, Load, Ct);
        Assert.Equal(9, _loads);
    }

    [Fact]
    public async Task AReadUnderWayWhenTheTenantChanges_DoesNotKeepItsAnswer()
    {
        var cache = Cache(TimeSpan.FromMinutes(1));
        var tenant = Guid.NewGuid();
        Guid[] staff = [Guid.NewGuid()];
        var release = new TaskCompletionSource<IReadOnlyList<StaffAvailability>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var slow = cache.GetOrLoadAsync(tenant, staff, From, To, _ => { started.SetResult(); return release.Task; }, Ct);
        await started.Task;
        cache.Invalidate(tenant); // a change commits while the read is out
        _clock.Advance(AvailabilityCache.SettleTime);
        release.SetResult([]);
        await slow;

        await cache.GetOrLoadAsync(tenant, staff, From, To, Load, Ct);
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task ZeroExpiry_NeverKeepsAnything()
    {
        var cache = Cache(TimeSpan.Zero);
        Assert.False(cache.Enabled);
        for (var i = 0; i < 3; i++)
        {
            await cache.GetOrLoadAsync(Guid.NewGuid(), [Guid.NewGuid()], From, To, Load, Ct);
        }

        Assert.Equal(3, _loads);
    }

    [Fact]
    public async Task ManyRanges_KeepsAtMostTheLimitPerTenant()
    {
        var cache = Cache(TimeSpan.FromMinutes(1));
        var tenant = Guid.NewGuid();
        Guid[] staff = [Guid.NewGuid()];
        for (var i = 0; i <= AvailabilityCache.MaxEntriesPerTenant; i++)
        {
            await cache.GetOrLoadAsync(tenant, staff, From.AddMinutes(i), To, Load, Ct);
        }

        _loads = 0;
        await cache.GetOrLoadAsync(tenant, staff, From, To, Load, Ct);
        await cache.GetOrLoadAsync(tenant, staff, From.AddMinutes(AvailabilityCache.MaxEntriesPerTenant), To, Load, Ct);
        Assert.Equal(1, _loads); // the first was kept, the one past the limit was not
    }

    /// <summary>
    /// Through the services as a host wires them: a second identical listing does not read the store, and every kind of
    /// change shows in the very next listing.
    /// </summary>
    [Fact]
    public async Task Listings_ReuseStoreAnswers_AndSeeEveryChangeAtOnce()
    {
        var counting = CountingStore.Wrap(new InMemoryBookingStore(_clock));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(counting.Store);
        services.AddBookMeAtOz();
        services.Configure<AvailabilityCacheOptions>(s => s.Expiration = TimeSpan.FromMinutes(1));
        await using var provider = services.BuildServiceProvider();
        var bookings = provider.GetRequiredService<BookingService>();
        var catalog = provider.GetRequiredService<CatalogService>();
        var store = provider.GetRequiredService<IBookingStore>();

        var tenant = TestData.Tenant();
        await store.CreateTenantAsync(tenant, Ct);
        var staff = TestData.Staff(tenant);
        await store.CreateStaffAsync(staff, Ct);
        await store.SetScheduleAsync(tenant.Id, staff.Id, TestData.NineToFive(), Ct);
        var service = TestData.Service(tenant, [staff.Id]);
        await store.CreateServiceAsync(service, Ct);
        var day = DateOnly.FromDateTime(TestData.At(9).DateTime);
        async Task<IReadOnlyList<DateTimeOffset>> StartsAsync() =>
            [.. (await bookings.GetAvailabilityAsync(tenant.Id, new AvailabilityQuery(service.Id, day, day), Ct)).ToSlots().Select(s => s.Start)];

        _clock.Advance(AvailabilityCache.SettleTime);
        Assert.Contains(TestData.At(10), await StartsAsync());
        Assert.Contains(TestData.At(10), await StartsAsync());
        Assert.Equal(1, counting.Loads);

        // A booking, its cancellation, time off, hours, the service, the staff member: each shows at once.
        var made = await bookings.CreateBookingAsync(tenant.Id, new CreateBookingRequest(service.Id, TestData.At(10), staff.Id, TestData.Customer(), null), null, Ct);
        Assert.DoesNotContain(TestData.At(10), await StartsAsync());
        await bookings.CancelBookingAsync(tenant.Id, made.Booking!.Id, null, BookingActor.Business, Ct);
        Assert.Contains(TestData.At(10), await StartsAsync());
        await catalog.AddTimeOffAsync(new TimeOff(Guid.NewGuid(), tenant.Id, staff.Id, TestData.At(12), TestData.At(13), null), Ct);
        Assert.DoesNotContain(TestData.At(12), await StartsAsync());
        await catalog.SetScheduleAsync(tenant.Id, staff.Id, StaffSchedule.WeeklyOn(Enum.GetValues<DayOfWeek>(), WorkInterval.Parse("14:00", "17:00")), Ct);
        Assert.Equal(TestData.At(14), (await StartsAsync())[0]);
        await catalog.UpdateServiceAsync(service with { DurationMinutes = 30 }, Ct);
        Assert.Contains(TestData.At(14, 30), await StartsAsync());
        await catalog.UpdateStaffAsync(staff with { Active = false }, Ct);
        Assert.Empty(await StartsAsync());
        Assert.Equal(7, counting.Loads);
    }

    /// <summary>An <see cref="IBookingStore"/> that counts listings' availability reads (merged) and passes every call on.</summary>
#pragma warning disable CA1852 // DispatchProxy derives its proxy type from this class at run time.
    private class CountingStore : DispatchProxy
#pragma warning restore CA1852
    {
        private IBookingStore _inner = null!;
        private int _loads;

        public IBookingStore Store => (IBookingStore)(object)this;

        public int Loads => _loads;

        public static CountingStore Wrap(IBookingStore inner)
        {
            var proxy = Create<IBookingStore, CountingStore>();
            var counting = (CountingStore)(object)proxy;
            counting._inner = inner;
            return counting;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IBookingStore.LoadAvailabilityAsync) && args?[5] is BusyDetail.Merged)
            {
                Interlocked.Increment(ref _loads);
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }
    }
}
