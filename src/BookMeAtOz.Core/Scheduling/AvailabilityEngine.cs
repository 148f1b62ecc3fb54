using System.Buffers;
using NodaTime;

namespace BookMeAtOz.Scheduling;

/// <summary>
/// Computes the slots a service offers (SPEC §3, rules 1–7). Pure and deterministic: the same request
/// always gives the same slots, and nothing is read from a store or a clock.
/// </summary>
public static class AvailabilityEngine
{
    /// <summary>Returns one entry per start instant, sorted by start, with the free staff and seats left.</summary>
    public static IReadOnlyList<AvailableSlot> FindSlots(AvailabilityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var service = request.Service;
        var display = TimeZones.Get(request.DisplayTimeZone);
        if (!service.Active || request.To <= request.From)
        {
            return [];
        }

        var duration = LocalTimeResolver.Minutes(service.DurationMinutes);
        var step = LocalTimeResolver.Minutes(service.EffectiveSlotInterval(request.Policy));
        var now = request.Now.UtcTicks;
        var lo = Math.Max(request.From.UtcTicks, now + LocalTimeResolver.Minutes(request.Policy.MinNoticeMinutes));
        var hi = Math.Min(request.To.UtcTicks, now + TimeSpan.FromDays(request.Policy.MaxAdvanceDays).Ticks);
        if (hi <= lo)
        {
            return [];
        }

        var eligible = new List<StaffAvailability>(request.Staff.Count);
        foreach (var staff in request.Staff)
        {
            if (staff.Staff.Active && service.StaffIds.Contains(staff.Staff.Id) && !eligible.Exists(e => e.Staff.Id == staff.Staff.Id))
            {
                eligible.Add(staff);
            }
        }

        var found = new List<StaffSlot>[eligible.Count];
        for (var i = 0; i < eligible.Count; i++)
        {
            found[i] = StaffSlots(eligible[i], service, duration, step, lo, hi, request.From.UtcTicks, request.To.UtcTicks);
        }

        return MergeByStart(found, eligible, display, duration);
    }

    /// <summary>A free start of one staff member.</summary>
    internal readonly record struct StaffSlot(long Start, int SeatsLeft);

    internal static List<StaffSlot> StaffSlots(
        StaffAvailability staff, Service service, long duration, long step, long lo, long hi, long windowFrom, long windowTo)
    {
        var zone = TimeZones.Get(staff.Staff.TimeZone, "staff.timeZone");
        var spans = WorkingTime.Spans(zone, staff.Schedule, windowFrom, windowTo);
        var result = new List<StaffSlot>();
        if (spans.Count == 0)
        {
            return result;
        }

        var busy = BusyIndex.Create(staff.Busy);
        try
        {
            var before = LocalTimeResolver.Minutes(service.BufferBeforeMinutes);
            var after = LocalTimeResolver.Minutes(service.BufferAfterMinutes);
            foreach (var span in spans)
            {
                if (span.End - duration < lo || span.Start >= hi)
                {
                    continue;
                }

                // Unbounded spans (working without a break for longer than the lookback) step on a grid
                // anchored at the Unix epoch so the answer never depends on the window asked for.
                var anchor = span.Unbounded ? CeilingToGrid(span.Start, step) : span.Start;
                var t = anchor;
                if (t < lo)
                {
                    t += (lo - t + step - 1) / step * step;
                }

                for (; t < hi && t + duration <= span.End; t += step)
                {
                    var seats = busy.SeatsLeft(t - before, t + duration + after, service, t);
                    if (seats > 0)
                    {
                        result.Add(new StaffSlot(t, seats));
                    }
                }
            }
        }
        finally
        {
            busy.Dispose();
        }

        return result;
    }

    private static long CeilingToGrid(long ticks, long step)
    {
        var remainder = (((ticks - DateTimeOffset.UnixEpoch.UtcTicks) % step) + step) % step;
        return remainder == 0 ? ticks : ticks - remainder + step;
    }

