using System.Text.Json;
using System.Text.Json.Nodes;
using BookMeAtOz.Validation;

namespace BookMeAtOz.AspNetCore.Http;

/// <summary>
/// <c>PATCH</c> as a JSON merge (RFC 7396 style): the current resource's fields, overwritten by those present
/// in the body (objects merge recursively; an explicit <c>null</c> sets null). Absent fields keep their values.
/// </summary>
internal static class JsonMerge
{
    public static T Apply<T>(T current, JsonElement patch, JsonSerializerOptions options)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            throw BookMeAtOzValidationException.For("body", "Must be a JSON object.");
        }

        var target = JsonSerializer.SerializeToNode(current, options) as JsonObject ?? [];
        Merge(target, JsonObject.Create(patch)!);
        return target.Deserialize<T>(options) ?? throw BookMeAtOzValidationException.For("body", "Must be a JSON object.");
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            var key = target.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? name;
            if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
