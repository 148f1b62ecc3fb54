using System.Collections.Concurrent;
using System.Net;

namespace BookMeAtOz.Client.Tests.Support;

/// <summary>One request as it went on the wire, and what came back (null: no answer reached the client).</summary>
public sealed record WireCall(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, HttpStatusCode? Status)
{
    public string Path => Uri.AbsolutePath;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// Records every request, and lets a test replace the answer of chosen requests: for example drop the answer
/// after the server acted on the request, as a connection reset would.
/// </summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<WireCall> _calls = new();

    /// <summary>Decides per request what happens after the server answered; return null to pass the answer on.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage, int, Exception?>? Fault { get; set; }

    /// <summary>When set, answers instead of the server (the request never leaves the process).</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?>? Stub { get; set; }

    public IReadOnlyList<WireCall> Calls => [.. _calls];

    public IReadOnlyList<WireCall> CallsTo(HttpMethod method, string pathSuffix) =>
        [.. Calls.Where(c => c.Method == method && c.Path.EndsWith(pathSuffix, StringComparison.Ordinal))];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var response = Stub?.Invoke(request) ?? await base.SendAsync(request, cancellationToken);
        var attempt = _calls.Count(c => c.Method == request.Method && c.Uri == request.RequestUri) + 1;
        var fault = Fault?.Invoke(request, response, attempt);
        _calls.Enqueue(new WireCall(request.Method, request.RequestUri!, headers, fault is null ? response.StatusCode : null));
        if (fault is not null)
        {
            response.Dispose();
            throw fault;
        }

        return response;
    }
}
