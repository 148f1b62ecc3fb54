using Microsoft.Extensions.Hosting;

namespace BookMeAtOz.Persistence;

/// <summary>
/// A background service that belongs to a store (for example PostgreSQL's outbox relay). Choosing another store
/// (<c>WithInMemoryStore</c>, or a store package's own <c>Use…</c>) removes the hosted services that implement it,
/// so a store's workers never run against another store's data.
/// </summary>
public interface IStoreHostedService : IHostedService;
