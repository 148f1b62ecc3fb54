using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BookMeAtOz.AspNetCore.Http;

/// <summary>Marks BookMeAtOz's own endpoints; <see cref="ApiPrefix"/> is where the host mapped the API.</summary>
internal sealed partial class BookMeAtOzEndpointMetadata(string apiPrefix)
{
    public string ApiPrefix => apiPrefix;

    /// <summary>The prefix of this request, with route parameters (<c>/t/{tenant}/api/v1</c>) filled in.</summary>
    public string ResolvePrefix(HttpContext context) =>
        apiPrefix.Contains('{', StringComparison.Ordinal)
            ? RouteParameter().Replace(apiPrefix, m => Uri.EscapeDataString(context.GetRouteValue(m.Groups["name"].Value)?.ToString() ?? string.Empty))
            : apiPrefix;

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();
}

/// <summary>A BookMeAtOz authorization policy the endpoint requires (all of them, when nested groups add several).</summary>
internal sealed class BookMeAtOzPolicyMetadata(string policy)
{
    public string Policy => policy;
}

/// <summary>The BookMeAtOz rate limit that applies to the endpoint.</summary>
internal sealed class BookMeAtOzRateLimitMetadata(string policy)
{
    public string Policy => policy;
}

/// <summary>
/// Where the host mapped BookMeAtOz (filled by <c>MapBookMeAtOz</c> at start-up): requests under these paths, matched
/// or not, get BookMeAtOz's pipeline (problems, tenant, its own authentication); no other request does.
/// </summary>
internal sealed class BookMeAtOzRoutes
{
    private readonly List<PathString> _prefixes = [];

    public PathString HubPath { get; private set; } = "/hubs/availability";

    public void Add(PathString apiPrefix, PathString hubPath)
    {
        lock (_prefixes)
        {
            _prefixes.Add(apiPrefix);
            _prefixes.Add(hubPath);
            HubPath = hubPath;
        }
    }

    /// <summary>Where the calendar feeds are served (the first <see cref="AddFeeds"/>'s path); <c>/feeds</c> until then.</summary>
    public PathString FeedPath { get; private set; } = "/feeds";

    public void AddFeeds(PathString feedPath)
    {
        lock (_prefixes)
        {
            _prefixes.Add(feedPath);
            FeedPath = feedPath;
        }
    }

    public bool Covers(PathString path)
    {
        lock (_prefixes)
        {
            return _prefixes.Exists(p => path.StartsWithSegments(p));
        }
    }
}

internal static class BookMeAtOzEndpointConventions
{
    /// <summary>Requires a BookMeAtOz policy, checked by BookMeAtOz's pipeline with its own authentication scheme.</summary>
    public static TBuilder RequireBookMeAtOzPolicy<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BookMeAtOzPolicyMetadata(policy));

    /// <summary>Applies one of BookMeAtOz's own rate limits (never the host's limiter).</summary>
    public static TBuilder RequireBookMeAtOzRateLimit<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BookMeAtOzRateLimitMetadata(policy));
}
