using BookMeAtOz.Audit;
using BookMeAtOz.Auth;
using BookMeAtOz.Bookings;
using BookMeAtOz.Calendars;
using BookMeAtOz.Catalog;
using BookMeAtOz.Changes;
using BookMeAtOz.Customers;
using BookMeAtOz.DependencyInjection;
using BookMeAtOz.Notifications;
using BookMeAtOz.Persistence;
using BookMeAtOz.Persistence.InMemory;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using BookMeAtOz.Waitlist;
using BookMeAtOz.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers BookMeAtOz's core services.</summary>
public static class BookMeAtOzServiceCollectionExtensions
{
    /// <summary>
    /// Adds the booking, catalog and tenant services over the embedded in-memory stores (replace them with <c>WithPostgres</c>) and the
    /// system clock (an earlier <see cref="TimeProvider"/> registration wins), and booking e-mail: a background dispatcher that sends
    /// the queued e-mails through the registered <see cref="IEmailSender"/> (BookMeAtOz.MailKit's <c>WithSmtp()</c>, or your own; none
    /// = e-mail off, nothing lost) as <c>BookMeAtOz:Notifications</c> says (<see cref="NotificationOptions"/>), and the per-tenant caps of
    /// <c>BookMeAtOz:Limits</c> (<see cref="CatalogLimitsOptions"/>), and the background expiry of pending bookings past their approval deadline
    /// (<c>BookMeAtOz:Approvals</c>, <see cref="ApprovalExpiryOptions"/>). Calling it again adds nothing.
    /// </summary>
    public static BookMeAtOzBuilder AddBookMeAtOz(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBookingStore>(sp => new InMemoryBookingStore(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IUserStore>()));
        services.TryAddSingleton<InMemoryAuditStore>();
        services.TryAddSingleton<IAuditStore>(sp => sp.GetRequiredService<InMemoryAuditStore>());
        services.TryAddSingleton<IUserStore>(sp => new InMemoryUserStore(sp.GetRequiredService<InMemoryAuditStore>()));
        services.TryAddSingleton<IApiKeyStore>(sp => InMemoryApiKeys(sp));
        services.TryAddSingleton<ICalendarFeedStore>(sp => new InMemoryCalendarFeedStore(sp.GetRequiredService<IBookingStore>(), sp.GetRequiredService<InMemoryAuditStore>()));
        services.TryAddSingleton<CalendarFeedService>();
        services.AddOptions<ManageTokenOptions>();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ManageTokenOptions>>().Value.Secret is { Length: > 0 } secret
            ? new ManageTokenIssuer(System.Text.Encoding.UTF8.GetBytes(secret))
            : new ManageTokenIssuer());

