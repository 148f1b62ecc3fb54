using BookMeAtOz.Auth;
using BookMeAtOz.PostgreSql;
using BookMeAtOz.Tenancy;
using BookMeAtOz.Tests.Auth;
using BookMeAtOz.Tests.Postgres.Support;
using BookMeAtOz.Testing;

namespace BookMeAtOz.Tests.Postgres.Persistence;

/// <summary>The user store contract, against PostgreSQL directly, as the application role.</summary>
public sealed class PostgresUserStoreContractTests : UserStoreContractTests, IClassFixture<TestDatabase>
{
    private readonly PostgresBookingStore _bookings;
    private readonly Dictionary<Guid, Tenant> _tenants = [];

    public PostgresUserStoreContractTests(TestDatabase database)
    {
        _bookings = database.CreateStore();
        Store = new PostgresUserStore(database.Sources);
    }

    protected override IUserStore Store { get; }

    protected override async Task<Guid> CreateTenantAsync()
    {
        var tenant = TestData.Tenant();
        await _bookings.CreateTenantAsync(tenant, CancellationToken.None);
        _tenants[tenant.Id] = tenant;
        return tenant.Id;
    }

    protected override async Task<Guid> CreateStaffAsync(Guid tenantId)
    {
        var staff = TestData.Staff(_tenants[tenantId]);
        await _bookings.CreateStaffAsync(staff, CancellationToken.None);
        return staff.Id;
    }
}

/// <summary>The user store contract through PgBouncer in transaction pooling mode.</summary>
public sealed class PgBouncerUserStoreContractTests : UserStoreContractTests, IClassFixture<PgBouncerDatabase>
{
    private readonly PostgresBookingStore _bookings;
    private readonly Dictionary<Guid, Tenant> _tenants = [];

    public PgBouncerUserStoreContractTests(PgBouncerDatabase database)
    {
        _bookings = database.CreateStore();
        Store = new PostgresUserStore(database.Sources);
    }

    protected override IUserStore Store { get; }

    protected override async Task<Guid> CreateTenantAsync()
    {
        var tenant = TestData.Tenant();
        await _bookings.CreateTenantAsync(tenant, CancellationToken.None);
        _tenants[tenant.Id] = tenant;
        return tenant.Id;
    }

    protected override async Task<Guid> CreateStaffAsync(Guid tenantId)
    {
        var staff = TestData.Staff(_tenants[tenantId]);
        await _bookings.CreateStaffAsync(staff, CancellationToken.None);
        return staff.Id;
    }
}
