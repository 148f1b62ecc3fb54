using System.Collections.Concurrent;
using System.Reflection;
using BookMeAtOz.CalDav.Internals;
using BookMeAtOz.Calendars;
using BookMeAtOz.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BookMeAtOz.Core.Tests.Integrations;

/// <summary>
/// The background workers of the integrations cost nothing while there is nothing to do: the CalDAV sync worker without
/// an encryption key makes no store call at all, and it and the webhook dispatcher, with nothing queued, sleep (a timer
/// on the clock, seen here) until the next due time instead of polling the store every few seconds. The stores are the
/// in-memory ones behind a proxy that counts every call; the clock is fake, so nothing here waits on real time.
/// </summary>
public sealed class IdleWorkerTests
{
    private static readonly string Key = Convert.ToBase64String(new byte[32]);

    [Fact]
    public async Task CalDavWorker_WithoutAnEncryptionKey_EndsAtOnce_WithoutAStoreCall()
    {
        await using var run = Run(encryptionKey: null);
        var worker = run.Services.GetServices<IHostedService>().OfType<CalDavSyncWorker>().Single();
        await worker.StartAsync(CancellationToken.None);

        await Until(() => worker.ExecuteTask is { IsCompleted: true }, "the worker ended");
        Assert.Empty(run.SyncCalls);
        Assert.Empty(run.Time.Timers);
    }

    [Fact]
    public async Task CalDavWorker_WithNoConnection_SleepsForMinutes_NotAPoll()
    {
        await using var run = Run(Key);
        var worker = run.Services.GetServices<IHostedService>().OfType<CalDavSyncWorker>().Single();
        await worker.StartAsync(CancellationToken.None);

        var timer = await Until(() => run.Time.Timers.FirstOrDefault(t => t > TimeSpan.Zero), "the worker's sleep");
        Assert.Equal(TimeSpan.FromMinutes(5), timer);
        // One look (claim, health, next due), then nothing until the timer fires or a connection wakes it.
        Assert.Equal(["ClaimDueAsync", "GetHealthAsync", "NextSyncAtAsync"], run.SyncCalls);
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void CalDavWorker_SleepsUntilTheNextConnectionIsDue()
    {
        Assert.Equal(TimeSpan.FromSeconds(40), CalDavSyncWorker.Sleep(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(40)));
        Assert.Equal(CalDavSyncWorker.MaxIdle, CalDavSyncWorker.Sleep(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(2)));
        Assert.Equal(CalDavSyncWorker.MaxIdle, CalDavSyncWorker.Sleep(DateTimeOffset.UnixEpoch, null));
        // Due already: a short pause, never a busy loop.
        Assert.InRange(CalDavSyncWorker.Sleep(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(-3)), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task WebhookDispatcher_WithNothingQueued_SleepsAMinute_NotThePollInterval()
    {
        await using var run = Run(Key);
        var dispatcher = run.Services.GetServices<IHostedService>().OfType<WebhookDispatcher>().Single();
        await dispatcher.StartAsync(CancellationToken.None);

        var timer = await Until(() => run.Time.Timers.FirstOrDefault(t => t > TimeSpan.Zero), "the dispatcher's sleep");
        Assert.Equal(TimeSpan.FromMinutes(1), timer);
        Assert.Equal(["ClaimAsync", "NextAttemptAtAsync"], run.WebhookCalls);
        await dispatcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void WebhookDispatcher_SleepsUntilTheNextRetryIsDue_AtLeastThePollInterval()
    {
        // A retry due in 20 s: it sleeps 20 s; one due within the poll interval: the poll interval.
        var now = DateTimeOffset.UnixEpoch;
        Assert.Equal(TimeSpan.FromSeconds(20), WebhookDispatcher.IdleSleep(now, now.AddSeconds(20), TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(1), WebhookDispatcher.IdleSleep(now, now.AddMilliseconds(300), TimeSpan.FromSeconds(1)));
        Assert.Equal(WebhookDispatcher.MaxIdle, WebhookDispatcher.IdleSleep(now, now.AddHours(1), TimeSpan.FromSeconds(1)));
    }

    private static async Task<T> Until<T>(Func<T?> read, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            if (read() is { } value && !EqualityComparer<T>.Default.Equals(value, default))
            {
                return value;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"Not within 30 s: {what}.");
            await Task.Delay(10);
        }
    }

    private static async Task Until(Func<bool> condition, string what) => await Until(() => condition() ? (bool?)true : null, what);

    private static Harness Run(string? encryptionKey)
    {
        var time = new RecordingTime(new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero)));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddBookMeAtOz().WithInMemoryStore().WithCalDav();
        services.Configure<CalendarSyncOptions>(o => o.EncryptionKey = encryptionKey);
        var syncCalls = new ConcurrentQueue<string>();
        var webhookCalls = new ConcurrentQueue<string>();
        services.Replace(ServiceDescriptor.Singleton(_ => Counting.Wrap<ICalendarSyncStore>(new InMemoryCalendarSyncStore(), syncCalls)));
        services.Replace(ServiceDescriptor.Singleton(_ => Counting.Wrap<IWebhookStore>(new InMemoryWebhookStore(), webhookCalls)));
        return new Harness(services.BuildServiceProvider(), time, syncCalls, webhookCalls);
    }

    private sealed record Harness(ServiceProvider Services, RecordingTime Time, ConcurrentQueue<string> SyncCallQueue, ConcurrentQueue<string> WebhookCallQueue)
        : IAsyncDisposable
    {
        public IReadOnlyList<string> SyncCalls => [.. SyncCallQueue];

        public IReadOnlyList<string> WebhookCalls => [.. WebhookCallQueue];

        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }

    /// <summary>The fake clock, remembering the due time of every timer made on it (Task.Delay and the wake signals' waits make one).</summary>
    private sealed class RecordingTime(FakeTimeProvider inner) : TimeProvider
    {
        private readonly ConcurrentQueue<TimeSpan> _timers = new();

        public IReadOnlyList<TimeSpan> Timers => [.. _timers];

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _timers.Enqueue(dueTime);
            return inner.CreateTimer(callback, state, dueTime, period);
        }
    }

    /// <summary>A proxy that records the name of every call before passing it on.</summary>
    public class Counting : DispatchProxy
    {
        private object _inner = null!;
        private ConcurrentQueue<string> _calls = null!;

        public static T Wrap<T>(T inner, ConcurrentQueue<string> calls)
            where T : class
        {
            var proxy = Create<T, Counting>();
            var counting = (Counting)(object)proxy;
            counting._inner = inner;
            counting._calls = calls;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            _calls.Enqueue(targetMethod.Name);
            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is { } inner)
            {
                throw inner;
            }
        }
    }
}
