using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Calendars;

/// <summary>Hosts for the CalDAV tests: a test encryption key, loopback calendars allowed, a one-second sync interval.</summary>
public static class CalDavSettings
{
    public static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static void Apply(IDictionary<string, string?> settings)
    {
        settings["BookMeAtOz:CalendarSync:EncryptionKey"] = Key;
        settings["BookMeAtOz:CalendarSync:AllowPrivateAddresses"] = "true";
        settings["BookMeAtOz:CalendarSync:SyncInterval"] = "00:00:01";
        settings["BookMeAtOz:CalendarSync:MaxBackoff"] = "00:00:02";
    }
}

public sealed class CalDavInMemoryFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            CalDavSettings.Apply(settings);
            return settings;
        }
    }
}

public sealed class CalDavPostgresFactory : PostgresApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            CalDavSettings.Apply(settings);
            return settings;
        }
    }
}

/// <summary>
/// Two-way CalDAV sync against the real Radicale that scripts/test.sh starts (SPEC §11.4): remote events of every kind
/// become busy time in availability, bookings are written to the calendar and follow reschedules and cancellations.
/// Expected busy time is computed with .NET's own time zone data, independently of the parser the sync uses.
/// </summary>
public abstract class CalDavSyncTests(ApiFactory factory)
{
    private const string Sydney = "Australia/Sydney";

    [Fact]
    public async Task Import_SingleRecurringAllDayAndOwnZoneEvents_BlockExactlyTheirTime()
    {
        var (t, staff, service) = await SetUpAsync(factory);
        var calendar = await Radicale.NewCalendarAsync();
        var d = TestTenant.Day(3);
        var days = Enumerable.Range(0, 8).Select(i => d.AddDays(i)).ToList();
        var baseline = await SlotsAsync(t, service.Id, days);

        // A single event in UTC; a transparent (free) one, which blocks nothing.
        await calendar.PutAsync("single.ics", Event("single", $"DTSTART:{Utc(d, "10:00", Sydney)}\nDTEND:{Utc(d, "11:30", Sydney)}"));
        await calendar.PutAsync("free.ics", Event("free", $"DTSTART:{Utc(d, "14:00", Sydney)}\nDTEND:{Utc(d, "15:00", Sydney)}\nTRANSP:TRANSPARENT"));
        // Daily at 13:00 Sydney time for four days; the second is excluded, the third moved to 15:00–16:00.
        var r = d.AddDays(1);
        await calendar.PutAsync("recurring.ics", Calendar(
            VEvent("recurring", $"DTSTART;TZID={Sydney}:{Local(r, "13:00")}\nDTEND;TZID={Sydney}:{Local(r, "14:00")}\nRRULE:FREQ=DAILY;COUNT=4\nEXDATE;TZID={Sydney}:{Local(r.AddDays(1), "13:00")}")
            + VEvent("recurring", $"RECURRENCE-ID;TZID={Sydney}:{Local(r.AddDays(2), "13:00")}\nDTSTART;TZID={Sydney}:{Local(r.AddDays(2), "15:00")}\nDTEND;TZID={Sydney}:{Local(r.AddDays(2), "16:00")}")));
        // All day (a local date in the staff member's zone): nothing is offered that day.
        var allDay = d.AddDays(5);
        await calendar.PutAsync("allday.ics", Event("allday", $"DTSTART;VALUE=DATE:{allDay:yyyyMMdd}\nDTEND;VALUE=DATE:{allDay.AddDays(1):yyyyMMdd}"));
        // In its own VTIMEZONE (Perth, no daylight saving): 10:00 Perth is 12:00 or 13:00 in Sydney.
        var perthDay = d.AddDays(6);
        await calendar.PutAsync("perth.ics", Calendar(PerthZone + VEvent("perth",
            $"DTSTART;TZID=Australia/Perth:{Local(perthDay, "10:00")}\nDTEND;TZID=Australia/Perth:{Local(perthDay, "11:00")}")));

        await ConnectAsync(t, staff.Id, calendar);
        var status = await WaitForSyncAsync(t, staff.Id, s => s.EventCount == 4);
        Assert.Equal("ok", status.Status);

        Busy[] busy =
        [
            new(At(d, "10:00", Sydney), At(d, "11:30", Sydney)),
            new(At(r, "13:00", Sydney), At(r, "14:00", Sydney)),
            new(At(r.AddDays(2), "15:00", Sydney), At(r.AddDays(2), "16:00", Sydney)),
            new(At(r.AddDays(3), "13:00", Sydney), At(r.AddDays(3), "14:00", Sydney)),
            new(At(allDay, "00:00", Sydney), At(allDay.AddDays(1), "00:00", Sydney)),
            new(At(perthDay, "10:00", "Australia/Perth"), At(perthDay, "11:00", "Australia/Perth")),
        ];
        Assert.Equal(Expected(baseline, busy), await SlotsAsync(t, service.Id, days));
    }

