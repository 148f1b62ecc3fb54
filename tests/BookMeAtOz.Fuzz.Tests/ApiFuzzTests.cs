// The generated fuzzing suite of the HTTP API.
//
// What it does: starts the reference host twice, on the in-memory store and on PostgreSQL (a database of its own on
// the server scripts/test.sh starts), reads every operation from the host's own /openapi/v1.json (so routes added
// later are fuzzed without a change here), seeds both hosts with the same world (two tenants, each with staff,
// schedules, time off, services, bookings, and owner, admin and staff users; every id and token remembered by a
// symbolic name such as A.service1 or B.booking2.manage, so "the other tenant's service" means each host's own id),
// then sends the same generated requests to both, one at a time, in the same order. Per operation: a valid baseline
// or one mutation of it: wrong member types, boundary numbers, huge strings (around 200, 2000, ~1 MB), deep nesting
// (up to 10,000 levels), unicode (emoji, RTL, combining marks, lone surrogate escapes), control characters, unknown,
// missing and null members, wrong ids (random, malformed, another kind's, the other tenant's), bad query values (bad
// dates, years 1 and 9999, huge and reversed ranges, garbage), wrong or missing authentication and tenant, malformed
// bodies.
//
// What it asserts, for every request: no 5xx; every 4xx is application/problem+json with a non-empty string `code`;
// a 4xx changes no business data (tenants, users, services, staff, schedules, time off, bookings: a fingerprint of
// them before and after each request; on PostgreSQL every column of the business tables read through the admin
// connection, on the in-memory store read back through the stores' public interfaces; idempotency records, refresh
// tokens, rate-limit counters and last-used times are not business data); both stores answer the same status code.
// A failure names the seed, the case number, the operation and the mutation, and gives a curl command for a locally
// running reference host (its ids and tokens are those of the PostgreSQL test host; the symbolic form says what they
// stand for). The test fails if any case fails.
//
// How to run it: it is part of `bash scripts/test.sh` (it needs PostgreSQL: BOOKMEATOZ_TEST_PG). Alone:
//   bash scripts/test.sh --filter FullyQualifiedName~BookMeAtOz.Fuzz.Tests
// Environment:
//   BOOKMEATOZ_FUZZ_SEED     the seed (default 20261207); the same seed and build give the same cases
//   BOOKMEATOZ_FUZZ_CASES    cases per operation (default 80: with today's 30 operations 2,400 requests to each
//                            store, under a minute here; each case is one request to each store)
//   BOOKMEATOZ_FUZZ_REPORT   a file to append the summary line to (also written to fuzz-summary.txt in the test's
//                            output folder and to $BOOKMEATOZ_TEST_TMP/figures.txt, which scripts/test.sh prints)
// The summary line: fuzz: store=postgres requests=N 2xx=… 4xx=… 5xx=0 disagreements=0 unchanged-4xx-violations=0 seed=…
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace BookMeAtOz.Fuzz.Tests;

