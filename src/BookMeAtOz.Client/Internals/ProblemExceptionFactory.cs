using System.Text.Json;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.Client.Internals;

/// <summary>Turns every error answer into a <see cref="BookMeAtOzApiException"/> carrying its RFC 9457 problem.</summary>
internal static class ProblemExceptionFactory
{
    public static async ValueTask<Exception?> CreateAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        return new BookMeAtOzApiException(response.StatusCode, await ReadProblemAsync(response), response.RequestMessage?.Method, response.RequestMessage?.RequestUri);
    }

    internal static async Task<ApiProblem?> ReadProblemAsync(HttpResponseMessage response)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not ("application/problem+json" or "application/json"))
        {
            return null;
        }

        try
        {
            var text = await response.Content.ReadAsStringAsync();
            return JsonSerializer.Deserialize(text, BookMeAtOzJsonContext.Default.ApiProblem);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
