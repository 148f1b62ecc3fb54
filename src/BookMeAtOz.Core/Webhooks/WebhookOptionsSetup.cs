using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Webhooks;

/// <summary>
/// Binds <see cref="WebhookOptions"/> from the host's configuration when there is one (a container without
/// configuration keeps the defaults), and validates them with one message per bad setting, naming its environment variable.
/// In Production a store that keeps subscriptions (PostgreSQL) needs <see cref="WebhookOptions.SecretKey"/>: without it
/// the host refuses to start, because secrets encrypted under a key nobody configured are unreadable after a restart (a
/// per-process key) or after the rotation of an unrelated secret (a derived one).
/// </summary>
internal sealed class WebhookOptionsSetup(IServiceProvider services)
    : IConfigureOptions<WebhookOptions>, IValidateOptions<WebhookOptions>
{
    public void Configure(WebhookOptions options) => services.GetService<IConfiguration>()?.GetSection(WebhookOptions.SectionName).Bind(options);

    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = options.Validate().ToList();
        if (options.SecretKey is not { Length: > 0 } && KeyRequired(services))
        {
            failures.Add("BookMeAtOz__Webhooks__SecretKey is required in Production: base64 of 32 random bytes (`openssl rand -base64 32`), "
                + "the same on every instance and kept for good (webhook secrets are encrypted with it).");
        }

        return Result(failures);
    }

    /// <summary>Whether the host must configure the key: in Production, with a store that outlives the process.</summary>
    internal static bool KeyRequired(IServiceProvider services) =>
        services.GetService<IHostEnvironment>() is { } environment && environment.IsProduction()
        && services.GetService<IWebhookStore>() is not null and not InMemoryWebhookStore;

    private static ValidateOptionsResult Result(IEnumerable<string> failures)
    {
        var list = failures.ToList();
        return list.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(list);
    }
}
