using BookMeAtOz.Validation;

namespace BookMeAtOz.Core.Tests.Scheduling;

/// <summary>Runs a <c>Validate(errors)</c> method and returns the fields it complained about.</summary>
internal static class ValidationAssert
{
    public static IReadOnlyDictionary<string, string[]> Errors(Action<ValidationErrors> validate)
    {
        var errors = new ValidationErrors();
        validate(errors);
        return errors.ToDictionary();
    }

    public static string[] Fields(Action<ValidationErrors> validate) => [.. Errors(validate).Keys.Order(StringComparer.Ordinal)];
}
