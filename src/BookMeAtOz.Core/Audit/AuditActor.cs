namespace BookMeAtOz.Audit;

/// <summary>
/// Who is making the changes of the current asynchronous flow, for the audit entries the stores write with them. The HTTP
/// layer sets it per request (the signed-in user, an API key, a customer with a manage token, or anonymous), background jobs set
/// <see cref="System"/>; with none set, changes are recorded as the system's.
/// </summary>
/// <param name="Type">One of <see cref="AuditActors"/>.</param>
/// <param name="Id">The user or API key, when there is one.</param>
public sealed record AuditActor(string Type, Guid? Id)
{
    private static readonly AsyncLocal<AuditActor?> Ambient = new();

    /// <summary>The application itself (background jobs, embedded calls without a caller).</summary>
    public static AuditActor System { get; } = new(AuditActors.System, null);

    /// <summary>Someone not signed in.</summary>
    public static AuditActor Anonymous { get; } = new(AuditActors.Anonymous, null);

    /// <summary>A customer acting with a booking's manage token.</summary>
    public static AuditActor Customer { get; } = new(AuditActors.Customer, null);

    /// <summary>A signed-in user.</summary>
    /// <param name="userId">The user.</param>
    /// <returns>The actor.</returns>
    public static AuditActor User(Guid userId) => new(AuditActors.User, userId);

    /// <summary>A request authenticated with an API key.</summary>
    /// <param name="keyId">The key.</param>
    /// <returns>The actor.</returns>
    public static AuditActor ApiKey(Guid keyId) => new(AuditActors.ApiKey, keyId);

    /// <summary>The actor of the current flow: the innermost <see cref="Begin"/> scope's, else <see cref="System"/>.</summary>
    public static AuditActor Current => Ambient.Value ?? System;

    /// <summary>Makes <paramref name="actor"/> the current actor until the returned scope is disposed (scopes nest).</summary>
    /// <param name="actor">Who acts.</param>
    /// <returns>The scope; dispose it to restore the previous actor.</returns>
    public static IDisposable Begin(AuditActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var previous = Ambient.Value;
        Ambient.Value = actor;
        return new Scope(previous);
    }

    private sealed class Scope(AuditActor? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                Ambient.Value = previous;
            }
        }
    }
}
