using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Notifications;

/// <summary>
/// Binds <see cref="NotificationOptions"/> from the host's configuration when there is one (a container without
/// configuration keeps the defaults), and validates them with one message per bad setting, naming its environment variable.
/// </summary>
internal sealed class NotificationOptionsSetup(IServiceProvider services)
    : IConfigureOptions<NotificationOptions>, IValidateOptions<NotificationOptions>
{
    public void Configure(NotificationOptions options) => services.GetService<IConfiguration>()?.GetSection(NotificationOptions.SectionName).Bind(options);

    public ValidateOptionsResult Validate(string? name, NotificationOptions options) => Result(options.Validate());

    private static ValidateOptionsResult Result(IEnumerable<string> failures)
    {
        var list = failures.ToList();
        return list.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(list);
    }
}
