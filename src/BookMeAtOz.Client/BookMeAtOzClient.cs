using BookMeAtOz.Client.Internals;
using Refit;

namespace BookMeAtOz.Client;

/// <summary>Creates an <see cref="IBookMeAtOzApi"/> over an <see cref="HttpClient"/> you configured yourself.</summary>
/// <remarks>
/// Prefer <c>services.AddBookMeAtOzClient(...)</c>: it adds the tenant, access tokens with refresh, idempotency keys
/// and safe retries. A client made here only has the JSON settings and the error mapping to
/// <see cref="BookMeAtOzApiException"/>; the <see cref="HttpClient"/> must have its <c>BaseAddress</c> set.
/// </remarks>
public static class BookMeAtOzClient
{
    /// <summary>Creates the typed API over <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">A client whose <c>BaseAddress</c> is the API's address.</param>
    /// <returns>The typed API.</returns>
    public static IBookMeAtOzApi Create(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return RestService.ForGenerated<IBookMeAtOzApi>(httpClient, CreateSettings());
    }

    internal static RefitSettings CreateSettings()
    {
        var settings = RefitSettings.ForJsonContext(BookMeAtOzJsonContext.Default);
        settings.ExceptionFactory = ProblemExceptionFactory.CreateAsync;
        // Transport failures surface as themselves (HttpRequestException, a timeout, an open circuit), not wrapped
        // in a Refit type: callers should not need Refit to handle them.
        settings.TransportExceptionFactory = (_, exception, _) => exception;
        // A buffered body can be sent again: by the retry pipeline and after a token refresh.
        settings.Buffered = true;
        return settings;
    }
}
