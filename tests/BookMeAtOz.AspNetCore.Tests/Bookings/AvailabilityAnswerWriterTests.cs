using System.Text.Json;
using BookMeAtOz.AspNetCore.Bookings;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.Bookings;
using BookMeAtOz.Contracts;
using BookMeAtOz.Scheduling;

namespace BookMeAtOz.AspNetCore.Tests.Bookings;

/// <summary>How <see cref="AvailabilityAnswer"/> fills its bound: whole dates only, the closing always fits, nothing past the first date that does not.</summary>
public sealed class AvailabilityAnswerWriterTests
{
    private static readonly Guid TenantId = Guid.Parse("7e000000-0000-0000-0000-000000000001");
    private static readonly Guid ServiceId = Guid.Parse("5e000000-0000-0000-0000-000000000001");
    private static readonly StaffMember Ann = new(Guid.Parse("00000000-0000-0000-0000-00000000000a"), TenantId, "Ann \"the\" Ärztin", null, "Australia/Sydney", true);
    private static readonly StaffMember Ben = new(Guid.Parse("00000000-0000-0000-0000-00000000000b"), TenantId, "Ben", null, "Australia/Sydney", true);
    private static readonly DateOnly First = new(2030, 5, 6);

    [Fact]
    public void Write_WhenEverythingFits_IsWhatTheSerializerWritesForTheContract()
    {
        var result = Result(4);

        var (json, truncatedAfter) = Write(result, AvailabilityAnswer.MaxBytes);

        Assert.Null(truncatedAfter);
        var expected = new AvailabilityResponse(ServiceId, "Australia/Sydney",
            [new(Ann.Id, Ann.Name), new(Ben.Id, Ben.Name)],
            [.. result.ToSlots().Select(s => new SlotResponse(s.Start, s.End, [.. s.StaffIds.Select(id => id == Ann.Id ? 0 : 1)], s.SeatsLeft))]);
        Assert.Equal(JsonSerializer.Serialize(expected, ApiJson.Options), json);
    }

    [Fact]
    public void Write_AtEveryBound_KeepsUnderIt_AndCutsAfterAWholeDate()
    {
        var result = Result(4);
        var all = result.ToSlots();
        var full = Write(result, AvailabilityAnswer.MaxBytes).Json.Length;
        var seen = new HashSet<DateOnly?>();

        for (var bound = 400; bound <= full + 40; bound++)
        {
            var (json, truncatedAfter) = Write(result, bound);

            Assert.True(json.Length <= bound, $"{json.Length} bytes for a bound of {bound}");
            var answer = JsonSerializer.Deserialize<AvailabilityResponse>(json, ApiJson.Options)!;
            Assert.Equal(truncatedAfter, answer.TruncatedAfter);
            var lastDate = truncatedAfter ?? First.AddDays(3);
            Assert.Equal(all.Where(s => DateOnly.FromDateTime(s.Start.DateTime) <= lastDate).Select(s => s.Start), answer.Slots.Select(s => s.Start));
            // Complete when the whole fits with room for a cut answer's ending (`],"truncatedAfter":"yyyy-MM-dd"}` in
            // place of `]}`), cut when it does not fit at all.
            if (bound >= full + 30)
            {
                Assert.Null(truncatedAfter);
            }
            else if (bound < full)
            {
                Assert.NotNull(truncatedAfter);
            }

            seen.Add(truncatedAfter);
        }

        // A date without slots (the third) costs nothing: once the second fits, so does the third, and a cut falls after it.
        Assert.Equal([null, First, First.AddDays(2)], seen.Where(d => d is null || d >= First).Order());
    }

    [Fact]
    public void Write_Cut_StopsTakingDates()
    {
        var taken = 0;
        var result = Result(62) with { Days = Counting(Result(62).Days, () => taken++) };
        var oneDay = Write(Result(1), AvailabilityAnswer.MaxBytes).Json.Length;

        var (_, truncatedAfter) = Write(result, oneDay + 300);

        Assert.Equal(First, truncatedAfter);
        Assert.Equal(2, taken);
    }

    private static IEnumerable<AvailabilityDay> Counting(IEnumerable<AvailabilityDay> days, Action onTake)
    {
        foreach (var day in days)
        {
            onTake();
            yield return day;
        }
    }

    private static (string Json, DateOnly? TruncatedAfter) Write(AvailabilityResult result, int bound)
    {
        var buffer = new byte[bound];
        var length = AvailabilityAnswer.Write(result, buffer, out var truncatedAfter);
        return (System.Text.Encoding.UTF8.GetString(buffer, 0, length), truncatedAfter);
    }

    /// <summary>Dates from 6 May 2030: Ann at 9 and 10, Ben at 10 and 11; the third date has no slots.</summary>
    private static AvailabilityResult Result(int days) =>
        new(ServiceId, "Australia/Sydney", [Ann, Ben], Enumerable.Range(0, days).Select(i =>
        {
            var date = First.AddDays(i);
            if (i == 2)
            {
                return new AvailabilityDay(date, []);
            }

            DateTimeOffset At(int hour) => new(date.Year, date.Month, date.Day, hour, 0, 0, TimeSpan.FromHours(10));
            return new AvailabilityDay(date,
            [
                new AvailableSlot(At(9), At(10), [Ann.Id], 1),
                new AvailableSlot(At(10), At(11), [Ann.Id, Ben.Id], 2),
                new AvailableSlot(At(11), At(12), [Ben.Id], 1),
            ]);
        }));
}
