using System.Diagnostics.Metrics;
using BookMeAtOz.Calendars;

namespace BookMeAtOz.CalDav.Internals;

/// <summary>The sync's metrics, on the BookMeAtOz meter (<see cref="BookMeAtOzDiagnostics.Name"/>).</summary>
internal static class CalDavDiagnostics
{
    private static readonly Meter Meter = new(BookMeAtOzDiagnostics.Name);

    private static CalendarSyncHealth? _health;
    private static DateTimeOffset _healthAt;

    /// <summary><c>bookmeatoz_caldav_syncs_total{outcome="success|failure"}</c>.</summary>
    public static readonly Counter<long> Syncs = Meter.CreateCounter<long>("bookmeatoz.caldav.syncs", "{sync}", "CalDAV syncs finished, by outcome (success, failure).");

    public static readonly Histogram<double> SyncDuration =
        Meter.CreateHistogram("bookmeatoz.caldav.sync.duration", "s", "Time one successful CalDAV sync took (import and write-back).",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60] });

    static CalDavDiagnostics()
    {
        Meter.CreateObservableGauge("bookmeatoz.caldav.connections", () => _health?.Connections ?? 0, "{connection}", "Connected CalDAV calendars.");
        Meter.CreateObservableGauge("bookmeatoz.caldav.connections.failing", () => _health?.Failing ?? 0, "{connection}",
            "Connected CalDAV calendars whose last sync failed.");
        // Seconds since the least recently synced calendar last synced (0 without calendars).
        Meter.CreateObservableGauge("bookmeatoz.caldav.sync.age", () => _health?.OldestSyncAt is { } oldest ? Math.Max(0, (_healthAt - oldest).TotalSeconds) : 0,
            "s", "Seconds since the least recently synced CalDAV calendar last synced successfully.");
    }

    /// <summary>
    /// Registers the gauges (the static constructor) without observing anything: a host that syncs nothing (no
    /// encryption key) still exports them, at 0, so that the alerts and the dashboard that query them have data.
    /// </summary>
    public static void Register()
    {
    }

    public static void Observe(CalendarSyncHealth health, DateTimeOffset at)
    {
        _healthAt = at;
        _health = health;
    }
}
