using BookMeAtOz.Validation;

namespace BookMeAtOz.Scheduling;

/// <summary>
/// A staff member's working hours: weekly intervals per day of week, and date overrides that replace
/// a date's weekly intervals (an override with no intervals is a day off).
/// </summary>
public sealed record StaffSchedule
{
    /// <summary>An empty schedule: never working.</summary>
    public static StaffSchedule Empty { get; } = new(new Dictionary<DayOfWeek, IReadOnlyList<WorkInterval>>(), []);

    /// <summary>Creates a schedule.</summary>
    public StaffSchedule(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkInterval>> weekly, IReadOnlyList<DateOverride> overrides)
    {
        Weekly = weekly ?? throw new ArgumentNullException(nameof(weekly));
        Overrides = overrides ?? throw new ArgumentNullException(nameof(overrides));
    }

    /// <summary>Weekly intervals by day of week; a missing day has none.</summary>
    public IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkInterval>> Weekly { get; init; }

    /// <summary>Date overrides; at most one per date.</summary>
    public IReadOnlyList<DateOverride> Overrides { get; init; }

    /// <summary>A schedule with the same intervals on the given days and no overrides.</summary>
    public static StaffSchedule WeeklyOn(IEnumerable<DayOfWeek> days, params WorkInterval[] intervals) =>
        new(days.ToDictionary(d => d, _ => (IReadOnlyList<WorkInterval>)intervals), []);

    /// <summary>Validates intervals (start before end, no overlaps within a day) and overrides (one per date).</summary>
    public void Validate(ValidationErrors errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (day, intervals) in Weekly)
        {
            ValidateDay(intervals, errors, $"{prefix}weekly.{day.ToString().ToLowerInvariant()}");
        }

        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < Overrides.Count; i++)
        {
            var o = Overrides[i];
            if (!DateBounds.Contains(o.Date))
            {
                errors.Add($"{prefix}overrides[{i}].date", DateBounds.Message);
            }

            if (!seen.Add(o.Date))
            {
                errors.Add($"{prefix}overrides[{i}].date", "Only one override per date is allowed.");
            }

            ValidateDay(o.Intervals, errors, $"{prefix}overrides[{i}].intervals");
        }
    }

    internal static void ValidateDay(IReadOnlyList<WorkInterval>? intervals, ValidationErrors errors, string field)
    {
        if (intervals is null)
        {
            errors.Add(field, "Is required.");
            return;
        }

        if (intervals.Count > 48)
        {
            errors.Add(field, "At most 48 intervals per day.");
        }

        for (var i = 0; i < intervals.Count; i++)
        {
            var interval = intervals[i];
            if (interval.Start.IsEndOfDay)
            {
                errors.Add($"{field}[{i}].start", "24:00 is allowed only as an end.");
            }

            if (interval.End <= interval.Start)
            {
                errors.Add($"{field}[{i}].end", "Must be after the start.");
            }
        }

        // Compare with the furthest-reaching earlier interval, not just the sorted neighbour: in
        // 09–17, 10–11, 12–13 the last overlaps the first although not the one before it.
        var sorted = intervals.Select((v, i) => (v, i)).OrderBy(x => x.v.Start).ToList();
        WorkInterval? reach = null;
        foreach (var (interval, index) in sorted)
        {
            if (reach is { } earlier && interval.Start < earlier.End)
            {
                errors.Add($"{field}[{index}]", $"Overlaps {earlier}.");
            }

            if (interval.End > interval.Start && (reach is null || interval.End > reach.Value.End))
            {
                reach = interval;
            }
        }
    }

    internal IReadOnlyList<WorkInterval> IntervalsOn(DateOnly date, Dictionary<DateOnly, IReadOnlyList<WorkInterval>>? overrideIndex)
    {
        if (overrideIndex is not null)
        {
            if (overrideIndex.TryGetValue(date, out var fromIndex))
            {
                return fromIndex;
            }
        }
        else
        {
            foreach (var o in Overrides)
            {
                if (o.Date == date)
                {
                    return o.Intervals;
                }
            }
        }

        return Weekly.TryGetValue(date.DayOfWeek, out var weekly) ? weekly : [];
    }
}

/// <summary>Replaces the weekly intervals on one local date; no intervals = a day off.</summary>
/// <param name="Date">The local date in the staff member's time zone.</param>
/// <param name="Intervals">The working intervals of that date.</param>
public sealed record DateOverride(DateOnly Date, IReadOnlyList<WorkInterval> Intervals);
