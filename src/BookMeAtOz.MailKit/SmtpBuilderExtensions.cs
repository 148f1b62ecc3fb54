using BookMeAtOz.DependencyInjection;
using BookMeAtOz.MailKit;
using BookMeAtOz.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sends BookMeAtOz's booking e-mail over SMTP with MailKit.</summary>
public static class SmtpBuilderExtensions
{
    /// <summary>
    /// Sends booking e-mail through the mail server of <c>BookMeAtOz:Smtp</c> (<see cref="SmtpOptions"/>), with
    /// <paramref name="configure"/> applied after configuration (explicit settings win). Without a host, e-mail is off
    /// and the queue is left alone. Settings are validated at start-up. Calling it again adds nothing but the settings.
    /// </summary>
    /// <param name="builder">The BookMeAtOz builder.</param>
    /// <param name="configure">Optional settings that override configuration.</param>
    public static BookMeAtOzBuilder WithSmtp(this BookMeAtOzBuilder builder, Action<SmtpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SmtpOptions>()
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(SmtpOptions.SectionName).Bind(options))
            .ValidateOnStart();
        if (configure is not null)
        {
            services.PostConfigure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());
        services.Replace(ServiceDescriptor.Singleton<IEmailSender, SmtpEmailSender>());
        return builder;
    }
}

/// <summary>One message per bad SMTP setting, naming its environment variable.</summary>
internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
