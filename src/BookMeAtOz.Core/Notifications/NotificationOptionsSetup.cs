using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Notifications;

/// <summary>
/// Binds <see cref="NotificationOptions"/> and <see cref="SmtpOptions"/> from the host's configuration when there is
/// one (a container without configuration keeps the defaults: e-mail off), and validates them with one message per bad
/// setting, naming its environment variable.
/// </summary>
internal sealed class NotificationOptionsSetup(IServiceProvider services)
    : IConfigureOptions<NotificationOptions>, IConfigureOptions<SmtpOptions>, IValidateOptions<NotificationOptions>, IValidateOptions<SmtpOptions>
{
    public void Configure(NotificationOptions options) => services.GetService<IConfiguration>()?.GetSection(NotificationOptions.SectionName).Bind(options);

    public void Configure(SmtpOptions options) => services.GetService<IConfiguration>()?.GetSection(SmtpOptions.SectionName).Bind(options);

    public ValidateOptionsResult Validate(string? name, NotificationOptions options) => Result(options.Validate());

    public ValidateOptionsResult Validate(string? name, SmtpOptions options) => Result(options.Validate());

    private static ValidateOptionsResult Result(IEnumerable<string> failures)
    {
        var list = failures.ToList();
        return list.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(list);
    }
}
