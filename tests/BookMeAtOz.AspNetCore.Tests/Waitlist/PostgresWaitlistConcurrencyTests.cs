using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;
using BookMeAtOz.Waitlist;
using Microsoft.Extensions.DependencyInjection;
using JoinWaitlistRequest = BookMeAtOz.Contracts.JoinWaitlistRequest;
using Npgsql;

namespace BookMeAtOz.AspNetCore.Tests.Waitlist;

/// <summary>
/// Two host instances on one PostgreSQL database, each with its own outbox relay and waitlist processing, and many
/// waiters for one freed seat: exactly one offer is made, to the earliest entry, and exactly one hold exists.
/// </summary>
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresWaitlistConcurrencyTests(WaitlistPostgresApiFactory factory) : IClassFixture<WaitlistPostgresApiFactory>
{
    [ServerFact]
    public async Task ManyWaiters_OneFreedSeat_TwoInstances_ExactlyOneOffer()
    {
        await using var second = factory.WithSettings(new Dictionary<string, string?>
        {
            ["BookMeAtOz:Waitlist:SweepInterval"] = "00:00:00.2",
        });
        _ = second.Server;

        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();
        IntervalDto[] hours = [new("09:00", "10:00")];
        (await t.Owner.PutJsonAsync($"/api/v1/staff/{staff.Id}/schedule",
            new ScheduleDto(new WeeklyHoursDto(hours, hours, hours, hours, hours, hours, hours), []))).EnsureSuccessStatusCode();
        var service = await t.AddServiceAsync([staff.Id]);
        var slot = Assert.Single(await t.SlotsAsync(service.Id));
        var booking = await t.BookAsync(service.Id, slot.Start);

        var day = TestTenant.Day();
        var secondClient = second.Client(t.Slug);
        var entries = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            // Joined through both instances, in a known order.
            var client = i % 2 == 0 ? t.Anonymous : secondClient;
            var joined = await (await client.PostJsonAsync("/api/v1/waitlist", new JoinWaitlistRequest(
                service.Id, day, day, null, new CustomerDto($"Waiter {i}", $"waiter{i}-{Guid.NewGuid():N}@example.com", null))))
                .ReadAsync<WaitlistJoinedResponse>(HttpStatusCode.Created);
            entries.Add(joined.Id);
        }

        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new CancelBookingRequest(null))).EnsureSuccessStatusCode();
        var services = new[] { factory.Services.GetRequiredService<WaitlistService>(), second.Services.GetRequiredService<WaitlistService>() };
        var passes = Enumerable.Range(0, 24).Select(i => Task.Run(() => services[i % 2].ProcessTenantAsync(t.Tenant.Id, CancellationToken.None)));
        var offers = (await Task.WhenAll(passes)).Sum(o => o ?? 0);
        Assert.InRange(offers, 0, 1);

        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        IReadOnlyList<WaitlistEntryResponse> all;
        while (true)
        {
            all = (await (await t.Owner.GetAsync("/api/v1/waitlist?limit=200")).ReadAsync<PageResponse<WaitlistEntryResponse>>()).Items;
            if (all.Any(e => e.Status == "offered"))
            {
                break;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "No offer within 30 s.");
            await Task.Delay(25);
        }

        // More passes change nothing: the one seat is held by the one offer.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => services[i % 2].ProcessTenantAsync(t.Tenant.Id, CancellationToken.None))));
        all = (await (await t.Owner.GetAsync("/api/v1/waitlist?limit=200")).ReadAsync<PageResponse<WaitlistEntryResponse>>()).Items;
        Assert.Equal([entries[0]], all.Where(e => e.Status == "offered").Select(e => e.Id));
        Assert.Equal(39, all.Count(e => e.Status == "waiting"));

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using (var scope = new NpgsqlCommand("SELECT set_config('bookmeatoz.tenant_id', @tenant, false)", connection))
        {
            // Whatever role the test connects as, row-level security lets it see this tenant's rows.
            scope.Parameters.AddWithValue("tenant", t.Tenant.Id.ToString());
            await scope.ExecuteScalarAsync();
        }

        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM bookmeatoz.bookings WHERE tenant_id = @tenant AND status = 'held'),
                   (SELECT count(*) FROM bookmeatoz.outbox WHERE tenant_id = @tenant AND type = 'waitlist.offered')
            """, connection);
        command.Parameters.AddWithValue("tenant", t.Tenant.Id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((1L, 1L), (reader.GetInt64(0), reader.GetInt64(1)));
    }
}
