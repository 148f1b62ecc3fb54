using BookMeAtOz.Testing;
using BookMeAtOz.Persistence;
using BookMeAtOz.Persistence.InMemory;

namespace BookMeAtOz.Tests.Persistence;

public sealed class InMemoryBookingStoreTests : BookingStoreContractTests
{
    public InMemoryBookingStoreTests() => Store = new InMemoryBookingStore(Clock);

    protected override IBookingStore Store { get; }
}
