using BookMeAtOz.Scheduling;

namespace BookMeAtOz.Core.Tests.Scheduling;

public sealed class WallTimeTests
{
    [Theory]
    [InlineData("00:00", 0)]
    [InlineData("02:30", 150)]
    [InlineData("23:59", 1439)]
    [InlineData("24:00", 1440)]
    public void TryParse_WellFormedTime_GivesTheMinuteOfDay(string text, int minuteOfDay)
    {
        Assert.True(WallTime.TryParse(text, out var time));
        Assert.Equal(minuteOfDay, time.MinuteOfDay);
        Assert.Equal(text, time.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("7:00")]
    [InlineData("07:0")]
    [InlineData("0700")]
    [InlineData("07.00")]
    [InlineData("07:60")]
    [InlineData("24:01")]
    [InlineData("25:00")]
    [InlineData("-1:00")]
    [InlineData("+1:00")]
    [InlineData(" 7:00")]
    [InlineData("07:00 ")]
    [InlineData("ab:cd")]
    [InlineData("07:00:00")]
    public void TryParse_MalformedTime_Fails(string? text)
    {
        Assert.False(WallTime.TryParse(text, out _));
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => WallTime.Parse(text));
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1441)]
    public void Constructor_MinuteOutsideTheDay_Throws(int minuteOfDay)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WallTime(minuteOfDay));
    }

    [Theory]
    [InlineData(24, 30)]
    [InlineData(23, 60)]
    [InlineData(9, -1)]
    [InlineData(-1, 0)]
    public void Constructor_HourOrMinuteOutOfRange_Throws(int hour, int minute)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WallTime(hour, minute));
    }

    [Fact]
    public void EndOfDay_IsOnly2400()
    {
        Assert.True(WallTime.EndOfDay.IsEndOfDay);
        Assert.False(WallTime.Parse("23:59").IsEndOfDay);
        Assert.True(WallTime.Midnight < WallTime.EndOfDay);
    }
}