    [Fact]
    public async Task Import_WeeklyEventsAcrossDaylightSavingChanges_StayAtTheirLocalTime()
    {
        var (t, staff, service) = await SetUpAsync(factory);
        var calendar = await Radicale.NewCalendarAsync();
        // The next two changes of daylight saving in New South Wales and on Lord Howe Island (first Sundays of April and October).
        var changes = NextDstSundays(TestTenant.Day(2)).Take(2).ToList();
        var days = changes.SelectMany(c => new[] { c.AddDays(-7), c, c.AddDays(7) }).ToList();
        var baseline = await SlotsAsync(t, service.Id, days);
        var busy = new List<Busy>();
        foreach (var change in changes)
        {
            var first = change.AddDays(-7);
            var id = change.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            await calendar.PutAsync($"sydney-{id}.ics", Event($"sydney-{id}",
                $"DTSTART;TZID={Sydney}:{Local(first, "10:00")}\nDTEND;TZID={Sydney}:{Local(first, "11:00")}\nRRULE:FREQ=WEEKLY;COUNT=3"));
            await calendar.PutAsync($"lordhowe-{id}.ics", Event($"lordhowe-{id}",
                $"DTSTART;TZID=Australia/Lord_Howe:{Local(first, "13:00")}\nDTEND;TZID=Australia/Lord_Howe:{Local(first, "14:00")}\nRRULE:FREQ=WEEKLY;COUNT=3"));
            foreach (var day in new[] { first, change, change.AddDays(7) })
            {
                busy.Add(new(At(day, "10:00", Sydney), At(day, "11:00", Sydney)));
                busy.Add(new(At(day, "13:00", "Australia/Lord_Howe"), At(day, "14:00", "Australia/Lord_Howe")));
            }
        }

        await ConnectAsync(t, staff.Id, calendar);
        await WaitForSyncAsync(t, staff.Id, s => s.EventCount == 4);
        Assert.Equal(Expected(baseline, busy), await SlotsAsync(t, service.Id, days));
    }

    [Fact]
    public async Task Changes_OnTheRemote_ShowInAvailabilityWithinTheSyncInterval()
    {
        var (t, staff, service) = await SetUpAsync(factory);
        var calendar = await Radicale.NewCalendarAsync();
        var d = TestTenant.Day(4);
        var baseline = await SlotsAsync(t, service.Id, [d]);
        await calendar.PutAsync("meeting.ics", Event("meeting", $"DTSTART:{Utc(d, "09:00", Sydney)}\nDTEND:{Utc(d, "10:00", Sydney)}"));
        await ConnectAsync(t, staff.Id, calendar);
        await WaitForSlotsAsync(t, service.Id, d, Expected(baseline, [new(At(d, "09:00", Sydney), At(d, "10:00", Sydney))]));

        // Moved, and another added: both show up by themselves (incremental sync).
        await calendar.PutAsync("meeting.ics", Event("meeting", $"DTSTART:{Utc(d, "12:00", Sydney)}\nDTEND:{Utc(d, "13:00", Sydney)}"));
        await calendar.PutAsync("call.ics", Event("call", $"DTSTART:{Utc(d, "15:00", Sydney)}\nDTEND:{Utc(d, "15:30", Sydney)}"));
        await WaitForSlotsAsync(t, service.Id, d, Expected(baseline,
            [new(At(d, "12:00", Sydney), At(d, "13:00", Sydney)), new(At(d, "15:00", Sydney), At(d, "15:30", Sydney))]));

        await calendar.DeleteAsync("meeting.ics");
        await calendar.DeleteAsync("call.ics");
        await WaitForSlotsAsync(t, service.Id, d, baseline);
    }

