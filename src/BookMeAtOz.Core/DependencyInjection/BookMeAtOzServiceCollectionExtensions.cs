using BookMeAtOz.Auth;
using BookMeAtOz.Bookings;
using BookMeAtOz.Catalog;
using BookMeAtOz.DependencyInjection;
using BookMeAtOz.Persistence;
using BookMeAtOz.Persistence.InMemory;
using BookMeAtOz.Tenancy;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers BookMeAtOz's core services.</summary>
public static class BookMeAtOzServiceCollectionExtensions
{
    /// <summary>
    /// Adds the booking, catalog and tenant services over the embedded in-memory stores (replace them with <c>UsePostgres</c>) and the
    /// system clock (an earlier <see cref="TimeProvider"/> registration wins). Calling it again adds nothing.
    /// </summary>
    public static BookMeAtOzBuilder AddBookMeAtOz(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBookingStore>(sp => new InMemoryBookingStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IUserStore, InMemoryUserStore>();
        services.TryAddSingleton<BookingService>();
        services.TryAddSingleton<CatalogService>();
        services.TryAddSingleton<TenantAdministration>();
        return new BookMeAtOzBuilder(services);
    }

    /// <summary>Uses the embedded in-memory store: fast, thread-safe, and lost when the process stops.</summary>
    public static BookMeAtOzBuilder UseInMemoryStore(this BookMeAtOzBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IBookingStore>(sp => new InMemoryBookingStore(sp.GetRequiredService<TimeProvider>())));
        builder.Services.Replace(ServiceDescriptor.Singleton<IUserStore, InMemoryUserStore>());
        return builder;
    }
}
