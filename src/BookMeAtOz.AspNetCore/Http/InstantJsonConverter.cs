using BookMeAtOz.Validation;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BookMeAtOz.AspNetCore.Http;

/// <summary>
/// Reads instants only as ISO-8601 with an explicit offset (<c>2027-04-04T02:00:00+10:00</c> or <c>…Z</c>):
/// a time without one is ambiguous, and the default reader would silently use the server's zone.
/// Writes them with the offset they carry.
/// </summary>
internal sealed class InstantJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected an ISO-8601 instant with an offset.");
        }

        var text = reader.GetString()!;
        if (!HasOffset(text) || !reader.TryGetDateTimeOffset(out var value))
        {
            throw new JsonException("Expected an ISO-8601 instant with an offset.");
        }

        return DateBounds.Contains(value) ? value : throw new JsonException("Expected an instant between 1900 and 2200.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    internal static bool HasOffset(string text) =>
        text.Length > 10 && text.Contains('T', StringComparison.OrdinalIgnoreCase)
        && (text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':'));
}
