using BookMeAtOz.Audit;
using BookMeAtOz.Auth;
using BookMeAtOz.Bookings;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;

namespace BookMeAtOz.Testing;

/// <summary>Builders for valid domain objects; tests change only what they are about.</summary>
public static class TestData
{
    public const string Zone = "Australia/Sydney";

    /// <summary>A fixed "now": Monday 2027-03-01 09:00 in Sydney.</summary>
    public static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.FromHours(11));

    public static Tenant Tenant(string? slug = null, TenantPolicy? policy = null, string zone = Zone) =>
        new(Guid.NewGuid(), slug ?? "t" + Guid.NewGuid().ToString("N")[..12], "Test Salon", zone, "AUD", policy ?? new TenantPolicy(MinNoticeMinutes: 0));

    public static Service Service(Tenant tenant, IReadOnlyList<Guid> staffIds, int duration = 60, int capacity = 1, int before = 0, int after = 0, int? interval = null) =>
        new(Guid.NewGuid(), tenant.Id, "Haircut " + Guid.NewGuid().ToString("N")[..6], duration, before, after, 5000, capacity, interval, staffIds, Active: true);

    public static StaffMember Staff(Tenant tenant, string name = "Alex", string zone = Zone) =>
        new(Guid.NewGuid(), tenant.Id, name, null, zone, Active: true);

    /// <summary>Every day 09:00–17:00.</summary>
    public static StaffSchedule NineToFive() =>
        StaffSchedule.WeeklyOn(Enum.GetValues<DayOfWeek>(), WorkInterval.Parse("09:00", "17:00"));

    /// <summary>An owner of <paramref name="tenant"/> (with a placeholder password hash), for sign-up.</summary>
    public static User Owner(Tenant tenant, string? email = null) =>
        new(Guid.NewGuid(), tenant.Id, "Olive Owner", email ?? $"owner@{tenant.Slug}.example", "not-a-real-hash", UserRole.Owner, null, Now)
        {
            SecurityStamp = Guid.NewGuid(),
        };

    /// <summary>The audit entry of a user's creation at <see cref="Now"/>.</summary>
    public static AuditEntry Created(User user) =>
        new(Guid.NewGuid(), user.TenantId, Now, AuditActors.Anonymous, null, "user", user.Id, AuditActions.UserCreated, null, "{}");

    public static Customer Customer(string name = "Jamie Citizen") => new(name, "jamie@example.com", "+61 400 000 000");

    /// <summary>A booking of <paramref name="service"/> with <paramref name="staffId"/> at a local Sydney time.</summary>
    public static Booking Booking(Tenant tenant, Service service, Guid staffId, DateTimeOffset start) =>
        new(Guid.NewGuid(), tenant.Id, service.Id, staffId, start, start.AddMinutes(service.DurationMinutes),
            service.BufferBeforeMinutes, service.BufferAfterMinutes, BookingStatus.Confirmed, Customer(), null, Now, null, null,
            ManageTokens.Hash("token"));

    /// <summary>2027-03-02 (Tuesday) at the given Sydney wall time (+11:00 in March).</summary>
    public static DateTimeOffset At(int hour, int minute = 0, int day = 2) => new(2027, 3, day, hour, minute, 0, TimeSpan.FromHours(11));
}
