using NodaTime;

namespace BookMeAtOz.Scheduling;

/// <summary>
/// A staff member's working time on the instant time line (SPEC §3.1): the union of the day's
/// intervals, each mapped through <see cref="LocalTimeResolver"/>, merged into continuous spans.
/// </summary>
internal static class WorkingTime
{
    /// <summary>How far before a query's window a continuous span is followed back to find its start.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(8);

    /// <summary>A continuous span of working time, in UTC ticks.</summary>
    /// <param name="Start">The span's start, or the lookback boundary if it began earlier.</param>
    /// <param name="End">The span's end, exclusive.</param>
    /// <param name="Unbounded">Whether the span began at or before the lookback boundary.</param>
    public readonly record struct Span(long Start, long End, bool Unbounded);

    /// <summary>
    /// The spans that may hold an appointment starting in <c>[fromTicks, toTicks)</c>: every span
    /// overlapping <c>[fromTicks, toTicks + 1 day]</c>, each with its true start (followed back up to
    /// <see cref="Lookback"/>).
    /// </summary>
    public static List<Span> Spans(DateTimeZone zone, StaffSchedule schedule, long fromTicks, long toTicks) =>
        Spans(zone, schedule, fromTicks, toTicks, fromTicks - Lookback.Ticks, previous: null);

    /// <summary>
    /// <see cref="Spans(DateTimeZone, StaffSchedule, long, long)"/> for one part of a longer window, answered as the whole
    /// window would be: spans are followed back to <paramref name="boundary"/> (the whole window's start less
    /// <see cref="Lookback"/>). <paramref name="previous"/>, the spans of the part just before (same schedule and
    /// boundary), spares following a span back day by day when it continues from there: it covers the day before this
    /// part's first date, so a span that reaches into this part from earlier is one of its spans, with its true start.
    /// </summary>
    public static List<Span> Spans(DateTimeZone zone, StaffSchedule schedule, long fromTicks, long toTicks, long boundary, List<Span>? previous)
    {
        var overrides = schedule.Overrides.Count > 4
            ? schedule.Overrides.ToDictionary(o => LocalDate.FromDateOnly(o.Date), o => o.Intervals)
            : null;
        var firstDate = LocalTimeResolver.DateOf(zone, fromTicks).PlusDays(-1);
        var lastDate = LocalTimeResolver.DateOf(zone, toTicks).PlusDays(2);

        var raw = new List<(long Start, long End)>(2 * (Period.Between(firstDate, lastDate, PeriodUnits.Days).Days + 1));
        for (var date = firstDate; date <= lastDate; date = date.PlusDays(1))
        {
            AddDay(zone, schedule, overrides, date, raw);
        }

        var spans = Merge(raw);
        if (spans.Count == 0)
        {
            return [];
        }

        // The first span may continue from days before the computed range: follow it back so its
        // candidate starts are aligned to where it truly begins, whatever window was asked for.
        var first = spans[0];
        if (previous is not null)
        {
            foreach (var known in previous)
            {
                if (known.Start <= first.Start && known.End >= first.Start)
                {
                    spans[0] = new Span(known.Start, first.End, known.Unbounded);
                    return spans;
                }
            }

            // No span of the part before reaches it: it begins where it appears.
            if (first.Start > boundary)
            {
                return spans;
            }
        }

        var start = first.Start;
        var date2 = firstDate.PlusDays(-1);
        var dayIntervals = new List<(long Start, long End)>();
        while (start > boundary)
        {
            dayIntervals.Clear();
            AddDay(zone, schedule, overrides, date2, dayIntervals);
            var extended = start;
            dayIntervals.Sort(static (a, b) => b.End.CompareTo(a.End));
            foreach (var (s, e) in dayIntervals)
            {
                if (e >= extended && s < extended)
                {
                    extended = s;
                }
            }

            if (extended == start)
            {
                break;
            }

            start = extended;
            date2 = date2.PlusDays(-1);
        }

        spans[0] = start <= boundary ? new Span(boundary, first.End, Unbounded: true) : first with { Start = start };
        return spans;
    }

    private static void AddDay(
        DateTimeZone zone,
        StaffSchedule schedule,
        Dictionary<LocalDate, IReadOnlyList<WorkInterval>>? overrides,
        LocalDate date,
        List<(long Start, long End)> into)
    {
        IReadOnlyList<WorkInterval> intervals;
        if (overrides is not null)
        {
            intervals = overrides.TryGetValue(date, out var o) ? o : Weekly(schedule, date);
        }
        else
        {
            intervals = schedule.IntervalsOn(date.ToDateOnly(), null);
        }

        foreach (var interval in intervals)
        {
            var s = LocalTimeResolver.StartTicks(zone, date, interval.Start);
            var e = LocalTimeResolver.EndTicks(zone, date, interval.End);
            if (e > s)
            {
                into.Add((s, e));
            }
        }
    }

    private static IReadOnlyList<WorkInterval> Weekly(StaffSchedule schedule, LocalDate date) =>
        schedule.Weekly.TryGetValue(date.ToDateOnly().DayOfWeek, out var weekly) ? weekly : [];

    private static List<Span> Merge(List<(long Start, long End)> raw)
    {
        raw.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var spans = new List<Span>(raw.Count);
        foreach (var (s, e) in raw)
        {
            // Touching intervals (also across midnight) are one continuous span.
            if (spans.Count > 0 && s <= spans[^1].End)
            {
                if (e > spans[^1].End)
                {
                    spans[^1] = spans[^1] with { End = e };
                }
            }
            else
            {
                spans.Add(new Span(s, e, Unbounded: false));
            }
        }

        return spans;
    }
}