        // Every write of the services goes through the change tracker, which tells the hub, the cache and the e-mail queue.
        services.TryAddSingleton<ChangeEventPublisher>();
        services.TryAddSingleton<NotificationWakeSignal>();
        services.TryAddSingleton<NotificationPlanner>();
        services.TryAddSingleton<InMemoryNotificationStore>();
        services.TryAddSingleton<INotificationStore>(sp => sp.GetRequiredService<InMemoryNotificationStore>());
        services.TryAddSingleton<IChangeSink, InMemoryChangeSink>();
        // Webhooks (BookMeAtOz:Webhooks): subscriptions, the delivery queue the relay fills, and its dispatcher.
        services.AddOptions<WebhookOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<WebhookOptions>, WebhookOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsSetup>());
        services.TryAddSingleton<WebhookWakeSignal>();
        services.TryAddSingleton<InMemoryWebhookStore>();
        services.TryAddSingleton<IWebhookStore>(sp => sp.GetRequiredService<InMemoryWebhookStore>());
        services.TryAddSingleton<WebhookSecretProtector>();
        services.TryAddSingleton(sp => new WebhookTargetGuard(sp.GetRequiredService<IOptions<WebhookOptions>>()));
        services.TryAddSingleton(sp => new WebhookService(
            sp.GetRequiredService<IWebhookStore>(), sp.GetRequiredService<WebhookSecretProtector>(), sp.GetRequiredService<WebhookTargetGuard>(),
            sp.GetRequiredService<WebhookWakeSignal>(), sp.GetRequiredService<IOptions<WebhookOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WebhookDispatcher>());
        services.TryAddSingleton(sp => new ChangeTrackingBookingStore(sp.GetRequiredService<IBookingStore>(), sp.GetRequiredService<IChangeSink>()));
        // Off unless a host sets an expiry: kept answers are only safe where every instance hears of every change (WithAspNetCore).
        services.AddOptions<AvailabilityCacheOptions>();
        services.TryAddSingleton<AvailabilityCache>();
        // Ahead of every other handler (the real-time hub is added later): answers are dropped before clients are told to look again.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChangeSubscriber, AvailabilityCache>(sp => sp.GetRequiredService<AvailabilityCache>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChangeWriteObserver, AvailabilityCache>(sp => sp.GetRequiredService<AvailabilityCache>()));
        services.TryAddSingleton(sp => new BookingService(
            sp.GetRequiredService<ChangeTrackingBookingStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ManageTokenIssuer>(),
            sp.GetRequiredService<AvailabilityCache>(), sp.GetServices<IBusyTimeSource>(), sp.GetServices<IBookingRule>()));
        services.AddOptions<CatalogLimitsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<CatalogLimitsOptions>, CatalogLimitsOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CatalogLimitsOptions>, CatalogLimitsOptionsSetup>());
        services.TryAddSingleton(sp => new CatalogService(
            sp.GetRequiredService<ChangeTrackingBookingStore>(), sp.GetRequiredService<IOptions<CatalogLimitsOptions>>().Value));
        services.TryAddSingleton(sp => new TenantAdministration(sp.GetRequiredService<ChangeTrackingBookingStore>()));

        services.AddOptions<NotificationOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<NotificationOptions>, NotificationOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsSetup>());
        // E-mails are written from the store itself: never from a cache.
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ManageTokenOptions>>().Value.Secret is { Length: > 0 } secret
            ? new AccountTokenIssuer(System.Text.Encoding.UTF8.GetBytes(secret))
            : new AccountTokenIssuer());
        services.TryAddSingleton(sp => new AccountEmailComposer(
            sp.GetRequiredService<IBookingStore>(), sp.GetRequiredService<IUserStore>(), sp.GetRequiredService<AccountTokenIssuer>(),
            sp.GetRequiredService<IOptions<NotificationOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new BookingEmailComposer(
            sp.GetRequiredService<IBookingStore>(), sp.GetRequiredService<ManageTokenIssuer>(), sp.GetRequiredService<IOptions<NotificationOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<AccountEmailComposer>(), sp.GetRequiredService<IWaitlistStore>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, NotificationDispatcher>());

        // Customers (export, erasure) and closing tenants; the purge of closed tenants after BookMeAtOz:Tenants:ClosedRetentionDays.
        services.TryAddSingleton<ICustomerStore>(sp => new InMemoryCustomerStore(InMemoryStore(sp), sp.GetRequiredService<InMemoryNotificationStore>()));
        services.TryAddSingleton<ITenantLifecycleStore>(sp => new InMemoryTenantLifecycleStore(InMemoryStore(sp), sp.GetRequiredService<InMemoryNotificationStore>()));
        services.AddOptions<TenantRetentionOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<TenantRetentionOptions>, TenantRetentionOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenantRetentionOptions>, TenantRetentionOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ClosedTenantPurger>());
        // Lapsed holds block nothing by themselves; the sweeper marks them expired (and tells listeners) in the background.
        services.AddOptions<HoldOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HoldOptions>, HoldOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HoldOptions>, HoldOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HoldSweeper>());
        // Pending bookings past their approval deadline become expired, on any store (BookMeAtOz:Approvals).
        services.AddOptions<ApprovalExpiryOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ApprovalExpiryOptions>, ApprovalExpiryOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApprovalExpiryOptions>, ApprovalExpiryOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ApprovalExpirySweeper>());
        // The waitlist (BookMeAtOz:Waitlist): offers are holds, made when time frees up and by a periodic sweep.
        services.AddOptions<WaitlistOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<WaitlistOptions>, WaitlistOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WaitlistOptions>, WaitlistOptionsSetup>());
        services.TryAddSingleton<InMemoryWaitlistStore>();
        services.TryAddSingleton<IWaitlistStore>(sp => sp.GetRequiredService<InMemoryWaitlistStore>());
        services.TryAddSingleton(sp => new WaitlistService(
            sp.GetRequiredService<IWaitlistStore>(), sp.GetRequiredService<ChangeTrackingBookingStore>(), sp.GetRequiredService<BookingService>(),
            sp.GetRequiredService<IChangeSink>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<WaitlistOptions>>()));
        services.TryAddSingleton<WaitlistProcessor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WaitlistProcessor>(sp => sp.GetRequiredService<WaitlistProcessor>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChangeSubscriber, WaitlistProcessor>(sp => sp.GetRequiredService<WaitlistProcessor>()));
        // Connected calendars and their synced busy time (SPEC §11.4); the sync itself comes with a package (WithCalDav()).
        services.AddOptions<BookMeAtOz.Calendars.CalendarSyncOptions>()
            .Configure<IServiceProvider>((o, sp) =>
            {
                if (sp.GetService<Microsoft.Extensions.Configuration.IConfiguration>() is { } configuration)
                {
                    Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configuration.GetSection(BookMeAtOz.Calendars.CalendarSyncOptions.SectionName), o);
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BookMeAtOz.Calendars.CalendarSyncOptions>, BookMeAtOz.Calendars.CalendarSyncOptionsValidator>());
        services.TryAddSingleton<BookMeAtOz.Calendars.ICalendarSyncStore, BookMeAtOz.Calendars.InMemoryCalendarSyncStore>();
        services.TryAddSingleton(sp => new BookMeAtOz.Calendars.CalendarConnectionService(
            sp.GetRequiredService<BookMeAtOz.Calendars.ICalendarSyncStore>(), sp.GetRequiredService<IBookingStore>(),
            sp.GetRequiredService<IOptions<BookMeAtOz.Calendars.CalendarSyncOptions>>(), sp.GetRequiredService<TimeProvider>()));
        return new BookMeAtOzBuilder(services);
    }

    /// <summary>Uses the embedded in-memory store: fast, thread-safe, and lost when the process stops.</summary>
    public static BookMeAtOzBuilder WithInMemoryStore(this BookMeAtOzBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IBookingStore>(sp => new InMemoryBookingStore(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IUserStore>())));
        builder.Services.Replace(ServiceDescriptor.Singleton<IAuditStore>(sp => sp.GetRequiredService<InMemoryAuditStore>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<IUserStore>(sp => new InMemoryUserStore(sp.GetRequiredService<InMemoryAuditStore>())));
        builder.Services.Replace(ServiceDescriptor.Singleton<IApiKeyStore>(sp => InMemoryApiKeys(sp)));
        builder.Services.Replace(ServiceDescriptor.Singleton<INotificationStore>(sp => sp.GetRequiredService<InMemoryNotificationStore>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<ICalendarFeedStore>(sp => new InMemoryCalendarFeedStore(sp.GetRequiredService<IBookingStore>(), sp.GetRequiredService<InMemoryAuditStore>())));
        builder.Services.Replace(ServiceDescriptor.Singleton<IChangeSink, InMemoryChangeSink>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IWebhookStore>(sp => sp.GetRequiredService<InMemoryWebhookStore>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<IWaitlistStore>(sp => sp.GetRequiredService<InMemoryWaitlistStore>()));
        builder.Services.Replace(ServiceDescriptor.Singleton<BookMeAtOz.Calendars.ICalendarSyncStore, BookMeAtOz.Calendars.InMemoryCalendarSyncStore>());
        builder.Services.Replace(ServiceDescriptor.Singleton<ICustomerStore>(sp => new InMemoryCustomerStore(
            InMemoryStore(sp), sp.GetRequiredService<InMemoryNotificationStore>())));
        builder.Services.Replace(ServiceDescriptor.Singleton<ITenantLifecycleStore>(sp => new InMemoryTenantLifecycleStore(
            InMemoryStore(sp), sp.GetRequiredService<InMemoryNotificationStore>())));
        var storeWorkers = builder.Services
            .Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType is { } type && typeof(IStoreHostedService).IsAssignableFrom(type))
            .ToList();
        foreach (var descriptor in storeWorkers)
        {
            builder.Services.Remove(descriptor);
        }

        return builder;
    }

    /// <summary>The in-memory store keeps API keys with its users (one lock, one audit log, one purge).</summary>
    private static IApiKeyStore InMemoryApiKeys(IServiceProvider services) =>
        services.GetRequiredService<IUserStore>() as InMemoryUserStore
        ?? throw new InvalidOperationException("The in-memory API key store needs the in-memory user store; a host with another IUserStore registers its own IApiKeyStore.");

    private static InMemoryBookingStore InMemoryStore(IServiceProvider services) =>
        services.GetRequiredService<IBookingStore>() as InMemoryBookingStore
        ?? throw new InvalidOperationException("The in-memory customer and tenant stores need the in-memory booking store; a host with another IBookingStore registers its own ICustomerStore and ITenantLifecycleStore.");
}
