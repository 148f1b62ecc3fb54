using BookMeAtOz.Auth;
using BookMeAtOz.PostgreSql;
using BookMeAtOz.Testing;
using BookMeAtOz.Persistence;
using BookMeAtOz.Tests.Persistence;
using BookMeAtOz.Tests.Postgres.Support;

namespace BookMeAtOz.Tests.Postgres.Persistence;

/// <summary>The store contract, against PostgreSQL directly, as the application role.</summary>
public sealed class PostgresBookingStoreContractTests : BookingStoreContractTests, IClassFixture<TestDatabase>
{
    public PostgresBookingStoreContractTests(TestDatabase database)
    {
        Store = database.CreateStore(Clock);
        Users = new PostgresUserStore(database.Sources);
    }

    protected override IBookingStore Store { get; }

    protected override IUserStore Users { get; }
}

/// <summary>The store contract through PgBouncer in transaction pooling mode (no prepared statements, no session state).</summary>
public sealed class PgBouncerBookingStoreContractTests : BookingStoreContractTests, IClassFixture<PgBouncerDatabase>
{
    public PgBouncerBookingStoreContractTests(PgBouncerDatabase database)
    {
        Store = database.CreateStore(Clock);
        Users = new PostgresUserStore(database.Sources);
    }

    protected override IBookingStore Store { get; }

    protected override IUserStore Users { get; }
}
