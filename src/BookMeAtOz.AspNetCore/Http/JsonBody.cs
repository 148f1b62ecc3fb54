using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace BookMeAtOz.AspNetCore.Http;

/// <summary>
/// A JSON request body read with the API's own settings (<see cref="ApiJson"/>): the host's JSON options (its naming
/// policy, its lenient number handling) never apply to BookMeAtOz's routes. Not JSON → <c>415</c>; malformed or of the
/// wrong shape → <c>400 validation_failed</c> naming the field; an empty or <c>null</c> body → <c>400</c> too, unless the
/// handler's parameter is nullable (an optional body), which then gets null for a request without one.
/// </summary>
internal sealed class JsonBody<T> : IBindableFromHttpContext<JsonBody<T>>, IEndpointParameterMetadataProvider
{
    private JsonBody(T value) => Value = value;

    public T Value { get; }

    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parameter);
        var empty = context.Request.ContentLength == 0 || (context.Request.ContentLength is null && context.Request.Headers.ContentType.Count == 0);
        if (empty && IsOptional(parameter))
        {
            return null;
        }

        if (!context.Request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Send the body as application/json.", StatusCodes.Status415UnsupportedMediaType);
        }

        T? value;
        try
        {
            value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, ApiJson.Options, context.RequestAborted);
        }
        catch (JsonException json)
        {
            throw new BadHttpRequestException("The request body is not valid JSON.", StatusCodes.Status400BadRequest, json);
        }

        if (value is null)
        {
            throw new BookMeAtOzValidationException(new Dictionary<string, string[]> { ["body"] = ["Is required."] });
        }

        if (value is JsonElement element)
        {
            // A raw body (a PATCH) is decoded later, member by member: refuse now what could not be decoded then.
            RefuseUndecodableText(element, "body");
        }

        return new JsonBody<T>(value);
    }

    /// <summary>
    /// A JSON string may escape half a UTF-16 surrogate pair (<c>"\ud800"</c>): valid JSON, but no text. Typed bodies
    /// refuse it while being read; a raw <see cref="JsonElement"/> keeps it, so it is looked for here.
    /// </summary>
    private static void RefuseUndecodableText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = member.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        throw BookMeAtOzValidationException.For(path, "Has a member name that is not valid text.");
                    }

                    RefuseUndecodableText(member.Value, path == "body" ? name : $"{path}.{name}");
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    RefuseUndecodableText(item, $"{path}[{index++}]");
                }

                break;
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                }
                catch (InvalidOperationException)
                {
                    throw BookMeAtOzValidationException.For(path, "Is not valid text (half a UTF-16 surrogate pair).");
                }

                break;
        }
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T), isOptional: IsOptional(parameter)));
    }

    // Asked on every request: the answer is worked out once per handler parameter.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ParameterInfo, bool> Optional = new();

    private static bool IsOptional(ParameterInfo parameter) =>
        Optional.GetOrAdd(parameter, p => new NullabilityInfoContext().Create(p).ReadState == NullabilityState.Nullable);
}
