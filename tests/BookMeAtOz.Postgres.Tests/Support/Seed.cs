using BookMeAtOz.Persistence;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using BookMeAtOz.Testing;

namespace BookMeAtOz.Tests.Postgres.Support;

/// <summary>A tenant with staff working every day 09:00–17:00 and one service they all perform.</summary>
public sealed record Seeded(Tenant Tenant, IReadOnlyList<StaffMember> Staff, Service Service);

public static class Seed
{
    public static async Task<Seeded> TenantAsync(IBookingStore store, int staff = 1, int capacity = 1, int before = 0, int after = 0, int duration = 60)
    {
        var tenant = TestData.Tenant();
        await store.CreateTenantAsync(tenant, CancellationToken.None);
        var members = new List<StaffMember>();
        for (var i = 0; i < staff; i++)
        {
            var member = TestData.Staff(tenant, $"Staff {i:00}");
            await store.CreateStaffAsync(member, CancellationToken.None);
            await store.SetScheduleAsync(tenant.Id, member.Id, TestData.NineToFive(), CancellationToken.None);
            members.Add(member);
        }

        var service = TestData.Service(tenant, [.. members.Select(m => m.Id)], duration, capacity, before, after);
        await store.CreateServiceAsync(service, CancellationToken.None);
        return new Seeded(tenant, members, service);
    }

    /// <summary>Another service of the same tenant and staff.</summary>
    public static async Task<Service> ServiceAsync(IBookingStore store, Seeded seeded, int capacity = 1, int before = 0, int after = 0, int duration = 60)
    {
        var service = TestData.Service(seeded.Tenant, [.. seeded.Staff.Select(m => m.Id)], duration, capacity, before, after);
        await store.CreateServiceAsync(service, CancellationToken.None);
        return service;
    }
}
