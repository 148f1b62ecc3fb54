using BookMeAtOz.Bookings;
using BookMeAtOz.DependencyInjection;
using BookMeAtOz.Persistence;
using BookMeAtOz.Persistence.InMemory;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers BookMeAtOz's core services.</summary>
public static class BookMeAtOzServiceCollectionExtensions
{
    /// <summary>
    /// Adds the booking service over the embedded in-memory store (replace it with <c>UsePostgres</c>) and the
    /// system clock (an earlier <see cref="TimeProvider"/> registration wins). Calling it again adds nothing.
    /// </summary>
    public static BookMeAtOzBuilder AddBookMeAtOz(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBookingStore>(sp => new InMemoryBookingStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<BookingService>();
        return new BookMeAtOzBuilder(services);
    }

    /// <summary>Uses the embedded in-memory store: fast, thread-safe, and lost when the process stops.</summary>
    public static BookMeAtOzBuilder UseInMemoryStore(this BookMeAtOzBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IBookingStore>(sp => new InMemoryBookingStore(sp.GetRequiredService<TimeProvider>())));
        return builder;
    }
}
