namespace BookMeAtOz.AspNetCore;

/// <summary>
/// BookMeAtOz's authentication scheme: JWT bearer access tokens it issues itself, used on its own routes and hub only.
/// It is never made the host's default scheme, and its policies are named <c>bookmeatoz:*</c>.
/// </summary>
public static class BookMeAtOzAuthentication
{
    /// <summary>The scheme's name: <c>BookMeAtOz</c>.</summary>
    public const string Scheme = "BookMeAtOz";
}
