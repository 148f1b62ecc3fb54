using System.Net;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.Client.Auth;

/// <summary>
/// The default <see cref="IBookMeAtOzTokenSource"/>: keeps the tokens of one signed-in user in memory and, when the
/// API refuses the access token, exchanges the refresh token for a new pair (once, however many requests were
/// refused at the same time). Give it the tokens from sign-in or sign-up with <see cref="SetTokens"/>.
/// </summary>
public sealed class BookMeAtOzTokenStore : IBookMeAtOzTokenSource, IDisposable
{
    private readonly Func<string, CancellationToken, Task<AuthResponse>> _refresh;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private AuthResponse? _current;

    /// <summary>Creates an empty store.</summary>
    /// <param name="refresh">
    /// Exchanges a refresh token for new tokens, normally <see cref="IBookMeAtOzApi.RefreshTokenAsync"/> on a client
    /// without the token handler (<c>AddBookMeAtOzClient</c> wires this up).
    /// </param>
    public BookMeAtOzTokenStore(Func<string, CancellationToken, Task<AuthResponse>> refresh)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        _refresh = refresh;
    }

    /// <summary>Raised after the tokens changed: set, refreshed or cleared (then with null). Persist the refresh token here if you keep it across restarts.</summary>
    public event EventHandler<AuthResponse?>? TokensChanged;

    /// <summary>The current tokens, or null when nobody is signed in.</summary>
    public AuthResponse? Current => Volatile.Read(ref _current);

    /// <summary>Signs the client in with the tokens of a sign-in, sign-up or refresh answer.</summary>
    /// <param name="tokens">The tokens.</param>
    public void SetTokens(AuthResponse tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        Volatile.Write(ref _current, tokens);
        TokensChanged?.Invoke(this, tokens);
    }

    /// <summary>Signs the client out: later requests are anonymous.</summary>
    public void Clear()
    {
        Volatile.Write(ref _current, null);
        TokensChanged?.Invoke(this, null);
    }

    /// <inheritdoc />
    public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Current?.AccessToken);

    /// <inheritdoc />
    public async ValueTask<string?> RefreshAccessTokenAsync(string rejectedAccessToken, CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var current = Current;
            if (current is null)
            {
                return null;
            }

            if (!string.Equals(current.AccessToken, rejectedAccessToken, StringComparison.Ordinal))
            {
                // Another request refreshed while this one waited: a refresh token works only once.
                return current.AccessToken;
            }

            AuthResponse fresh;
            try
            {
                fresh = await _refresh(current.RefreshToken, cancellationToken);
            }
            catch (BookMeAtOzApiException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
            {
                // Expired, revoked or already used: the session is over.
                Clear();
                return null;
            }

            SetTokens(fresh);
            return fresh.AccessToken;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _refreshing.Dispose();
}
