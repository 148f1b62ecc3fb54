using System.Text.Json.Serialization;
using BookMeAtOz.Validation;

namespace BookMeAtOz.Scheduling;

/// <summary>What kind of answer a booking question takes, and so the JSON type of its value.</summary>
public enum QuestionType
{
    /// <summary>One line of text (a string, up to 200 characters).</summary>
    Text,
    /// <summary>Text with line breaks (a string, up to 2000 characters).</summary>
    LongText,
    /// <summary>One of the question's choices (a string).</summary>
    Choice,
    /// <summary>Any of the question's choices (an array of strings, each once).</summary>
    MultiChoice,
    /// <summary>A tick box (a boolean; a required one must be ticked).</summary>
    Checkbox,
    /// <summary>A phone number (a string of digits, spaces and <c>+ - ( ) .</c>).</summary>
    Phone,
    /// <summary>A number.</summary>
    Number,
    /// <summary>An e-mail address (a string).</summary>
    Email,
}

/// <summary>A question a service asks whoever books it.</summary>
/// <param name="Id">The question's id: assigned when the question is added and kept while it stays on the service.</param>
/// <param name="Label">What is asked (up to 200 characters).</param>
/// <param name="Type">The kind of answer.</param>
/// <param name="Required">Whether a booking must answer it.</param>
/// <param name="Choices">The choices of a <see cref="QuestionType.Choice"/> or <see cref="QuestionType.MultiChoice"/> question (1–50, distinct); null for the other types.</param>
/// <param name="MaxLength">A narrower length limit for a <see cref="QuestionType.Text"/> or <see cref="QuestionType.LongText"/> answer; null = the type's own.</param>
public sealed record ServiceQuestion(Guid Id, string Label, QuestionType Type, bool Required, IReadOnlyList<string>? Choices, int? MaxLength)
{
    /// <summary>The most questions a service may ask.</summary>
    public const int MaxQuestions = 50;

    /// <summary>The most choices a question may offer.</summary>
    public const int MaxChoices = 50;

    /// <summary>The longest answer a question of <paramref name="type"/> takes, before its own <see cref="MaxLength"/>.</summary>
    public static int TypeMaxLength(QuestionType type) => type == QuestionType.LongText ? Text.NotesMaxLength : Text.NameMaxLength;

    /// <summary>The longest text answer this question takes.</summary>
    [JsonIgnore]
    public int EffectiveMaxLength => MaxLength ?? TypeMaxLength(Type);

    /// <summary>Validates every field.</summary>
    public void Validate(ValidationErrors errors, string prefix)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Validation.Text.Validate(Label, errors, prefix + "label", Validation.Text.NameMaxLength);
        errors.Require(Enum.IsDefined(Type), prefix + "type", "Must be a known question type.");
        if (Type is QuestionType.Choice or QuestionType.MultiChoice)
        {
            if (Choices is not { Count: > 0 })
            {
                errors.Add(prefix + "choices", "A choice question needs at least one choice.");
            }
            else
            {
                errors.Require(Choices.Count <= MaxChoices, prefix + "choices", $"At most {MaxChoices} choices.");
                for (var i = 0; i < Choices.Count && i < MaxChoices; i++)
                {
                    Validation.Text.Validate(Choices[i], errors, $"{prefix}choices[{i}]", Validation.Text.NameMaxLength);
                }

                errors.Require(Choices.Distinct(StringComparer.Ordinal).Count() == Choices.Count, prefix + "choices", "Must not repeat a choice.");
            }
        }
        else
        {
            errors.Require(Choices is null, prefix + "choices", "Only choice and multiChoice questions have choices.");
        }

        if (Type is QuestionType.Text or QuestionType.LongText)
        {
            errors.Require(MaxLength is null || (MaxLength >= 1 && MaxLength <= TypeMaxLength(Type)), prefix + "maxLength",
                $"Must be between 1 and {TypeMaxLength(Type)}, or null.");
        }
        else
        {
            errors.Require(MaxLength is null, prefix + "maxLength", "Only text and longText questions have a maximum length.");
        }
    }
}

/// <summary>How a service's appointments take place.</summary>
public enum LocationKind
{
    /// <summary>At an address.</summary>
    InPerson,
    /// <summary>By phone, at a number.</summary>
    Phone,
    /// <summary>By video, at an <c>https</c> link.</summary>
    Video,
}

/// <summary>Where a service's appointments take place: only the field of its kind is kept.</summary>
/// <param name="Kind">In person, by phone or by video.</param>
/// <param name="Address">The address of an in-person service (up to 500 characters; line breaks allowed).</param>
/// <param name="Phone">The number of a phone service (up to 40 characters).</param>
/// <param name="Url">The <c>https</c> link of a video service (up to 2000 characters).</param>
public sealed record ServiceLocation(LocationKind Kind, string? Address, string? Phone, string? Url)
{
    /// <summary>The longest address.</summary>
    public const int AddressMaxLength = 500;

    /// <summary>The longest link.</summary>
    public const int UrlMaxLength = 2000;

    /// <summary>The location with only its kind's field (a request may carry others, for example after a merge).</summary>
    public ServiceLocation Normalized() => Kind switch
    {
        LocationKind.InPerson => new(Kind, Address, null, null),
        LocationKind.Phone => new(Kind, null, Phone, null),
        _ => new(Kind, null, null, Url),
    };

    /// <summary>The address, number or link, as a calendar's <c>LOCATION</c> shows it.</summary>
    [JsonIgnore]
    public string Where => Kind switch
    {
        LocationKind.InPerson => Address ?? string.Empty,
        LocationKind.Phone => Phone ?? string.Empty,
        _ => Url ?? string.Empty,
    };

    /// <summary>Validates every field.</summary>
    public void Validate(ValidationErrors errors, string prefix)
    {
        ArgumentNullException.ThrowIfNull(errors);
        switch (Kind)
        {
            case LocationKind.InPerson:
                Text.Validate(Address, errors, prefix + "address", AddressMaxLength);
                break;
            case LocationKind.Phone:
                Text.ValidatePhone(Phone, errors, prefix + "phone");
                break;
            case LocationKind.Video:
                errors.Require(IsHttpsUrl(Url), prefix + "url", $"Must be an absolute https link of at most {UrlMaxLength} characters.");
                break;
            default:
                errors.Add(prefix + "kind", "Must be inPerson, phone or video.");
                break;
        }
    }

    private static bool IsHttpsUrl(string? url) =>
        url is { Length: > 0 and <= UrlMaxLength }
        && !url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c))
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.UserInfo);
}
