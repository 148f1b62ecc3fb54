using System.Globalization;
using System.Net;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Bookings;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;
using NodaTime;

namespace BookMeAtOz.AspNetCore.Tests.Bookings;

/// <summary>
/// <c>GET /availability</c> is compact (staff listed once, slots name them by index) and bounded: never more than
/// 2 MiB, cut after a whole local date that <c>truncatedAfter</c> names, and asking again from the next day goes on.
/// </summary>
public abstract class AvailabilityAnswerTests(ApiFactory factory)
{
    private static readonly DateTimeZone Sydney = DateTimeZoneProviders.Tzdb[TestTenant.Zone];

    /// <summary>
    /// The worst a tenant can do within its caps: the most staff a service may list (100), all free round the clock every
    /// day, a 5-minute service offered every 5 minutes, asked for the longest window (62 days). Before the bound the
    /// answer was about 70 MB (every slot listed 100 staff ids).
    /// </summary>
    [ServerFact]
    public async Task Availability_WorstCaseWithinTheCaps_IsCutAtWholeDatesUnder2MiB_AndContinuesFromTheNextDay()
    {
        var t = await TestTenant.CreateAsync(factory, minNoticeMinutes: 0);
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { maxAdvanceDays = 365 } })).EnsureSuccessStatusCode();
        IntervalDto[] allDay = [new("00:00", "24:00")];
        var staff = new List<StaffResponse>();
        for (var batch = 0; batch < 100; batch += 10)
        {
            staff.AddRange(await Task.WhenAll(Enumerable.Range(batch, 10).Select(async i =>
            {
                var member = await (await t.Owner.PostJsonAsync("/api/v1/staff", new StaffRequest($"Staff {i:D3}", null, null, null)))
                    .ReadAsync<StaffResponse>(HttpStatusCode.Created);
                (await t.Owner.PutJsonAsync($"/api/v1/staff/{member.Id}/schedule",
                    new ScheduleDto(new WeeklyHoursDto(allDay, allDay, allDay, allDay, allDay, allDay, allDay), []))).EnsureSuccessStatusCode();
                return member;
            })));
        }

        var service = await (await t.Owner.PostJsonAsync("/api/v1/services",
                new ServiceRequest("Quick check", 5, null, null, 0, 1, 5, [.. staff.Select(s => s.Id)], null)))
            .ReadAsync<ServiceResponse>(HttpStatusCode.Created);
        var first = TestTenant.Day(1);
        var last = first.AddDays(61);

        var from = first;
        var answers = 0;
        var slotsSeen = 0;
        while (true)
        {
            var response = await t.Anonymous.GetAsync($"/api/v1/availability?serviceId={service.Id}&from={Iso(from)}&to={Iso(last)}");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(bytes.Length <= AvailabilityAnswer.MaxBytes, $"The answer from {Iso(from)} is {bytes.Length} bytes.");
            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
            var answer = JsonSerializer.Deserialize<AvailabilityResponse>(bytes, Api.Json)!;
            answers++;

            Assert.Equal(staff.Select(s => (s.Id, s.Name)), answer.Staff.Select(s => (s.Id, s.Name)));
            var end = answer.TruncatedAfter ?? last;
            Assert.InRange(end, from, last);

            // Every date up to and including the last one answered is there in full, and nothing after it.
            var expected = new List<DateTimeOffset>();
            for (var date = from; date <= end; date = date.AddDays(1))
            {
                var dayStart = Sydney.AtStartOfDay(LocalDate.FromDateOnly(date)).ToInstant();
                var dayEnd = Sydney.AtStartOfDay(LocalDate.FromDateOnly(date).PlusDays(1)).ToInstant();
                for (var instant = dayStart; instant < dayEnd; instant += Duration.FromMinutes(5))
                {
                    expected.Add(instant.InZone(Sydney).ToDateTimeOffset());
                }
            }

            Assert.Equal(expected, answer.Slots.Select(s => s.Start));
            Assert.All(answer.Slots, s =>
            {
                Assert.Equal(Enumerable.Range(0, 100), s.Staff);
                Assert.Equal(100, s.SeatsLeft);
                Assert.Equal(s.Start.AddMinutes(5), s.End);
            });
            slotsSeen += answer.Slots.Count;

            if (answer.TruncatedAfter is null)
            {
                break;
            }

            // A cut answer holds several whole days (one day here is about 0.1 MiB), and the next asks from the day after.
            Assert.True(end >= from.AddDays(3), $"Only {Iso(from)}..{Iso(end)} fitted.");
            Assert.True(end < last);
            from = end.AddDays(1);
            Assert.True(answers < 62, "The answers do not move on.");
        }

        Assert.True(answers > 1, "A window this large must be cut.");
        var minutes = (Sydney.AtStartOfDay(LocalDate.FromDateOnly(last).PlusDays(1)).ToInstant() - Sydney.AtStartOfDay(LocalDate.FromDateOnly(first)).ToInstant()).TotalMinutes;
        Assert.Equal((int)(minutes / 5), slotsSeen);
    }

    /// <summary>
    /// The staff list names every active staff member who performs the service, once, in the service's order, whether
    /// or not they are free in the window; each slot's <c>staff</c> are indexes into it. An inactive staff member of the
    /// service, and staff of other services, are not listed.
    /// </summary>
    [ServerFact]
    public async Task Availability_ListsTheServicesStaffOnce_AndSlotsNameThemByIndex()
    {
        var t = await TestTenant.CreateAsync(factory, minNoticeMinutes: 0);
        var bob = await AddStaffAsync(t, "Bob", "11:00", "14:00");
        var alice = await AddStaffAsync(t, "Alice", "09:00", "12:00");
        var idle = await AddStaffAsync(t, "Idle", null, null);
        var away = await AddStaffAsync(t, "Away", "09:00", "17:00");
        (await t.Owner.PatchJsonAsync($"/api/v1/staff/{away.Id}", new { active = false })).EnsureSuccessStatusCode();
        var other = await AddStaffAsync(t, "Other", "09:00", "17:00");
        var service = await t.AddServiceAsync([alice.Id, away.Id, bob.Id, idle.Id]);
        await t.AddServiceAsync([other.Id], name: "Other service");
        var day = TestTenant.Day();

        var text = await (await t.Anonymous.GetAsync($"/api/v1/availability?serviceId={service.Id}&from={Iso(day)}&to={Iso(day)}")).Content.ReadAsStringAsync();
        var answer = JsonSerializer.Deserialize<AvailabilityResponse>(text, Api.Json)!;

        Assert.Equal([(alice.Id, "Alice"), (bob.Id, "Bob"), (idle.Id, "Idle")], answer.Staff.Select(s => (s.Id, s.Name)));
        Assert.Equal(
            ["09:00 0", "10:00 0", "11:00 0,1", "12:00 1", "13:00 1"],
            answer.Slots.Select(s => $"{s.Start:HH:mm} {string.Join(",", s.Staff)}"));
        Assert.Equal([alice.Id, bob.Id], answer.StaffOf(answer.Slots[2]).Select(s => s.Id));
        Assert.Equal([1, 1, 2, 1, 1], answer.Slots.Select(s => s.SeatsLeft));
        Assert.DoesNotContain("truncatedAfter", text, StringComparison.Ordinal);
        Assert.DoesNotContain("staffIds", text, StringComparison.Ordinal);

        var onlyBob = await (await t.Anonymous.GetAsync($"/api/v1/availability?serviceId={service.Id}&from={Iso(day)}&to={Iso(day)}&staffId={bob.Id}"))
            .ReadAsync<AvailabilityResponse>();
        Assert.Equal([bob.Id], onlyBob.Staff.Select(s => s.Id));
        Assert.Equal(["11:00 0", "12:00 0", "13:00 0"], onlyBob.Slots.Select(s => $"{s.Start:HH:mm} {string.Join(",", s.Staff)}"));

        var notTheirs = await (await t.Anonymous.GetAsync($"/api/v1/availability?serviceId={service.Id}&from={Iso(day)}&to={Iso(day)}&staffId={other.Id}"))
            .ReadAsync<AvailabilityResponse>();
        Assert.Empty(notTheirs.Staff);
        Assert.Empty(notTheirs.Slots);
    }

    private static async Task<StaffResponse> AddStaffAsync(TestTenant t, string name, string? start, string? end)
    {
        var staff = await (await t.Owner.PostJsonAsync("/api/v1/staff", new StaffRequest(name, null, null, null))).ReadAsync<StaffResponse>(HttpStatusCode.Created);
        if (start is not null)
        {
            IntervalDto[] day = [new(start, end)];
            (await t.Owner.PutJsonAsync($"/api/v1/staff/{staff.Id}/schedule",
                new ScheduleDto(new WeeklyHoursDto(day, day, day, day, day, day, day), []))).EnsureSuccessStatusCode();
        }

        return staff;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

[Collection(ApiTests.Name)]
public sealed class InMemoryAvailabilityAnswerTests(ApiFactory factory) : AvailabilityAnswerTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresAvailabilityAnswerTests(PostgresApiFactory factory) : AvailabilityAnswerTests(factory);
