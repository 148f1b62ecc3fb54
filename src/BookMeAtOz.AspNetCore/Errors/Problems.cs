using System.Diagnostics;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Http;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace BookMeAtOz.AspNetCore.Errors;

/// <summary>
/// Builds and writes the API's RFC 9457 problems: every one has <c>type</c>, <c>title</c>, <c>status</c>,
/// <c>detail</c>, a machine-readable <c>code</c> and, for validation, <c>errors</c>.
/// </summary>
internal static class Problems
{
    private const string TypeBase = "https://bookmeatoz.online/problems/";

    public static ProblemDetails Create(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Type = TypeBase + code.Replace('_', '-'),
            Title = TitleFor(code),
            Status = status,
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        if (Activity.Current?.Id is { } traceId)
        {
            problem.Extensions["traceId"] = traceId;
        }

        return problem;
    }

    public static ProblemResult Result(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(Create(status, code, detail, errors));

    public static ProblemResult Validation(string field, string message) =>
        Result(StatusCodes.Status400BadRequest, ApiProblemCodes.ValidationFailed, "One or more fields are invalid.",
            new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Writes a problem whatever the request's <c>Accept</c> header says.</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        Result(status, code, detail, errors).ExecuteAsync(context);

    /// <summary>The HTTP status of a core error code.</summary>
    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.ValidationFailed => StatusCodes.Status400BadRequest,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.SlugTaken => StatusCodes.Status409Conflict,
        ErrorCodes.SlotUnavailable => StatusCodes.Status409Conflict,
        ErrorCodes.Conflict => StatusCodes.Status409Conflict,
        ErrorCodes.CancellationWindowPassed => StatusCodes.Status409Conflict,
        ErrorCodes.QuotaExceeded => StatusCodes.Status409Conflict,
        ErrorCodes.RescheduleWindowPassed => StatusCodes.Status409Conflict,
        ErrorCodes.MaxReschedulesReached => StatusCodes.Status409Conflict,
        ErrorCodes.BookingLimitReached => StatusCodes.Status409Conflict,
        ErrorCodes.HoldExpired => StatusCodes.Status409Conflict,
        ErrorCodes.InvalidTransition => StatusCodes.Status409Conflict,
        ErrorCodes.IdempotencyKeyReused => StatusCodes.Status422UnprocessableEntity,
        ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ApiProblemCodes.TenantRequired => StatusCodes.Status400BadRequest,
        ApiProblemCodes.TenantNotFound => StatusCodes.Status404NotFound,
        ApiProblemCodes.Unauthorized => StatusCodes.Status401Unauthorized,
        ApiProblemCodes.Forbidden => StatusCodes.Status403Forbidden,
        ApiProblemCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ApiProblemCodes.LastOwner => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The code for a status the framework produced by itself (unknown route, failed challenge, …).</summary>
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => ApiProblemCodes.Unauthorized,
        StatusCodes.Status403Forbidden => ApiProblemCodes.Forbidden,
        StatusCodes.Status404NotFound => ApiProblemCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status409Conflict => ApiProblemCodes.Conflict,
        StatusCodes.Status429TooManyRequests => ApiProblemCodes.RateLimited,
        StatusCodes.Status503ServiceUnavailable => ApiProblemCodes.Unavailable,
        >= 500 => "internal_error",
        _ => ApiProblemCodes.ValidationFailed,
    };

    public static string DetailFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Sign in: send a valid access token in the Authorization header.",
        StatusCodes.Status403Forbidden => "You may not do this.",
        StatusCodes.Status404NotFound => "There is nothing here.",
        StatusCodes.Status405MethodNotAllowed => "This route does not take this method.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ => "The request could not be processed.",
    };

    private static string TitleFor(string code) => code switch
    {
        ApiProblemCodes.ValidationFailed => "Validation failed",
        ApiProblemCodes.TenantRequired => "Tenant required",
        ApiProblemCodes.TenantNotFound => "Tenant not found",
        ApiProblemCodes.SlugTaken => "Slug taken",
        ApiProblemCodes.NotFound => "Not found",
        ApiProblemCodes.Unauthorized => "Unauthorized",
        ApiProblemCodes.Forbidden => "Forbidden",
        ApiProblemCodes.SlotUnavailable => "Slot unavailable",
        ApiProblemCodes.IdempotencyKeyReused => "Idempotency key reused",
        ApiProblemCodes.CancellationWindowPassed => "Cancellation window passed",
        ApiProblemCodes.RateLimited => "Too many requests",
        ApiProblemCodes.Conflict => "Conflict",
        ApiProblemCodes.Unavailable => "Service unavailable",
        ApiProblemCodes.QuotaExceeded => "Quota exceeded",
        ApiProblemCodes.RescheduleWindowPassed => "Reschedule window passed",
        ApiProblemCodes.MaxReschedulesReached => "Reschedules used up",
        ApiProblemCodes.BookingLimitReached => "Booking limit reached",
        ApiProblemCodes.HoldExpired => "Hold expired",
        ApiProblemCodes.LastOwner => "Last owner",
        "method_not_allowed" => "Method not allowed",
        "internal_error" => "Internal error",
        _ => "Request refused",
    };
}

/// <summary>A refusal raised by the HTTP layer itself (401, 403, …), written as a problem.</summary>
internal sealed class ApiProblemException(int status, string code, string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    /// <summary>Sent as <c>Retry-After</c> (whole seconds, at least 1).</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public static ApiProblemException RateLimited(TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, ApiProblemCodes.RateLimited,
            $"Too many requests; retry in {RetrySeconds(retryAfter)} seconds.", retryAfter);

    public static int RetrySeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static ApiProblemException Unauthorized(string message = "Sign in: send a valid access token in the Authorization header.") =>
        new(StatusCodes.Status401Unauthorized, ApiProblemCodes.Unauthorized, message);

    public static ApiProblemException Forbidden(string message = "You may not do this.") =>
        new(StatusCodes.Status403Forbidden, ApiProblemCodes.Forbidden, message);

    public static ApiProblemException LastOwner(string message) =>
        new(StatusCodes.Status409Conflict, ApiProblemCodes.LastOwner, message);

    public static ApiProblemException Conflict(string message) =>
        new(StatusCodes.Status409Conflict, ApiProblemCodes.Conflict, message);
}

/// <summary>A problem written as <c>application/problem+json</c> with the API's own JSON settings.</summary>
internal sealed class ProblemResult(ProblemDetails problem) : IResult, IStatusCodeHttpResult
{
    public ProblemDetails Problem => problem;

    public int? StatusCode => problem.Status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        httpContext.Response.ContentType = "application/problem+json; charset=utf-8";
        await JsonSerializer.SerializeAsync(httpContext.Response.Body, problem, ApiJson.Options, httpContext.RequestAborted);
    }
}
