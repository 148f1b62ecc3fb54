using BookMeAtOz.Validation;

namespace BookMeAtOz.Tenancy;

/// <summary>
/// Rules for a tenant's <see cref="Tenant.EmbedOrigins"/>: each is a web origin, <c>scheme://host[:port]</c> with the
/// scheme <c>http</c> or <c>https</c>, in its canonical form (lower case, no default port, no path). They become a CSP
/// <c>frame-ancestors</c> list and a <c>postMessage</c> target, so nothing else (no wildcard, no path, no keyword) is allowed.
/// </summary>
public static class EmbedOrigin
{
    /// <summary>How many origins a tenant may list.</summary>
    public const int MaxCount = 20;

    /// <summary>The longest origin accepted.</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// The canonical form of an origin (<c>HTTPS://Acme.Example:443/</c> → <c>https://acme.example</c>), or null when
    /// <paramref name="value"/> is not an http(s) origin: a path other than <c>/</c>, a query, a fragment, user
    /// information or a wildcard make it none.
    /// </summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '*' or ';' or ',' or '\'' or '"'))
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.UserInfo.Length != 0
            || uri.AbsolutePath != "/"
            || uri.Query.Length != 0
            || uri.Fragment.Length != 0
            || uri.Host.Length == 0
            || value.TrimEnd('/').Count(c => c == '/') != 2)
        {
            return null;
        }

        return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}" : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";
    }

    /// <summary>Whether <paramref name="origin"/> is listed (compared in canonical form).</summary>
    public static bool Allows(IReadOnlyList<string> origins, string? origin)
    {
        ArgumentNullException.ThrowIfNull(origins);
        return Normalize(origin) is { } canonical && origins.Contains(canonical, StringComparer.Ordinal);
    }

    internal static void Validate(IReadOnlyList<string>? origins, ValidationErrors errors, string field)
    {
        if (origins is null)
        {
            errors.Add(field, "Is required (an empty list allows no site).");
            return;
        }

        errors.Require(origins.Count <= MaxCount, field, $"At most {MaxCount} origins.");
        for (var i = 0; i < origins.Count && i < MaxCount; i++)
        {
            errors.Require(Normalize(origins[i]) == origins[i], $"{field}[{i}]",
                "Must be a site's origin such as https://acme.example (http or https, host and optional port; no path, no wildcard).");
        }

        errors.Require(origins.Distinct(StringComparer.Ordinal).Count() == origins.Count, field, "Lists an origin twice.");
    }
}
