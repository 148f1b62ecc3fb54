namespace BookMeAtOz.Client.Auth;

/// <summary>
/// Gives the client the access token to send, and a new one when the API refuses it. Implementations must be
/// safe to call concurrently and must not depend on scoped services.
/// </summary>
public interface IBookMeAtOzTokenSource
{
    /// <summary>The access token for the next request.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token, or null to send the request anonymously.</returns>
    ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called once when the API answered <c>401</c> to a request that carried <paramref name="rejectedAccessToken"/>;
    /// the request is sent again with the token returned.
    /// </summary>
    /// <param name="rejectedAccessToken">The token the API refused.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A new token, or null when there is none (the <c>401</c> then stands).</returns>
    ValueTask<string?> RefreshAccessTokenAsync(string rejectedAccessToken, CancellationToken cancellationToken);
}
