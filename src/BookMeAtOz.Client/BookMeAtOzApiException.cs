using System.Net;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.Client;

/// <summary>
/// An error answer of the BookMeAtOz API, carrying its RFC 9457 problem. Catch by code:
/// <code>catch (BookMeAtOzApiException e) when (e.Code == ApiProblemCodes.SlotUnavailable) { … }</code>
/// </summary>
public sealed class BookMeAtOzApiException : Exception
{
    /// <summary>Creates the exception for an error answer.</summary>
    /// <param name="status">The HTTP status of the answer.</param>
    /// <param name="problem">The problem the answer carried; null when its body was not a problem (a proxy's error page, say).</param>
    /// <param name="method">The request's HTTP method.</param>
    /// <param name="requestUri">The request's address.</param>
    public BookMeAtOzApiException(HttpStatusCode status, ApiProblem? problem, HttpMethod? method = null, Uri? requestUri = null)
        : base(MessageFor(status, problem, method, requestUri))
    {
        StatusCode = status;
        Problem = problem;
        Method = method;
        RequestUri = requestUri;
    }

    /// <summary>Creates the exception with a message of your own and no problem.</summary>
    public BookMeAtOzApiException()
    {
    }

    /// <summary>Creates the exception with a message of your own and no problem.</summary>
    /// <param name="message">The message.</param>
    public BookMeAtOzApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message of your own, no problem, and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BookMeAtOzApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The HTTP status of the answer as a number (<c>409</c>).</summary>
    public int Status => (int)StatusCode;

    /// <summary>The problem's machine-readable code (<see cref="ApiProblemCodes"/>), for example <c>slot_unavailable</c>; null when the answer had none.</summary>
    public string? Code => Problem?.Code;

    /// <summary>For <c>validation_failed</c>: the messages by field (camelCase JSON path); otherwise empty.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => Problem?.Errors ?? EmptyErrors;

    /// <summary>What went wrong in this request, as the API put it.</summary>
    public string? Detail => Problem?.Detail;

    /// <summary>The whole problem; null when the answer's body was not an RFC 9457 problem.</summary>
    public ApiProblem? Problem { get; }

    /// <summary>The request's HTTP method.</summary>
    public HttpMethod? Method { get; }

    /// <summary>The request's address.</summary>
    public Uri? RequestUri { get; }

    private static readonly IReadOnlyDictionary<string, string[]> EmptyErrors = new Dictionary<string, string[]>();

    private static string MessageFor(HttpStatusCode status, ApiProblem? problem, HttpMethod? method, Uri? requestUri)
    {
        var request = method is null || requestUri is null ? string.Empty : $" ({method} {requestUri.AbsolutePath})";
        var what = problem?.Detail ?? problem?.Title ?? status.ToString();
        return problem?.Code is { } code
            ? $"BookMeAtOz API answered {(int)status} {code}{request}: {what}"
            : $"BookMeAtOz API answered {(int)status}{request}: {what}";
    }
}
