using BookMeAtOz.Scheduling;
using static BookMeAtOz.Core.Tests.Scheduling.ValidationAssert;

namespace BookMeAtOz.Core.Tests.Scheduling;

public sealed class TimeOffTests
{
    private static readonly DateTimeOffset Start = new(2027, 6, 7, 9, 0, 0, TimeSpan.FromHours(10));

    [Fact]
    public void Validate_ValidTimeOff_HasNoErrors()
    {
        Assert.Empty(Fields(e => Make(Start, Start.AddMinutes(1)).Validate(e)));
        Assert.Empty(Fields(e => Make(Start, Start.AddDays(366)).Validate(e)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void Validate_EndNotAfterStart_IsAnEndError(int minutes)
    {
        Assert.Equal(["end"], Fields(e => Make(Start, Start.AddMinutes(minutes)).Validate(e)));
    }

    [Fact]
    public void Validate_LongerThan366Days_IsAnEndError()
    {
        Assert.Equal(["end"], Fields(e => Make(Start, Start.AddDays(366).AddMinutes(1)).Validate(e)));
    }

    [Fact]
    public void Validate_EndBeforeStartAndLongReason_ReportsBothAtOnce()
    {
        var timeOff = Make(Start, Start.AddHours(-1)) with { Reason = new string('r', 2001) };

        Assert.Equal(["timeOff.end", "timeOff.reason"], Fields(e => timeOff.Validate(e, "timeOff.")));
    }

    [Fact]
    public void FromTimeOff_BlocksExactlyItsRange()
    {
        var range = BusyRange.FromTimeOff(Make(Start, Start.AddHours(2)));

        Assert.Equal(new BusyRange(Start, Start.AddHours(2)), range);
    }

    private static TimeOff Make(DateTimeOffset start, DateTimeOffset end) => new(Guid.NewGuid(), Scenario.TenantId, Scenario.Id(1), start, end, null);
}
