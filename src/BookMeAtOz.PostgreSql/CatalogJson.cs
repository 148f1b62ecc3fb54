using System.Text.Json;
using System.Text.Json.Serialization;
using BookMeAtOz.Bookings;
using BookMeAtOz.Scheduling;

namespace BookMeAtOz.PostgreSql;

/// <summary>
/// The jsonb columns of migration 0006: a service's <c>questions</c> (<c>[{"id","label","type","required","choices",
/// "maxLength"}]</c>) and <c>location</c> (<c>{"kind","address","phone","url"}</c>), a service's <c>resources</c> (migration 0014: <c>[{"resourceId","units"}]</c>), a booking's <c>answers</c>
/// (<c>[{"questionId","label","type","value"}]</c>); enum values by their camelCase names, as the API writes them.
/// </summary>
internal static class CatalogJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static string WriteQuestions(IReadOnlyList<ServiceQuestion> questions) => JsonSerializer.Serialize(questions, Options);

    public static IReadOnlyList<ServiceQuestion> ReadQuestions(string json) =>
        JsonSerializer.Deserialize<List<ServiceQuestion>>(json, Options) ?? [];

    public static string? WriteLocation(ServiceLocation? location) => location is null ? null : JsonSerializer.Serialize(location, Options);

    public static ServiceLocation? ReadLocation(string? json) => json is null ? null : JsonSerializer.Deserialize<ServiceLocation>(json, Options);

    public static string WriteResources(IReadOnlyList<ResourceRequirement> resources) => JsonSerializer.Serialize(resources, Options);

    public static IReadOnlyList<ResourceRequirement> ReadResources(string json) =>
        JsonSerializer.Deserialize<List<ResourceRequirement>>(json, Options) ?? [];

    public static string WriteAnswers(IReadOnlyList<BookingAnswer> answers) => JsonSerializer.Serialize(answers, Options);

    public static IReadOnlyList<BookingAnswer> ReadAnswers(string json) =>
        JsonSerializer.Deserialize<List<BookingAnswer>>(json, Options) ?? [];
}
