namespace BookMeAtOz.Client.Internals;

/// <summary>What the handlers need to know about a request's route.</summary>
internal static class Routes
{
    private const string Api = "/api/v1";

    /// <summary><c>POST /api/v1/bookings</c>: the only call that carries an <c>Idempotency-Key</c>.</summary>
    public static bool IsCreateBooking(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && (PathEndsWith(request, Api + "/bookings") || PathEndsWith(request, Api + "/bookings/series"));

    /// <summary>Sign-up, sign-in and refresh: they carry no access token, and their <c>401</c> is not a stale token.</summary>
    public static bool IsCredentialExchange(HttpRequestMessage request) =>
        PathEndsWith(request, Api + "/auth/token") || PathEndsWith(request, Api + "/auth/refresh") || PathEndsWith(request, Api + "/tenants");

    /// <summary><c>POST /api/v1/bookings/{id}/cancel</c>: idempotent by the API's contract.</summary>
    public static bool IsCancelBooking(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && Path(request) is { } path
        && path.EndsWith("/cancel", StringComparison.Ordinal) && path.Contains(Api + "/bookings/", StringComparison.Ordinal);

    private static bool PathEndsWith(HttpRequestMessage request, string suffix) =>
        Path(request) is { } path && path.TrimEnd('/').EndsWith(suffix, StringComparison.Ordinal);

    private static string? Path(HttpRequestMessage request) => request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString;
}
