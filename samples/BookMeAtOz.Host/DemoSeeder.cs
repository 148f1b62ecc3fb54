using BookMeAtOz.Auth;
using BookMeAtOz.Catalog;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using BookMeAtOz.Persistence;
using BookMeAtOz.Persistence.InMemory;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Host;

/// <summary>The demo tenant seeded into the in-memory store.</summary>
public sealed class DemoOptions
{
    /// <summary>The configuration section: <c>BookMeAtOz:Demo</c>.</summary>
    public const string SectionName = "BookMeAtOz:Demo";

    /// <summary>Whether to seed the <c>demo</c> tenant when the store is in memory. Default true.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>
    /// The demo owner's password. In Development it defaults to <c>demo-password</c>; elsewhere there is no
    /// demo sign-in unless this is set (secrets have no working defaults outside Development).
    /// </summary>
    public string? Password { get; set; }
}

internal static partial class DemoSeeder
{
    public const string Slug = "demo";
    public const string OwnerEmail = "owner@demo.bookmeatoz.online";
    private const string DevelopmentPassword = "demo-password";

    public static async Task SeedDemoTenantAsync(this IServiceProvider services, IHostEnvironment environment, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<DemoOptions>>().Value;
        var store = services.GetRequiredService<IBookingStore>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("BookMeAtOz.Host.Demo");
        if (store is not InMemoryBookingStore || !options.Seed)
        {
            return;
        }

        var tenants = services.GetRequiredService<TenantAdministration>();
        if (await tenants.FindBySlugAsync(Slug, cancellationToken) is not null)
        {
            return;
        }

        var clock = services.GetRequiredService<TimeProvider>();
        var catalog = services.GetRequiredService<CatalogService>();
        var now = clock.GetUtcNow();
        var tenant = await tenants.CreateAsync(
            new Tenant(Guid.CreateVersion7(now), Slug, "BookMeAtOz Demo Salon", "Australia/Sydney", "AUD", TenantPolicy.Default), cancellationToken);

        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        var hours = new StaffSchedule(
            weekdays.ToDictionary(d => d, _ => (IReadOnlyList<WorkInterval>)[WorkInterval.Parse("09:00", "12:30"), WorkInterval.Parse("13:30", "17:00")])
                .Append(new(DayOfWeek.Saturday, [WorkInterval.Parse("09:00", "13:00")]))
                .ToDictionary(),
            []);
        var staff = new List<StaffMember>();
        foreach (var name in new[] { "Alex Chen", "Sam Taylor", "Priya Singh" })
        {
            var member = await catalog.CreateStaffAsync(
                new StaffMember(Guid.CreateVersion7(now), tenant.Id, name, null, tenant.TimeZone, Active: true), cancellationToken);
            await catalog.SetScheduleAsync(tenant.Id, member.Id, hours, cancellationToken);
            staff.Add(member);
        }

        Service Service(string name, int minutes, long cents, int capacity = 1, int bufferAfter = 0, IReadOnlyList<Guid>? who = null) =>
            new(Guid.CreateVersion7(now), tenant.Id, name, minutes, 0, bufferAfter, cents, capacity, null, who ?? [.. staff.Select(s => s.Id)], Active: true);

        await catalog.CreateServiceAsync(Service("Haircut", 30, 4500), cancellationToken);
        await catalog.CreateServiceAsync(Service("Colour", 90, 12000, bufferAfter: 15), cancellationToken);
        await catalog.CreateServiceAsync(Service("Group styling class", 60, 3000, capacity: 8, who: [staff[0].Id]), cancellationToken);

        var password = options.Password ?? (environment.IsDevelopment() ? DevelopmentPassword : null);
        if (password is null)
        {
            LogSeededWithoutSignIn(logger, Slug);
            return;
        }

        var hasher = services.GetRequiredService<IPasswordHasher<User>>();
        var owner = new User(Guid.CreateVersion7(now), tenant.Id, "Demo Owner", OwnerEmail, string.Empty, UserRole.Owner, null, now) { SecurityStamp = Guid.NewGuid() };
        await services.GetRequiredService<IUserStore>().CreateUserAsync(owner with { PasswordHash = hasher.HashPassword(owner, password) }, cancellationToken);
        var shown = options.Password is null ? DevelopmentPassword : "(the configured BookMeAtOz__Demo__Password)";
        LogSeeded(logger, Slug, OwnerEmail, shown);

        // The sign-in on a plain line of its own, once the addresses are known, so it is not lost among the log lines.
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
            Console.Out.WriteLine($"Demo sign-in: {AdminAddress(services)} as {OwnerEmail}, password {shown}"));
    }

    /// <summary>The demo tenant's admin page on the first HTTP address the host listens on (demo.localhost resolves to loopback).</summary>
    private static string AdminAddress(IServiceProvider services)
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)).FirstOrDefault();
        if (first is null || !Uri.TryCreate(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return $"the admin page of tenant '{Slug}' (/admin on {Slug}.<host>, or X-Tenant: {Slug})";
        }

        var host = uri.IsLoopback || uri.Host is "0.0.0.0" or "[::]" ? "localhost" : uri.Host;
        return $"{uri.Scheme}://{Slug}.{host}:{uri.Port}/admin";
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "In-memory store: seeded the demo tenant '{Slug:l}' (3 staff, 3 services, weekday and Saturday hours). Sign in with X-Tenant: demo as {Email:l}, password {Password:l}")]
    private static partial void LogSeeded(ILogger logger, string slug, string email, string password);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "In-memory store: seeded the demo tenant '{Slug:l}' (3 staff, 3 services, weekday and Saturday hours). Set BookMeAtOz__Demo__Password to get a demo sign-in")]
    private static partial void LogSeededWithoutSignIn(ILogger logger, string slug);
}
