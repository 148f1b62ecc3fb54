using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace BookMeAtOz.AspNetCore.Http;

/// <summary>Results written with the API's own JSON settings (<see cref="ApiJson"/>), never the host's.</summary>
internal static class ApiResults
{
    public static ApiOk<T> Ok<T>(T value) => new(value);

    public static ApiCreated<T> Created<T>(string location, T value) => new(location, value);

    public static ApiAccepted<T> Accepted<T>(T value) => new(value);
}

/// <summary><c>202</c> with a JSON body: accepted, with work (an e-mail) still to happen.</summary>
internal sealed class ApiAccepted<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult<T>, IValueHttpResult
{
    public T Value => value;

    object? IValueHttpResult.Value => value;

    public int? StatusCode => StatusCodes.Status202Accepted;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status202Accepted;
        return httpContext.Response.WriteAsJsonAsync(value, ApiJson.Options, "application/json; charset=utf-8", httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status202Accepted, typeof(T), ["application/json"]));
    }
}

/// <summary><c>200</c> with a JSON body.</summary>
internal sealed class ApiOk<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult<T>, IValueHttpResult
{
    public T Value => value;

    object? IValueHttpResult.Value => value;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        return httpContext.Response.WriteAsJsonAsync(value, ApiJson.Options, "application/json; charset=utf-8", httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
    }
}

/// <summary>
/// <c>201</c> with a <c>Location</c> and a JSON body. A location starting with <c>~/</c> is relative to the API's route
/// prefix, wherever the host mapped it (<c>~/services/…</c> → <c>/booking/api/v1/services/…</c>).
/// </summary>
internal sealed class ApiCreated<T>(string location, T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult<T>, IValueHttpResult
{
    public T Value => value;

    object? IValueHttpResult.Value => value;

    public int? StatusCode => StatusCodes.Status201Created;

    public string Location => location;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status201Created;
        httpContext.Response.Headers.Location = location.StartsWith("~/", StringComparison.Ordinal)
            ? $"{httpContext.Request.PathBase}{httpContext.GetEndpoint()?.Metadata.GetMetadata<BookMeAtOzEndpointMetadata>()?.ResolvePrefix(httpContext)}{location[1..]}"
            : location;
        return httpContext.Response.WriteAsJsonAsync(value, ApiJson.Options, "application/json; charset=utf-8", httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(T), ["application/json"]));
    }
}
