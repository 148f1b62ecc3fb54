using System.Collections;
using System.Diagnostics.CodeAnalysis;
using BookMeAtOz.Bookings;

namespace BookMeAtOz.Persistence.InMemory;

/// <summary>
/// A tenant's bookings by id that remembers, for each booking a write touches, how it was before the write: the store
/// turns the remembered changes into audit entries (<see cref="Audit.BookingAudit"/>) when the write ends, under the same
/// lock, whatever code path changed them. Not thread-safe: used under the tenant's lock.
/// </summary>
internal sealed class TrackedBookings : IDictionary<Guid, Booking>, IReadOnlyDictionary<Guid, Booking>
{
    private readonly Dictionary<Guid, Booking> _items = [];
    private readonly Dictionary<Guid, Booking?> _originals = [];

    public Booking this[Guid key]
    {
        get => _items[key];
        set
        {
            Touch(key);
            _items[key] = Sequenced(key, value);
        }
    }

    public Dictionary<Guid, Booking>.KeyCollection Keys => _items.Keys;

    public Dictionary<Guid, Booking>.ValueCollection Values => _items.Values;

    public int Count => _items.Count;

    public bool IsReadOnly => false;

    ICollection<Guid> IDictionary<Guid, Booking>.Keys => _items.Keys;

    ICollection<Booking> IDictionary<Guid, Booking>.Values => _items.Values;

    IEnumerable<Guid> IReadOnlyDictionary<Guid, Booking>.Keys => _items.Keys;

    IEnumerable<Booking> IReadOnlyDictionary<Guid, Booking>.Values => _items.Values;

    /// <summary>Whether a write changed anything since the last <see cref="TakeChanges"/>.</summary>
    public bool HasChanges => _originals.Count > 0;

    public void Add(Guid key, Booking value)
    {
        if (_items.ContainsKey(key))
        {
            throw new ArgumentException("A booking with this id exists.", nameof(key));
        }

        Touch(key);
        _items.Add(key, Sequenced(key, value));
    }

    public bool TryAdd(Guid key, Booking value)
    {
        if (_items.ContainsKey(key))
        {
            return false;
        }

        Touch(key);
        _items.Add(key, Sequenced(key, value));
        return true;
    }

    public bool Remove(Guid key)
    {
        if (!_items.ContainsKey(key))
        {
            return false;
        }

        Touch(key);
        return _items.Remove(key);
    }

    public bool Remove(Guid key, [MaybeNullWhen(false)] out Booking value)
    {
        if (!_items.ContainsKey(key))
        {
            value = null;
            return false;
        }

        Touch(key);
        return _items.Remove(key, out value);
    }

    public void Clear()
    {
        foreach (var key in _items.Keys)
        {
            Touch(key);
        }

        _items.Clear();
    }

    public bool ContainsKey(Guid key) => _items.ContainsKey(key);

    public bool TryGetValue(Guid key, [MaybeNullWhen(false)] out Booking value) => _items.TryGetValue(key, out value);

    /// <summary>The bookings changed since the last call, each as (before the first change, now), and forgets them.</summary>
    public List<(Booking? Before, Booking? After)> TakeChanges()
    {
        var changes = new List<(Booking?, Booking?)>(_originals.Count);
        foreach (var (id, before) in _originals)
        {
            changes.Add((before, _items.GetValueOrDefault(id)));
        }

        _originals.Clear();
        return changes;
    }

    public Dictionary<Guid, Booking>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<KeyValuePair<Guid, Booking>> IEnumerable<KeyValuePair<Guid, Booking>>.GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    void ICollection<KeyValuePair<Guid, Booking>>.Add(KeyValuePair<Guid, Booking> item) => Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<Guid, Booking>>.Contains(KeyValuePair<Guid, Booking> item) => ((ICollection<KeyValuePair<Guid, Booking>>)_items).Contains(item);

    void ICollection<KeyValuePair<Guid, Booking>>.CopyTo(KeyValuePair<Guid, Booking>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<Guid, Booking>>)_items).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<Guid, Booking>>.Remove(KeyValuePair<Guid, Booking> item) =>
        ((ICollection<KeyValuePair<Guid, Booking>>)this).Contains(item) && Remove(item.Key);

    private void Touch(Guid key) => _originals.TryAdd(key, _items.GetValueOrDefault(key));

    /// <summary>
    /// The booking with its iCalendar sequence as the write leaves it (PostgreSQL's bookings_ical_sequence trigger, migration
    /// 0018): the sequence before the write, plus one when the write changed its time, staff member or status, unless it was
    /// a hold (nobody was sent a hold's calendar). A booking new to the store keeps the sequence it comes with.
    /// </summary>
    private Booking Sequenced(Guid key, Booking value)
    {
        if (_originals.GetValueOrDefault(key) is not { } before)
        {
            return value;
        }

        var changed = before.Status != BookingStatus.Held
            && (before.Status != value.Status || before.Start != value.Start || before.End != value.End || before.StaffId != value.StaffId);
        var sequence = before.Sequence + (changed ? 1 : 0);
        return value.Sequence == sequence ? value : value with { Sequence = sequence };
    }
}
