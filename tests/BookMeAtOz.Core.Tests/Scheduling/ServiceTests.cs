using BookMeAtOz.Scheduling;
using BookMeAtOz.Tenancy;
using static BookMeAtOz.Core.Tests.Scheduling.ValidationAssert;

namespace BookMeAtOz.Core.Tests.Scheduling;

public sealed class ServiceTests
{
    private static readonly Service Valid = Scenario.Service(60);

    [Fact]
    public void Validate_ValidService_HasNoErrors()
    {
        Assert.Empty(Fields(e => Valid.Validate(e)));
    }

    [Fact]
    public void Validate_ValuesAtTheLimits_AreAccepted()
    {
        Assert.Empty(Fields(e => (Valid with { DurationMinutes = 5, BufferBeforeMinutes = 240, BufferAfterMinutes = 0, Capacity = 500, SlotIntervalMinutes = 1440, PriceCents = 0 }).Validate(e)));
        Assert.Empty(Fields(e => (Valid with { DurationMinutes = 1440, BufferBeforeMinutes = 0, BufferAfterMinutes = 240, Capacity = 1, SlotIntervalMinutes = 5, StaffIds = [] }).Validate(e)));
    }

    public static TheoryData<Service, string> InvalidServices => new()
    {
        { Valid with { Name = "" }, "name" },
        { Valid with { Name = new string('n', 201) }, "name" },
        { Valid with { DurationMinutes = 4 }, "durationMinutes" },
        { Valid with { DurationMinutes = 1441 }, "durationMinutes" },
        { Valid with { BufferBeforeMinutes = -1 }, "bufferBeforeMinutes" },
        { Valid with { BufferBeforeMinutes = 241 }, "bufferBeforeMinutes" },
        { Valid with { BufferAfterMinutes = -1 }, "bufferAfterMinutes" },
        { Valid with { BufferAfterMinutes = 241 }, "bufferAfterMinutes" },
        { Valid with { PriceCents = -1 }, "priceCents" },
        { Valid with { Capacity = 0 }, "capacity" },
        { Valid with { Capacity = 501 }, "capacity" },
        { Valid with { SlotIntervalMinutes = 4 }, "slotIntervalMinutes" },
        { Valid with { SlotIntervalMinutes = 1441 }, "slotIntervalMinutes" },
        { Valid with { StaffIds = null! }, "staffIds" },
        { Valid with { StaffIds = [Scenario.Id(1), Scenario.Id(1)] }, "staffIds" },
    };

    [Theory]
    [MemberData(nameof(InvalidServices))]
    public void Validate_InvalidField_IsAnErrorOnThatField(Service service, string field)
    {
        Assert.Equal([field], Fields(e => service.Validate(e)));
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryFieldAtOnce()
    {
        var service = new Service(Guid.NewGuid(), Scenario.TenantId, "", 0, -1, 999, -5, 0, 3, null!, true);

        Assert.Equal(
            ["bufferAfterMinutes", "bufferBeforeMinutes", "capacity", "durationMinutes", "name", "priceCents", "slotIntervalMinutes", "staffIds"],
            Fields(e => service.Validate(e)));
    }

    [Theory]
    [InlineData(20, 10, 20)]
    [InlineData(null, 10, 10)]
    [InlineData(null, null, 45)]
    public void EffectiveSlotInterval_FallsBackFromServiceToPolicyToDuration(int? serviceInterval, int? policyInterval, int expected)
    {
        var service = Scenario.Service(45, interval: serviceInterval);

        Assert.Equal(expected, service.EffectiveSlotInterval(new TenantPolicy(SlotIntervalMinutes: policyInterval)));
    }
}
