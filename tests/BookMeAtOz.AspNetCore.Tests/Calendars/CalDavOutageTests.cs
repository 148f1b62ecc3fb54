using System.Diagnostics;
using System.Globalization;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;
using Xunit.Abstractions;
using static BookMeAtOz.AspNetCore.Tests.Calendars.CalDavSyncTests;

namespace BookMeAtOz.AspNetCore.Tests.Calendars;

/// <summary>Tests that stop the shared Radicale or load it: they run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(RadicaleAlone), DisableParallelization = true)]
public sealed class RadicaleAlone;

/// <summary>The remote calendar server going away and coming back (SPEC §11.4: an outage changes nothing already known).</summary>
[Collection(nameof(RadicaleAlone))]
public sealed class CalDavOutageTests(CalDavPostgresFactory factory) : IClassFixture<CalDavPostgresFactory>
{
    [Fact]
    public async Task RadicaleStoppedAndRestarted_KeepsKnownBusyTime_ShowsTheError_AndResumes()
    {
        var (t, staff, service) = await SetUpAsync(factory);
        var calendar = await Radicale.NewCalendarAsync();
        var d = TestTenant.Day(9);
        var baseline = await SlotsAsync(t, service.Id, [d]);
        await calendar.PutAsync("before.ics", Event("before", $"DTSTART:{Utc(d, "09:00", "Australia/Sydney")}\nDTEND:{Utc(d, "10:00", "Australia/Sydney")}"));
        await ConnectAsync(t, staff.Id, calendar);
        Busy before = new(At(d, "09:00", "Australia/Sydney"), At(d, "10:00", "Australia/Sydney"));
        await WaitForSlotsAsync(t, service.Id, d, Expected(baseline, [before]));

        await Radicale.StopAsync();
        try
        {
            var failing = await WaitForSyncAsync(t, staff.Id, s => s.Status == "error");
            Assert.Contains("could not be reached", failing.LastError, StringComparison.Ordinal);
            Assert.True(failing.ConsecutiveFailures >= 1);
            // Nothing known is lost while the calendar is away.
            Assert.Equal(Expected(baseline, [before]), await SlotsAsync(t, service.Id, [d]));
        }
        finally
        {
            await Radicale.StartAsync();
        }

        await calendar.PutAsync("after.ics", Event("after", $"DTSTART:{Utc(d, "15:00", "Australia/Sydney")}\nDTEND:{Utc(d, "16:00", "Australia/Sydney")}"));
        await WaitForSlotsAsync(t, service.Id, d,
            Expected(baseline, [before, new(At(d, "15:00", "Australia/Sydney"), At(d, "16:00", "Australia/Sydney"))]));
        var recovered = await WaitForSyncAsync(t, staff.Id, s => s.Status == "ok");
        Assert.Null(recovered.LastError);
        Assert.Equal(0, recovered.ConsecutiveFailures);
    }
}

