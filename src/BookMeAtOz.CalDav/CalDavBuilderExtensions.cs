using BookMeAtOz.CalDav.Internals;
using BookMeAtOz.Calendars;
using BookMeAtOz.Changes;
using BookMeAtOz.DependencyInjection;
using BookMeAtOz.Scheduling;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>CalDAV calendar sync for BookMeAtOz.</summary>
public static class CalDavBuilderExtensions
{
    /// <summary>
    /// Turns on two-way CalDAV sync (SPEC §11.4): staff calendars connected through <c>PUT /api/v1/staff/{id}/caldav</c> are
    /// synced in the background into stored busy time, which availability and booking subtract like time off, and the
    /// staff member's bookings are written to the calendar as events. Settings: <see cref="CalendarSyncOptions"/>
    /// (<c>BookMeAtOz:CalendarSync</c>; <c>EncryptionKey</c> is required to connect a calendar).
    /// </summary>
    /// <param name="builder">The BookMeAtOz builder.</param>
    /// <returns>The builder.</returns>
    public static BookMeAtOzBuilder WithCalDav(this BookMeAtOzBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton<CalDavHttp>();
        services.TryAddSingleton<CalDavSynchronizer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBusyTimeSource, SyncedBusyTimeSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChangeSubscriber, CalDavChangeSubscriber>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CalDavSyncWorker>());
        return builder;
    }
}
