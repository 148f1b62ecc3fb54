using System.Net.Mail;

namespace BookMeAtOz.Validation;

/// <summary>Shared rules for free-text fields.</summary>
public static class Text
{
    /// <summary>Maximum length of names.</summary>
    public const int NameMaxLength = 200;
    /// <summary>Maximum length of notes and reasons.</summary>
    public const int NotesMaxLength = 2000;
    /// <summary>Maximum length of email addresses (RFC 5321 path limit).</summary>
    public const int EmailMaxLength = 254;
    /// <summary>Maximum length of phone numbers.</summary>
    public const int PhoneMaxLength = 40;

    /// <summary>
    /// Requires a non-blank value of at most <paramref name="maxLength"/> characters, without control characters (tab and
    /// line breaks are allowed in long text, longer than <see cref="NameMaxLength"/>) or broken UTF-16: every store
    /// keeps what this accepts, and none keeps U+0000.
    /// </summary>
    public static void Validate(string? value, ValidationErrors errors, string field, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "Is required.");
        }
        else if (value.Length > maxLength)
        {
            errors.Add(field, $"Must be at most {maxLength} characters.");
        }
        else if (Unprintable(value, maxLength) is { } problem)
        {
            errors.Add(field, problem);
        }
    }

    /// <summary>Allows null; otherwise at most <paramref name="maxLength"/> characters, with the rules of <see cref="Validate"/>.</summary>
    public static void ValidateOptional(string? value, ValidationErrors errors, string field, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not null && value.Length > maxLength)
        {
            errors.Add(field, $"Must be at most {maxLength} characters.");
        }
        else if (value is not null && Unprintable(value, maxLength) is { } problem)
        {
            errors.Add(field, problem);
        }
    }

    private static string? Unprintable(string value, int maxLength)
    {
        var multiline = maxLength > NameMaxLength;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "Must be valid Unicode text.";
            }
            else if (char.IsControl(c) && !(multiline && c is '\t' or '\n' or '\r'))
            {
                return multiline ? "Must not contain control characters (tab and line breaks are fine)." : "Must not contain control characters or line breaks.";
            }
        }

        return null;
    }

    /// <summary>Requires a phone number: up to <see cref="PhoneMaxLength"/> digits, spaces and <c>+ - ( ) .</c>.</summary>
    public static void ValidatePhone(string? value, ValidationErrors errors, string field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Validate(value, errors, field, PhoneMaxLength);
        if (value is { Length: <= PhoneMaxLength } && !string.IsNullOrWhiteSpace(value) && !IsPhone(value))
        {
            errors.Add(field, "May contain only digits, spaces and + - ( ) .");
        }
    }

    /// <summary>Whether <paramref name="value"/> holds only digits, spaces and <c>+ - ( ) .</c>.</summary>
    public static bool IsPhone(string value) =>
        value is not null && value.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.');

    /// <summary>Whether <paramref name="value"/> is a plausible single email address.</summary>
    public static bool IsEmail(string? value) =>
        value is { Length: > 2 and <= EmailMaxLength }
        && value.Trim() == value
        && value.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
        && at < value.Length - 1
        && MailAddress.TryCreate(value, out var parsed)
        && parsed.Address == value;

    /// <summary>Requires a valid email address.</summary>
    public static void ValidateEmail(string? value, ValidationErrors errors, string field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "Is required.");
        }
        else if (!IsEmail(value))
        {
            errors.Add(field, "Must be a valid email address.");
        }
    }

    /// <summary>Allows null; otherwise requires a valid email address.</summary>
    public static void ValidateOptionalEmail(string? value, ValidationErrors errors, string field)
    {
        if (value is not null)
        {
            ValidateEmail(value, errors, field);
        }
    }
}
