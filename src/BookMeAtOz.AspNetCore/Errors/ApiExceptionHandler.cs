using System.Text.Json;
using BookMeAtOz.Bookings;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BookMeAtOz.AspNetCore.Errors;

/// <summary>
/// Turns every exception into a problem: the core's errors by their code, bad request bodies into
/// <c>validation_failed</c> (or <c>413</c>), an unreachable store into <c>503</c> with <c>Retry-After</c>, and
/// anything else into a <c>500</c> that shows details only in Development.
/// </summary>
internal sealed partial class ApiExceptionHandler(IHostEnvironment environment, ILogger<ApiExceptionHandler> logger)
{
    internal const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is listening for an answer.
            httpContext.Response.StatusCode = 499;
            return true;
        }

        var (status, code, detail, errors) = Map(exception);
        if (exception is ApiProblemException { RetryAfter: { } wait })
        {
            httpContext.Response.Headers.RetryAfter = ApiProblemException.RetrySeconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            LogStoreUnavailable(logger, exception);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (status >= 500)
        {
            LogUnhandled(logger, exception);
            if (environment.IsDevelopment())
            {
                detail = exception.ToString();
            }
        }

        await Problems.WriteAsync(httpContext, status, code, detail, errors);
        return true;
    }

    private static (int Status, string Code, string Detail, IReadOnlyDictionary<string, string[]>? Errors) Map(Exception exception) => exception switch
    {
        BookMeAtOzValidationException v => (StatusCodes.Status400BadRequest, ApiProblemCodes.ValidationFailed, "One or more fields are invalid.", v.Errors),
        BookingRefusedException refused => (StatusCodes.Status409Conflict, refused.Code, refused.Message, null),
        StoreUnavailableException => (StatusCodes.Status503ServiceUnavailable, ApiProblemCodes.Unavailable, "The service is temporarily unavailable; please retry shortly.", null),
        BookMeAtOzException b => (Problems.StatusFor(b.Code), b.Code, b.Message, null),
        ApiProblemException a => (a.Status, a.Code, a.Message, null),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(),
        BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => (StatusCodes.Status415UnsupportedMediaType, ApiProblemCodes.ValidationFailed,
            "Send the body as application/json.", new Dictionary<string, string[]> { ["body"] = ["Must be application/json."] }),
        BadHttpRequestException bad => (StatusCodes.Status400BadRequest, ApiProblemCodes.ValidationFailed, "The request is malformed.",
            new Dictionary<string, string[]> { ["request"] = [bad.Message] }),
        JsonException json => FromJson(json),
        _ => (StatusCodes.Status500InternalServerError, "internal_error", "An unexpected error occurred.", null),
    };

    internal static (int, string, string, IReadOnlyDictionary<string, string[]>?) TooLarge() =>
        (StatusCodes.Status413PayloadTooLarge, ApiProblemCodes.ValidationFailed, "The request body is too large.",
            new Dictionary<string, string[]> { ["body"] = ["Is too large."] });

    private static (int, string, string, IReadOnlyDictionary<string, string[]>?) FromJson(JsonException json)
    {
        var field = JsonPathToField(json.Path);
        var message = field == "body" ? "Is not valid JSON." : "Has the wrong type or format.";
        if (UnmappedMember().Match(json.Message) is { Success: true } unknown)
        {
            // "The JSON property 'funday' could not be mapped to any .NET member contained in type …"
            var name = unknown.Groups["name"].Value;
            field = field == "body" ? name : field.EndsWith(name, StringComparison.Ordinal) ? field : $"{field}.{name}";
            message = "Is not a field of this request.";
        }
        var where = json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine + 1})" : string.Empty;
        return (StatusCodes.Status400BadRequest, ApiProblemCodes.ValidationFailed, $"The request body is not valid{where}.",
            new Dictionary<string, string[]> { [field] = [message] });
    }

    /// <summary><c>$.customer.name</c> → <c>customer.name</c>; <c>$</c> or none → <c>body</c>.</summary>
    internal static string JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }

    [System.Text.RegularExpressions.GeneratedRegex("The JSON property '(?<name>[^']+)' could not be mapped")]
    private static partial System.Text.RegularExpressions.Regex UnmappedMember();

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store is unavailable")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception);
}
