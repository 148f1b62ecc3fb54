using System.Globalization;
using BookMeAtOz.Validation;

namespace BookMeAtOz.AspNetCore.Http;

/// <summary>
/// Parses query-string values (bound as strings, so the OpenAPI document still lists them), collecting every
/// bad one so a request learns all its errors at once instead of failing on the first.
/// </summary>
internal sealed class QueryReader
{
    public ValidationErrors Errors { get; } = new();

    public Guid? Guid(string name, string? text, bool required = false)
    {
        if (Missing(name, text, required))
        {
            return null;
        }

        if (System.Guid.TryParse(text, out var value) && value != System.Guid.Empty)
        {
            return value;
        }

        Errors.Add(name, "Must be a UUID.");
        return null;
    }

    public DateOnly? Date(string name, string? text, bool required = false)
    {
        if (Missing(name, text, required))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            if (DateBounds.Contains(value))
            {
                return value;
            }

            Errors.Add(name, DateBounds.Message);
            return null;
        }

        Errors.Add(name, "Must be a date, YYYY-MM-DD.");
        return null;
    }

    public int? Int(string name, string? text, int min, int max)
    {
        if (Missing(name, text, required: false))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Errors.Add(name, $"Must be a whole number from {min} to {max}.");
        return null;
    }

    public string? TimeZone(string name, string? text)
    {
        if (Missing(name, text, required: false))
        {
            return null;
        }

        if (!Scheduling.TimeZones.IsValid(text))
        {
            Errors.Add(name, "Must be a known IANA time zone, for example Australia/Sydney.");
            return null;
        }

        return text;
    }

    private bool Missing(string name, string? text, bool required)
    {
        if (!string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (required)
        {
            Errors.Add(name, "Is required.");
        }

        return true;
    }
}
