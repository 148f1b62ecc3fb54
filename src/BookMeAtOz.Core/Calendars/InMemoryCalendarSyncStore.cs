using BookMeAtOz.Scheduling;

namespace BookMeAtOz.Calendars;

/// <summary>The in-memory <see cref="ICalendarSyncStore"/>: one lock, like the in-memory booking store.</summary>
internal sealed class InMemoryCalendarSyncStore : ICalendarSyncStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(Guid Tenant, Guid Staff), Entry> _entries = [];

    private sealed class Entry(CalendarConnection connection)
    {
        public CalendarConnection Connection { get; set; } = connection;
        public Dictionary<string, IReadOnlyList<CalendarBusyRange>> Busy { get; } = new(StringComparer.Ordinal);
        public Dictionary<Guid, CalendarWrittenEvent> Written { get; } = [];
    }

    public Task<CalendarConnection?> FindConnectionAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_entries.TryGetValue((tenantId, staffId), out var entry) ? entry.Connection : null);
        }
    }

    public Task SaveConnectionAsync(CalendarConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        lock (_lock)
        {
            var key = (connection.TenantId, connection.StaffId);
            if (_entries.TryGetValue(key, out var entry) && entry.Connection.Id == connection.Id)
            {
                entry.Connection = connection;
            }
            else
            {
                _entries[key] = new Entry(connection);
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> DeleteConnectionAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_entries.Remove((tenantId, staffId)));
        }
    }

    public Task<IReadOnlyList<CalendarConnection>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var due = _entries.Values.Where(e => e.Connection.NextSyncAt <= now).OrderBy(e => e.Connection.NextSyncAt).Take(limit).ToList();
            var claimed = new List<CalendarConnection>();
            foreach (var entry in due)
            {
                claimed.Add(entry.Connection with { NextSyncAt = now + lease });
                entry.Connection = entry.Connection with { NextSyncAt = now + lease, WriteBackDue = false };
            }

            return Task.FromResult<IReadOnlyList<CalendarConnection>>(claimed);
        }
    }

    public Task<DateTimeOffset?> NextSyncAtAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_entries.Count == 0 ? null : (DateTimeOffset?)_entries.Values.Min(e => e.Connection.NextSyncAt));
        }
    }

    public Task<bool> RequestSyncAsync(Guid tenantId, Guid staffId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue((tenantId, staffId), out var entry))
            {
                return Task.FromResult(false);
            }

            entry.Connection = entry.Connection with
            {
                NextSyncAt = entry.Connection.NextSyncAt > now ? now : entry.Connection.NextSyncAt, WriteBackDue = true,
            };

            return Task.FromResult(true);
        }
    }

    public Task<bool> SaveImportAsync(CalendarImport import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        lock (_lock)
        {
            if (Find(import.TenantId, import.StaffId, import.ConnectionId) is not { } entry)
            {
                return Task.FromResult(false);
            }

            if (import.ReplaceAll)
            {
                entry.Busy.Clear();
            }

            foreach (var href in import.RemovedHrefs)
            {
                entry.Busy.Remove(href);
            }

            foreach (var e in import.Events)
            {
                entry.Busy[e.Href] = [.. e.Busy];
            }

            var c = entry.Connection;
            entry.Connection = c with
            {
                SyncToken = import.SyncToken,
                WindowStart = import.ReplaceAll ? import.WindowStart : c.WindowStart,
                LastSyncAt = import.SyncedAt,
                LastAttemptAt = import.SyncedAt,
                LastError = null,
                Failures = 0,
                // A booking change asked for a sync meanwhile (the claim cleared the flag): keep its earlier due time.
                NextSyncAt = c.WriteBackDue ? c.NextSyncAt : import.NextSyncAt,
                EventCount = entry.Busy.Count(b => b.Value.Count > 0),
            };
            return Task.FromResult(true);
        }
    }

    public Task<bool> RecordFailureAsync(
        Guid tenantId, Guid staffId, Guid connectionId, string message, DateTimeOffset at, DateTimeOffset nextSyncAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (Find(tenantId, staffId, connectionId) is not { } entry)
            {
                return Task.FromResult(false);
            }

            entry.Connection = entry.Connection with
            {
                LastError = message, LastAttemptAt = at, Failures = entry.Connection.Failures + 1, NextSyncAt = nextSyncAt, WriteBackDue = true,
            };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<ExternalBusyTime>> GetBusyTimeAsync(
        Guid tenantId, IReadOnlyList<Guid> staffIds, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staffIds);
        var result = new List<ExternalBusyTime>();
        lock (_lock)
        {
            foreach (var staffId in staffIds)
            {
                if (!_entries.TryGetValue((tenantId, staffId), out var entry))
                {
                    continue;
                }

                foreach (var ranges in entry.Busy.Values)
                {
                    foreach (var r in ranges)
                    {
                        if (r.Start < until && r.End > from)
                        {
                            result.Add(new ExternalBusyTime(staffId, r.Start, r.End));
                        }
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyList<ExternalBusyTime>>(result);
    }

    public Task<IReadOnlyList<CalendarWrittenEvent>> ListWrittenAsync(Guid tenantId, Guid staffId, Guid connectionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<CalendarWrittenEvent>>(
                Find(tenantId, staffId, connectionId) is { } entry ? [.. entry.Written.Values] : []);
        }
    }

    public Task SaveWrittenAsync(Guid tenantId, Guid staffId, Guid connectionId, CalendarWrittenEvent written, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(written);
        lock (_lock)
        {
            if (Find(tenantId, staffId, connectionId) is { } entry)
            {
                entry.Written[written.BookingId] = written;
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveWrittenAsync(Guid tenantId, Guid staffId, Guid connectionId, Guid bookingId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Find(tenantId, staffId, connectionId)?.Written.Remove(bookingId);
        }

        return Task.CompletedTask;
    }

    public Task<CalendarSyncHealth> GetHealthAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var connections = _entries.Values.Select(e => e.Connection).ToList();
            return Task.FromResult(new CalendarSyncHealth(
                connections.Count,
                connections.Count(c => c.LastError is not null),
                connections.Count == 0 ? null : connections.Min(c => c.LastSyncAt ?? c.CreatedAt)));
        }
    }

    private Entry? Find(Guid tenantId, Guid staffId, Guid connectionId) =>
        _entries.TryGetValue((tenantId, staffId), out var entry) && entry.Connection.Id == connectionId ? entry : null;
}
