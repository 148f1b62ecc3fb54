using System.Collections.Concurrent;
using System.Diagnostics;
using BookMeAtOz.Changes;
using BookMeAtOz.Client;
using BookMeAtOz.Contracts;
using BookMeAtOz.RealTime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.RealTime.Tests;

/// <summary>
/// The committed change extension point (SPEC §8.3) on PostgreSQL: a subscriber of the host's own, on two instances,
/// sees every committed change once across them (by outbox id), in commit order per booking, and nothing of a refused
/// request.
/// </summary>
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class CommittedChangeSubscriberTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly List<BookingHost> _hosts = [];
    private readonly Recorder _onA = new();
    private readonly Recorder _onB = new();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _hosts.Add(BookingHost.Start(_database, redis: null, services: s => s.AddSingleton<IChangeSubscriber>(_onA)));
        _hosts.Add(BookingHost.Start(_database, redis: null, services: s => s.AddSingleton<IChangeSubscriber>(_onB)));
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [ServerFact]
    public async Task Subscriber_SeesEachCommittedChangeOnce_InOrderPerBooking_AndNothingRefused()
    {
        var (a, b) = (_hosts[0], _hosts[1]);
        var tenant = await TestTenant.CreateAsync(a);
        var slots = await tenant.SlotsAsync(a, 3);
        var api = new[] { tenant.Anonymous(a), tenant.Anonymous(b) };

        var made = new List<BookingResponse>();
        for (var i = 0; i < 6; i++)
        {
            made.Add(await api[i % 2].CreateBookingAsync(new CreateBookingRequest(
                tenant.ServiceId, slots[i * 2].Start, null, new CustomerDto("Casey", $"casey{i}@example.com", null), null)));
        }

        // Refused: the time is taken. Nothing of it may reach a subscriber.
        var refused = await Assert.ThrowsAsync<BookMeAtOzApiException>(() => api[1].CreateBookingAsync(new CreateBookingRequest(
            tenant.ServiceId, slots[0].Start, null, new CustomerDto("Late", "late@example.com", null), null)));
        Assert.Equal(ApiProblemCodes.SlotUnavailable, refused.Code);

        await api[0].RescheduleBookingAsync(made[0].Id, new RescheduleBookingRequest(slots[1].Start, null), made[0].ManageToken);
        await api[1].CancelBookingAsync(made[0].Id, new CancelBookingRequest("Changed my mind"), made[0].ManageToken);
        await api[1].CancelBookingAsync(made[1].Id, new CancelBookingRequest(null), made[1].ManageToken);

        var expected = made.Count + 3;
        var waited = Stopwatch.StartNew();
        while (Bookings().Count < expected)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"{Bookings().Count} of {expected} booking changes arrived.");
            await Task.Delay(20);
        }

        var all = _onA.Changes.Concat(_onB.Changes).Where(c => c.TenantId == tenant.SignUp.Tenant.Id).ToList();
        Assert.All(all, c => Assert.NotNull(c.OutboxId));
        Assert.Equal(all.Count, all.Select(c => c.OutboxId).Distinct().Count()); // once each, across both instances
        Assert.Equal(expected, Bookings().Count);
        Assert.Equal(made.Select(m => m.Id).Order(), Bookings().Where(c => c.Type == ChangeTypes.BookingCreated).Select(c => c.BookingId!.Value).Order());

        var first = Bookings().Where(c => c.BookingId == made[0].Id).OrderBy(c => c.OutboxId).Select(c => c.Type).ToList();
        Assert.Equal([ChangeTypes.BookingCreated, ChangeTypes.BookingRescheduled, ChangeTypes.BookingCancelled], first);
        // Each instance saw its own part in the order it was committed.
        foreach (var recorder in new[] { _onA, _onB })
        {
            var ids = recorder.Changes.Where(c => c.BookingId == made[0].Id).Select(c => c.OutboxId!.Value).ToList();
            Assert.Equal(ids.Order(), ids);
        }

        List<ChangeEvent> Bookings() =>
            [.. _onA.Changes.Concat(_onB.Changes).Where(c => c.IsBooking && c.TenantId == tenant.SignUp.Tenant.Id)];
    }

    private sealed class Recorder : IChangeSubscriber
    {
        public ConcurrentQueue<ChangeEvent> Changes { get; } = new();

        public Task HandleAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken cancellationToken)
        {
            foreach (var change in changes)
            {
                Changes.Enqueue(change);
            }

            return Task.CompletedTask;
        }
    }
}
