using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace BookMeAtOz.Fuzz.Tests;

/// <summary>
/// The dates every host shares: local dates in the tenants' zone counted from today, and offered instants on them
/// (staff work 09:00–17:00 every day). Computed once, so both hosts get the same strings.
/// </summary>
public sealed class FuzzCalendar
{
    public const string Zone = "Australia/Sydney";
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);

    public FuzzCalendar() => Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), _zone).DateTime);

    public DateOnly Today { get; }

    public string Date(int days) => Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Local <paramref name="hour"/>:<paramref name="minute"/> of today + <paramref name="days"/>, as an instant with its offset.</summary>
    public string Instant(int days, int hour, int minute = 0)
    {
        var local = Today.AddDays(days).ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// What one host knows by symbolic name: the ids, tokens and manage tokens of the world seeded on it. Generated cases
/// name things (<c>@@sym:A.service1@@</c>); each host's request carries its own value for the name.
/// </summary>
public sealed class FuzzWorld(FuzzHost host)
{
    public const string Password = "correct horse battery";
    public static readonly string[] Sides = ["A", "B"];

    private readonly Dictionary<string, string> _symbols = new(StringComparer.Ordinal);

    public FuzzHost Host { get; } = host;

    public HttpClient Client { get; } = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public List<Guid> TenantIds { get; } = [];

    public List<string> Emails { get; } = [];

    public static string Slug(string side) => "fuzz-" + side.ToLowerInvariant();

    public string this[string name]
    {
        get => _symbols.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"No symbol '{name}' on the {Host.StoreName} host.");
        set => _symbols[name] = value;
    }

    public bool Has(string name) => _symbols.ContainsKey(name);

    /// <summary>Replaces every <c>@@sym:NAME@@</c> in <paramref name="text"/> with this host's value for NAME.</summary>
    public string Resolve(string text)
    {
        if (!text.Contains("@@sym:", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder();
        var at = 0;
        while (text.IndexOf("@@sym:", at, StringComparison.Ordinal) is var start and >= 0)
        {
            var end = text.IndexOf("@@", start + 6, StringComparison.Ordinal);
            result.Append(text, at, start - at).Append(this[text[(start + 6)..end]]);
            at = end + 2;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>
    /// Two tenants, each with three staff (every day 09:00–17:00; the third is there to be deleted), three services (one
    /// seat, three seats, one to delete), two time-offs, an admin and a staff user, and three bookings.
    /// </summary>
    public async Task SeedAsync(FuzzCalendar calendar)
    {
        foreach (var side in Sides)
        {
            var slug = Slug(side);
            var ownerEmail = $"owner@{slug}.example";
            var signUp = await SendAsync(HttpMethod.Post, "/api/v1/tenants", null, null, new JsonObject
            {
                ["slug"] = slug, ["name"] = $"Fuzz {side}", ["timeZone"] = FuzzCalendar.Zone, ["currency"] = "AUD",
                ["owner"] = new JsonObject { ["name"] = $"Owner {side}", ["email"] = ownerEmail, ["password"] = Password },
            });
            TenantIds.Add(Guid.Parse(signUp["tenant"]!["id"]!.GetValue<string>()));
            this[$"{side}.tenant"] = signUp["tenant"]!["id"]!.GetValue<string>();
            this[$"{side}.owner.token"] = signUp["auth"]!["accessToken"]!.GetValue<string>();
            this[$"{side}.owner.refresh"] = signUp["auth"]!["refreshToken"]!.GetValue<string>();
            this[$"{side}.user.owner"] = signUp["auth"]!["user"]!["id"]!.GetValue<string>();
            Emails.Add(ownerEmail);
            var owner = this[$"{side}.owner.token"];

            await SendAsync(HttpMethod.Patch, "/api/v1/tenant", slug, owner, new JsonObject
            {
                ["policy"] = new JsonObject { ["minNoticeMinutes"] = 0, ["maxAdvanceDays"] = 365, ["cancellationNoticeMinutes"] = 0 },
            });

            for (var i = 1; i <= 3; i++)
            {
                var staff = await SendAsync(HttpMethod.Post, "/api/v1/staff", slug, owner, new JsonObject
                {
                    ["name"] = $"Staff {side}{i}", ["email"] = $"staff{i}@{slug}.example", ["timeZone"] = FuzzCalendar.Zone, ["active"] = true,
                });
                this[$"{side}.staff{i}"] = staff["id"]!.GetValue<string>();
                await SendAsync(HttpMethod.Put, $"/api/v1/staff/{this[$"{side}.staff{i}"]}/schedule", slug, owner, Schedule());
            }

            for (var i = 1; i <= 3; i++)
            {
                var service = await SendAsync(HttpMethod.Post, "/api/v1/services", slug, owner, new JsonObject
                {
                    ["name"] = $"Service {side}{i}", ["durationMinutes"] = 60, ["bufferBeforeMinutes"] = 0, ["bufferAfterMinutes"] = 0,
                    ["priceCents"] = 5000, ["capacity"] = i == 2 ? 3 : 1, ["staffIds"] = new JsonArray(this[$"{side}.staff1"], this[$"{side}.staff2"]),
                    ["active"] = true,
                });
                this[$"{side}.service{i}"] = service["id"]!.GetValue<string>();
            }

            for (var i = 1; i <= 2; i++)
            {
                var timeOff = await SendAsync(HttpMethod.Post, $"/api/v1/staff/{this[$"{side}.staff2"]}/time-off", slug, owner, new JsonObject
                {
                    ["start"] = calendar.Instant(20 + i, 9), ["end"] = calendar.Instant(20 + i, 12), ["reason"] = "Seeded",
                });
                this[$"{side}.timeoff{i}"] = timeOff["id"]!.GetValue<string>();
            }

            foreach (var role in new[] { "admin", "staff" })
            {
                var email = $"{role}@{slug}.example";
                var user = await SendAsync(HttpMethod.Post, "/api/v1/users", slug, owner, new JsonObject
                {
                    ["name"] = $"{role} {side}", ["email"] = email, ["password"] = Password, ["role"] = role,
                    ["staffId"] = role == "staff" ? this[$"{side}.staff1"] : null,
                });
                this[$"{side}.user.{role}"] = user["id"]!.GetValue<string>();
                Emails.Add(email);
                var auth = await SendAsync(HttpMethod.Post, "/api/v1/auth/token", slug, null, new JsonObject { ["email"] = email, ["password"] = Password });
                this[$"{side}.{role}.token"] = auth["accessToken"]!.GetValue<string>();
            }

            for (var i = 1; i <= 3; i++)
            {
                AddBooking(side, i, await SendAsync(HttpMethod.Post, "/api/v1/bookings", slug, null, new JsonObject
                {
                    ["serviceId"] = this[$"{side}.service{(i == 2 ? 2 : 1)}"], ["start"] = calendar.Instant(4 + i, 9 + i), ["staffId"] = this[$"{side}.staff1"],
                    ["customer"] = new JsonObject { ["name"] = "Jamie Citizen", ["email"] = "jamie@example.com", ["phone"] = "+61 400 000 000" },
                    ["notes"] = "Seeded",
                }));
            }
        }
    }

    public void AddBooking(string side, int number, JsonNode booking)
    {
        this[$"{side}.booking{number}"] = booking["id"]!.GetValue<string>();
        this[$"{side}.booking{number}.manage"] = booking["manageToken"]!.GetValue<string>();
    }

    private static JsonObject Schedule()
    {
        var weekly = new JsonObject();
        foreach (var day in new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" })
        {
            weekly[day] = new JsonArray(new JsonObject { ["start"] = "09:00", ["end"] = "17:00" });
        }

        return new JsonObject { ["weekly"] = weekly, ["overrides"] = new JsonArray() };
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, string? slug, string? token, JsonObject body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        if (slug is not null)
        {
            request.Headers.Add("X-Tenant", slug);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Seeding the {Host.StoreName} host: {method} {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text) ?? new JsonObject();
    }
}
