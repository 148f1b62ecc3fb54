using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BookMeAtOz.Scheduling;

namespace BookMeAtOz.PostgreSql;

/// <summary>
/// A schedule's jsonb columns: <c>weekly</c> = <c>{"monday":[{"start":"09:00","end":"17:00"}],…}</c> and
/// <c>overrides</c> = <c>[{"date":"2027-03-08","intervals":[…]}]</c>, the API's shapes.
/// </summary>
internal static class ScheduleJson
{
    private const string DateFormat = "yyyy-MM-dd";

    public static string WriteWeekly(StaffSchedule schedule)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (day, intervals) in schedule.Weekly.OrderBy(d => d.Key))
            {
                json.WritePropertyName(DayName(day));
                WriteIntervals(json, intervals);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string WriteOverrides(StaffSchedule schedule)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var o in schedule.Overrides)
            {
                json.WriteStartObject();
                json.WriteString("date", o.Date.ToString(DateFormat, CultureInfo.InvariantCulture));
                json.WritePropertyName("intervals");
                WriteIntervals(json, o.Intervals);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static StaffSchedule Read(string weeklyJson, string overridesJson)
    {
        var weekly = new Dictionary<DayOfWeek, IReadOnlyList<WorkInterval>>();
        using (var doc = JsonDocument.Parse(weeklyJson))
        {
            foreach (var day in doc.RootElement.EnumerateObject())
            {
                weekly[ParseDay(day.Name)] = ReadIntervals(day.Value);
            }
        }

        var overrides = new List<DateOverride>();
        using (var doc = JsonDocument.Parse(overridesJson))
        {
            foreach (var o in doc.RootElement.EnumerateArray())
            {
                var date = DateOnly.ParseExact(o.GetProperty("date").GetString()!, DateFormat, CultureInfo.InvariantCulture);
                overrides.Add(new DateOverride(date, ReadIntervals(o.GetProperty("intervals"))));
            }
        }

        return new StaffSchedule(weekly, overrides);
    }

    private static void WriteIntervals(Utf8JsonWriter json, IReadOnlyList<WorkInterval> intervals)
    {
        json.WriteStartArray();
        foreach (var interval in intervals)
        {
            json.WriteStartObject();
            json.WriteString("start", interval.Start.ToString());
            json.WriteString("end", interval.End.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static WorkInterval[] ReadIntervals(JsonElement array)
    {
        var result = new WorkInterval[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            result[i++] = WorkInterval.Parse(item.GetProperty("start").GetString()!, item.GetProperty("end").GetString()!);
        }

        return result;
    }

    private static string DayName(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "monday",
        DayOfWeek.Tuesday => "tuesday",
        DayOfWeek.Wednesday => "wednesday",
        DayOfWeek.Thursday => "thursday",
        DayOfWeek.Friday => "friday",
        DayOfWeek.Saturday => "saturday",
        DayOfWeek.Sunday => "sunday",
        _ => throw new ArgumentOutOfRangeException(nameof(day), day, null),
    };

    private static DayOfWeek ParseDay(string name) =>
        Enum.TryParse<DayOfWeek>(name, ignoreCase: true, out var day) && Enum.IsDefined(day)
            ? day
            : throw new InvalidOperationException($"Unknown day '{name}' in a stored schedule.");
}
