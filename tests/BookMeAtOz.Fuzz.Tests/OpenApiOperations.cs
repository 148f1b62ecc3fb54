using System.Text.Json;

namespace BookMeAtOz.Fuzz.Tests;

/// <summary>A parameter of an operation (path, query or header), with its schema.</summary>
public sealed record FuzzParameter(string Name, string In, bool Required, JsonElement Schema);

/// <summary>One operation of the OpenAPI document: what the generator needs to build requests for it.</summary>
public sealed record FuzzOperation(
    string Method,
    string Path,
    string Id,
    IReadOnlyList<FuzzParameter> Parameters,
    JsonElement? Body,
    bool Anonymous,
    bool Bearer,
    bool ManageToken)
{
    public bool TenantScoped => Parameters.Any(p => p.In == "header" && p.Name == "X-Tenant");

    public override string ToString() => $"{Method} {Path} ({Id})";
}

/// <summary>Reads every operation of the host's own <c>/openapi/v1.json</c>, resolving <c>$ref</c>s.</summary>
public sealed class OpenApiOperations
{
    private readonly JsonElement _root;

    public OpenApiOperations(string document)
    {
        _root = JsonDocument.Parse(document).RootElement.Clone();
        var operations = new List<FuzzOperation>();
        foreach (var path in _root.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                if (method.Name is "parameters" or "summary" or "description" or "servers")
                {
                    continue;
                }

                var op = method.Value;

                // Closing the tenant ends the seeded world for every later case (each would answer 404 on both stores, so
                // nothing else would be fuzzed); CustomersAndAuditTests cover it on both stores.
                if (op.TryGetProperty("operationId", out var opId) && opId.GetString() == "CloseTenant")
                {
                    continue;
                }

                var parameters = new List<FuzzParameter>();
                foreach (var p in op.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : default)
                {
                    var resolved = Resolve(p);
                    parameters.Add(new FuzzParameter(
                        resolved.GetProperty("name").GetString()!,
                        resolved.GetProperty("in").GetString()!,
                        resolved.TryGetProperty("required", out var r) && r.GetBoolean(),
                        resolved.TryGetProperty("schema", out var s) ? Resolve(s) : default));
                }

                JsonElement? body = op.TryGetProperty("requestBody", out var rb) && Resolve(rb).TryGetProperty("content", out var content)
                    && content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out var schema)
                    ? Resolve(schema)
                    : null;
                var security = op.TryGetProperty("security", out var sec) ? sec : _root.TryGetProperty("security", out var g) ? g : default;
                var requirements = security.ValueKind == JsonValueKind.Array ? security.EnumerateArray().ToList() : [];
                operations.Add(new FuzzOperation(
                    method.Name.ToUpperInvariant(),
                    path.Name,
                    op.TryGetProperty("operationId", out var id) ? id.GetString()! : $"{method.Name} {path.Name}",
                    parameters,
                    body,
                    Anonymous: requirements.Count == 0 || requirements.Any(r => !r.EnumerateObject().Any()),
                    Bearer: requirements.Any(r => r.TryGetProperty("bearer", out _)),
                    ManageToken: requirements.Any(r => r.TryGetProperty("manageToken", out _))));
            }
        }

        Operations = operations;
    }

    public IReadOnlyList<FuzzOperation> Operations { get; }

    /// <summary>A schema or parameter with its <c>$ref</c> followed and a nullable <c>oneOf [null, X]</c> reduced to X.</summary>
    public JsonElement Resolve(JsonElement element)
    {
        for (var i = 0; i < 32 && element.ValueKind == JsonValueKind.Object; i++)
        {
            if (element.TryGetProperty("$ref", out var reference))
            {
                var target = _root;
                foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
                {
                    target = target.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
                }

                element = target;
                continue;
            }

            if ((element.TryGetProperty("oneOf", out var choices) || element.TryGetProperty("anyOf", out choices))
                && choices.EnumerateArray().FirstOrDefault(c => !IsNullOnly(c)) is { ValueKind: JsonValueKind.Object } choice)
            {
                element = choice;
                continue;
            }

            break;
        }

        return element;
    }

    /// <summary>The schema's main type: the first of integer, number, boolean, array, object, string it allows.</summary>
    public static string MainType(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return "any";
        }

        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : "any";
        }

        var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
        return new[] { "integer", "number", "boolean", "array", "object", "string" }.FirstOrDefault(types.Contains) ?? "any";
    }

    public static string? Format(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;

    private static bool IsNullOnly(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null";
}
