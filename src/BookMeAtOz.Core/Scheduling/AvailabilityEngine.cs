using System.Buffers;
using System.Runtime.InteropServices;
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
        var days = FindSlotsByDay(request);
        List<AvailableSlot>? all = null;
        IReadOnlyList<AvailableSlot> only = [];
        foreach (var day in days)
        {
            if (day.Slots.Count == 0)
            {
                continue;
            }

            if (only.Count == 0 && all is null)
            {
                only = day.Slots;
            }
            else
            {
                all ??= [.. only];
                all.AddRange(day.Slots);
            }
        }

        return all ?? only;
    }

    /// <summary>
    /// The same slots as <see cref="FindSlots"/>, one local date of the display zone at a time, computed as the sequence
    /// is enumerated: every date the window touches, in order, also those without slots. A listing that stops
    /// enumerating stops the work; what one date costs is bounded by the staff and the slots of that date, never by the
    /// length of the window. Enumerate once (each enumeration computes again).
    /// </summary>
    /// <param name="request">What to compute.</param>
    /// <returns>The window's local dates in the display zone, each with the slots starting on it.</returns>
    public static IEnumerable<AvailabilityDay> FindSlotsByDay(AvailabilityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var display = TimeZones.Get(request.DisplayTimeZone);
        return request.To <= request.From ? [] : ByDay(request, display);
    }

    /// <summary>The staff the engine counts: active, performing the service, each once, in the request's order.</summary>
    internal static List<StaffAvailability> Eligible(AvailabilityRequest request)
    {
        var eligible = new List<StaffAvailability>(request.Staff.Count);
        if (!request.Service.Active)
        {
            return eligible;
        }

        foreach (var staff in request.Staff)
        {
            if (staff.Staff.Active && request.Service.StaffIds.Contains(staff.Staff.Id) && !eligible.Exists(e => e.Staff.Id == staff.Staff.Id))
            {
                eligible.Add(staff);
            }
        }

        return eligible;
    }

    private static IEnumerable<AvailabilityDay> ByDay(AvailabilityRequest request, DateTimeZone display)
    {
        var service = request.Service;
        var duration = LocalTimeResolver.Minutes(service.DurationMinutes);
        var step = LocalTimeResolver.Minutes(service.EffectiveSlotInterval(request.Policy));
        var now = request.Now.UtcTicks;
        var windowFrom = request.From.UtcTicks;
        var windowTo = request.To.UtcTicks;
        var lo = Math.Max(windowFrom, now + LocalTimeResolver.Minutes(request.Policy.MinNoticeMinutes));
        var hi = Math.Min(windowTo, now + TimeSpan.FromDays(request.Policy.MaxAdvanceDays).Ticks);
        var boundary = windowFrom - WorkingTime.Lookback.Ticks;
        var eligible = Eligible(request);
        var zones = eligible.ConvertAll(e => TimeZones.Get(e.Staff.TimeZone, "staff.timeZone"));
        var closed = ClosedRanges(request, windowFrom, windowTo);
        var gates = ResourceGate.For(request, out var noResources);
        if (noResources)
        {
            eligible.Clear();
            zones.Clear();
        }

        // Kept across dates: each staff member's busy index (queries ascend through the window) and the spans of the
        // date before, which carry a span's true start into the next date.
        var busy = new BusyIndex[eligible.Count];
        var previous = new List<WorkingTime.Span>?[eligible.Count];
        var found = new StaffSlot[eligible.Count][];
        var counts = new int[eligible.Count];
        var created = 0;
        try
        {
            for (; created < eligible.Count; created++)
            {
                busy[created] = BusyIndex.Create(eligible[created].Busy);
            }

            var date = LocalTimeResolver.DateOf(display, windowFrom);
            while (true)
            {
                var dayFrom = Math.Max(windowFrom, StartOfDay(display, date));
                var dayTo = Math.Min(windowTo, StartOfDay(display, date.PlusDays(1)));
                if (dayFrom >= windowTo)
                {
                    yield break;
                }

                AvailableSlot[] slots = [];
                var dayLo = Math.Max(lo, dayFrom);
                var dayHi = Math.Min(hi, dayTo);
                if (dayTo > dayFrom && dayHi > dayLo)
                {
                    try
                    {
                        for (var i = 0; i < eligible.Count; i++)
                        {
                            var spans = WorkingTime.Spans(zones[i], eligible[i].Schedule, dayFrom, dayTo, boundary, previous[i]);
                            previous[i] = spans;
                            (found[i], counts[i]) = StaffSlots(spans, ref busy[i], service, duration, step, dayLo, dayHi);
                        }

                        slots = MergeByStart(found, counts, eligible, display, duration);
                        if (service.IsCollective)
                        {
                            slots = WithEnoughStaff(slots, service.StaffRequired);
                        }

                        if (closed.Count > 0)
                        {
                            slots = WithoutClosed(slots, closed);
                        }

                        if (gates.Length > 0)
                        {
                            slots = WithFreeResources(slots, gates, service);
                        }
                    }
                    finally
                    {
                        for (var i = 0; i < found.Length; i++)
                        {
                            if (found[i] is { } buffer)
                            {
                                ArrayPool<StaffSlot>.Shared.Return(buffer);
                                found[i] = null!;
                            }
                        }
                    }
                }
                else
                {
                    // A date outside the policy's range computes nothing, so no span is carried over it.
                    Array.Clear(previous);
                }

                yield return new AvailabilityDay(date.ToDateOnly(), slots);
                date = date.PlusDays(1);
            }
        }
        finally
        {
            for (var i = 0; i < created; i++)
            {
                busy[i].Dispose();
            }
        }
    }

    /// <summary>The closures' instant ranges (UTC ticks) that touch the window.</summary>
    private static List<(long Start, long End)> ClosedRanges(AvailabilityRequest request, long windowFrom, long windowTo)
    {
        var ranges = new List<(long, long)>();
        if (request.Closures is not { Count: > 0 } closures)
        {
            return ranges;
        }

        var zone = request.ClosureTimeZone ?? request.DisplayTimeZone;
        foreach (var closure in closures)
        {
            var (start, end) = closure.Range(zone);
            if (start.UtcTicks < windowTo && end.UtcTicks > windowFrom)
            {
                ranges.Add((start.UtcTicks, end.UtcTicks));
            }
        }

        return ranges;
    }

    private static AvailableSlot[] WithoutClosed(AvailableSlot[] slots, List<(long Start, long End)> closed) =>
        Array.FindAll(slots, s => !closed.Exists(c => s.Start.UtcTicks >= c.Start && s.Start.UtcTicks < c.End));

    /// <summary>
    /// The slots of a collective service: those where at least <paramref name="staffRequired"/> staff members are free at once,
    /// each offering as many bookings as disjoint teams of that size can be formed from the free staff.
    /// </summary>
    private static AvailableSlot[] WithEnoughStaff(AvailableSlot[] slots, int staffRequired)
    {
        var kept = 0;
        for (var i = 0; i < slots.Length; i++)
        {
            var slot = slots[i];
            if (slot.StaffIds.Count >= staffRequired)
            {
                slots[kept++] = slot with { SeatsLeft = slot.StaffIds.Count / staffRequired };
            }
        }

        return kept == slots.Length ? slots : slots[..kept];
    }

    /// <summary>The slots whose blocked range has enough free units of every required resource, their seats capped by those units.</summary>
    private static AvailableSlot[] WithFreeResources(AvailableSlot[] slots, ResourceGate[] gates, Service service)
    {
        var before = LocalTimeResolver.Minutes(service.BufferBeforeMinutes);
        var after = LocalTimeResolver.Minutes(service.BufferAfterMinutes);
        var kept = 0;
        for (var i = 0; i < slots.Length; i++)
        {
            var slot = slots[i];
            var seats = slot.SeatsLeft;
            var from = slot.Start.UtcTicks - before;
            var to = slot.End.UtcTicks + after;
            foreach (var gate in gates)
            {
                seats = Math.Min(seats, gate.BookingsPossible(from, to));
                if (seats == 0)
                {
                    break;
                }
            }

            if (seats > 0)
            {
                slots[kept++] = seats == slot.SeatsLeft ? slot : slot with { SeatsLeft = seats };
            }
        }

        return kept == slots.Length ? slots : slots[..kept];
    }

    /// <summary>
    /// One required resource's units in use as a step function (levels between sorted change points), answering how many
    /// more bookings fit in a range: (quantity − the peak use in it) / units per booking.
    /// </summary>
    private sealed class ResourceGate
    {
        private readonly long[] _at;
        private readonly int[] _level;
        private readonly int _quantity;
        private readonly int _units;

        private ResourceGate(long[] at, int[] level, int quantity, int units)
        {
            _at = at;
            _level = level;
            _quantity = quantity;
            _units = units;
        }

        /// <summary>The gates of the service's required resources; <paramref name="none"/> when one can never be used.</summary>
        public static ResourceGate[] For(AvailabilityRequest request, out bool none)
        {
            none = false;
            var required = request.Service.Resources;
            if (required is not { Count: > 0 })
            {
                return [];
            }

            var gates = new ResourceGate[required.Count];
            for (var r = 0; r < required.Count; r++)
            {
                var need = required[r];
                ResourceAvailability? found = null;
                foreach (var candidate in request.Resources)
                {
                    if (candidate.Resource.Id == need.ResourceId)
                    {
                        found = candidate;
                        break;
                    }
                }

                if (found is null || !found.Resource.Active || need.Units < 1 || need.Units > found.Resource.Quantity)
                {
                    none = true;
                    return [];
                }

                var changes = new List<(long At, int Delta)>(found.Uses.Count * 2);
                foreach (var use in found.Uses)
                {
                    if (use.End > use.Start && use.Units > 0)
                    {
                        changes.Add((use.Start.UtcTicks, use.Units));
                        changes.Add((use.End.UtcTicks, -use.Units));
                    }
                }

                changes.Sort((a, b) => a.At.CompareTo(b.At));
                var at = new List<long>(changes.Count);
                var level = new List<int>(changes.Count);
                var current = 0;
                for (var i = 0; i < changes.Count;)
                {
                    var t = changes[i].At;
                    for (; i < changes.Count && changes[i].At == t; i++)
                    {
                        current += changes[i].Delta;
                    }

                    at.Add(t);
                    level.Add(current);
                }

                gates[r] = new ResourceGate([.. at], [.. level], found.Resource.Quantity, need.Units);
            }

            return gates;
        }

        /// <summary>How many more bookings fit in <c>[from, to)</c>.</summary>
        public int BookingsPossible(long from, long to)
        {
            // The last change point at or before from sets the level there; then every change point inside the range.
            var i = Array.BinarySearch(_at, from);
            i = i >= 0 ? i : ~i - 1;
            var peak = i >= 0 ? _level[i] : 0;
            for (var j = i + 1; j < _at.Length && _at[j] < to; j++)
            {
                peak = Math.Max(peak, _level[j]);
            }

            return Math.Max(0, _quantity - peak) / _units;
        }
    }

    private static long StartOfDay(DateTimeZone zone, LocalDate date) =>
        zone.AtStartOfDay(date).ToInstant().ToUnixTimeTicks() + DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>A free start of one staff member.</summary>
    internal readonly record struct StaffSlot(long Start, int SeatsLeft);

    /// <summary>
    /// The free starts in <c>[lo, hi)</c> of one staff member working <paramref name="spans"/>, sorted, in a pooled
    /// buffer (return it to <see cref="ArrayPool{T}.Shared"/>) with the number of entries used.
    /// </summary>
    private static (StaffSlot[] Buffer, int Count) StaffSlots(
        List<WorkingTime.Span> spans, ref BusyIndex busy, Service service, long duration, long step, long lo, long hi)
    {
        // At most one entry per candidate: size the buffer for all of them up front.
        var capacity = 0L;
        foreach (var span in spans)
        {
            var last = Math.Min(hi - 1, span.End - duration);
            var first = Math.Max(lo, span.Start);
            if (last >= first)
            {
                capacity += (last - first) / step + 1;
            }
        }

        var result = ArrayPool<StaffSlot>.Shared.Rent((int)Math.Min(capacity, Array.MaxLength));
        var count = 0;
        if (capacity == 0)
        {
            return (result, 0);
        }

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

            while (t < hi && t + duration <= span.End)
            {
                var seats = busy.SeatsLeft(t - before, t + duration + after, service, t, out var blockedUntil);
                if (seats > 0)
                {
                    result[count++] = new StaffSlot(t, seats);
                    t += step;
                }
                else
                {
                    // Every later candidate whose blocked range starts before the blocker ends
                    // overlaps it too: skip straight past them.
                    var clear = blockedUntil + before;
                    t += clear > t ? (clear - t + step - 1) / step * step : step;
                }
            }
        }

        return (result, count);
    }

    private static long CeilingToGrid(long ticks, long step)
    {
        var remainder = (((ticks - DateTimeOffset.UnixEpoch.UtcTicks) % step) + step) % step;
        return remainder == 0 ? ticks : ticks - remainder + step;
    }

    private static AvailableSlot[] MergeByStart(StaffSlot[][] found, int[] counts, List<StaffAvailability> staff, DateTimeZone display, long duration)
    {
        // k-way merge of the per-staff lists (each sorted by start) into one entry per start instant.
        // One scan of the k heads per entry both takes the heads equal to the current start and finds
        // the next start; entries are gathered into pooled buffers, then allocated once at their size.
        var k = found.Length;
        var total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        if (total == 0)
        {
            return [];
        }

        var heads = new long[k];
        var cursor = new int[k];
        var start = long.MaxValue;
        for (var i = 0; i < k; i++)
        {
            heads[i] = counts[i] > 0 ? found[i][0].Start : long.MaxValue;
            start = Math.Min(start, heads[i]);
        }

        var starts = ArrayPool<long>.Shared.Rent(total);
        var seatsLeft = ArrayPool<int>.Shared.Rent(total);
        var firstMember = ArrayPool<int>.Shared.Rent(total + 1);
        var members = ArrayPool<int>.Shared.Rent(total);
        try
        {
            int n = 0, m = 0;
            while (start != long.MaxValue)
            {
                var next = long.MaxValue;
                var seats = 0;
                firstMember[n] = m;
                for (var i = 0; i < k; i++)
                {
                    var head = heads[i];
                    if (head == start)
                    {
                        var c = cursor[i];
                        seats += found[i][c].SeatsLeft;
                        members[m++] = i;
                        cursor[i] = ++c;
                        head = c < counts[i] ? found[i][c].Start : long.MaxValue;
                        heads[i] = head;
                    }

                    next = Math.Min(next, head);
                }

                starts[n] = start;
                seatsLeft[n++] = seats;
                start = next;
            }

            firstMember[n] = m;
            var slots = new AvailableSlot[n];
            var offsets = new OffsetCache(display);
            Guid[] ids = [];
            for (var j = 0; j < n; j++)
            {
                // Consecutive starts often have the same staff free (always, for one staff member):
                // they share one read-only id list.
                if (!SameMembers(members, firstMember[j], firstMember[j + 1], ids, staff))
                {
                    ids = new Guid[firstMember[j + 1] - firstMember[j]];
                    for (var x = 0; x < ids.Length; x++)
                    {
                        ids[x] = staff[members[firstMember[j] + x]].Staff.Id;
                    }
                }

                slots[j] = new AvailableSlot(offsets.ToOffset(starts[j]), offsets.ToOffset(starts[j] + duration), ids, seatsLeft[j]);
            }

            return slots;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(starts);
            ArrayPool<int>.Shared.Return(seatsLeft);
            ArrayPool<int>.Shared.Return(firstMember);
            ArrayPool<int>.Shared.Return(members);
        }
    }

    private static bool SameMembers(int[] members, int from, int to, Guid[] ids, List<StaffAvailability> staff)
    {
        if (to - from != ids.Length)
        {
            return false;
        }

        for (var x = 0; x < ids.Length; x++)
        {
            if (staff[members[from + x]].Staff.Id != ids[x])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Converts ascending instants to the display zone, asking the zone only when an instant leaves
    /// the zone interval of the previous one.
    /// </summary>
    private struct OffsetCache(DateTimeZone zone)
    {
        private long _from = long.MaxValue;
        private long _to = long.MinValue;
        private TimeSpan _offset;

        public DateTimeOffset ToOffset(long utcTicks)
        {
            if (utcTicks < _from || utcTicks >= _to)
            {
                var interval = zone.GetZoneInterval(Instant.FromUnixTimeTicks(utcTicks - DateTimeOffset.UnixEpoch.UtcTicks));
                _from = interval.HasStart ? interval.Start.ToUnixTimeTicks() + DateTimeOffset.UnixEpoch.UtcTicks : long.MinValue;
                _to = interval.HasEnd ? interval.End.ToUnixTimeTicks() + DateTimeOffset.UnixEpoch.UtcTicks : long.MaxValue;
                _offset = interval.WallOffset.ToTimeSpan();
            }

            return new DateTimeOffset(utcTicks + _offset.Ticks, _offset);
        }
    }

    /// <summary>
    /// A staff member's busy ranges sorted by start with a running maximum of ends. Queries come in
    /// ascending order, so a cursor finds the ranges starting before a query's end without searching,
    /// and a short walk back (bounded by the running maximum) finds those still overlapping it.
    /// </summary>
    private struct BusyIndex : IDisposable
    {
        private readonly Item[] _items;
        private readonly long[] _maxEnd;
        private readonly int _count;

        // Items [0, _upper) start before the last query's blocked end.
        private int _upper;

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
            var sorted = true;

            // BusyRange is a large struct: read arrays and lists in place rather than copying each
            // element out through the interface indexer.
            var span = ranges switch
            {
                BusyRange[] array => array,
                List<BusyRange> list => CollectionsMarshal.AsSpan(list),
                _ => ranges.ToArray(),
            };
            foreach (ref readonly var r in span)
            {
                if (r.End > r.Start)
                {
                    var item = new Item(r.Start.UtcTicks, r.End.UtcTicks, r.ServiceId ?? Guid.Empty, r.AppointmentStart?.UtcTicks ?? long.MinValue);
                    sorted &= count == 0 || items[count - 1].Start <= item.Start;
                    maxEnd[count] = item.Start;
                    items[count++] = item;
                }
            }

            // Stores that return ranges in order skip the sort. Otherwise sort a permutation by the
            // start keys (held in maxEnd until overwritten) and gather: much cheaper than moving the
            // items themselves, or than sorting them with a comparer.
            if (!sorted)
            {
                var order = ArrayPool<int>.Shared.Rent(count);
                var gathered = ArrayPool<Item>.Shared.Rent(Math.Max(n, 1));
                for (var i = 0; i < count; i++)
                {
                    order[i] = i;
                }

                Array.Sort(maxEnd, order, 0, count);
                for (var i = 0; i < count; i++)
                {
                    gathered[i] = items[order[i]];
                }

                ArrayPool<int>.Shared.Return(order);
                ArrayPool<Item>.Shared.Return(items);
                items = gathered;
            }

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
        /// same group service at the same start, which share its session (SPEC §3.5). When 0 comes
        /// from a range that blocks every start (not a booking of this group service, which could be a
        /// session to join), <c>blockedUntil</c> is that range's end; otherwise <see cref="long.MinValue"/>.
        /// </summary>
        public int SeatsLeft(long blockedStart, long blockedEnd, Service service, long start, out long blockedUntil)
        {
            blockedUntil = long.MinValue;
            while (_upper < _count && _items[_upper].Start < blockedEnd)
            {
                _upper++;
            }

            // Queries ascend, but stay correct if one ever goes back.
            while (_upper > 0 && _items[_upper - 1].Start >= blockedEnd)
            {
                _upper--;
            }

            var taken = 0;
            var group = service.Capacity > 1;
            for (var i = _upper - 1; i >= 0 && _maxEnd[i] > blockedStart; i--)
            {
                ref readonly var item = ref _items[i];
                if (item.End <= blockedStart)
                {
                    continue;
                }

                if (group && item.ServiceId == service.Id)
                {
                    if (item.AppointmentStart == start)
                    {
                        taken++;
                        continue;
                    }

                    return 0;
                }

                blockedUntil = item.End;
                return 0;
            }

            return Math.Max(0, service.Capacity - taken);
        }

        public void Dispose()
        {
            ArrayPool<Item>.Shared.Return(_items);
            ArrayPool<long>.Shared.Return(_maxEnd);
        }
    }
}
