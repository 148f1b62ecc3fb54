using System.Net;
using System.Net.Http.Headers;
using BookMeAtOz.Client.Auth;

namespace BookMeAtOz.Client.Internals;

/// <summary>
/// Sends the access token, and when the API refuses it (<c>401</c>) asks the token source once for a new one and
/// sends the request again. Safe for every method: a <c>401</c> means the API did nothing.
/// </summary>
internal sealed class AccessTokenHandler(IBookMeAtOzTokenSource tokens) : DelegatingHandler
{
    private const string Bearer = "Bearer";

    /// <summary>Marks a request whose Authorization header this handler set, so a retry gets the current token.</summary>
    private static readonly HttpRequestOptionsKey<bool> TokenSet = new("BookMeAtOz.AccessTokenSet");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A caller's own Authorization header wins; credential exchanges never carry a token.
        var ours = request.Options.TryGetValue(TokenSet, out var set) && set;
        if ((request.Headers.Authorization is not null && !ours) || Routes.IsCredentialExchange(request))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        // On a retry the header is ours from the earlier attempt: send the token that is current now.
        request.Headers.Authorization = null;
        var token = await tokens.GetAccessTokenAsync(cancellationToken);
        if (string.IsNullOrEmpty(token))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue(Bearer, token);
        request.Options.Set(TokenSet, true);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var fresh = await tokens.RefreshAccessTokenAsync(token, cancellationToken);
        if (string.IsNullOrEmpty(fresh) || string.Equals(fresh, token, StringComparison.Ordinal))
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue(Bearer, fresh);
        return await base.SendAsync(request, cancellationToken);
    }
}
