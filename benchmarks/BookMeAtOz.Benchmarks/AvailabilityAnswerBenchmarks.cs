using System.Buffers;
using BenchmarkDotNet.Attributes;
using BookMeAtOz.AspNetCore.Bookings;
using BookMeAtOz.Bookings;
using BookMeAtOz.Persistence.InMemory;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;

namespace BookMeAtOz.Benchmarks;

/// <summary>
/// The worst availability answer a tenant can ask for within its caps, as <c>GET /api/v1/availability</c> makes it:
/// the most staff a service may list (100), all free round the clock, a 5-minute service offered every 5 minutes, the
/// longest window (62 days), from the in-memory store, written into the endpoint's 2 MiB buffer. The allocated bytes
/// per operation are what one anonymous request costs the server. Run with
/// <c>dotnet run -c Release --project benchmarks/BookMeAtOz.Benchmarks -- --filter '*AvailabilityAnswer*' --job short --inProcess</c>.
/// <para>
/// Measured once (short job, in process, a shared 2-core machine): before the bound, the 62-day request built a 71.5 MB
/// answer and allocated 89.7 MB; with it, the answer is 2.02 MB (about 18 whole days, then <c>truncatedAfter</c>) and the
/// request allocates 7.6 MB in all, short-lived (one date's slots at a time; the 2 MiB buffer is pooled).
/// </para>
/// </summary>
[MemoryDiagnoser]
public class AvailabilityAnswerBenchmarks
{
    private const string Sydney = "Australia/Sydney";
    private static readonly DateTimeOffset Now = new(2030, 4, 1, 0, 0, 0, TimeSpan.FromHours(11));

    private BookingService _bookings = null!;
    private Tenant _tenant = null!;
    private AvailabilityQuery _query = null!;
    private AvailabilityQuery _oneDay = null!;
    private byte[] _buffer = null!;

    /// <summary>The bytes one answer of the whole window takes (cut at 2 MiB).</summary>
    public int AnswerBytes { get; private set; }

    [GlobalSetup]
    public async Task Setup()
    {
        var store = new InMemoryBookingStore(new FixedClock(Now));
        _tenant = new Tenant(Guid.NewGuid(), "worst", "Worst case", Sydney, "AUD", new TenantPolicy(MinNoticeMinutes: 0, MaxAdvanceDays: 365));
        await store.CreateTenantAsync(_tenant, CancellationToken.None);
        var allDay = StaffSchedule.WeeklyOn(Enum.GetValues<DayOfWeek>(), new WorkInterval(new WallTime(0, 0), new WallTime(24, 0)));
        var staffIds = new List<Guid>();
        for (var i = 0; i < 100; i++)
        {
            var member = new StaffMember(Guid.NewGuid(), _tenant.Id, $"Staff {i:D3}", null, Sydney, Active: true);
            await store.CreateStaffAsync(member, CancellationToken.None);
            await store.SetScheduleAsync(_tenant.Id, member.Id, allDay, CancellationToken.None);
            staffIds.Add(member.Id);
        }

        var service = new Service(Guid.NewGuid(), _tenant.Id, "Quick check", 5, 0, 0, 0, 1, 5, staffIds, Active: true);
        await store.CreateServiceAsync(service, CancellationToken.None);
        _bookings = new BookingService(store, new FixedClock(Now));
        var from = new DateOnly(2030, 4, 2);
        _query = new AvailabilityQuery(service.Id, from, from.AddDays(61));
        _oneDay = new AvailabilityQuery(service.Id, from, from);
        _buffer = ArrayPool<byte>.Shared.Rent(AvailabilityAnswer.MaxBytes);
        AnswerBytes = await Answer62Days();
        Console.WriteLine($"// the 62-day answer: {AnswerBytes} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => ArrayPool<byte>.Shared.Return(_buffer);

    [Benchmark(Description = "GET availability: 100 staff, 5-min slots, 24 h, 62 days (cut at 2 MiB)")]
    public Task<int> Answer62Days() => AnswerAsync(_query);

    [Benchmark(Description = "GET availability: the same, one day")]
    public Task<int> AnswerOneDay() => AnswerAsync(_oneDay);

    private async Task<int> AnswerAsync(AvailabilityQuery query)
    {
        var result = await _bookings.GetAvailabilityAsync(_tenant.Id, query, CancellationToken.None);
        return AvailabilityAnswer.Write(result, _buffer.AsSpan(0, AvailabilityAnswer.MaxBytes), out _);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
