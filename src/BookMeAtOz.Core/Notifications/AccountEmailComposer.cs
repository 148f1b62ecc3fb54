using System.Net;
using BookMeAtOz.Auth;
using BookMeAtOz.Persistence;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Notifications;

/// <summary>
/// Writes a password-reset or invitation e-mail from the stored account token: the token is derived again from its id
/// (only its hash is stored) and checked against the stored hash; a token that was used or has expired is not sent.
/// The link is <see cref="NotificationOptions.AccountLinkBaseUrl"/> (the tenant's slug in place of <c>{tenant}</c>)
/// followed by <c>/reset-password#token=…</c> or <c>/accept-invitation#token=…</c>: the token sits in the fragment,
/// which browsers never send to a server or put in a <c>Referer</c>.
/// </summary>
internal sealed class AccountEmailComposer(
    IBookingStore store, IUserStore users, AccountTokenIssuer tokens, IOptions<NotificationOptions> options, TimeProvider timeProvider)
{
    public async Task<(EmailMessage? Message, string? Skipped)> ComposeAsync(NotificationWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var tenant = await store.FindTenantAsync(work.TenantId, cancellationToken).ConfigureAwait(false);
        var token = tenant is null ? null : await users.FindAccountTokenAsync(work.TenantId, work.BookingId, cancellationToken).ConfigureAwait(false);
        if (tenant is null || token is null)
        {
            return (null, "The link no longer exists.");
        }

        if (!token.IsUsable(timeProvider.GetUtcNow()))
        {
            return (null, "The link was used or has expired.");
        }

        var secret = tokens.CanIssue ? tokens.Derive(token.TenantId, token.Id) : null;
        if (secret is null || !AccountTokenIssuer.Hash(secret).AsSpan().SequenceEqual(token.TokenHash))
        {
            // The secret changed since the link was made: the link could not work.
            return (null, "The link can no longer be made (the server's secret changed).");
        }

        if (options.Value.AccountLinkBaseUrl is not { } baseUrl)
        {
            return (null, "No link base URL is configured (BookMeAtOz:Notifications:AccountLinkBaseUrl).");
        }

        var reset = token.Kind == AccountTokenKind.PasswordReset;
        var link = baseUrl.Replace("{tenant}", Uri.EscapeDataString(tenant.Slug), StringComparison.Ordinal).TrimEnd('/')
            + (reset ? "/reset-password#token=" : "/accept-invitation#token=") + Uri.EscapeDataString(secret);
        var hours = (int)Math.Round((token.ExpiresAt - token.CreatedAt).TotalHours);
        var validity = hours >= 48 ? $"{hours / 24} days" : hours == 1 ? "1 hour" : $"{hours} hours";
        var (subject, lead, action, closing) = reset
            ? ($"Reset your password for {tenant.Name}",
                $"Someone asked to reset the password of your {tenant.Name} account. To choose a new one, open this link:",
                "Choose a new password",
                $"The link works once, for {validity}. If you did not ask for it, ignore this e-mail: your password stays as it is.")
            : ($"You are invited to {tenant.Name}",
                $"You are invited to join {tenant.Name} on BookMeAtOz. To accept, choose your name and a password here:",
                "Accept the invitation",
                $"The link works once, for {validity}.");

        var text = $"Hello,\n\n{lead}\n\n{link}\n\n{closing}\n\n{tenant.Name}\n";
        var html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5\">"
            + $"<p>Hello,</p><p>{WebUtility.HtmlEncode(lead)}</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(action)}</a></p>"
            + $"<p>{WebUtility.HtmlEncode(closing)}</p><p>{WebUtility.HtmlEncode(tenant.Name)}</p></body></html>";
        return (new EmailMessage(
            work.Id,
            tenant.Name,
            new EmailAddress(null, token.Email),
            subject,
            text,
            html,
            timeProvider.GetUtcNow(),
            [],
            new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated", ["X-BookMeAtOz-Notification"] = work.Id.ToString() }), null);
    }
}
