namespace BookMeAtOz.Persistence;

/// <summary>
/// Brings the configured store's schema up to date. Applying migrations is opt-in: registering a store
/// never changes a database by itself; a host calls <see cref="MigrateAsync"/> once at start-up (or from a
/// <c>migrate</c> command), and readiness probes call <see cref="IsMigratedAsync"/>.
/// </summary>
public interface IBookMeAtOzMigrator
{
    /// <summary>
    /// Applies every pending migration, serialized across instances, so several instances starting together
    /// migrate once. Running it on an up-to-date database changes nothing.
    /// </summary>
    /// <returns>The names of the migrations this call applied (empty when none were pending).</returns>
    /// <exception cref="InvalidOperationException">An applied migration differs from the one this version ships.</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Whether every migration this version ships is applied, unchanged (false before the first migration).</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached.</exception>
    Task<bool> IsMigratedAsync(CancellationToken cancellationToken);
}
