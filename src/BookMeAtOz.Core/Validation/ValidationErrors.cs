namespace BookMeAtOz.Validation;

/// <summary>
/// Collects every field error of one input so callers report them all at once
/// (the API's <c>validation_failed</c> problem), rather than stopping at the first.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>Whether no error has been added.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Adds an error for a field (a camelCase JSON path such as <c>customer.email</c>).</summary>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
    }

    /// <summary>Adds an error when <paramref name="condition"/> is false.</summary>
    public void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            Add(field, message);
        }
    }

    /// <summary>The errors by field.</summary>
    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Throws a <see cref="BookMeAtOzValidationException"/> when any error was added.</summary>
    public void ThrowIfAny()
    {
        if (!IsEmpty)
        {
            throw new BookMeAtOzValidationException(ToDictionary());
        }
    }
}