/// <summary>
/// Figures for issue 16: a 2,000-event calendar's first import, and availability latency with synced busy time against
/// without (printed, and appended to $BOOKMEATOZ_TEST_TMP/figures.txt; the machine is shared, so nothing is asserted on time).
/// </summary>
[Collection(nameof(RadicaleAlone))]
public sealed class CalDavPerformanceTests(CalDavPostgresFactory factory, ITestOutputHelper output) : IClassFixture<CalDavPostgresFactory>
{
    [PerformanceFact]
    public async Task Import2000Events_AndAvailabilityWithSyncedBusyTime_Measured()
    {
        var t = await TestTenant.CreateAsync(factory);
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { maxAdvanceDays = 400 } })).EnsureSuccessStatusCode();
        var plain = await t.AddStaffAsync("Plain");
        var synced = await t.AddStaffAsync("Synced");
        var plainService = await t.AddServiceAsync([plain.Id], duration: 30, name: "Plain");
        var syncedService = await t.AddServiceAsync([synced.Id], duration: 30, name: "Synced");
        var calendar = await Radicale.NewCalendarAsync();

        // 2,000 events: five 30-minute meetings a day for 400 days, from tomorrow.
        var first = TestTenant.Day(1);
        var events = Enumerable.Range(0, 2000).Select(i => (Name: $"e{i}", Day: first.AddDays(i / 5), Hour: 9 + (i % 5) * 2)).ToList();
        // Written as Radicale's own files (and read once, so Radicale has them parsed): through HTTP, Radicale parses and
        // re-serializes every event under its storage lock, which took a loaded machine longer than any test may run
        // (one PUT of the whole collection: over 10 minutes at a load average of 100; 2,000 single PUTs: longer still).
        await calendar.SeedFilesAsync(events.Select(e => ($"{e.Name}.ics", Calendar(VEvent(e.Name,
            $"DTSTART;TZID=Australia/Sydney:{e.Day:yyyyMMdd}T{e.Hour:00}0000\nDTEND;TZID=Australia/Sydney:{e.Day:yyyyMMdd}T{e.Hour:00}3000")))));

        var started = Stopwatch.StartNew();
        (await t.Owner.PutJsonAsync($"/api/v1/staff/{synced.Id}/caldav",
            new CalDavConnectionRequest(calendar.Collection.ToString(), Radicale.User, Radicale.Password))).EnsureSuccessStatusCode();
        CalDavStatusResponse? status = null;
        await Radicale.WaitAsync(async () =>
        {
            status = await (await t.Owner.GetAsync($"/api/v1/staff/{synced.Id}/caldav")).ReadAsync<CalDavStatusResponse>();
            return status.EventCount == 2000;
        }, "The 2,000 events were not imported", seconds: 300);
        var import = started.Elapsed;
        var syncTime = status!.LastSyncAt!.Value - status.ConnectedAt;

        // Availability for a week, both staff members, interleaved; the synced one has 35 busy ranges in it.
        var from = first.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = first.AddDays(13).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var withSync = await t.Anonymous.GetAsync($"/api/v1/availability?serviceId={syncedService.Id}&from={from}&to={to}");
        var withSyncSlots = (await withSync.ReadAsync<AvailabilityResponse>()).Slots.Count;
        var withoutSlots = (await (await t.Anonymous.GetAsync($"/api/v1/availability?serviceId={plainService.Id}&from={from}&to={to}"))
            .ReadAsync<AvailabilityResponse>()).Slots.Count;
        Assert.True(withSyncSlots < withoutSlots, $"synced busy time did not remove slots ({withSyncSlots} vs {withoutSlots})");

        var plainTimes = new List<double>();
        var syncedTimes = new List<double>();
        for (var i = 0; i < 300; i++)
        {
            foreach (var (service, times) in new[] { (plainService.Id, plainTimes), (syncedService.Id, syncedTimes) })
            {
                var watch = Stopwatch.StartNew();
                using var response = await t.Anonymous.GetAsync($"/api/v1/availability?serviceId={service}&from={from}&to={to}");
                response.EnsureSuccessStatusCode();
                _ = await response.Content.ReadAsByteArrayAsync();
                if (i >= 50)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }

        var p50Plain = Percentile(plainTimes, 0.5);
        var p50Synced = Percentile(syncedTimes, 0.5);
        Report($"CalDAV import of 2,000 events (PostgreSQL, Radicale): {import.TotalSeconds:0.00} s from connect to visible ({syncTime.TotalSeconds:0.00} s by the sync's own clock); target < 10 s");
        Report($"CalDAV availability (7 days, PostgreSQL) p50 without synced busy time {p50Plain:0.00} ms, with {p50Synced:0.00} ms: {p50Synced / p50Plain:0.00}x; p90 {Percentile(plainTimes, 0.9):0.00} / {Percentile(syncedTimes, 0.9):0.00} ms; target ≤ 1.2x");
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }

    private void Report(string figure)
    {
        output.WriteLine(figure);
        if (Environment.GetEnvironmentVariable("BOOKMEATOZ_TEST_TMP") is { Length: > 0 } directory && Directory.Exists(directory))
        {
            File.AppendAllText(Path.Combine(directory, "figures.txt"), figure + Environment.NewLine);
        }
    }
}
