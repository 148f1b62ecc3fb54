using System.Text.Json;
using System.Text.Json.Serialization;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Validation;

namespace BookMeAtOz.Bookings;

/// <summary>
/// An answer kept with a booking as it was asked: the question's label and type at the time, so that a later edit or
/// removal of the question never rewrites what the customer answered.
/// </summary>
/// <param name="QuestionId">The question's id.</param>
/// <param name="Label">The question's label when the booking was made.</param>
/// <param name="Type">The question's type when the booking was made.</param>
/// <param name="Value">
/// The answer: a string (<c>text</c>, <c>longText</c>, <c>choice</c>, <c>phone</c>, <c>email</c>), an array of strings
/// (<c>multiChoice</c>), a boolean (<c>checkbox</c>) or a number (<c>number</c>).
/// </param>
public sealed record BookingAnswer(Guid QuestionId, string Label, QuestionType Type, JsonElement Value)
{
    /// <summary>The answer as text for people (e-mails): strings as they are, choices joined, <c>Yes</c>/<c>No</c>.</summary>
    [JsonIgnore]
    public string DisplayValue => Value.ValueKind switch
    {
        JsonValueKind.String => Value.GetString() ?? string.Empty,
        JsonValueKind.Array => string.Join(", ", Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
        JsonValueKind.True => "Yes",
        JsonValueKind.False => "No",
        _ => Value.GetRawText(),
    };
}

/// <summary>Checks a booking's answers against its service's questions and keeps them as asked.</summary>
internal static class BookingAnswers
{
    // An unknown key is named in the error; one that long is named by position instead of echoed.
    private const int MaxEchoedKeyLength = 100;

    /// <summary>
    /// The answers to keep, in the questions' order (an optional question left unanswered, null, blank or an empty list, is
    /// left out), with every error under <c>answers.&lt;id&gt;</c>: a required question unanswered, a value of the wrong
    /// type, a choice not offered, text too long or unprintable, an id the service does not ask.
    /// </summary>
    public static IReadOnlyList<BookingAnswer> Check(Service service, IReadOnlyDictionary<string, JsonElement>? answers, ValidationErrors errors)
    {
        var given = answers ?? new Dictionary<string, JsonElement>();
        var byId = service.Questions.ToDictionary(q => q.Id.ToString(), q => q, StringComparer.Ordinal);
        foreach (var key in given.Keys)
        {
            if (!byId.ContainsKey(key))
            {
                errors.Add(key.Length <= MaxEchoedKeyLength ? $"answers.{key}" : "answers", "Is not a question of this service.");
            }
        }

        var kept = new List<BookingAnswer>();
        foreach (var question in service.Questions)
        {
            var field = $"answers.{question.Id}";
            var value = given.TryGetValue(question.Id.ToString(), out var found) ? found : default;
            if (Unanswered(value))
            {
                errors.Require(!question.Required, field, "Is required.");
                continue;
            }

            if (Check(question, value, errors, field))
            {
                kept.Add(new BookingAnswer(question.Id, question.Label, question.Type, value.Clone()));
            }
        }

        return kept;
    }

    private static bool Unanswered(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => true,
        JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()),
        JsonValueKind.Array => value.GetArrayLength() == 0,
        _ => false,
    };

    private static bool Check(ServiceQuestion question, JsonElement value, ValidationErrors errors, string field)
    {
        switch (question.Type)
        {
            case QuestionType.Text or QuestionType.LongText:
                if (Is(value, JsonValueKind.String, "Must be a string.", errors, field))
                {
                    var text = value.GetString();
                    Text.Validate(text, errors, field, ServiceQuestion.TypeMaxLength(question.Type));
                    errors.Require(text!.Length <= question.EffectiveMaxLength, field, $"Must be at most {question.EffectiveMaxLength} characters.");
                }

                break;
            case QuestionType.Phone:
                if (Is(value, JsonValueKind.String, "Must be a string.", errors, field))
                {
                    Text.ValidatePhone(value.GetString(), errors, field);
                }

                break;
            case QuestionType.Email:
                if (Is(value, JsonValueKind.String, "Must be a string.", errors, field))
                {
                    Text.ValidateEmail(value.GetString(), errors, field);
                }

                break;
            case QuestionType.Choice:
                if (Is(value, JsonValueKind.String, "Must be one of the choices, as a string.", errors, field))
                {
                    errors.Require(question.Choices!.Contains(value.GetString()!, StringComparer.Ordinal), field, "Must be one of the choices.");
                }

                break;
            case QuestionType.MultiChoice:
                if (Is(value, JsonValueKind.Array, "Must be an array of choices.", errors, field))
                {
                    var picked = value.EnumerateArray().ToList();
                    if (picked.Any(p => p.ValueKind != JsonValueKind.String))
                    {
                        errors.Add(field, "Must be an array of choices, as strings.");
                    }
                    else
                    {
                        var strings = picked.Select(p => p.GetString()!).ToList();
                        errors.Require(strings.All(s => question.Choices!.Contains(s, StringComparer.Ordinal)), field, "Must hold only the question's choices.");
                        errors.Require(strings.Distinct(StringComparer.Ordinal).Count() == strings.Count, field, "Must not repeat a choice.");
                    }
                }

                break;
            case QuestionType.Checkbox:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add(field, "Must be true or false.");
                }
                else
                {
                    errors.Require(!question.Required || value.GetBoolean(), field, "Must be ticked.");
                }

                break;
            case QuestionType.Number:
                if (Is(value, JsonValueKind.Number, "Must be a number.", errors, field))
                {
                    errors.Require(value.TryGetDecimal(out _) && value.GetRawText().Length <= 40, field, "Must be a number of at most 28 significant digits.");
                }

                break;
            default:
                errors.Add(field, "This question cannot be answered.");
                break;
        }

        return !errors.ToDictionary().ContainsKey(field);
    }

    private static bool Is(JsonElement value, JsonValueKind kind, string message, ValidationErrors errors, string field)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        errors.Add(field, message);
        return false;
    }
}
