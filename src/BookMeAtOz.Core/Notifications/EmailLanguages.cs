using System.Globalization;

namespace BookMeAtOz.Notifications;

/// <summary>
/// The languages booking e-mails are written in (<c>en</c>, <c>de</c>, <c>fr</c>), and how a booking's language is
/// chosen: the locale the customer booked in (<c>locale</c> of <c>POST /api/v1/bookings</c>), else the tenant's
/// default language, else English.
/// </summary>
public static class EmailLanguages
{
    /// <summary>English, the last resort.</summary>
    public const string English = "en";

    /// <summary>The languages there are e-mails in.</summary>
    public static IReadOnlyList<string> Supported { get; } = [English, "de", "fr"];

    /// <summary>The longest locale accepted (BCP 47 tags are short; this bounds bad input).</summary>
    public const int MaxLength = 35;

    /// <summary>Whether <paramref name="tag"/> is shaped like a BCP 47 language tag (<c>de</c>, <c>fr-CA</c>, <c>zh-Hant-TW</c>).</summary>
    public static bool IsTag(string? tag) =>
        tag is { Length: >= 2 and <= MaxLength }
        && tag.Split('-') is var parts
        && parts[0].Length is >= 2 and <= 8 && parts[0].All(char.IsAsciiLetter)
        && parts.Skip(1).All(p => p.Length is >= 1 and <= 8 && p.All(char.IsAsciiLetterOrDigit));

    /// <summary>The supported language of a tag (<c>de-AT</c> → <c>de</c>), or null for a language there are no e-mails in.</summary>
    public static string? Normalize(string? tag)
    {
        if (!IsTag(tag))
        {
            return null;
        }

        var language = tag!.Split('-')[0].ToLowerInvariant();
        return Supported.Contains(language) ? language : null;
    }

    /// <summary>The language of a booking's e-mails: its own, else the tenant's default, else English.</summary>
    public static string Choose(string? bookingLocale, string? tenantDefault) =>
        Normalize(bookingLocale) ?? Normalize(tenantDefault) ?? English;

    /// <summary>The culture dates and times are written in for a language.</summary>
    internal static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language switch
    {
        "de" => "de-DE",
        "fr" => "fr-FR",
        _ => "en-AU",
    });
}