    [Fact]
    public async Task Bookings_AreWrittenToTheCalendar_MovedOnRescheduleAndRemovedOnCancel()
    {
        var (t, staff, service) = await SetUpAsync(factory);
        var calendar = await Radicale.NewCalendarAsync();
        await ConnectAsync(t, staff.Id, calendar);
        await WaitForSyncAsync(t, staff.Id, s => s.Status == "ok");
        var d = TestTenant.Day(5);
        var booking = await t.BookAsync(service.Id, At(d, "10:00", Sydney), staff.Id);

        var written = await WaitForEventAsync(calendar, booking.Id, data => data.Contains($"DTSTART:{Utc(d, "10:00", Sydney)}", StringComparison.Ordinal));
        Assert.Contains("SUMMARY:Haircut: Jamie Citizen", written, StringComparison.Ordinal);

        var moved = await (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/reschedule", new RescheduleBookingRequest(At(d, "14:00", Sydney), null)))
            .ReadAsync<BookingResponse>();
        Assert.Equal(At(d, "14:00", Sydney), moved.Start);
        await WaitForEventAsync(calendar, booking.Id, data => data.Contains($"DTSTART:{Utc(d, "14:00", Sydney)}", StringComparison.Ordinal));
        // Our own event is not imported as busy time: the booking is not in conflict with itself, and only it blocks 14:00.
        var status = await WaitForSyncAsync(t, staff.Id, s => s.Status == "ok");
        Assert.Empty(status.Conflicts);
        Assert.Contains(await SlotsAsync(t, service.Id, [d]), s => s.Start == At(d, "10:00", Sydney));

        (await t.Owner.PostJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new { })).EnsureSuccessStatusCode();
        await Radicale.WaitAsync(async () => !(await calendar.ListAsync()).Values.Any(v => v.Contains(booking.Id.ToString(), StringComparison.Ordinal)),
            "The cancelled booking's event is still in the calendar");
    }

    [Fact]
    public async Task ExternalEvent_OverABooking_IsFlaggedAndNeverCancelsIt()
    {
        var (t, staff, service) = await SetUpAsync(factory);
        var calendar = await Radicale.NewCalendarAsync();
        var d = TestTenant.Day(6);
        var booking = await t.BookAsync(service.Id, At(d, "11:00", Sydney), staff.Id);
        await calendar.PutAsync("clash.ics", Event("clash", $"DTSTART:{Utc(d, "11:30", Sydney)}\nDTEND:{Utc(d, "12:30", Sydney)}"));
        await ConnectAsync(t, staff.Id, calendar);

        var status = await WaitForSyncAsync(t, staff.Id, s => s.Conflicts.Count > 0);
        var conflict = Assert.Single(status.Conflicts);
        Assert.Equal(booking.Id, conflict.BookingId);
        Assert.Equal(At(d, "11:30", Sydney), conflict.BusyStart);
        var kept = await (await t.Owner.GetAsync($"/api/v1/bookings/{booking.Id}")).ReadAsync<BookingResponse>();
        Assert.Equal("confirmed", kept.Status);
    }

