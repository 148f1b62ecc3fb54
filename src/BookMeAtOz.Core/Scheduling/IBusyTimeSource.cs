namespace BookMeAtOz.Scheduling;

/// <summary>
/// Busy time from outside BookMeAtOz (a synced calendar, a rostering system): availability never offers it and the
/// booking path refuses it, like time off. Register implementations as singletons
/// (<c>services.AddSingleton&lt;IBusyTimeSource, MyCalendarBusyTime&gt;()</c>); every one registered is asked.
/// A source is asked on every availability listing and booking, so answer from a local copy kept up to date in the
/// background: an availability answer must never wait for a remote service.
/// </summary>
public interface IBusyTimeSource
{
    /// <summary>The busy time of some of a tenant's staff that overlaps a window (more is fine; it is clipped).</summary>
    /// <param name="query">Whose busy time, and when.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    ValueTask<IReadOnlyList<ExternalBusyTime>> GetBusyTimeAsync(BusyTimeQuery query, CancellationToken cancellationToken);
}

/// <summary>A question to an <see cref="IBusyTimeSource"/>.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="StaffIds">The staff members asked about.</param>
/// <param name="From">The window's start.</param>
/// <param name="To">The window's end (exclusive).</param>
public sealed record BusyTimeQuery(Guid TenantId, IReadOnlyList<Guid> StaffIds, DateTimeOffset From, DateTimeOffset To);

/// <summary>A staff member is busy from <paramref name="Start"/> to <paramref name="End"/> (exclusive).</summary>
/// <param name="StaffId">The staff member.</param>
/// <param name="Start">When the busy time starts.</param>
/// <param name="End">When it ends.</param>
public sealed record ExternalBusyTime(Guid StaffId, DateTimeOffset Start, DateTimeOffset End);
