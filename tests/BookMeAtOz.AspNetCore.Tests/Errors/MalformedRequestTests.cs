using System.Net;
using System.Text;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Errors;

/// <summary>Bad input of every kind gets a 4xx problem, never a 5xx, and changes nothing.</summary>
public abstract class MalformedRequestTests(ApiFactory factory)
{
    public static TheoryData<string, string, string> Corpus => new()
    {
        // route, body, the field the error names ("" = any)
        { "/api/v1/bookings", "{", "" },
        { "/api/v1/bookings", "not json", "" },
        { "/api/v1/bookings", "[]", "" },
        { "/api/v1/bookings", "null", "" },
        { "/api/v1/bookings", "\"a string\"", "" },
        { "/api/v1/bookings", """{"serviceId": 12}""", "serviceId" },
        { "/api/v1/bookings", """{"serviceId": "not-a-uuid"}""", "serviceId" },
        { "/api/v1/bookings", """{"start": "2030-01-01T10:00:00"}""", "start" },
        { "/api/v1/bookings", """{"start": "2030-13-01T10:00:00+10:00"}""", "start" },
        { "/api/v1/bookings", """{"start": "tomorrow"}""", "start" },
        { "/api/v1/bookings", """{"start": 1700000000}""", "start" },
        { "/api/v1/bookings", """{"customer": "Jamie"}""", "customer" },
        { "/api/v1/bookings", """{"customer": {"name": 5}}""", "customer.name" },
        { "/api/v1/bookings", """{"notes": ["a"]}""", "notes" },
        { "/api/v1/services", """{"name": "X", "durationMinutes": "30"}""", "durationMinutes" },
        { "/api/v1/services", """{"name": "X", "durationMinutes": 99999999999999999999}""", "durationMinutes" },
        { "/api/v1/services", """{"name": "X", "durationMinutes": 30.5}""", "durationMinutes" },
        { "/api/v1/services", """{"name": "X", "durationMinutes": 1e400}""", "durationMinutes" },
        { "/api/v1/services", """{"name": "X", "durationMinutes": 30, "priceCents": 2147483648000000000000}""", "priceCents" },
        { "/api/v1/services", """{"name": "X", "durationMinutes": 30, "active": "yes"}""", "active" },
        { "/api/v1/services", """{"name": "X", "durationMinutes": 30, "staffIds": "abc"}""", "staffIds" },
        { "/api/v1/services", """{"name": "X", "durationMinutes": 30, "staffIds": [null]}""", "" },
        { "/api/v1/services", """{"name": "X", "durationMinutes": 2147483647}""", "durationMinutes" },
        { "/api/v1/staff", """{"name": "X", "timeZone": "Australia/Atlantis"}""", "timeZone" },
        { "/api/v1/staff", """{"name": "X", "email": "two@@example.com"}""", "email" },
        { "/api/v1/staff", """{"name": {"first": "X"}}""", "name" },
        { "/api/v1/auth/token", """{"email": [], "password": {}}""", "" },
        { "/api/v1/tenants", """{"slug": 1, "owner": []}""", "" },
        // Control characters and broken UTF-16: refused alike by both stores (PostgreSQL cannot keep U+0000).
        { "/api/v1/bookings", """{"customer": {"name": "Ann\u0000", "email": "ann@example.com"}}""", "customer.name" },
        { "/api/v1/bookings", """{"customer": {"name": "Ann", "email": "ann@example.com", "phone": "0400\u0007"}}""", "customer.phone" },
        { "/api/v1/bookings", """{"notes": "call me\u0000"}""", "notes" },
        { "/api/v1/bookings", """{"notes": "half a pair \ud83d"}""", "notes" },
        { "/api/v1/staff", """{"name": "Sam\u0000"}""", "name" },
        { "/api/v1/staff", """{"name": "Sam\nTaylor"}""", "name" },
        { "/api/v1/services", """{"name": "Cut\u001b", "durationMinutes": 30}""", "name" },
        // Dates outside 1900–2200 are refused (year 9999 time off used to be stored and then break every listing).
        { "/api/v1/bookings", """{"start": "9999-12-31T10:00:00+10:00"}""", "start" },
        { "/api/v1/bookings", """{"start": "0001-01-01T10:00:00+10:00"}""", "start" },
        // An explicit null on a required member is refused (null on an optional one means "absent": the default).
        { "/api/v1/bookings", """{"customer": null}""", "customer" },
        { "/api/v1/services", """{"name": null, "durationMinutes": 30}""", "name" },
        // A member given twice is ambiguous: refused, not "the last one wins".
        { "/api/v1/staff", """{"name": "Sam", "name": "Samantha"}""", "" },
        // Unknown members are refused, naming them, rather than dropped.
        { "/api/v1/services", """{"name": "Cut", "durationMinutes": 30, "duration": 45}""", "duration" },
        { "/api/v1/bookings", """{"customer": {"name": "Ann", "emial": "ann@example.com"}}""", "customer.emial" },
    };

