// A minimal receiver of BookMeAtOz webhooks: verifies the signature over the raw body, ignores events it has already
// handled (deliveries are at least once; the event id is the same on every retry), and answers 204 quickly.
//   WEBHOOK_SECRET=whsec_… dotnet run --project samples/BookMeAtOz.WebhookReceiver --urls http://127.0.0.1:5290
using System.Collections.Concurrent;
using System.Text.Json;
using BookMeAtOz.Client.Webhooks;

var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
var secret = app.Configuration["WEBHOOK_SECRET"]
    ?? throw new InvalidOperationException("Set WEBHOOK_SECRET to the subscription's secret (shown once when it was created).");
var seen = new ConcurrentDictionary<Guid, DateTimeOffset>();

app.MapPost("/webhooks/bookmeatoz", async (HttpRequest request) =>
{
    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer);
    var body = buffer.ToArray();
    if (!WebhookSignature.Verify(body, request.Headers["BookMeAtOz-Signature"], secret))
    {
        return Results.Unauthorized();
    }

    using var json = JsonDocument.Parse(body);
    var id = json.RootElement.GetProperty("id").GetGuid();
    var type = json.RootElement.GetProperty("type").GetString();
    if (!seen.TryAdd(id, TimeProvider.System.GetUtcNow()))
    {
        return Results.NoContent(); // a retry of an event already handled
    }

    // Hand the event to your own queue here; answer fast (the sender waits at most 10 s).
    Console.WriteLine($"Event {id} {type}: {json.RootElement.GetProperty("data").GetRawText()}");
    return Results.NoContent();
});

app.Run();
