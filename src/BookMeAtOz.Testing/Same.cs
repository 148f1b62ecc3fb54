using System.Text.Json;
using System.Text.Json.Serialization;

namespace BookMeAtOz.Testing;

/// <summary>
/// Structural equality for domain records: records compare lists and arrays by reference, and a store
/// may return instants in another offset, so compare their JSON with instants in UTC.
/// </summary>
public static class Same
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new UtcConverter() } };

    public static void Equal<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, Options), JsonSerializer.Serialize(actual, Options));

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, Options);

    private sealed class UtcConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToUniversalTime());
    }
}
