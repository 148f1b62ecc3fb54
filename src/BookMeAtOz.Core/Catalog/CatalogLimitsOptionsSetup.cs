using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Catalog;

/// <summary>
/// Binds <see cref="CatalogLimitsOptions"/> from the host's configuration when there is one (a container without
/// configuration keeps the defaults), and validates them with one message per bad setting, naming its environment variable.
/// </summary>
internal sealed class CatalogLimitsOptionsSetup(IServiceProvider services)
    : IConfigureOptions<CatalogLimitsOptions>, IValidateOptions<CatalogLimitsOptions>
{
    public void Configure(CatalogLimitsOptions options) => services.GetService<IConfiguration>()?.GetSection(CatalogLimitsOptions.SectionName).Bind(options);

    public ValidateOptionsResult Validate(string? name, CatalogLimitsOptions options)
    {
        var failures = options.Validate().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
