using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Webhooks;

/// <summary>
/// Binds <see cref="WebhookOptions"/> from the host's configuration when there is one (a container without
/// configuration keeps the defaults), and validates them with one message per bad setting, naming its environment variable.
/// </summary>
internal sealed class WebhookOptionsSetup(IServiceProvider services)
    : IConfigureOptions<WebhookOptions>, IValidateOptions<WebhookOptions>
{
    public void Configure(WebhookOptions options) => services.GetService<IConfiguration>()?.GetSection(WebhookOptions.SectionName).Bind(options);

    public ValidateOptionsResult Validate(string? name, WebhookOptions options) => Result(options.Validate());

    private static ValidateOptionsResult Result(IEnumerable<string> failures)
    {
        var list = failures.ToList();
        return list.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(list);
    }
}
