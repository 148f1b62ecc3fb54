using BookMeAtOz.Auth;

namespace BookMeAtOz.Tests.Auth;

public sealed class InMemoryUserStoreTests : UserStoreContractTests
{
    protected override IUserStore Store { get; } = new InMemoryUserStore();

    protected override Task<Guid> CreateTenantAsync() => Task.FromResult(Guid.NewGuid());

    protected override Task<Guid> CreateStaffAsync(Guid tenantId) => Task.FromResult(Guid.NewGuid());
}
