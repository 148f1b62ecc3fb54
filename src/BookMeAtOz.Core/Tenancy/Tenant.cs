using System.Text.RegularExpressions;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Validation;

namespace BookMeAtOz.Tenancy;

/// <summary>A business using BookMeAtOz, reached on its own subdomain.</summary>
/// <param name="Id">The tenant's id.</param>
/// <param name="Slug">The subdomain: lower-case letters, digits and inner hyphens, 3–63 characters, not reserved.</param>
/// <param name="Name">The display name (up to 200 characters).</param>
/// <param name="TimeZone">The IANA time zone the business works in.</param>
/// <param name="Currency">ISO 4217 currency code; <c>AUD</c> by default.</param>
/// <param name="Policy">The booking policy.</param>
public sealed record Tenant(Guid Id, string Slug, string Name, string TimeZone, string Currency, TenantPolicy Policy)
{
    /// <summary>
    /// The sites that may show the booking pages in a frame (the embeddable widget), as origins such as
    /// <c>https://acme.example</c> (see <see cref="EmbedOrigin"/>); empty (default) = none may.
    /// </summary>
    public IReadOnlyList<string> EmbedOrigins { get; init; } = [];

    /// <summary>The language of e-mails to customers who booked in no language there are e-mails in: <c>en</c>, <c>de</c> or <c>fr</c>; null (default) = English.</summary>
    public string? DefaultLanguage { get; init; }

    /// <summary>Validates every field, adding errors under <paramref name="prefix"/>.</summary>
    public void Validate(ValidationErrors errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(errors);
        TenantSlug.Validate(Slug, errors, prefix + "slug");
        Text.Validate(Name, errors, prefix + "name", Text.NameMaxLength);
        errors.Require(TimeZones.IsValid(TimeZone), prefix + "timeZone", "Must be a known IANA time zone, for example Australia/Sydney.");
        errors.Require(Currency is { Length: 3 } && Currency.All(char.IsAsciiLetterUpper), prefix + "currency", "Must be a three-letter ISO 4217 code, for example AUD.");
        (Policy ?? TenantPolicy.Default).Validate(errors, prefix + "policy.");
        EmbedOrigin.Validate(EmbedOrigins, errors, prefix + "embedOrigins");
        errors.Require(DefaultLanguage is null || Notifications.EmailLanguages.Supported.Contains(DefaultLanguage), prefix + "defaultLanguage",
            "Must be en, de or fr, or null (English).");
    }
}

/// <summary>Rules for tenant slugs (subdomains).</summary>
public static partial class TenantSlug
{
    /// <summary>Slugs that name platform hosts and can never be a tenant.</summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "www", "api", "app", "admin", "static", "assets", "mail", "hubs", "health", "metrics",
    };

    /// <summary>Whether <paramref name="slug"/> is a usable tenant slug.</summary>
    public static bool IsValid(string? slug) =>
        slug is { Length: >= 3 and <= 63 } && Pattern().IsMatch(slug) && !Reserved.Contains(slug);

    internal static void Validate(string? slug, ValidationErrors errors, string field)
    {
        if (string.IsNullOrEmpty(slug))
        {
            errors.Add(field, "Is required.");
        }
        else if (slug.Length is < 3 or > 63 || !Pattern().IsMatch(slug))
        {
            errors.Add(field, "Must be 3–63 lower-case letters, digits or inner hyphens.");
        }
        else if (Reserved.Contains(slug))
        {
            errors.Add(field, "Is reserved.");
        }
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{1,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
