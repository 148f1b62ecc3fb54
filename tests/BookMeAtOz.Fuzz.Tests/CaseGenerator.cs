using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BookMeAtOz.Fuzz.Tests;

/// <summary>
/// One generated request, host-neutral: <c>@@sym:NAME@@</c> stands for what each host knows by NAME (ids, tokens).
/// </summary>
public sealed record FuzzRequest(
    int Number,
    FuzzOperation Operation,
    string Mutation,
    string Side,
    string Method,
    string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? Body,
    string? ContentType);

/// <summary>
/// Builds, from one operation of the document, a valid baseline request and then one mutation of it: wrong types,
/// boundary numbers, huge strings, deep nesting, unicode, control characters, unknown, missing and null members, wrong
/// and foreign ids, bad query values, wrong or missing authentication and tenant, malformed bodies. Every choice comes
/// from the <see cref="Random"/> it is given, so a seed gives the same cases.
/// </summary>
public sealed class CaseGenerator(OpenApiOperations document, FuzzCalendar calendar, Random random)
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] WrongTypes = ["\"a string\"", "0", "123", "-7", "true", "false", "[]", "{}", "[1,\"x\",null]", "{\"a\":1}", "\"\""];

    private static readonly string[] BoundaryNumbers =
    [
        "0", "-1", "1", "2147483647", "2147483648", "-2147483648", "-2147483649", "9007199254740992", "9007199254740993",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e308", "-1e308", "1e400", "1.5", "0.5", "-0.0",
        "1E2", "60.0", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"60\"", "\" 60\"", "\"0x3C\"", "\"1e3\"",
    ];

    private static readonly string[] Unicode =
    [
        "😀💇‍♀️🏳️‍🌈", "שלום עולם", "مرحبا بالعالم", "\u202Eevil\u202C", "e\u0301\u0301\u0301\u0301", "Z̴̡̛͓̈́a̷l̸g̵o̶", "日本語の名前", "\uFEFFbom",
        "\u200B\u200C\u200D", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "ﬀ ß İ ı", "\uFFFD\uFFFE",
    ];

    /// <summary>Raw JSON string literals a serializer would never write: lone and reversed surrogate escapes.</summary>
    private static readonly string[] RawStrings =
    [
        "\"\\ud800\"", "\"abc\\udc00def\"", "\"\\udc00\\ud800\"", "\"\\ud83d\"", "\"x\\u0000y\"", "\"\\u001b[31mred\"", "\"a\\/b\"",
    ];

    private static readonly string[] Controls = ["\u0000", "\u0001", "\u0007", "\b", "\t", "\n", "\r", "\u001B", "\u007F", "\u0085", "\u2028", "\u2029"];

    private static readonly string[] BadDates =
    [
        "2027-13-45", "2027-02-30", "0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01", "1900-01-01", "2200-12-31", "garbage", "",
        "2027-1-1", "27-01-01", "2027-01-01T10:00:00+10:00", "-2027-01-01", "+002027-01-01", "２０２７-０１-０１", "2027-01-01%00", "null",
    ];

    private static readonly string[] BadInstants =
    [
        "2027-01-01T10:00:00", "2027-01-01", "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+14:00", "2027-01-01T25:00:00+10:00",
        "2027-01-01T10:00:00+25:00", "not a date", "", "2027-01-01T10:00:00.123456789012+10:00", "1899-12-31T23:00:00Z", "2201-01-01T00:00:00Z",
        "2027-01-01T10:00:00+10:00[Australia/Sydney]", "2027-06-01t10:00:00z",
    ];

    private static readonly string[] BadZones = ["Mars/Olympus", "../../etc/passwd", "UTC+25", "", "australia/sydney", "Etc/GMT+15", "Australia/Sydney\u0000", "\uD83D\uDE00"];

    private readonly List<string> _raw = [];
    private int _number;
    private FuzzOperation _operation = null!;
    private string _side = "A";

    private string Other => _side == "A" ? "B" : "A";

    private static string Sym(string name) => $"@@sym:{name}@@";

    public FuzzRequest Next(FuzzOperation operation)
    {
        _number++;
        _operation = operation;
        _raw.Clear();
        _side = random.Next(4) == 0 ? "B" : "A";

        var path = operation.Path;
        var pathValues = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in operation.Parameters.Where(p => p.In == "path"))
        {
            pathValues[p.Name] = PathValue(p.Name);
        }

        var query = new List<KeyValuePair<string, string>>();
        foreach (var p in operation.Parameters.Where(p => p.In == "query"))
        {
            if (QueryValue(p) is { } value)
            {
                query.Add(new(p.Name, value));
            }
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (operation.TenantScoped)
        {
            headers.Add(new("X-Tenant", FuzzWorld.Slug(_side)));
        }

        foreach (var p in operation.Parameters.Where(p => p.In == "header" && p.Name is not "X-Tenant" and not "X-Manage-Token"))
        {
            headers.Add(new(p.Name, p.Name == "Idempotency-Key" ? $"fuzz-{_number}-{random.Next(1000)}" : "fuzz"));
        }

        if (operation.Bearer)
        {
            headers.Add(new("Authorization", "Bearer " + Sym($"{_side}.owner.token")));
        }
        else if (operation.ManageToken && pathValues.TryGetValue("id", out var bookingSym))
        {
            headers.Add(new("X-Manage-Token", Sym(bookingSym.Replace("@@sym:", "", StringComparison.Ordinal).TrimEnd('@') + ".manage")));
        }

        JsonNode? body = operation.Body is { } schema ? Valid(schema, "", 0) : null;
        string? rawBody = null;
        var contentType = operation.Body is null ? null : "application/json";

        var mutations = new List<string> { "baseline", "auth", "tenant" };
        if (headers.Any(h => h.Key == "Idempotency-Key"))
        {
            mutations.Add("idempotency-key");
        }

        if (pathValues.Count > 0)
        {
            mutations.Add("path-id");
        }

        if (query.Count > 0 || operation.Parameters.Any(p => p.In == "query"))
        {
            mutations.AddRange(["query", "query", "query"]);
        }

        var members = body is null ? [] : Members(body, "$").ToList();
        if (body is not null)
        {
            mutations.AddRange(["malformed", "deep-nesting"]);
            // A body the document gives no object schema (UpdateUser's is generated as a bare string) has no member to add.
            if (Objects(body).Any())
            {
                mutations.Add("unknown-member");
            }

            if (members.Count > 0)
            {
                mutations.AddRange(["wrong-type", "wrong-type", "boundary-number", "huge-string", "unicode", "raw-string", "control-character",
                    "missing-member", "null-member", "wrong-id", "wrong-id", "huge-string"]);
            }
        }

        var mutation = mutations[random.Next(mutations.Count)];
        switch (mutation)
        {
            case "auth":
                mutation = MutateAuth(headers);
                break;
            case "tenant":
                mutation = MutateTenant(headers);
                break;
            case "idempotency-key":
                headers.RemoveAll(h => h.Key == "Idempotency-Key");
                // A key shared by many cases: the same key with another request is idempotency_key_reused.
                var key = new[] { "fuzz-shared-key", "", " ", new string('k', 200), new string('k', 201), "ключ", "a b", "a\tb" }[random.Next(8)];
                headers.Add(new("Idempotency-Key", key));
                mutation = $"Idempotency-Key {Shorten(key)}";
                break;
            case "path-id":
                var name = pathValues.Keys.ElementAt(random.Next(pathValues.Count));
                var (id, what) = WrongId(name == "id" ? Kind(path) : name);
                pathValues[name] = id;
                mutation = $"path {name} = {what}";
                break;
            case "query":
                mutation = MutateQuery(query);
                break;
            case "malformed":
                (rawBody, contentType, mutation) = Malformed(body!);
                break;
            case "deep-nesting":
                (body, mutation) = DeepNesting(body!, members);
                break;
            case "unknown-member" when Objects(body!).Any():
                var objects = Objects(body!).ToList();
                var target = objects[random.Next(objects.Count)];
                var member = new[] { "unknown", "id", "tenantId", "__proto__", "$type", "Name", "NAME", "status", "role", "createdAt" }[random.Next(10)];
                target[member] = random.Next(3) switch { 0 => "x", 1 => 1, _ => new JsonObject { ["a"] = true } };
                mutation = $"unknown member '{member}'";
                break;
            default:
                if (members.Count > 0)
                {
                    var pick = members[random.Next(members.Count)];
                    mutation = MutateMember(mutation, pick, ref body);
                }

                break;
        }

        foreach (var (key, value) in pathValues)
        {
            path = path.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }

        var pathAndQuery = path + (query.Count == 0 ? string.Empty
            : "?" + string.Join("&", query.Select(q => Uri.EscapeDataString(q.Key) + "=" + EscapeKeepingSymbols(q.Value))));
        var text = rawBody ?? (body is null ? null : Serialize(body));
        return new FuzzRequest(_number, operation, mutation, _side, operation.Method, pathAndQuery, headers, text, contentType);
    }

    private string Serialize(JsonNode body)
    {
        var text = body.ToJsonString(Relaxed);
        for (var i = 0; i < _raw.Count; i++)
        {
            text = text.Replace($"\"@@raw:{i}@@\"", _raw[i], StringComparison.Ordinal);
        }

        return text;
    }

    private JsonValue Raw(string json)
    {
        _raw.Add(json);
        return JsonValue.Create($"@@raw:{_raw.Count - 1}@@");
    }

    private static string EscapeKeepingSymbols(string value) =>
        value.StartsWith("@@sym:", StringComparison.Ordinal) && value.EndsWith("@@", StringComparison.Ordinal) ? value : Uri.EscapeDataString(value);

    // --- valid values ------------------------------------------------------------------------------------------------

    private static string Kind(string path)
    {
        var segments = path.Split('/');
        var index = Array.IndexOf(segments, "{id}");
        return index > 0 ? segments[index - 1] : "";
    }

    private string PathValue(string name)
    {
        var kind = name == "id" ? Kind(_operation.Path) : name;
        var delete = _operation.Method == "DELETE";
        return kind switch
        {
            "services" => Sym($"{_side}.service{(delete ? 3 : random.Next(1, 3))}"),
            "staff" => Sym($"{_side}.staff{(delete ? 3 : random.Next(1, 3))}"),
            "bookings" => Sym($"{_side}.booking{random.Next(1, 4)}"),
            "timeOffId" => Sym($"{_side}.timeoff{(delete ? 2 : 1)}"),
            "users" => Sym($"{_side}.user.{(random.Next(2) == 0 ? "admin" : "staff")}"),
            _ => Guid.NewGuid().ToString(),
        };
    }

    private string? QueryValue(FuzzParameter p) => p.Name switch
    {
        "serviceId" => Sym($"{_side}.service{random.Next(1, 3)}"),
        "staffId" => random.Next(2) == 0 ? null : Sym($"{_side}.staff1"),
        "from" => calendar.Date(random.Next(1, 10)),
        "to" => calendar.Date(random.Next(10, 20)),
        "timeZone" => random.Next(2) == 0 ? null : "Australia/Perth",
        "status" => random.Next(2) == 0 ? null : "confirmed",
        "limit" => random.Next(2) == 0 ? null : "20",
        "cursor" => null,
        _ => p.Required ? "fuzz" : null,
    };

    private JsonNode? Valid(JsonElement schema, string name, int depth)
    {
        schema = document.Resolve(schema);
        var type = OpenApiOperations.MainType(schema);
        var format = OpenApiOperations.Format(schema);
        switch (name)
        {
            case "serviceId":
                return Sym($"{_side}.service{random.Next(1, 3)}");
            case "staffId":
                return _operation.Id == "CreateUser" || random.Next(2) == 0 ? Sym($"{_side}.staff1") : null;
            case "staffIds":
                return new JsonArray(Sym($"{_side}.staff1"));
            case "start" or "end" when format == "date-time":
                if (_operation.Path.EndsWith("/time-off", StringComparison.Ordinal))
                {
                    var day = random.Next(30, 300);
                    return calendar.Instant(day, name == "start" ? 9 : 11);
                }

                return calendar.Instant(random.Next(2, 120), random.Next(9, 17));
            case "start":
                return "09:00";
            case "end":
                return "17:00";
            case "date":
                return calendar.Date(random.Next(2, 300));
            case "slug":
                return $"fz{_number}-{random.Next(100000)}";
            case "email":
                return _operation.Id == "SignIn" ? $"owner@{FuzzWorld.Slug(_side)}.example" : $"fz{_number}-{random.Next(1000)}@example.com";
            case "password":
                return FuzzWorld.Password;
            case "role":
                return _operation.Id == "CreateUser" && random.Next(2) == 0 ? "staff" : "admin";
            case "timeZone":
                return FuzzCalendar.Zone;
            case "currency":
                return "AUD";
            case "phone":
                return "+61 400 000 000";
            case "refreshToken":
                return Sym($"{_side}.owner.refresh");
            case "name":
                return $"Fuzz {_number}";
            case "notes" or "reason":
                return "fuzz note";
            case "durationMinutes":
                return 60;
            case "bufferBeforeMinutes" or "bufferAfterMinutes" or "minNoticeMinutes" or "cancellationNoticeMinutes":
                return 0;
            case "priceCents":
                return 5000;
            case "capacity":
                return random.Next(1, 3);
            case "slotIntervalMinutes":
                return random.Next(2) == 0 ? null : 30;
            case "maxAdvanceDays":
                return 365;
            case "overrides":
                return new JsonArray();
            default:
                break;
        }

        switch (type)
        {
            case "object":
                var result = new JsonObject();
                if (depth > 8 || !schema.TryGetProperty("properties", out var properties))
                {
                    return result;
                }

                foreach (var property in properties.EnumerateObject())
                {
                    result[property.Name] = Valid(property.Value, property.Name, depth + 1);
                }

                return result;
            case "array":
                return schema.TryGetProperty("items", out var items) && depth <= 8 ? new JsonArray(Valid(items, name, depth + 1)) : new JsonArray();
            case "integer" or "number":
                return 1;
            case "boolean":
                return true;
            default:
                return format switch
                {
                    "uuid" => Guid.NewGuid().ToString(),
                    "date-time" => calendar.Instant(random.Next(2, 120), 10),
                    "date" => calendar.Date(random.Next(2, 120)),
                    _ => "fuzz",
                };
        }
    }

    // --- mutations ---------------------------------------------------------------------------------------------------

    private sealed record Member(JsonNode Parent, string? Key, int Index, string Path, JsonNode? Value);

    private static IEnumerable<Member> Members(JsonNode node, string path)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, value) in o.ToList())
            {
                yield return new Member(o, key, -1, $"{path}.{key}", value);
                if (value is not null)
                {
                    foreach (var inner in Members(value, $"{path}.{key}"))
                    {
                        yield return inner;
                    }
                }
            }
        }
        else if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++)
            {
                yield return new Member(a, null, i, $"{path}[{i}]", a[i]);
                if (a[i] is { } value)
                {
                    foreach (var inner in Members(value, $"{path}[{i}]"))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }

    private static IEnumerable<JsonObject> Objects(JsonNode node)
    {
        if (node is JsonObject o)
        {
            yield return o;
        }

        foreach (var m in Members(node, "$"))
        {
            if (m.Value is JsonObject inner)
            {
                yield return inner;
            }
        }
    }

    private static void Set(Member m, JsonNode? value)
    {
        if (m.Key is not null)
        {
            ((JsonObject)m.Parent)[m.Key] = value;
        }
        else
        {
            ((JsonArray)m.Parent)[m.Index] = value;
        }
    }

    private string MutateMember(string mutation, Member m, ref JsonNode? body)
    {
        switch (mutation)
        {
            case "wrong-type":
                var wrong = WrongTypes[random.Next(WrongTypes.Length)];
                Set(m, Raw(wrong));
                return $"{m.Path} = {wrong}";
            case "boundary-number":
                var number = BoundaryNumbers[random.Next(BoundaryNumbers.Length)];
                Set(m, Raw(number));
                return $"{m.Path} = {number}";
            case "huge-string":
                int[] lengths = [199, 200, 201, 1999, 2000, 2001, 5000, 1_000_000, 1_100_000];
                var length = lengths[random.Next(lengths.Length)];
                var unit = random.Next(3) switch { 0 => "x", 1 => "é", _ => "😀" };
                var huge = new StringBuilder(length * unit.Length);
                while (huge.Length < length)
                {
                    huge.Append(unit);
                }

                Set(m, JsonValue.Create(huge.ToString()));
                return $"{m.Path} = '{unit}' × {length} UTF-16 units";
            case "unicode":
                var text = Unicode[random.Next(Unicode.Length)];
                Set(m, JsonValue.Create(m.Value is JsonValue v && v.TryGetValue<string>(out var s) && random.Next(2) == 0 ? s + text : text));
                return $"{m.Path} = unicode {JsonSerializer.Serialize(text)}";
            case "raw-string":
                var raw = RawStrings[random.Next(RawStrings.Length)];
                Set(m, Raw(raw));
                return $"{m.Path} = {raw}";
            case "control-character":
                var control = Controls[random.Next(Controls.Length)];
                var original = m.Value is JsonValue cv && cv.TryGetValue<string>(out var cs) ? cs : "fuzz";
                // Inside a symbol's name would break the symbol, not the value: before or after it instead.
                var at = original.StartsWith("@@sym:", StringComparison.Ordinal) ? (random.Next(2) == 0 ? 0 : original.Length) : random.Next(original.Length + 1);
                Set(m, JsonValue.Create(original[..at] + control + original[at..]));
                return $"{m.Path} with U+{(int)control[0]:X4}";
            case "missing-member":
                if (m.Key is not null)
                {
                    ((JsonObject)m.Parent).Remove(m.Key);
                }
                else
                {
                    ((JsonArray)m.Parent).RemoveAt(m.Index);
                }

                return $"{m.Path} missing";
            case "null-member":
                Set(m, null);
                return $"{m.Path} = null";
            case "wrong-id":
                var key = m.Key ?? "";
                var (id, what) = WrongId(key);
                Set(m, JsonValue.Create(id));
                return $"{m.Path} = {what}";
            default:
                return mutation;
        }
    }

    private (string Id, string What) WrongId(string kind)
    {
        var foreign = kind switch
        {
            "services" or "serviceId" => $"{Other}.service{random.Next(1, 4)}",
            "staff" or "staffId" or "staffIds" => $"{Other}.staff{random.Next(1, 4)}",
            "bookings" => $"{Other}.booking{random.Next(1, 4)}",
            "timeOffId" => $"{Other}.timeoff{random.Next(1, 3)}",
            "users" => $"{Other}.user.admin",
            _ => null,
        };
        return random.Next(6) switch
        {
            0 or 1 when foreign is not null => (Sym(foreign), $"the other tenant's {foreign}"),
            0 => (Sym($"{Other}.tenant"), "the other tenant's id"),
            1 => (Sym($"{_side}.booking1"), "an id of another kind"),
            2 => (Guid.NewGuid().ToString(), "a random UUID"),
            3 => (Guid.Empty.ToString(), "the empty UUID"),
            // (No %00: in a path, Kestrel refuses it before any application code runs, and TestServer throws.)
            4 => (new[] { "not-a-uuid", "1", "00000000-0000-0000-0000-00000000000G", "{" + Guid.NewGuid() + "}", "%20", "..%2F..", "😀" }[random.Next(7)], "a non-UUID"),
            _ => (Guid.NewGuid().ToString("N").ToUpperInvariant(), "a UUID without dashes"),
        };
    }

    private string MutateAuth(List<KeyValuePair<string, string>> headers)
    {
        headers.RemoveAll(h => h.Key is "Authorization" or "X-Manage-Token");
        var choice = random.Next(9);
        (string? Header, string? Value, string What) auth = choice switch
        {
            0 => (null, null, "anonymous"),
            1 => ("Authorization", "Bearer " + Sym($"{_side}.staff.token"), "the staff user's token"),
            2 => ("Authorization", "Bearer " + Sym($"{_side}.admin.token"), "the admin's token"),
            3 => ("Authorization", "Bearer " + Sym($"{Other}.owner.token"), "the other tenant's owner token"),
            4 => ("Authorization", "Bearer not.a.jwt", "a garbage token"),
            5 => ("Authorization", "Basic dXNlcjpwYXNz", "basic authentication"),
            6 => ("X-Manage-Token", Sym($"{_side}.booking{random.Next(1, 4)}.manage"), "a booking's manage token"),
            7 => ("X-Manage-Token", Sym($"{Other}.booking1.manage"), "the other tenant's manage token"),
            _ => ("Authorization", "Bearer " + Sym($"{_side}.owner.token") + "x", "a tampered token"),
        };
        if (auth.Header is not null)
        {
            headers.Add(new(auth.Header, auth.Value!));
        }

        return "auth: " + auth.What;
    }

    private string MutateTenant(List<KeyValuePair<string, string>> headers)
    {
        if (random.Next(3) == 0)
        {
            // The subdomain of a root domain names the tenant too, and wins over the header.
            var host = new[] { $"{FuzzWorld.Slug(Other)}.bookmeatoz.test", "no-such-tenant.bookmeatoz.test", "bookmeatoz.test", "a.b.bookmeatoz.test", "evil.example" }[random.Next(5)];
            headers.Add(new("Host", host));
            return $"tenant: Host {host}";
        }

        headers.RemoveAll(h => h.Key == "X-Tenant");
        var choice = random.Next(6);
        var value = choice switch
        {
            0 => null,
            1 => FuzzWorld.Slug(Other),
            2 => "no-such-tenant",
            3 => "FUZZ-A",
            4 => "a",
            _ => new string('a', 300),
        };
        if (value is not null)
        {
            headers.Add(new("X-Tenant", value));
        }

        return $"tenant: {value ?? "none"}";
    }

    private string MutateQuery(List<KeyValuePair<string, string>> query)
    {
        var parameters = _operation.Parameters.Where(p => p.In == "query").ToList();
        var p = parameters[random.Next(parameters.Count)];
        string value = p.Name switch
        {
            "from" or "to" => BadDates[random.Next(BadDates.Length)],
            "timeZone" => BadZones[random.Next(BadZones.Length)],
            "limit" => new[] { "0", "-1", "201", "200", "1", "2147483648", "abc", "1e3", "1.5", " 5", "" }[random.Next(11)],
            "cursor" => new[] { "garbage", "", "eyJ4IjoxfQ", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", new string('A', 5000), "%", "@@" }[random.Next(7)],
            "status" => new[] { "bogus", "", "CONFIRMED", "cancelled", "held", "0", "confirmed,cancelled" }[random.Next(7)],
            _ => random.Next(2) == 0 ? WrongId(p.Name).Id : new[] { "", "garbage", "\u0000", "😀", new string('x', 3000) }[random.Next(5)],
        };
        var what = $"query {p.Name}={Shorten(value)}";
        if (random.Next(5) == 0 && p.Name is "from" or "to")
        {
            // A huge or reversed range with valid dates.
            query.RemoveAll(q => q.Key is "from" or "to");
            var (from, to) = random.Next(3) switch
            {
                0 => ("1900-01-01", "2200-12-31"),
                1 => (calendar.Date(30), calendar.Date(1)),
                _ => (calendar.Date(1), calendar.Date(63)),
            };
            query.Add(new("from", from));
            query.Add(new("to", to));
            return $"query range {from}..{to}";
        }

        query.RemoveAll(q => q.Key == p.Name);
        query.Add(new(p.Name, value));
        if (random.Next(6) == 0)
        {
            query.Add(new(p.Name, value));
            what += " (twice)";
        }

        return what;
    }

    private (string Body, string? ContentType, string What) Malformed(JsonNode body)
    {
        var text = Serialize(body);
        return random.Next(9) switch
        {
            0 => (text[..Math.Max(1, text.Length / 2)], "application/json", "truncated JSON"),
            1 => ("", "application/json", "empty body"),
            2 => ("null", "application/json", "body null"),
            3 => ("[" + text + "]", "application/json", "body in an array"),
            4 => (text, "text/plain", "text/plain content type"),
            5 => (text, null, "no content type"),
            6 => (text + text, "application/json", "two JSON values"),
            7 => ("{\"a\":1,\"a\":2," + text[1..], "application/json", "duplicate members"),
            _ => (text.Replace("\"", "'", StringComparison.Ordinal), "application/json", "single-quoted JSON"),
        };
    }

    private (JsonNode Body, string What) DeepNesting(JsonNode body, List<Member> members)
    {
        var depth = new[] { 64, 65, 1000, 10_000 }[random.Next(4)];
        var array = random.Next(2) == 0;
        var nested = array
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        if (members.Count == 0 || random.Next(3) == 0)
        {
            _raw.Add(nested);
            return (JsonValue.Create($"@@raw:{_raw.Count - 1}@@"), $"whole body nested {depth} deep");
        }

        var m = members[random.Next(members.Count)];
        Set(m, Raw(nested));
        return (body, $"{m.Path} nested {depth} deep");
    }

    public static string Shorten(string value) => value.Length <= 60 ? JsonSerializer.Serialize(value) : JsonSerializer.Serialize(value[..40]) + $"…({value.Length} chars)";
}
