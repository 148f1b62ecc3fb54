using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using BookMeAtOz.Contracts;
using BookMeAtOz.Validation;

namespace BookMeAtOz.AspNetCore.Http;

/// <summary>
/// <c>PATCH</c> as a JSON merge (RFC 7396 style): the current resource's fields, overwritten by those present
/// in the body (objects merge recursively). Absent fields keep their values. An explicit <c>null</c> clears a field
/// only where clearing means something (<see cref="Clearable"/>); anywhere else it is a <c>400</c> naming the field,
/// never "empty" or "the default" (<c>{"staffIds": null}</c> used to empty a service's staff).
/// </summary>
internal static class JsonMerge
{
    /// <summary>The members a <c>PATCH</c> may set to <c>null</c>, by type and JSON (camelCase) name.</summary>
    private static readonly HashSet<(Type Type, string Member)> Clearable =
    [
        (typeof(ServiceRequest), "slotIntervalMinutes"), // back to the policy's interval
        (typeof(ServiceRequest), "location"), // no location
        (typeof(PolicyDto), "slotIntervalMinutes"), // each service's own
        (typeof(StaffRequest), "email"),
        (typeof(StaffRequest), "maxBookingsPerDay"), // unlimited
        (typeof(PolicyDto), "rescheduleNoticeMinutes"), // the cancellation notice
        (typeof(PolicyDto), "maxReschedules"), // unlimited
        (typeof(PolicyDto), "maxActiveBookings"), // unlimited
        (typeof(TenantPatch), "defaultLanguage"), // English
    ];

    public static T Apply<T>(T current, JsonElement patch, JsonSerializerOptions options)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            throw BookMeAtOzValidationException.For("body", "Must be a JSON object.");
        }

        var patchObject = JsonObject.Create(patch)!;
        var errors = new ValidationErrors();
        RefuseNulls(patchObject, options.GetTypeInfo(typeof(T)), string.Empty, errors);
        errors.ThrowIfAny();

        var target = JsonSerializer.SerializeToNode(current, options) as JsonObject ?? [];
        Merge(target, patchObject);
        return target.Deserialize<T>(options) ?? throw BookMeAtOzValidationException.For("body", "Must be a JSON object.");
    }

    /// <summary>Reports every explicit <c>null</c> of the patch that is not on a clearable member of <paramref name="type"/>.</summary>
    private static void RefuseNulls(JsonObject patch, JsonTypeInfo type, string prefix, ValidationErrors errors)
    {
        foreach (var (name, value) in patch)
        {
            // Members the type does not have are refused by name when the merged body is read.
            var member = type.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (member is null)
            {
                continue;
            }

            if (value is null)
            {
                errors.Require(Clearable.Contains((type.Type, member.Name)), prefix + member.Name, "Must not be null.");
            }
            else if (value is JsonObject nested && type.Options.GetTypeInfo(member.PropertyType) is { Kind: JsonTypeInfoKind.Object } nestedType)
            {
                RefuseNulls(nested, nestedType, $"{prefix}{member.Name}.", errors);
            }
        }
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
