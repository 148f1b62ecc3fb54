using BookMeAtOz.Auth;
using BookMeAtOz.Testing;
using BookMeAtOz.Persistence;
using BookMeAtOz.Persistence.InMemory;

namespace BookMeAtOz.Tests.Persistence;

public sealed class InMemoryBookingStoreTests : BookingStoreContractTests
{
    private readonly InMemoryUserStore _users = new();

    public InMemoryBookingStoreTests() => Store = new InMemoryBookingStore(Clock, _users);

    protected override IBookingStore Store { get; }

    protected override IUserStore Users => _users;
}