    [ServerTheory]
    [MemberData(nameof(Corpus), MemberType = typeof(MalformedRequestTests))]
    public async Task Post_MalformedBody_IsValidationFailedAndChangesNothing(string route, string body, string field)
    {
        var t = await TestTenant.CreateAsync(factory);
        var before = await SnapshotAsync(t);

        var response = await t.Owner.PostRawAsync(route, body);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);
        Assert.NotNull(problem.Errors);
        if (field.Length > 0)
        {
            Assert.Contains(field, problem.Errors!.Keys);
        }

        Assert.Equal(before, await SnapshotAsync(t));
    }

    [ServerTheory]
    [InlineData("/api/v1/availability?serviceId={service}&from=0001-01-01&to=0001-01-02", "from")]
    [InlineData("/api/v1/availability?serviceId={service}&from=9999-12-30&to=9999-12-31", "from")]
    [InlineData("/api/v1/bookings?from=9999-12-30&to=9999-12-31", "from")]
    [InlineData("/api/v1/bookings?from=2027-01-01&to=9999-12-31", "to")]
    public async Task Get_DatesOutsideTheBounds_AreValidationFailed(string route, string field)
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var response = await t.Owner.GetAsync(route.Replace("{service}", service.Id.ToString(), StringComparison.Ordinal));
        await response.ValidationProblemAsync(field);
    }

    [ServerFact]
    public async Task TimeOffAndOverrides_OutsideTheBounds_AreRefusedAndChangeNothing()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();
        var before = await SnapshotAsync(t);
        await (await t.Owner.PostRawAsync($"/api/v1/staff/{staff.Id}/time-off", """{"start": "9999-12-30T10:00:00+10:00", "end": "9999-12-31T10:00:00+10:00"}"""))
            .ValidationProblemAsync("start");
        await (await t.Owner.PutJsonAsync($"/api/v1/staff/{staff.Id}/schedule", new { weekly = new { }, overrides = new[] { new { date = "9999-01-01", intervals = Array.Empty<object>() } } }))
            .ValidationProblemAsync("overrides[0].date");
        Assert.Equal(before, await SnapshotAsync(t));
        Assert.Equal(HttpStatusCode.OK, (await t.Owner.GetAsync($"/api/v1/staff/{staff.Id}/time-off")).StatusCode);
    }

    [ServerTheory]
    [InlineData("/api/v1/tenant", """{"policy": {"maxAdvanceDays": "9"}}""")]
    [InlineData("/api/v1/tenant", """{"policy": {"minNoticeMinutes": null}}""")]
    [InlineData("/api/v1/tenant", """{"policy": 5}""")]
    [InlineData("/api/v1/tenant", """{"timeZone": "Moon/Base"}""")]
    [InlineData("/api/v1/services/{service}", """{"active": "no"}""")]
    [InlineData("/api/v1/services/{service}", """{"durationMinutes": null}""")]
    [InlineData("/api/v1/services/{service}", """{"staffIds": ["00000000-0000-0000-0000-000000000001"]}""")]
    [InlineData("/api/v1/services/{service}", """{"capacity": 1.5}""")]
    [InlineData("/api/v1/staff/{staff}", """{"timeZone": 5}""")]
    [InlineData("/api/v1/staff/{staff}", """{"active": null}""")]
    // An explicit null clears only what can be cleared: these used to empty the staff list, reset the buffers and the
    // capacity to their defaults, or (policy) be ignored.
    [InlineData("/api/v1/services/{service}", """{"staffIds": null}""")]
    [InlineData("/api/v1/services/{service}", """{"bufferAfterMinutes": null}""")]
    [InlineData("/api/v1/services/{service}", """{"capacity": null}""")]
    [InlineData("/api/v1/tenant", """{"policy": null}""")]
    // Found by the fuzzing suite (500 before): half a surrogate pair, and a member given twice.
    [InlineData("/api/v1/tenant", """{"name": "\ud800"}""")]
    [InlineData("/api/v1/tenant", """{"policy": {"minNoticeMinutes": 5, "x\udc00": 1}}""")]
    [InlineData("/api/v1/staff/{staff}", """{"email": "abc\udc00def"}""")]
    [InlineData("/api/v1/services/{service}", """{"a": 1, "a": 2, "name": "x"}""")]
    [InlineData("/api/v1/services/{service}", """{"name": "x", "name": "y"}""")]
    public async Task Patch_MalformedBody_IsValidationFailedAndChangesNothing(string route, string specific)
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        var url = route.Replace("{service}", service.Id.ToString(), StringComparison.Ordinal).Replace("{staff}", staff.Id.ToString(), StringComparison.Ordinal);
        var before = await SnapshotAsync(t);
        foreach (var body in new[] { "[1,2]", "\"x\"", "{", "", """{"name": 5}""", """{"name": null}""", specific })
        {
            var response = await t.Owner.PatchRawAsync(url, body);
            await response.ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);
        }

        Assert.Equal(before, await SnapshotAsync(t));
    }

    [ServerFact]
    public async Task ExplicitNull_WhereItMeansSomething_IsAccepted()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (staff, service) = await t.AddStaffAndServiceAsync();
        Assert.Equal(HttpStatusCode.OK, (await t.Owner.PatchRawAsync($"/api/v1/services/{service.Id}", """{"slotIntervalMinutes": 15}""")).StatusCode);
        var cleared = await (await t.Owner.PatchRawAsync($"/api/v1/services/{service.Id}", """{"slotIntervalMinutes": null}""")).Content.ReadAsStringAsync();
        Assert.Contains("\"slotIntervalMinutes\":null", cleared, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await t.Owner.PatchRawAsync($"/api/v1/staff/{staff.Id}", """{"email": null}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await t.Owner.PatchRawAsync("/api/v1/tenant", """{"policy": {"slotIntervalMinutes": null}}""")).StatusCode);
        var slot = (await t.SlotsAsync(service.Id))[0];
        var booking = await t.Anonymous.PostRawAsync("/api/v1/bookings", $$"""
            {"serviceId": "{{service.Id}}", "start": "{{slot.Start:yyyy-MM-ddTHH:mm:sszzz}}", "staffId": null,
             "customer": {"name": "Ann", "email": "ann@example.com", "phone": null}, "notes": null}
            """);
        Assert.Equal(HttpStatusCode.Created, booking.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await t.Owner.PutJsonAsync($"/api/v1/staff/{staff.Id}/schedule",
            new { weekly = new { monday = (object?)null, tuesday = new[] { new { start = "09:00", end = "17:00" } } }, overrides = (object?)null })).StatusCode);
    }

    [ServerFact]
    public async Task Post_OversizedBody_Is413()
    {
        var t = await TestTenant.CreateAsync(factory);
        var huge = "{\"notes\":\"" + new string('x', 1024 * 1024 + 10) + "\"}";
        await (await t.Anonymous.PostRawAsync("/api/v1/bookings", huge)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, ApiProblemCodes.ValidationFailed);

        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var response = await t.Anonymous.SendAsync(request);
        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, ApiProblemCodes.ValidationFailed);
    }

    [ServerFact]
    public async Task Post_WrongContentType_Is415Problem()
    {
        var t = await TestTenant.CreateAsync(factory);
        await (await t.Owner.PostRawAsync("/api/v1/staff", "name=x", "application/x-www-form-urlencoded"))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType, ApiProblemCodes.ValidationFailed);
    }

    [ServerTheory]
    [InlineData("GET", "/api/v1/nothing")]
    [InlineData("GET", "/api/v2/tenant")]
    [InlineData("GET", "/")]
    [InlineData("POST", "/api/v1/bookings/x/cancel")]
    [InlineData("GET", "/api/v1/services/123")]
    public async Task UnknownRoute_IsNotFoundProblem(string method, string url)
    {
        var t = await TestTenant.CreateAsync(factory);
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Accept.ParseAdd("text/html");
        await (await t.Anonymous.SendAsync(request)).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.NotFound);
    }

    [ServerFact]
    public async Task UnsupportedMethod_Is405Problem()
    {
        var t = await TestTenant.CreateAsync(factory);
        var response = await t.Owner.PutJsonAsync("/api/v1/tenant", new { });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<string> SnapshotAsync(TestTenant t)
    {
        var parts = new[] { "/api/v1/tenant", "/api/v1/services", "/api/v1/staff", "/api/v1/bookings" };
        var texts = await Task.WhenAll(parts.Select(async p => await (await t.Owner.GetAsync(p)).Content.ReadAsStringAsync()));
        return string.Join("\n", texts);
    }
}

[Collection(ApiTests.Name)]
public sealed class InMemoryMalformedRequestTests(ApiFactory factory) : MalformedRequestTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresMalformedRequestTests(PostgresApiFactory factory) : MalformedRequestTests(factory);
