using System.Text.Json;
using System.Text.Json.Serialization;

namespace BookMeAtOz.AspNetCore.Http;

/// <summary>
/// The API's own JSON settings, used for every body it reads and writes, whatever the host configured for its own
/// endpoints: camelCase, numbers only as numbers ("30" is not 30), instants only with an offset, and no member the
/// request type does not have (a misspelt <c>"funday"</c> is refused, not silently dropped), and no member twice.
/// </summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            // {"name": "a", "name": "b"} is ambiguous (which one did the sender mean?), not "the last one".
            AllowDuplicateProperties = false,
        };
        options.Converters.Add(new InstantJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
