using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace BookMeAtOz.CalDav.Internals;

/// <summary>
/// The few CalDAV requests the sync needs (RFC 4791, RFC 6578): <c>sync-collection</c> for what changed since a token,
/// <c>calendar-multiget</c> for the changed resources, and conditional <c>PUT</c>/<c>DELETE</c> of booking events.
/// </summary>
internal sealed class CalDavClient(HttpClient http, Uri collection, string username, string password)
{
    private static readonly XNamespace Dav = "DAV:";
    private static readonly XNamespace CalDav = "urn:ietf:params:xml:ns:caldav";
    private readonly AuthenticationHeaderValue _auth = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    public Uri Collection => collection;

    /// <summary>What changed since <paramref name="token"/> (everything when null).</summary>
    /// <exception cref="SyncTokenInvalidException">The remote no longer knows the token.</exception>
    public async Task<(string? Token, List<string> Changed, List<string> Removed)> SyncCollectionAsync(string? token, CancellationToken cancellationToken)
    {
        var body = new XDocument(new XElement(Dav + "sync-collection",
            new XAttribute(XNamespace.Xmlns + "d", Dav.NamespaceName),
            new XElement(Dav + "sync-token", token ?? string.Empty),
            new XElement(Dav + "sync-level", "1"),
            new XElement(Dav + "prop", new XElement(Dav + "getetag"))));
        using var response = await SendAsync(new HttpMethod("REPORT"), collection, body, depth: null, cancellationToken).ConfigureAwait(false);
        if (token is not null && response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed)
        {
            throw new SyncTokenInvalidException();
        }

        var xml = await ReadMultistatusAsync(response, cancellationToken).ConfigureAwait(false);
        var changed = new List<string>();
        var removed = new List<string>();
        foreach (var r in xml.Root!.Elements(Dav + "response"))
        {
            var href = r.Element(Dav + "href")?.Value;
            if (href is null || IsCollection(href))
            {
                continue;
            }

            var status = r.Element(Dav + "status")?.Value;
            if (status is not null && status.Contains(" 404", StringComparison.Ordinal))
            {
                removed.Add(href);
            }
            else
            {
                changed.Add(href);
            }
        }

        return (xml.Root.Element(Dav + "sync-token")?.Value, changed, removed);
    }

    /// <summary>The calendar data of some resources (missing ones are left out).</summary>
    public async Task<List<(string Href, string Data)>> MultigetAsync(IReadOnlyList<string> hrefs, CancellationToken cancellationToken)
    {
        var body = new XDocument(new XElement(CalDav + "calendar-multiget",
            new XAttribute(XNamespace.Xmlns + "d", Dav.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "c", CalDav.NamespaceName),
            new XElement(Dav + "prop", new XElement(Dav + "getetag"), new XElement(CalDav + "calendar-data")),
            hrefs.Select(h => new XElement(Dav + "href", h))));
        using var response = await SendAsync(new HttpMethod("REPORT"), collection, body, depth: "1", cancellationToken).ConfigureAwait(false);
        var xml = await ReadMultistatusAsync(response, cancellationToken).ConfigureAwait(false);
        var result = new List<(string, string)>();
        foreach (var r in xml.Root!.Elements(Dav + "response"))
        {
            var href = r.Element(Dav + "href")?.Value;
            var data = r.Descendants(CalDav + "calendar-data").FirstOrDefault()?.Value;
            if (href is not null && !string.IsNullOrWhiteSpace(data))
            {
                result.Add((href, data));
            }
        }

        return result;
    }

    /// <summary>Writes an event; <paramref name="ifMatch"/> null means create only (<c>If-None-Match: *</c>). Answers the status and new ETag.</summary>
    public async Task<(HttpStatusCode Status, string? ETag)> PutAsync(Uri resource, string ics, string? ifMatch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, resource) { Content = new StringContent(ics, Encoding.UTF8, "text/calendar") };
        request.Headers.Authorization = _auth;
        if (ifMatch is null)
        {
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
        }
        else
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return (response.StatusCode, response.Headers.ETag?.ToString());
    }

    /// <summary>Deletes an event, only if it is still <paramref name="ifMatch"/> when given.</summary>
    public async Task<HttpStatusCode> DeleteAsync(Uri resource, string? ifMatch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, resource);
        request.Headers.Authorization = _auth;
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>The current ETag of a resource (null when it is gone).</summary>
    public async Task<string?> GetETagAsync(Uri resource, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, resource);
        request.Headers.Authorization = _auth;
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Ensure(response);
        return response.Headers.ETag?.ToString();
    }

    public Uri Resolve(string href) => new(collection, href);

    private bool IsCollection(string href) =>
        href.EndsWith('/') && string.Equals(new Uri(collection, href).AbsolutePath.TrimEnd('/'), collection.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, XDocument body, string? depth, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri)
        {
            Content = new StringContent(body.Declaration + body.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "application/xml"),
        };
        request.Headers.Authorization = _auth;
        if (depth is not null)
        {
            request.Headers.Add("Depth", depth);
        }

        return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<XDocument> ReadMultistatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Ensure(response);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var xml = await XDocument.LoadAsync(stream, LoadOptions.None, cancellationToken).ConfigureAwait(false);
            if (xml.Root?.Name != Dav + "multistatus")
            {
                throw new CalDavException("The calendar answered something other than a WebDAV multistatus.");
            }

            return xml;
        }
    }

    private static void Ensure(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new CalDavException(response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $"The calendar refused the credentials ({(int)response.StatusCode}).",
                HttpStatusCode.NotFound => "The calendar collection was not found (404).",
                _ => $"The calendar answered {(int)response.StatusCode}.",
            });
        }
    }
}

/// <summary>A CalDAV request failed in a way worth telling the admin (the message names no credentials).</summary>
internal sealed class CalDavException(string message) : Exception(message);

/// <summary>The remote forgot the sync token: read everything again.</summary>
internal sealed class SyncTokenInvalidException() : Exception("The sync token is no longer valid.");
