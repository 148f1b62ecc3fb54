using BookMeAtOz.Tenancy;
using static BookMeAtOz.Core.Tests.Scheduling.ValidationAssert;

namespace BookMeAtOz.Core.Tests.Tenancy;

public sealed class TenantPolicyTests
{
    [Fact]
    public void Default_MatchesTheSpec()
    {
        Assert.Equal(new TenantPolicy(60, 60, null, 0), TenantPolicy.Default);
        Assert.Empty(Fields(e => TenantPolicy.Default.Validate(e)));
    }

    [Theory]
    [InlineData(0, 1, null, 0)]
    [InlineData(525_600, 3650, 5, 525_600)]
    [InlineData(60, 60, 1440, 0)]
    public void Validate_ValuesAtTheLimits_AreAccepted(int minNotice, int maxAdvance, int? interval, int cancellationNotice)
    {
        Assert.Empty(Fields(e => new TenantPolicy(minNotice, maxAdvance, interval, cancellationNotice).Validate(e)));
    }

    [Theory]
    [InlineData(-1, 60, null, 0, "policy.minNoticeMinutes")]
    [InlineData(525_601, 60, null, 0, "policy.minNoticeMinutes")]
    [InlineData(60, 0, null, 0, "policy.maxAdvanceDays")]
    [InlineData(60, 3651, null, 0, "policy.maxAdvanceDays")]
    [InlineData(60, 60, 4, 0, "policy.slotIntervalMinutes")]
    [InlineData(60, 60, 1441, 0, "policy.slotIntervalMinutes")]
    [InlineData(60, 60, null, -1, "policy.cancellationNoticeMinutes")]
    [InlineData(60, 60, null, 525_601, "policy.cancellationNoticeMinutes")]
    public void Validate_OutOfRange_IsAnErrorOnThatField(int minNotice, int maxAdvance, int? interval, int cancellationNotice, string field)
    {
        Assert.Equal([field], Fields(e => new TenantPolicy(minNotice, maxAdvance, interval, cancellationNotice).Validate(e)));
    }

    [Fact]
    public void Validate_EveryFieldOutOfRange_ReportsThemAllAtOnce()
    {
        var policy = new TenantPolicy(-5, 4000, 0, -5);

        Assert.Equal(
            ["policy.cancellationNoticeMinutes", "policy.maxAdvanceDays", "policy.minNoticeMinutes", "policy.slotIntervalMinutes"],
            Fields(e => policy.Validate(e)));
    }
}
