using System.Net;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Bookings;

/// <summary>Recurring series (SPEC §10.2) over HTTP, on both stores.</summary>
public abstract class SeriesEndpointsTests(ApiFactory factory)
{
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById(TestTenant.Zone);

    /// <summary>10:00 in Sydney on a local date.</summary>
    private static DateTimeOffset At(DateOnly day, int hour = 10)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, Sydney.GetUtcOffset(local));
    }

    private static DateTimeOffset InSydney(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Sydney);

    private static CreateSeriesRequest Series(Guid serviceId, DateTimeOffset start, RecurrenceDto recurrence, string mode = "allOrNothing", Guid? staffId = null) =>
        new(serviceId, start, staffId, new CustomerDto("Jamie Citizen", "jamie@example.com", null), "Weekly lesson", recurrence, mode);

    private static async Task<SeriesResponse> BookSeriesAsync(HttpClient client, CreateSeriesRequest request) =>
        await (await client.PostJsonAsync("/api/v1/bookings/series", request)).ReadAsync<SeriesResponse>(HttpStatusCode.Created);

    private static async Task<List<BookingResponse>> ListAsync(TestTenant t, DateOnly from, DateOnly to)
    {
        var url = $"/api/v1/bookings?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&limit=200";
        return [.. (await (await t.Owner.GetAsync(url)).ReadAsync<PageResponse<BookingResponse>>()).Items];
    }

    private static HttpClient WithToken(TestTenant t, string token)
    {
        var client = t.Factory.Client(t.Slug);
        client.DefaultRequestHeaders.Add("X-Manage-Token", token);
        return client;
    }

    [ServerFact]
    public async Task CreateSeries_Weekly_BooksEveryOccurrenceAtTheSameLocalTime_WithSeriesIdAndTokens()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        var first = TestTenant.Day(2);

        var response = await t.Anonymous.PostJsonAsync("/api/v1/bookings/series", Series(service.Id, At(first), new RecurrenceDto("weekly", Count: 4)));
        var series = await response.ReadAsync<SeriesResponse>(HttpStatusCode.Created);

        Assert.EndsWith($"/api/v1/series/{series.SeriesId}", response.Headers.Location?.ToString());
        Assert.False(string.IsNullOrEmpty(series.SeriesManageToken));
        Assert.Empty(series.Skipped);
        Assert.Equal([.. Enumerable.Range(0, 4).Select(k => At(first.AddDays(7 * k)))], series.Bookings.Select(b => b.Start).ToList());
        Assert.All(series.Bookings, b => Assert.Equal((series.SeriesId, staff.Id, "confirmed"), (b.SeriesId!.Value, b.StaffId, b.Status)));
        Assert.Equal(4, series.Bookings.Select(b => b.ManageToken).Distinct().Count(token => !string.IsNullOrEmpty(token)));
        Assert.DoesNotContain(series.SeriesManageToken, series.Bookings.Select(b => b.ManageToken));

        // Each occurrence is a booking of its own: its token reads it, and it names its series.
        var read = await (await WithToken(t, series.Bookings[1].ManageToken!).GetAsync($"/api/v1/bookings/{series.Bookings[1].Id}")).ReadAsync<BookingResponse>();
        Assert.Equal(series.SeriesId, read.SeriesId);
        Assert.Equal(4, (await ListAsync(t, first, first.AddDays(21))).Count(b => b.SeriesId == series.SeriesId));
    }

    [ServerFact]
    public async Task CreateSeries_AllOrNothing_WithOneOccurrenceTaken_Answers409ListingIt_AndBooksNothing()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var first = TestTenant.Day(2);
        var taken = await t.BookAsync(service.Id, At(first.AddDays(14)));

        var response = await t.Anonymous.PostJsonAsync("/api/v1/bookings/series", Series(service.Id, At(first), new RecurrenceDto("weekly", Count: 4)));
        await response.ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var skipped = body.RootElement.GetProperty("skipped").EnumerateArray().ToList();
        Assert.Equal([(taken.Start, "slot_unavailable")],
            skipped.Select(s => (s.GetProperty("start").GetDateTimeOffset(), s.GetProperty("code").GetString())).ToList());

        // Nothing of the series exists: only the booking that was there.
        Assert.Equal([taken.Id], (await ListAsync(t, first, first.AddDays(21))).Select(b => b.Id).ToList());
        Assert.Contains(At(first), (await t.SlotsAsync(service.Id, first)).Select(s => s.Start));
    }

    [ServerFact]
    public async Task CreateSeries_Available_BooksTheFreeOnes_AndListsTheOthers()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var first = TestTenant.Day(2);
        var taken = await t.BookAsync(service.Id, At(first.AddDays(7)));
        // A closure is a single-booking rule like any other: the occurrence on it is skipped.
        var closed = first.AddDays(21);
        (await t.Owner.PostJsonAsync("/api/v1/closures", new ClosureRequest(closed, closed, "Stocktake"))).EnsureSuccessStatusCode();

        var series = await BookSeriesAsync(t.Anonymous, Series(service.Id, At(first), new RecurrenceDto("weekly", Count: 5), "available"));

        Assert.Equal([At(first), At(first.AddDays(14)), At(first.AddDays(28))], series.Bookings.Select(b => b.Start).ToList());
        Assert.Equal([(taken.Start, "slot_unavailable"), (At(closed), "slot_unavailable")], series.Skipped.Select(s => (s.Start, s.Code)).ToList());
    }

    [ServerFact]
    public async Task CreateSeries_OccurrencesBeyondMaxAdvanceDays_AreSkipped()
    {
        var t = await TestTenant.CreateAsync(factory);
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { maxAdvanceDays = 20 } })).EnsureSuccessStatusCode();
        var (_, service) = await t.AddStaffAndServiceAsync();
        var first = TestTenant.Day(2);

        var series = await BookSeriesAsync(t.Anonymous, Series(service.Id, At(first), new RecurrenceDto("weekly", Count: 4), "available"));
        Assert.Equal(3, series.Bookings.Count);
        Assert.Equal([(At(first.AddDays(21)), "slot_unavailable")], series.Skipped.Select(s => (s.Start, s.Code)).ToList());

        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings/series", Series(service.Id, At(first.AddDays(1)), new RecurrenceDto("weekly", Count: 4))))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
    }

    [ServerFact]
    public async Task CreateSeries_Until_IsAnInclusiveLocalDate_AndFortnightlyStepsTwoWeeks()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var first = TestTenant.Day(2);

        var series = await BookSeriesAsync(t.Anonymous, Series(service.Id, At(first), new RecurrenceDto("fortnightly", Until: first.AddDays(42))));
        Assert.Equal([.. Enumerable.Range(0, 4).Select(k => At(first.AddDays(14 * k)))], series.Bookings.Select(b => b.Start).ToList());
    }

    [ServerFact]
    public async Task CreateSeries_BadRecurrence_Is400_AndChangesNothing()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var first = TestTenant.Day(2);
        var start = At(first);

        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings/series", Series(service.Id, start, new RecurrenceDto("weekly", 3, first.AddDays(30)))))
            .ValidationProblemAsync("recurrence");
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings/series", Series(service.Id, start, new RecurrenceDto("weekly"))))
            .ValidationProblemAsync("recurrence");
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings/series", Series(service.Id, start, new RecurrenceDto("weekly", Count: 53))))
            .ValidationProblemAsync("recurrence.count");
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings/series", Series(service.Id, start, new RecurrenceDto("weekly", Until: first.AddDays(7 * 60)))))
            .ValidationProblemAsync("recurrence.until");
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings/series", Series(service.Id, start, new RecurrenceDto("daily", Count: 2))))
            .ValidationProblemAsync("recurrence.frequency");
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings/series", Series(service.Id, start, new RecurrenceDto("weekly", Count: 2), "some")))
            .ValidationProblemAsync("mode");
        await (await t.Anonymous.PostRawAsync("/api/v1/bookings/series", "{\"serviceId\":\"" + service.Id + "\",\"recurrence\":{\"frequency\":\"weekly\",\"count\":2,\"x\":1}}"))
            .ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);

        Assert.Empty(await ListAsync(t, first, first.AddDays(400)));
    }

    [ServerFact]
    public async Task CreateSeries_MonthlyOnThe31st_SkipsMonthsWithoutIt_AsNoSuchDate()
    {
        var t = await TestTenant.CreateAsync(factory);
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { maxAdvanceDays = 200 } })).EnsureSuccessStatusCode();
        var (_, service) = await t.AddStaffAndServiceAsync();
        var first = TestTenant.Day(2);
        while (first.Day != 31)
        {
            first = first.AddDays(1);
        }

        // Three months from a 31st always include one without a 31st.
        var series = await BookSeriesAsync(t.Anonymous, Series(service.Id, At(first), new RecurrenceDto("monthly", Count: 3)));

        Assert.All(series.Bookings, b => Assert.Equal((31, new TimeSpan(10, 0, 0)), (InSydney(b.Start).Day, InSydney(b.Start).TimeOfDay)));
        Assert.Equal(3, series.Bookings.Count + series.Skipped.Count);
        Assert.NotEmpty(series.Skipped);
        Assert.All(series.Skipped, s => Assert.Equal("no_such_date", s.Code));
    }

    [ServerFact]
    public async Task CreateSeries_AcrossTheEndOfDaylightSaving_Keeps10amLocal()
    {
        var t = await TestTenant.CreateAsync(factory);
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { maxAdvanceDays = 400 } })).EnsureSuccessStatusCode();
        var (_, service) = await t.AddStaffAndServiceAsync();
        // The 20th of the next March far enough ahead: weekly from there crosses Sydney's first Sunday of April.
        var today = TestTenant.Day(2);
        var first = new DateOnly(today.Year, 3, 20);
        if (first < today)
        {
            first = first.AddYears(1);
        }

        var series = await BookSeriesAsync(t.Anonymous, Series(service.Id, At(first), new RecurrenceDto("weekly", Count: 4)));

        Assert.All(series.Bookings, b => Assert.Equal(new TimeSpan(10, 0, 0), InSydney(b.Start).TimeOfDay));
        Assert.Equal([TimeSpan.FromHours(11), TimeSpan.FromHours(10)], series.Bookings.Select(b => InSydney(b.Start).Offset).Distinct().ToList());
        Assert.Equal(TimeSpan.FromDays(21) + TimeSpan.FromHours(1), series.Bookings[^1].Start - series.Bookings[0].Start);
    }

    [ServerFact]
    public async Task CreateSeries_WithIdempotencyKey_ReplaysTheFirstAnswer_AndRefusesAnotherBody()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var first = TestTenant.Day(2);
        var request = Series(service.Id, At(first), new RecurrenceDto("weekly", Count: 3));
        var key = Guid.NewGuid().ToString("N");

        async Task<HttpResponseMessage> Send(CreateSeriesRequest body)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings/series") { Content = JsonContent(body) };
            message.Headers.Add("Idempotency-Key", key);
            return await t.Anonymous.SendAsync(message);
        }

        var firstAnswer = await (await Send(request)).ReadAsync<SeriesResponse>(HttpStatusCode.Created);
        var again = await Send(request);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        var replayed = await again.ReadAsync<SeriesResponse>(HttpStatusCode.Created);
        Assert.Equal(firstAnswer.SeriesId, replayed.SeriesId);
        Assert.Equal(firstAnswer.SeriesManageToken, replayed.SeriesManageToken);
        Assert.Equal(firstAnswer.Bookings.Select(b => (b.Id, b.ManageToken)), replayed.Bookings.Select(b => (b.Id, b.ManageToken)));
        Assert.Equal(3, (await ListAsync(t, first, first.AddDays(21))).Count);

        await (await Send(request with { Notes = "Another" })).ProblemAsync(HttpStatusCode.UnprocessableEntity, ApiProblemCodes.IdempotencyKeyReused);
    }

    [ServerFact]
    public async Task CancelSeries_One_Following_All_WithTheSeriesToken()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var first = TestTenant.Day(2);
        var series = await BookSeriesAsync(t.Anonymous, Series(service.Id, At(first), new RecurrenceDto("weekly", Count: 5)));
        var ids = series.Bookings.Select(b => b.Id).ToList();
        var customer = WithToken(t, series.SeriesManageToken!);
        var url = $"/api/v1/series/{series.SeriesId}/cancel";

        var one = await (await customer.PostJsonAsync(url, new CancelSeriesRequest("one", ids[1], "Sick"))).ReadAsync<ItemsResponse<BookingResponse>>();
        Assert.Equal([(ids[1], "cancelled")], one.Items.Select(b => (b.Id, b.Status)).ToList());

        var following = await (await customer.PostJsonAsync(url, new CancelSeriesRequest("following", ids[3]))).ReadAsync<ItemsResponse<BookingResponse>>();
        Assert.Equal([(ids[3], "cancelled"), (ids[4], "cancelled")], following.Items.Select(b => (b.Id, b.Status)).ToList());
        Assert.Contains(At(first.AddDays(28)), (await t.SlotsAsync(service.Id, first.AddDays(28))).Select(s => s.Start));

        var all = await (await t.Owner.PostJsonAsync(url, new CancelSeriesRequest("all"))).ReadAsync<ItemsResponse<BookingResponse>>();
        Assert.Equal(ids, all.Items.Select(b => b.Id).ToList());
        Assert.All(all.Items, b => Assert.Equal("cancelled", b.Status));
        Assert.DoesNotContain(await ListAsync(t, first, first.AddDays(28)), b => b.Status != "cancelled");
    }

    [ServerFact]
    public async Task SeriesRoutes_AnswerOnlyTheSeriesTokenOrAnAdmin()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        var series = await BookSeriesAsync(t.Anonymous, Series(service.Id, At(TestTenant.Day(2)), new RecurrenceDto("weekly", Count: 2)));
        var url = $"/api/v1/series/{series.SeriesId}/cancel";
        var body = new CancelSeriesRequest("all");

        await (await t.Anonymous.PostJsonAsync(url, body)).ProblemAsync(HttpStatusCode.Unauthorized, ApiProblemCodes.Unauthorized);
        await (await WithToken(t, "not-the-token").PostJsonAsync(url, body)).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        // A booking's own token manages that booking, not its series.
        await (await WithToken(t, series.Bookings[0].ManageToken!).PostJsonAsync(url, body)).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        var staffUser = await t.UserAsync("staff", staff.Id);
        await (await staffUser.PostJsonAsync(url, body)).ProblemAsync(HttpStatusCode.Forbidden, ApiProblemCodes.Forbidden);
        await (await t.Owner.PostJsonAsync($"/api/v1/series/{Guid.NewGuid()}/cancel", body)).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        await (await t.Owner.PostJsonAsync(url, new CancelSeriesRequest("one"))).ValidationProblemAsync("bookingId");
        await (await t.Owner.PostJsonAsync(url, new CancelSeriesRequest("some"))).ValidationProblemAsync("scope");
        await (await t.Owner.PostJsonAsync(url, new CancelSeriesRequest("one", Guid.NewGuid()))).ValidationProblemAsync("bookingId");

        // Another tenant's admin sees no such series.
        var other = await TestTenant.CreateAsync(factory);
        await (await factory.Client(other.Slug, other.OwnerAuth.AccessToken).PostJsonAsync(url, body)).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
        Assert.All((await ListAsync(t, TestTenant.Day(2), TestTenant.Day(9))), b => Assert.Equal("confirmed", b.Status));
    }

    [ServerFact]
    public async Task RescheduleSeries_FollowingTo2pm_MovesEachLaterOccurrence_AndOneMovesOnlyIt()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var first = TestTenant.Day(2);
        var series = await BookSeriesAsync(t.Anonymous, Series(service.Id, At(first), new RecurrenceDto("weekly", Count: 4)));
        var ids = series.Bookings.Select(b => b.Id).ToList();
        var customer = WithToken(t, series.SeriesManageToken!);
        var url = $"/api/v1/series/{series.SeriesId}/reschedule";

        var moved = await (await customer.PostJsonAsync(url, new RescheduleSeriesRequest("following", ids[1], At(first.AddDays(8), 14))))
            .ReadAsync<ItemsResponse<BookingResponse>>();
        Assert.Equal([At(first.AddDays(8), 14), At(first.AddDays(15), 14), At(first.AddDays(22), 14)], moved.Items.Select(b => b.Start).ToList());
        Assert.Equal(ids[1..], moved.Items.Select(b => b.Id).ToList());

        var one = await (await t.Owner.PostJsonAsync(url, new RescheduleSeriesRequest("one", ids[0], At(first, 11)))).ReadAsync<ItemsResponse<BookingResponse>>();
        Assert.Equal([(ids[0], At(first, 11))], one.Items.Select(b => (b.Id, b.Start)).ToList());

        // Shifting every occurrence a week later: each moves into time the next has left, all in one step.
        var all = await (await t.Owner.PostJsonAsync(url, new RescheduleSeriesRequest("all", ids[1], At(first.AddDays(15), 14))))
            .ReadAsync<ItemsResponse<BookingResponse>>();
        Assert.Equal([At(first.AddDays(7), 14), At(first.AddDays(15), 14), At(first.AddDays(22), 14), At(first.AddDays(29), 14)],
            all.Items.Select(b => b.Start).ToList());
    }

    [ServerFact]
    public async Task RescheduleSeries_WhenOneOccurrenceCannotMove_MovesNone()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var first = TestTenant.Day(2);
        var series = await BookSeriesAsync(t.Anonymous, Series(service.Id, At(first), new RecurrenceDto("weekly", Count: 3)));
        await t.BookAsync(service.Id, At(first.AddDays(14), 15));

        await (await t.Owner.PostJsonAsync($"/api/v1/series/{series.SeriesId}/reschedule", new RescheduleSeriesRequest("all", null, At(first, 15))))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        var after = (await ListAsync(t, first, first.AddDays(14))).Where(b => b.SeriesId == series.SeriesId).Select(b => b.Start).ToList();
        Assert.Equal(series.Bookings.Select(b => b.Start).ToList(), after);
    }

    [ServerFact]
    public async Task CreateSeries_SendsOneConfirmation_WithOneCalendarFile()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var email = $"series-{Guid.NewGuid():N}@example.com";
        var request = Series(service.Id, At(TestTenant.Day(2)), new RecurrenceDto("weekly", Count: 6)) with
        {
            Customer = new CustomerDto("Sam Series", email, null),
        };
        var series = await BookSeriesAsync(t.Anonymous, request);

        var message = await factory.Emails.WaitForAsync(email, "6 sessions");
        var ics = System.Text.Encoding.UTF8.GetString(Assert.Single(message.Attachments).Content.Span);
        Assert.Contains("RRULE:FREQ=WEEKLY;COUNT=6", ics, StringComparison.Ordinal);
        // Every reminder is planned, but no confirmation per occurrence.
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, At(TestTenant.Day(3))) with
        {
            Customer = new CustomerDto("Sam Series", email, null),
        })).ReadAsync<BookingResponse>(HttpStatusCode.Created);
        await factory.Emails.WaitForAsync(email, "Booking confirmed");
        Assert.Single(factory.Emails.Sent, m => m.To.Address == email && m.Subject.Contains("sessions", StringComparison.Ordinal));
        Assert.Single(factory.Emails.Sent, m => m.To.Address == email && m.Subject.StartsWith("Booking confirmed", StringComparison.Ordinal));
        Assert.NotEqual(Guid.Empty, series.SeriesId);
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, Api.Json), System.Text.Encoding.UTF8, "application/json");
}

[Collection(ApiTests.Name)]
public sealed class InMemorySeriesEndpointsTests(ApiFactory factory) : SeriesEndpointsTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresSeriesEndpointsTests(PostgresApiFactory factory) : SeriesEndpointsTests(factory);
