using System.Net;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Bookings;

/// <summary>Booking questions and service locations (product specification §9.3, §9.4) through the HTTP API.</summary>
public abstract class QuestionsAndLocationsTests(ApiFactory factory)
{
    private static readonly QuestionDto[] Questions =
    [
        new(null, "Anything we should know?", "text", true, null, 20),
        new(null, "Colour", "choice", false, ["Red", "Blue"], null),
        new(null, "Extras", "multiChoice", false, ["Wash", "Dry", "Trim"], null),
        new(null, "I accept the terms", "checkbox", true, null, null),
        new(null, "Age", "number", false, null, null),
        new(null, "Work phone", "phone", false, null, null),
        new(null, "Work e-mail", "email", false, null, null),
        new(null, "History", "longText", false, null, null),
    ];

    [ServerFact]
    public async Task CreateService_WithQuestionsAndLocation_AssignsIdsAndReturnsThem()
    {
        var t = await TestTenant.CreateAsync(factory);
        var service = await CreateAsync(t, Questions, new LocationDto("inPerson", "12 Example St, Sydney", null, null));

        Assert.Equal(Questions.Select(q => q.Label), service.Questions!.Select(q => q.Label));
        Assert.All(service.Questions!, q => Assert.NotNull(q.Id));
        Assert.Equal(service.Questions!.Count, service.Questions!.Select(q => q.Id).Distinct().Count());
        Assert.Equal(["Red", "Blue"], service.Questions![1].Choices!);
        Assert.Equal(20, service.Questions![0].MaxLength);
        Assert.Equal(new LocationDto("inPerson", "12 Example St, Sydney", null, null), service.Location);

        var read = await (await t.Anonymous.GetAsync($"/api/v1/services/{service.Id}")).ReadAsync<ServiceResponse>();
        Assert.Equal(service.Questions!.Select(q => (q.Id, q.Label, q.Type, q.Required)), read.Questions!.Select(q => (q.Id, q.Label, q.Type, q.Required)));
        Assert.Equal(service.Location, read.Location);
    }

    [ServerFact]
    public async Task PatchService_KeepsIdsOfQuestionsSentWithIds_AddsNewOnes_RemovesOmittedOnes()
    {
        var t = await TestTenant.CreateAsync(factory);
        var service = await CreateAsync(t, Questions[..3], null);
        var (first, third) = (service.Questions![0], service.Questions![2]);

        var patched = await (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new
        {
            questions = new object[]
            {
                new { id = third.Id, label = "Extras (pick any)", type = "multiChoice", choices = new[] { "Wash", "Dry" } },
                new { label = "New one", type = "text" },
                new { id = first.Id, label = first.Label, type = "text", required = true },
            },
        })).ReadAsync<ServiceResponse>();

        Assert.Equal(3, patched.Questions!.Count);
        Assert.Equal(third.Id, patched.Questions[0].Id);
        Assert.Equal("Extras (pick any)", patched.Questions[0].Label);
        Assert.NotNull(patched.Questions[1].Id);
        Assert.DoesNotContain(patched.Questions[1].Id, service.Questions.Select(q => q.Id));
        Assert.Equal(first.Id, patched.Questions[2].Id);
        Assert.Null(patched.Questions[2].MaxLength);
        Assert.DoesNotContain(service.Questions[1].Id, patched.Questions.Select(q => q.Id));

