using BookMeAtOz.Scheduling;
using static BookMeAtOz.Core.Tests.Scheduling.ValidationAssert;

namespace BookMeAtOz.Core.Tests.Scheduling;

public sealed class StaffMemberTests
{
    private static readonly StaffMember Valid = new(Guid.NewGuid(), Scenario.TenantId, "Alice", "alice@example.com", "Australia/Lord_Howe", true);

    [Fact]
    public void Validate_ValidStaffMember_HasNoErrors()
    {
        Assert.Empty(Fields(e => Valid.Validate(e)));
        Assert.Empty(Fields(e => (Valid with { Email = null }).Validate(e)));
    }

    public static TheoryData<StaffMember, string> InvalidStaff => new()
    {
        { Valid with { Name = " " }, "name" },
        { Valid with { Name = new string('n', 201) }, "name" },
        { Valid with { Email = "alice" }, "email" },
        { Valid with { Email = "" }, "email" },
        { Valid with { Email = "alice@example.com " }, "email" },
        { Valid with { TimeZone = "Australia/Canberra Time" }, "timeZone" },
        { Valid with { TimeZone = "" }, "timeZone" },
        { Valid with { TimeZone = "AEST" }, "timeZone" },
    };

    [Theory]
    [MemberData(nameof(InvalidStaff))]
    public void Validate_InvalidField_IsAnErrorOnThatField(StaffMember staff, string field)
    {
        Assert.Equal([field], Fields(e => staff.Validate(e)));
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryFieldAtOnce()
    {
        var staff = new StaffMember(Guid.NewGuid(), Scenario.TenantId, "", "nope", "Nowhere/Else", true);

        Assert.Equal(["staff.email", "staff.name", "staff.timeZone"], Fields(e => staff.Validate(e, "staff.")));
    }
}
