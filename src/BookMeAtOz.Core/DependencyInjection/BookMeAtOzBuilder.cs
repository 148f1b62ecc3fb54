using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.DependencyInjection;

/// <summary>
/// Configures BookMeAtOz after <see cref="BookMeAtOzServiceCollectionExtensions.AddBookMeAtOz"/>; each option
/// is an extension method in the package that owns its dependency (for example <c>WithPostgres</c>).
/// </summary>
/// <param name="services">The service collection being configured.</param>
public sealed class BookMeAtOzBuilder(IServiceCollection services)
{
    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; } = services ?? throw new ArgumentNullException(nameof(services));
}