    private static AvailableSlot[] MergeByStart(List<StaffSlot>[] found, List<StaffAvailability> staff, DateTimeZone display, long duration)
    {
        // k-way merge of the per-staff lists (each sorted by start) into one entry per start instant.
        var k = found.Length;
        var total = 0;
        foreach (var f in found)
        {
            total += f.Count;
        }

        if (total == 0)
        {
            return [];
        }

        var cursor = new int[k];
        var slots = new List<AvailableSlot>(Math.Min(total, 4096));
        var free = new List<Guid>(k);
        while (true)
        {
            var min = long.MaxValue;
            for (var i = 0; i < k; i++)
            {
                if (cursor[i] < found[i].Count && found[i][cursor[i]].Start < min)
                {
                    min = found[i][cursor[i]].Start;
                }
            }

            if (min == long.MaxValue)
            {
                break;
            }

            var seats = 0;
            free.Clear();
            for (var i = 0; i < k; i++)
            {
                if (cursor[i] < found[i].Count && found[i][cursor[i]].Start == min)
                {
                    seats += found[i][cursor[i]].SeatsLeft;
                    free.Add(staff[i].Staff.Id);
                    cursor[i]++;
                }
            }

            slots.Add(new AvailableSlot(
                LocalTimeResolver.ToOffset(display, min),
                LocalTimeResolver.ToOffset(display, min + duration),
                free.ToArray(),
                seats));
        }

        return [.. slots];
    }

    /// <summary>
    /// A staff member's busy ranges sorted by start with a running maximum of ends, so the ranges
    /// overlapping any query are found by a binary search and a short walk back.
    /// </summary>
    private readonly struct BusyIndex : IDisposable
    {
        private readonly Item[] _items;
        private readonly long[] _maxEnd;
        private readonly int _count;

        private readonly record struct Item(long Start, long End, Guid ServiceId, long AppointmentStart);

        private BusyIndex(Item[] items, long[] maxEnd, int count)
        {
            _items = items;
            _maxEnd = maxEnd;
            _count = count;
        }

        public static BusyIndex Create(IReadOnlyList<BusyRange> ranges)
        {
            var n = ranges.Count;
            var items = ArrayPool<Item>.Shared.Rent(Math.Max(n, 1));
            var maxEnd = ArrayPool<long>.Shared.Rent(Math.Max(n, 1));
            var count = 0;
            for (var i = 0; i < n; i++)
            {
                var r = ranges[i];
                if (r.End > r.Start)
                {
                    items[count++] = new Item(r.Start.UtcTicks, r.End.UtcTicks, r.ServiceId ?? Guid.Empty, r.AppointmentStart?.UtcTicks ?? long.MinValue);
                }
            }

            Array.Sort(items, 0, count, ItemComparer.Instance);
            var running = long.MinValue;
            for (var i = 0; i < count; i++)
            {
                running = Math.Max(running, items[i].End);
                maxEnd[i] = running;
            }

            return new BusyIndex(items, maxEnd, count);
        }

        /// <summary>
        /// Seats left for an appointment starting at <paramref name="start"/> that blocks
        /// <c>[blockedStart, blockedEnd)</c>: 0 when any busy range overlaps it, except bookings of the
        /// same group service at the same start, which share its session (SPEC §3.5).
        /// </summary>
        public int SeatsLeft(long blockedStart, long blockedEnd, Service service, long start)
        {
            // Items with Start < blockedEnd are [0, hiIndex).
            int lo = 0, hiIndex = _count;
            while (lo < hiIndex)
            {
                var mid = (lo + hiIndex) >>> 1;
                if (_items[mid].Start < blockedEnd)
                {
                    lo = mid + 1;
                }
                else
                {
                    hiIndex = mid;
                }
            }

            var taken = 0;
            for (var i = lo - 1; i >= 0 && _maxEnd[i] > blockedStart; i--)
            {
                ref readonly var item = ref _items[i];
                if (item.End <= blockedStart)
                {
                    continue;
                }

                if (service.Capacity > 1 && item.ServiceId == service.Id && item.AppointmentStart == start)
                {
                    taken++;
                }
                else
                {
                    return 0;
                }
            }

            return Math.Max(0, service.Capacity - taken);
        }

        public void Dispose()
        {
            ArrayPool<Item>.Shared.Return(_items);
            ArrayPool<long>.Shared.Return(_maxEnd);
        }

        private sealed class ItemComparer : IComparer<Item>
        {
            public static readonly ItemComparer Instance = new();

            public int Compare(Item x, Item y) => x.Start.CompareTo(y.Start);
        }
    }
}