    [Fact]
    public async Task Routes_ValidateInput_NeverShowThePassword_AndDisconnectForgetsBusyTime()
    {
        var (t, staff, service) = await SetUpAsync(factory);
        var calendar = await Radicale.NewCalendarAsync();
        var url = $"/api/v1/staff/{staff.Id}/caldav";

        await (await t.Owner.GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await t.Owner.PutJsonAsync(url, new { url = "ftp://example.com/cal/", username = "a", password = "b" })).ValidationProblemAsync("url");
        await (await t.Owner.PutJsonAsync(url, new { url = calendar.Collection.ToString(), username = "a" })).ValidationProblemAsync("password");
        await (await t.Owner.PutJsonAsync(url, new { url = calendar.Collection.ToString(), username = "a", password = "b", extra = 1 }))
            .ProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await t.Anonymous.GetAsync(url)).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        var other = await t.AddStaffAsync("Other");
        var otherStaff = await t.UserAsync("staff", other.Id);
        await (await otherStaff.PutJsonAsync(url, new { url = calendar.Collection.ToString(), username = "a", password = "b" }))
            .ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await otherStaff.GetAsync(url)).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await t.Owner.GetAsync($"/api/v1/staff/{Guid.NewGuid()}/caldav")).ProblemAsync(HttpStatusCode.NotFound, "not_found");

        var d = TestTenant.Day(8);
        var baseline = await SlotsAsync(t, service.Id, [d]);
        await calendar.PutAsync("busy.ics", Event("busy", $"DTSTART:{Utc(d, "09:00", Sydney)}\nDTEND:{Utc(d, "17:00", Sydney)}"));
        var self = await t.UserAsync("staff", staff.Id);
        var connected = await (await self.PutJsonAsync(url, new CalDavConnectionRequest(calendar.Collection.ToString(), Radicale.User, Radicale.Password)))
            .ReadAsync<CalDavStatusResponse>();
        Assert.Equal(Radicale.User, connected.Username);
        await WaitForSyncAsync(t, staff.Id, s => s.EventCount == 1);
        var raw = await (await t.Owner.GetAsync(url)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(Radicale.Password, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("password", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await SlotsAsync(t, service.Id, [d]));

        var gone = await t.Owner.DeleteAsync(url);
        Assert.Equal(HttpStatusCode.NoContent, gone.StatusCode);
        Assert.Equal(baseline, await SlotsAsync(t, service.Id, [d]));
        await (await t.Owner.DeleteAsync(url)).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Connect_APrivateAddress_IsRefusedUnlessAllowed()
    {
        await using var strict = new ApiFactory().WithSettings(new Dictionary<string, string?>
        {
            ["BookMeAtOz:CalendarSync:EncryptionKey"] = CalDavSettings.Key,
        });
        var t = await TestTenant.CreateAsync(strict);
        var staff = await t.AddStaffAsync();
        var answer = await t.Owner.PutJsonAsync($"/api/v1/staff/{staff.Id}/caldav", new CalDavConnectionRequest(Radicale.Url, "a", "b"));
        await answer.ValidationProblemAsync("url");
    }

    [Fact]
    public async Task Connect_WithoutAnEncryptionKey_AnswersUnavailable()
    {
        await using var unkeyed = new ApiFactory();
        var t = await TestTenant.CreateAsync(unkeyed);
        var staff = await t.AddStaffAsync();
        var answer = await t.Owner.PutJsonAsync($"/api/v1/staff/{staff.Id}/caldav", new CalDavConnectionRequest("https://192.0.2.10/calendars/a/", "a", "b"));
        var problem = await answer.ProblemAsync(HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.Contains("EncryptionKey", problem.Detail, StringComparison.Ordinal);
    }

    // --- helpers ------------------------------------------------------------------------------------------

    internal static async Task<(TestTenant Tenant, StaffResponse Staff, ServiceResponse Service)> SetUpAsync(ApiFactory factory)
    {
        var t = await TestTenant.CreateAsync(factory);
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { maxAdvanceDays = 400 } })).EnsureSuccessStatusCode();
        var (staff, service) = await t.AddStaffAndServiceAsync();
        return (t, staff, service);
    }

    internal static async Task ConnectAsync(TestTenant t, Guid staffId, RadicaleCalendar calendar) =>
        await (await t.Owner.PutJsonAsync($"/api/v1/staff/{staffId}/caldav",
            new CalDavConnectionRequest(calendar.Collection.ToString(), Radicale.User, Radicale.Password))).ReadAsync<CalDavStatusResponse>();

    internal static async Task<CalDavStatusResponse> WaitForSyncAsync(TestTenant t, Guid staffId, Func<CalDavStatusResponse, bool> done)
    {
        CalDavStatusResponse? status = null;
        await Radicale.WaitAsync(async () =>
        {
            status = await (await t.Owner.GetAsync($"/api/v1/staff/{staffId}/caldav")).ReadAsync<CalDavStatusResponse>();
            return status.LastSyncAt is not null && done(status);
        }, "The calendar did not sync as expected");
        return status!;
    }

    internal static async Task WaitForSlotsAsync(TestTenant t, Guid serviceId, DateOnly day, IReadOnlyList<Slot> expected)
    {
        IReadOnlyList<Slot> last = [];
        await Radicale.WaitAsync(async () =>
        {
            last = await SlotsAsync(t, serviceId, [day]);
            return last.SequenceEqual(expected);
        }, "Availability did not follow the calendar");
    }

    private static async Task<string> WaitForEventAsync(RadicaleCalendar calendar, Guid bookingId, Func<string, bool> matches)
    {
        string? found = null;
        await Radicale.WaitAsync(async () =>
        {
            found = (await calendar.ListAsync()).Values.FirstOrDefault(v => v.Contains($"UID:{bookingId}@bookmeatoz", StringComparison.Ordinal) && matches(v));
            return found is not null;
        }, "The booking's event did not appear in the calendar as expected");
        return found!;
    }

    internal static async Task<IReadOnlyList<Slot>> SlotsAsync(TestTenant t, Guid serviceId, IReadOnlyList<DateOnly> days)
    {
        var result = new List<Slot>();
        foreach (var day in days.Distinct().Order())
        {
            result.AddRange((await t.SlotsAsync(serviceId, day)).Select(s => new Slot(s.Start, s.End)));
        }

        return result;
    }

    internal sealed record Busy(DateTimeOffset Start, DateTimeOffset End);

    /// <summary>An offered slot's times (the answer's staff list is a list: no value equality).</summary>
    internal sealed record Slot(DateTimeOffset Start, DateTimeOffset End);

    internal static List<Slot> Expected(IReadOnlyList<Slot> baseline, IReadOnlyList<Busy> busy) =>
        [.. baseline.Where(s => !busy.Any(b => b.Start < s.End && b.End > s.Start))];

    /// <summary>A local wall time on a date in a zone, as an instant (.NET's time zone data: the oracle).</summary>
    internal static DateTimeOffset At(DateOnly day, string time, string zone)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var local = day.ToDateTime(TimeOnly.Parse(time, CultureInfo.InvariantCulture), DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, tz), TimeSpan.Zero);
    }

    internal static string Utc(DateOnly day, string time, string zone) => At(day, time, zone).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    internal static string Local(DateOnly day, string time) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "T" + time.Replace(":", string.Empty, StringComparison.Ordinal) + "00";

    internal static string Event(string uid, string body) => Calendar(VEvent(uid, body));

    internal static string VEvent(string uid, string body) =>
        $"BEGIN:VEVENT\nUID:{uid}@test\nDTSTAMP:20260101T000000Z\nSUMMARY:{uid}\n{body}\nEND:VEVENT\n";

    internal static string Calendar(string content) => $"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//BookMeAtOz tests//EN\n{content}END:VCALENDAR\n";

    private const string PerthZone = """
        BEGIN:VTIMEZONE
        TZID:Australia/Perth
        BEGIN:STANDARD
        DTSTART:19700101T000000
        TZOFFSETFROM:+0800
        TZOFFSETTO:+0800
        TZNAME:AWST
        END:STANDARD
        END:VTIMEZONE

        """;

    /// <summary>The first Sundays of April and October (daylight saving ends and starts in NSW and on Lord Howe) after a date.</summary>
    private static IEnumerable<DateOnly> NextDstSundays(DateOnly after)
    {
        for (var year = after.Year; ; year++)
        {
            foreach (var month in new[] { 4, 10 })
            {
                var first = new DateOnly(year, month, 1);
                var sunday = first.AddDays(((int)DayOfWeek.Sunday - (int)first.DayOfWeek + 7) % 7);
                if (sunday > after)
                {
                    yield return sunday;
                }
            }
        }
    }
}

public sealed class InMemoryCalDavSyncTests(CalDavInMemoryFactory factory) : CalDavSyncTests(factory), IClassFixture<CalDavInMemoryFactory>;

public sealed class PostgresCalDavSyncTests(CalDavPostgresFactory factory) : CalDavSyncTests(factory), IClassFixture<CalDavPostgresFactory>;