[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class ApiFuzzTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20261207;
    private const int DefaultCasesPerOperation = 80;
    private const int MaxFailuresShown = 40;

    [ServerFact]
    public async Task EveryOperation_GeneratedRequests_NoServerErrorsProblemsWithCodesNoChangesOnRefusalSameStatusOnBothStores()
    {
        var seed = Setting("BOOKMEATOZ_FUZZ_SEED", DefaultSeed);
        var casesPerOperation = Setting("BOOKMEATOZ_FUZZ_CASES", DefaultCasesPerOperation);
        var clock = Stopwatch.StartNew();

        await using var memory = new MemoryFuzzHost();
        await using var postgres = new PostgresFuzzHost();
        await postgres.CreateDatabaseAsync();
        try
        {
            FuzzWorld[] worlds = [new(memory), new(postgres)];
            var calendar = new FuzzCalendar();
            foreach (var world in worlds)
            {
                await world.SeedAsync(calendar);
            }

            var document = new OpenApiOperations(await worlds[0].Client.GetStringAsync("/openapi/v1.json"));
            Assert.NotEmpty(document.Operations);
            var random = new Random(seed);
            var generator = new CaseGenerator(document, calendar, random);
            var stats = worlds.Select(w => new Stats(w.Host.StoreName)).ToArray();
            var failures = new List<string>();
            var failureCount = 0;
            var snapshots = new string?[worlds.Length];
            var timing = new Dictionary<string, double>();
            var bookingsMade = new Dictionary<string, int> { ["A"] = 3, ["B"] = 3 };

            File.Delete(SummaryFile);
            output.WriteLine($"fuzz: seed={seed} cases-per-operation={casesPerOperation} operations={document.Operations.Count}");
            var schedule = Enumerable.Range(0, casesPerOperation).SelectMany(_ => document.Operations).ToList();
            for (var i = schedule.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (schedule[i], schedule[j]) = (schedule[j], schedule[i]);
            }

            foreach (var operation in schedule)
            {
                var request = generator.Next(operation);
                var (slugs, emails) = Extras(request);
                var answers = new Answer[worlds.Length];
                var problems = new List<string>();
                for (var w = 0; w < worlds.Length; w++)
                {
                    var world = worlds[w];
                    var extraEmails = world.Emails.Concat(emails).ToList();
                    var before = slugs.Count == 0 && emails.Count == 0 && snapshots[w] is { } cached
                        ? cached
                        : await world.Host.SnapshotAsync(world.TenantIds, slugs, extraEmails);
                    var t0 = Stopwatch.GetTimestamp();
                    var answer = await SendAsync(world, request);
                    answers[w] = answer;
                    var t1 = Stopwatch.GetTimestamp();
                    var after = await world.Host.SnapshotAsync(world.TenantIds, slugs, extraEmails);
                    var t2 = Stopwatch.GetTimestamp();
                    timing[$"{world.Host.StoreName} send {request.Operation.Id} {request.Mutation.Split(' ')[0]}"] = timing.GetValueOrDefault($"{world.Host.StoreName} send {request.Operation.Id} {request.Mutation.Split(' ')[0]}") + Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
                    timing[$"{world.Host.StoreName} snapshot"] = timing.GetValueOrDefault($"{world.Host.StoreName} snapshot") + Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds;
                    snapshots[w] = slugs.Count == 0 && emails.Count == 0 ? after : null;
                    stats[w].Count(answer.Status);
                    var store = world.Host.StoreName;
                    if (answer.Status >= 500)
                    {
                        problems.Add($"{store}: {answer.Status} (a server error): {Shorten(answer.Body)}");
                    }
                    else if (answer.Status >= 400)
                    {
                        if (ProblemCode(answer) is { } wrong)
                        {
                            problems.Add($"{store}: {answer.Status} is not a problem with a code ({wrong}): {Shorten(answer.Body)}");
                            stats[w].NoCode++;
                        }

                        if (before != after)
                        {
                            problems.Add($"{store}: {answer.Status} {Code(answer)} but business data changed");
                            stats[w].Changed++;
                        }
                    }
                }

                if (answers[0].Status != answers[1].Status)
                {
                    problems.Add($"stores disagree: memory {answers[0].Status} {Code(answers[0])}, postgres {answers[1].Status} {Code(answers[1])}");
                    foreach (var s in stats)
                    {
                        s.Disagreements++;
                    }
                }
                else if (answers[0].Status == 201 && operation.Id == "CreateBooking" && answers.All(a => a.Json is not null))
                {
                    // Keep both worlds in step: a new booking is another symbol for later cases.
                    var number = ++bookingsMade[request.Side];
                    for (var w = 0; w < worlds.Length; w++)
                    {
                        worlds[w].AddBooking(request.Side, number, answers[w].Json!.Value.GetProperty("id").GetString() is { } id
                            ? System.Text.Json.Nodes.JsonNode.Parse(answers[w].Body)! : throw new InvalidOperationException());
                    }
                }
                else if (answers[0].Status == 200 && operation.Id == "RefreshToken" && answers.All(a => a.Json is not null))
                {
                    for (var w = 0; w < worlds.Length; w++)
                    {
                        if (answers[w].Json!.Value.TryGetProperty("refreshToken", out var refresh) && request.Mutation == "baseline")
                        {
                            worlds[w][$"{request.Side}.owner.refresh"] = refresh.GetString()!;
                        }
                    }
                }

                if (problems.Count > 0)
                {
                    failureCount++;
                    if (failures.Count < MaxFailuresShown)
                    {
                        failures.Add(Describe(seed, casesPerOperation, request, problems, worlds[1]));
                    }
                }
            }

            clock.Stop();
            foreach (var s in stats)
            {
                Report($"fuzz: store={s.Store} requests={s.Requests} 2xx={s.Success} 4xx={s.ClientErrors} 5xx={s.ServerErrors} " +
                    $"disagreements={s.Disagreements} unchanged-4xx-violations={s.Changed} 4xx-without-code={s.NoCode} " +
                    $"seed={seed} cases-per-operation={casesPerOperation} operations={document.Operations.Count} seconds={clock.Elapsed.TotalSeconds:F0}");
            }

            foreach (var (k, v) in timing.OrderByDescending(x => x.Value).Take(10))
            {
                output.WriteLine($"fuzz: time in {k}: {v:F0} ms");
            }

            foreach (var failure in failures)
            {
                output.WriteLine(failure);
            }

            Assert.True(failureCount == 0,
                $"{failureCount} of {schedule.Count} fuzz cases failed (seed {seed}); the first {failures.Count}:\n\n" + string.Join("\n\n", failures));
        }
        finally
        {
            await memory.DisposeAsync();
            await postgres.DisposeAsync();
            await postgres.DropDatabaseAsync();
        }
    }

    private sealed class Stats(string store)
    {
        public string Store => store;
        public int Requests { get; private set; }
        public int Success { get; private set; }
        public int ClientErrors { get; private set; }
        public int ServerErrors { get; private set; }
        public int Disagreements { get; set; }
        public int Changed { get; set; }
        public int NoCode { get; set; }

        public void Count(int status)
        {
            Requests++;
            if (status >= 500)
            {
                ServerErrors++;
            }
            else if (status >= 400)
            {
                ClientErrors++;
            }
            else
            {
                Success++;
            }
        }
    }

    private sealed record Answer(int Status, string? MediaType, string Body, JsonElement? Json);

    private static async Task<Answer> SendAsync(FuzzWorld world, FuzzRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), world.Resolve(request.PathAndQuery));
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, world.Resolve(value));
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(world.Resolve(request.Body)));
            if (request.ContentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType + "; charset=utf-8");
            }
        }

        using var response = await world.Client.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        JsonElement? json = null;
        try
        {
            json = body.Length > 0 && body[0] is '{' or '[' ? JsonDocument.Parse(body).RootElement.Clone() : null;
        }
        catch (JsonException)
        {
        }

        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, json);
    }

    /// <summary>Why a 4xx answer is not a problem with a code, or null when it is one.</summary>
    private static string? ProblemCode(Answer answer)
    {
        if (answer.MediaType != "application/problem+json")
        {
            return $"content type {answer.MediaType ?? "none"}";
        }

        return answer.Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("code", out var code)
            && code.ValueKind == JsonValueKind.String && code.GetString()!.Length > 0
            ? null
            : "no string code";
    }

    private static string Code(Answer answer) =>
        answer.Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("code", out var code) ? code.ToString() : "";

    /// <summary>Tenants a request may create (sign-up slugs) and users it may create or change (e-mail addresses in its body).</summary>
    private static (List<string> Slugs, List<string> Emails) Extras(FuzzRequest request)
    {
        var slugs = new List<string>();
        var emails = new List<string>();
        if (request.Body is null || request.Body.Length > 100_000)
        {
            return (slugs, emails);
        }

        try
        {
            using var doc = JsonDocument.Parse(request.Body, new JsonDocumentOptions { MaxDepth = 128 });
            Walk(doc.RootElement, null);
        }
        catch (JsonException)
        {
        }

        return (slugs, emails);

        void Walk(JsonElement e, string? name)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        Walk(p.Value, p.Name);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray())
                    {
                        Walk(item, name);
                    }

                    break;
                case JsonValueKind.String:
                    string value;
                    try
                    {
                        value = e.GetString()!;
                    }
                    catch (InvalidOperationException)
                    {
                        break; // a lone surrogate escape: no slug or address to look up
                    }

                    if (name == "slug" && request.Operation.Method == "POST" && !request.Operation.TenantScoped)
                    {
                        slugs.Add(value);
                        slugs.Add(value.Trim().ToLowerInvariant());
                    }
                    else if (value.Contains('@', StringComparison.Ordinal) && !value.StartsWith("@@", StringComparison.Ordinal))
                    {
                        emails.Add(value);
                        emails.Add(value.Trim());
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static string Describe(int seed, int casesPerOperation, FuzzRequest request, List<string> problems, FuzzWorld reference)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"FUZZ FAILURE seed={seed} case={request.Number} operation={request.Operation} tenant={request.Side} mutation: {request.Mutation}\n");
        foreach (var problem in problems)
        {
            text.Append("  ").Append(problem).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"  symbolic: {request.Method} {request.PathAndQuery}\n");
        text.Append(CultureInfo.InvariantCulture,
            $"  the whole sequence again: BOOKMEATOZ_FUZZ_SEED={seed} BOOKMEATOZ_FUZZ_CASES={casesPerOperation} bash scripts/test.sh --filter FullyQualifiedName~ApiFuzzTests\n");
        text.Append("  reproduce (ids and tokens of the PostgreSQL test host; BookMeAtOz__Jwt__SigningKey=").Append(FuzzHost.SigningKey).Append("):\n  ");
        text.Append(Curl(request, reference));
        return text.ToString();
    }

    private static string Curl(FuzzRequest request, FuzzWorld world)
    {
        static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var curl = new StringBuilder("curl -sS -i -X ").Append(request.Method).Append(' ')
            .Append(Quote("http://localhost:5000" + world.Resolve(request.PathAndQuery)));
        foreach (var (name, value) in request.Headers)
        {
            curl.Append(" -H ").Append(Quote($"{name}: {world.Resolve(value)}"));
        }

        if (request.Body is not null)
        {
            if (request.ContentType is not null)
            {
                curl.Append(" -H ").Append(Quote($"Content-Type: {request.ContentType}"));
            }

            var body = world.Resolve(request.Body);
            if (body.Length <= 4000)
            {
                curl.Append(" --data-binary ").Append(Quote(body));
            }
            else
            {
                var file = Path.Combine(AppContext.BaseDirectory, $"fuzz-case-{request.Number}.json");
                File.WriteAllText(file, body);
                curl.Append(" --data-binary @").Append(Quote(file));
            }
        }

        return curl.ToString();
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static string SummaryFile => Path.Combine(AppContext.BaseDirectory, "fuzz-summary.txt");

    private void Report(string line)
    {
        output.WriteLine(line);
        File.AppendAllText(SummaryFile, line + Environment.NewLine);
        foreach (var path in new[]
        {
            Environment.GetEnvironmentVariable("BOOKMEATOZ_FUZZ_REPORT"),
            Environment.GetEnvironmentVariable("BOOKMEATOZ_TEST_TMP") is { Length: > 0 } tmp && Directory.Exists(tmp) ? Path.Combine(tmp, "figures.txt") : null,
        })
        {
            if (!string.IsNullOrEmpty(path))
            {
                File.AppendAllText(path, line + Environment.NewLine);
            }
        }
    }
}
