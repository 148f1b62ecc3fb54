using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using BookMeAtOz.Client.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BookMeAtOz.AspNetCore.Tests.Support;

/// <summary>One request the receiver got.</summary>
public sealed record ReceivedWebhook(string DeliveryId, string EventType, string Signature, string Body, Guid EventId, string Type, JsonElement Data, int Attempt)
{
    public DateTimeOffset ReceivedAt { get; init; } = TimeProvider.System.GetUtcNow();

    public bool VerifiesWith(string secret) => WebhookSignature.Verify(Body, Signature, secret);
}

/// <summary>
/// A real HTTP receiver on loopback (Kestrel on 127.0.0.1, a port of its own) that records every request and answers as
/// <see cref="Behaviour"/> says: by default 200 at once. It also tracks how many requests for one event are in flight
/// at the same time.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<Guid, int> _inFlight = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private int _maxConcurrentPerEvent;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Decides the answer to a request: its status (after any wait it does itself).</summary>
    public Func<ReceivedWebhook, CancellationToken, Task<int>> Behaviour { get; set; } = (_, _) => Task.FromResult(200);

    public string Url { get; private set; } = "";

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>The most requests for one event id that were being answered at the same time.</summary>
    public int MaxConcurrentPerEvent => Volatile.Read(ref _maxConcurrentPerEvent);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Urls.First();
        receiver.Url = address + "/hook";
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var deliveryId = context.Request.Headers["BookMeAtOz-Delivery"].ToString();
        var attempt = _attempts.AddOrUpdate(deliveryId, 1, (_, n) => n + 1);
        var received = new ReceivedWebhook(
            deliveryId, context.Request.Headers["BookMeAtOz-Event"].ToString(), context.Request.Headers["BookMeAtOz-Signature"].ToString(), body,
            root.GetProperty("id").GetGuid(), root.GetProperty("type").GetString()!, root.GetProperty("data").Clone(), attempt);
        _received.Enqueue(received);
        var concurrent = _inFlight.AddOrUpdate(received.EventId, 1, (_, n) => n + 1);
        InterlockedMax(ref _maxConcurrentPerEvent, concurrent);
        try
        {
            context.Response.StatusCode = await Behaviour(received, context.RequestAborted);
            await context.Response.WriteAsync($"ok {received.Type}", context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The sender went away (a timeout, a shutdown).
        }
        finally
        {
            _inFlight.AddOrUpdate(received.EventId, 0, (_, n) => n - 1);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    /// <summary>Waits (deadline 60 s) until <paramref name="condition"/> holds for what was received; returns it.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (true)
        {
            var received = Received;
            if (condition(received))
            {
                return received;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"Not received within 60 s: {what} (got {received.Count}: {string.Join(", ", received.Select(r => r.Type))}).");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Deadline-bounded waits for the webhook tests.</summary>
public static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, int seconds = 60)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"Not within {seconds} s: {what}.");
            await Task.Delay(25);
        }
    }
}