        // A PATCH without questions leaves them as they are.
        var renamed = await (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { name = "Renamed" })).ReadAsync<ServiceResponse>();
        Assert.Equal(patched.Questions.Select(q => q.Id), renamed.Questions!.Select(q => q.Id));
    }

    [ServerFact]
    public async Task PatchService_Location_SetsReplacesAndClears()
    {
        var t = await TestTenant.CreateAsync(factory);
        var service = await CreateAsync(t, [], new LocationDto("inPerson", "12 Example St", null, null));

        var phone = await (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { location = new { kind = "phone", phone = "+61 2 9999 0000" } }))
            .ReadAsync<ServiceResponse>();
        Assert.Equal(new LocationDto("phone", null, "+61 2 9999 0000", null), phone.Location);

        var video = await (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { location = new { kind = "video", url = "https://meet.example.com/abc" } }))
            .ReadAsync<ServiceResponse>();
        Assert.Equal(new LocationDto("video", null, null, "https://meet.example.com/abc"), video.Location);

        var cleared = await (await t.Owner.PatchRawAsync($"/api/v1/services/{service.Id}", """{"location": null}""")).ReadAsync<ServiceResponse>();
        Assert.Null(cleared.Location);
        Assert.Null((await (await t.Anonymous.GetAsync($"/api/v1/services/{service.Id}")).ReadAsync<ServiceResponse>()).Location);
    }

    [ServerFact]
    public async Task Service_InvalidQuestionsOrLocation_Is400NamingTheField_AndChangesNothing()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync();
        await (await t.Owner.PostJsonAsync("/api/v1/services", Request(staff.Id,
            [
                new(null, "", "text", true, null, null),
                new(null, "Pick", "choice", false, [], null),
                new(null, "Kind", "essay", false, null, null),
                new(null, "Tick", "checkbox", false, ["a"], 5),
                new(Guid.NewGuid(), "Known?", "text", false, null, null),
                new(null, "Long", "text", false, null, 201),
                new(null, "Bad\u0007label", "text", false, null, null),
            ],
            new LocationDto("video", null, null, "http://insecure.example.com"))))
            .ValidationProblemAsync(
                "questions[0].label", "questions[1].choices", "questions[2].type", "questions[3].choices", "questions[3].maxLength",
                "questions[4].id", "questions[5].maxLength", "questions[6].label", "location.url");
        await (await t.Owner.PostJsonAsync("/api/v1/services", Request(staff.Id, [], new LocationDto("inPerson", " ", null, null))))
            .ValidationProblemAsync("location.address");
        await (await t.Owner.PostJsonAsync("/api/v1/services", Request(staff.Id, [], new LocationDto("phone", null, "call me", null))))
            .ValidationProblemAsync("location.phone");
        await (await t.Owner.PostJsonAsync("/api/v1/services", Request(staff.Id, [], new LocationDto("carrierPigeon", null, null, null))))
            .ValidationProblemAsync("location.kind");
        Assert.Empty((await (await t.Owner.GetAsync("/api/v1/services")).ReadAsync<ItemsResponse<ServiceResponse>>()).Items);

        var service = await CreateAsync(t, Questions[..1], new LocationDto("phone", null, "02 9999 0000", null));
        await (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { questions = new[] { new { id = Guid.NewGuid(), label = "x", type = "text" } } }))
            .ValidationProblemAsync("questions[0].id");
        await (await t.Owner.PatchRawAsync($"/api/v1/services/{service.Id}", """{"questions": null}""")).ValidationProblemAsync("questions");
        await (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { location = new { kind = "inPerson" } })).ValidationProblemAsync("location.address");
        var after = await (await t.Owner.GetAsync($"/api/v1/services/{service.Id}")).ReadAsync<ServiceResponse>();
        Assert.Equal(service.Questions!.Select(q => (q.Id, q.Label)), after.Questions!.Select(q => (q.Id, q.Label)));
        Assert.Equal(service.Location, after.Location);
    }

    [ServerFact]
    public async Task Book_WithValidAnswers_KeepsThemAsAsked_AndReturnsThemEverywhere()
    {
        var t = await TestTenant.CreateAsync(factory);
        var service = await CreateAsync(t, Questions, null);
        var q = service.Questions!;
        var slot = (await t.SlotsAsync(service.Id))[0];
        var answers = Answers(
            (q[0].Id!.Value, "Left-handed"), (q[1].Id!.Value, "Blue"), (q[2].Id!.Value, new[] { "Wash", "Trim" }), (q[3].Id!.Value, true),
            (q[4].Id!.Value, 42.5), (q[5].Id!.Value, "+61 2 9999 0000"), (q[6].Id!.Value, "jamie@work.example.com"), (q[7].Id!.Value, "Line one\nLine two"));

        var created = await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slot.Start) with { Answers = answers }))
            .ReadAsync<BookingResponse>(HttpStatusCode.Created);
        Assert.Equal(q.Select(x => x.Id!.Value), created.Answers!.Select(a => a.QuestionId));
        Assert.Equal(q.Select(x => x.Label), created.Answers!.Select(a => a.Label));
        Assert.Equal(q.Select(x => x.Type), created.Answers!.Select(a => a.Type));
        Assert.Equal("Left-handed", created.Answers![0].Value.GetString());
        Assert.Equal(["Wash", "Trim"], created.Answers![2].Value.EnumerateArray().Select(v => v.GetString()));
        Assert.True(created.Answers![3].Value.GetBoolean());
        Assert.Equal(42.5m, created.Answers![4].Value.GetDecimal());
        Assert.Equal("Line one\nLine two", created.Answers![7].Value.GetString());

        var read = await (await t.Owner.GetAsync($"/api/v1/bookings/{created.Id}")).ReadAsync<BookingResponse>();
        Assert.Equal(Json(created.Answers), Json(read.Answers));
        var listed = await (await t.Owner.GetAsync("/api/v1/bookings")).ReadAsync<PageResponse<BookingResponse>>();
        Assert.Equal(Json(created.Answers), Json(Assert.Single(listed.Items).Answers));
    }

    [ServerFact]
    public async Task Book_OptionalQuestionsLeftOut_KeepsOnlyTheAnswered_AndAServiceWithoutQuestionsGivesNone()
    {
        var t = await TestTenant.CreateAsync(factory);
        var service = await CreateAsync(t, Questions, null);
        var q = service.Questions!;
        var slot = (await t.SlotsAsync(service.Id))[0];
        var created = await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slot.Start) with
        {
            Answers = Answers((q[0].Id!.Value, "x"), (q[1].Id!.Value, null), (q[2].Id!.Value, Array.Empty<string>()), (q[3].Id!.Value, true), (q[7].Id!.Value, "  ")),
        })).ReadAsync<BookingResponse>(HttpStatusCode.Created);
        Assert.Equal([q[0].Id!.Value, q[3].Id!.Value], created.Answers!.Select(a => a.QuestionId));

        var (_, plain) = await t.AddStaffAndServiceAsync();
        var booking = await t.BookAsync(plain.Id, (await t.SlotsAsync(plain.Id))[0].Start);
        Assert.Empty(booking.Answers!);
    }

    public static TheoryData<string, object?> Refusals() => new()
    {
        { "missing required text", null },
        { "text not a string", 5 },
        { "text over maxLength", new string('a', 21) },
        { "text with a control character", "bad\u0001" },
        { "text with a line break", "one\ntwo" },
        { "choice not offered", "Green" },
        { "choice not a string", true },
        { "multiChoice not offered", new[] { "Wash", "Paint" } },
        { "multiChoice repeated", new[] { "Wash", "Wash" } },
        { "multiChoice not an array", "Wash" },
        { "checkbox not ticked", false },
        { "checkbox not a boolean", "yes" },
        { "number not a number", "42" },
        { "phone with letters", "call me" },
        { "email not an email", "not-an-email" },
        { "longText over 2000", new string('a', 2001) },
    };

    [ServerTheory]
    [MemberData(nameof(Refusals))]
    public async Task Book_BadAnswer_Is400NamingTheQuestion_AndBooksNothing(string kind, object? bad)
    {
        var t = await TestTenant.CreateAsync(factory);
        var service = await CreateAsync(t, Questions, null);
        var q = service.Questions!;
        var index = kind switch
        {
            _ when kind.StartsWith("missing", StringComparison.Ordinal) || kind.StartsWith("text", StringComparison.Ordinal) => 0,
            _ when kind.StartsWith("choice", StringComparison.Ordinal) => 1,
            _ when kind.StartsWith("multiChoice", StringComparison.Ordinal) => 2,
            _ when kind.StartsWith("checkbox", StringComparison.Ordinal) => 3,
            _ when kind.StartsWith("number", StringComparison.Ordinal) => 4,
            _ when kind.StartsWith("phone", StringComparison.Ordinal) => 5,
            _ when kind.StartsWith("email", StringComparison.Ordinal) => 6,
            _ => 7,
        };
        var given = new List<(Guid, object?)> { (q[0].Id!.Value, "fine"), (q[3].Id!.Value, true) };
        given.RemoveAll(a => a.Item1 == q[index].Id);
        if (bad is not null)
        {
            given.Add((q[index].Id!.Value, bad));
        }

        var slot = (await t.SlotsAsync(service.Id))[0];
        var problem = await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slot.Start) with { Answers = Answers([.. given]) }))
            .ValidationProblemAsync($"answers.{q[index].Id}");
        Assert.Single(problem.Errors!);
        Assert.Empty((await (await t.Owner.GetAsync("/api/v1/bookings")).ReadAsync<PageResponse<BookingResponse>>()).Items);
        Assert.Contains(slot.Start, (await t.SlotsAsync(service.Id)).Select(s => s.Start));
    }

    [ServerFact]
    public async Task Book_UnknownQuestionId_Is400NamingIt_AndBooksNothing()
    {
        var t = await TestTenant.CreateAsync(factory);
        var service = await CreateAsync(t, Questions[..1], null);
        var unknown = Guid.NewGuid();
        var slot = (await t.SlotsAsync(service.Id))[0];
        var body = TestTenant.Booking(service.Id, slot.Start) with { Answers = Answers((service.Questions![0].Id!.Value, "ok"), (unknown, "?")) };
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", body)).ValidationProblemAsync($"answers.{unknown}");
        var notAnId = TestTenant.Booking(service.Id, slot.Start) with
        {
            Answers = new Dictionary<string, JsonElement> { [service.Questions![0].Id!.Value.ToString()] = JsonSerializer.SerializeToElement("ok"), ["colour"] = JsonSerializer.SerializeToElement("x") },
        };
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", notAnId)).ValidationProblemAsync("answers.colour");
        Assert.Empty((await (await t.Owner.GetAsync("/api/v1/bookings")).ReadAsync<PageResponse<BookingResponse>>()).Items);
    }

    [ServerFact]
    public async Task Book_ThenQuestionEditedAndRemoved_TheBookingKeepsTheAnswersAsAsked()
    {
        var t = await TestTenant.CreateAsync(factory);
        var service = await CreateAsync(t, Questions[..2], null);
        var q = service.Questions!;
        var slot = (await t.SlotsAsync(service.Id))[0];
        var created = await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slot.Start) with
        {
            Answers = Answers((q[0].Id!.Value, "Left-handed"), (q[1].Id!.Value, "Red")),
        })).ReadAsync<BookingResponse>(HttpStatusCode.Created);

        (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new
        {
            questions = new object[] { new { id = q[0].Id, label = "Renamed question", type = "longText" } },
        })).EnsureSuccessStatusCode();

        var read = await (await t.Owner.GetAsync($"/api/v1/bookings/{created.Id}")).ReadAsync<BookingResponse>();
        Assert.Equal(["Anything we should know?", "Colour"], read.Answers!.Select(a => a.Label));
        Assert.Equal(["text", "choice"], read.Answers!.Select(a => a.Type));
        Assert.Equal("Red", read.Answers![1].Value.GetString());
    }

    [ServerFact]
    public async Task Book_WithIdempotencyKey_ReplaysTheAnswers_AndOtherAnswersUnderTheKeyAreRefused()
    {
        var t = await TestTenant.CreateAsync(factory);
        var service = await CreateAsync(t, Questions[..2], null);
        var q = service.Questions!;
        var slot = (await t.SlotsAsync(service.Id))[0];
        var body = TestTenant.Booking(service.Id, slot.Start) with { Answers = Answers((q[0].Id!.Value, "Left-handed"), (q[1].Id!.Value, "Red")) };

        var first = await (await SendAsync(t, body, "answers-key")).ReadAsync<BookingResponse>(HttpStatusCode.Created);
        var replay = await SendAsync(t, body, "answers-key");
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(Json(first.Answers), Json((await replay.ReadAsync<BookingResponse>(HttpStatusCode.Created)).Answers));

        var other = body with { Answers = Answers((q[0].Id!.Value, "Left-handed"), (q[1].Id!.Value, "Blue")) };
        await (await SendAsync(t, other, "answers-key")).ProblemAsync(HttpStatusCode.UnprocessableEntity, ApiProblemCodes.IdempotencyKeyReused);
    }

    [ServerFact]
    public async Task Ics_CarriesTheLocationAndTheBusinessName()
    {
        var t = await TestTenant.CreateAsync(factory);
        var service = await CreateAsync(t, [], new LocationDto("video", null, null, "https://meet.example.com/room;1"));
        var booking = await t.BookAsync(service.Id, (await t.SlotsAsync(service.Id))[0].Start);
        var response = await t.Anonymous.SendAsync(BookingEndpointsTests.WithToken(HttpMethod.Get, $"/api/v1/bookings/{booking.Id}/ics", booking.ManageToken!));
        var ics = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("LOCATION:https://meet.example.com/room\\;1\r\n", ics, StringComparison.Ordinal);
        Assert.Contains($"({t.Tenant.Name})", ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static ServiceRequest Request(Guid staffId, IReadOnlyList<QuestionDto> questions, LocationDto? location) =>
        new("Consult", 60, null, null, 0, null, null, [staffId], null, questions, location);

    private static async Task<ServiceResponse> CreateAsync(TestTenant t, IReadOnlyList<QuestionDto> questions, LocationDto? location)
    {
        var staff = await t.AddStaffAsync();
        return await (await t.Owner.PostJsonAsync("/api/v1/services", Request(staff.Id, questions, location))).ReadAsync<ServiceResponse>(HttpStatusCode.Created);
    }

    private static Dictionary<string, JsonElement> Answers(params (Guid Id, object? Value)[] answers) =>
        answers.ToDictionary(a => a.Id.ToString(), a => JsonSerializer.SerializeToElement(a.Value));

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static Task<HttpResponseMessage> SendAsync(TestTenant t, CreateBookingRequest body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = System.Net.Http.Json.JsonContent.Create(body, options: Api.Json) };
        request.Headers.Add("Idempotency-Key", key);
        return t.Anonymous.SendAsync(request);
    }
}

[Collection(ApiTests.Name)]
public sealed class InMemoryQuestionsAndLocationsTests(ApiFactory factory) : QuestionsAndLocationsTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresQuestionsAndLocationsTests(PostgresApiFactory factory) : QuestionsAndLocationsTests(factory);
