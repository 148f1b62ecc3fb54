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

        return value is null
            ? throw new BookMeAtOzValidationException(new Dictionary<string, string[]> { ["body"] = ["Is required."] })
            : new JsonBody<T>(value);
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
