using System.Text;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit.Abstractions;

namespace BookMeAtOz.AspNetCore.Tests.OpenApi;

/// <summary>
/// The reference host's <c>/openapi/v1.json</c> as a contract: who may call each operation, the tenant header, tags,
/// license and servers; and Redocly's recommended rules pass on it with no error and no warning.
/// </summary>
public sealed class OpenApiContractTests(ApiFactory factory, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private const string Anyone = "anyone";
    private const string Bearer = "bearer";
    private const string BearerOrManageToken = "bearer | manageToken";

    /// <summary>Every operation by id, with who may call it (docs/http-api.md, "Who may call what").</summary>
    private static readonly Dictionary<string, string> ExpectedSecurity = new(StringComparer.Ordinal)
    {
        ["SignUp"] = Anyone,
        ["GetStaffFeed"] = Anyone,
        ["RotateStaffFeed"] = Bearer,
        ["DeleteStaffFeed"] = Bearer,
        ["GetTenant"] = Anyone,
        ["SignIn"] = Anyone,
        ["RefreshToken"] = Anyone,
        ["ListServices"] = Anyone,
        ["GetService"] = Anyone,
        ["ListStaff"] = Anyone,
        ["GetStaff"] = Anyone,
        ["GetAvailability"] = Anyone,
        ["ListClosures"] = Anyone,
        ["CreateClosure"] = Bearer,
        ["DeleteClosure"] = Bearer,
        ["ListResources"] = Anyone,
        ["GetResource"] = Anyone,
        ["CreateResource"] = Bearer,
        ["UpdateResource"] = Bearer,
        ["DeleteResource"] = Bearer,
        ["CreateBooking"] = Anyone,
        ["CreateHold"] = Anyone,
        ["ReleaseHold"] = Anyone,
        ["JoinWaitlist"] = Anyone,
        ["LeaveWaitlist"] = Anyone,
        ["ListWaitlist"] = Bearer,
        ["RequestPasswordReset"] = Anyone,
        ["ConfirmPasswordReset"] = Anyone,
        ["AcceptInvitation"] = Anyone,
        ["ChangePassword"] = Bearer,
        ["ListUsers"] = Bearer,
        ["UpdateUser"] = Bearer,
        ["DeleteUser"] = Bearer,
        ["InviteUser"] = Bearer,
        ["ListAudit"] = Bearer,
        ["ListCustomers"] = Bearer,
        ["GetCustomer"] = Bearer,
        ["ExportCustomer"] = Bearer,
        ["EraseCustomer"] = Bearer,
        ["ExportTenant"] = Bearer,
        ["CloseTenant"] = Bearer,
        ["GetMe"] = Bearer,
        ["CreateUser"] = Bearer,
        ["UpdateTenant"] = Bearer,
        ["CreateService"] = Bearer,
        ["UpdateService"] = Bearer,
        ["DeleteService"] = Bearer,
        ["CreateStaff"] = Bearer,
        ["UpdateStaff"] = Bearer,
        ["DeleteStaff"] = Bearer,
        ["GetSchedule"] = Bearer,
        ["SetSchedule"] = Bearer,
        ["ConnectCalDav"] = Bearer,
        ["GetCalDav"] = Bearer,
        ["DisconnectCalDav"] = Bearer,
        ["ListTimeOff"] = Bearer,
        ["AddTimeOff"] = Bearer,
        ["DeleteTimeOff"] = Bearer,
        ["ListBookings"] = Bearer,
        ["ListNotifications"] = Bearer,
        ["GetBooking"] = BearerOrManageToken,
        ["CancelBooking"] = BearerOrManageToken,
        ["RescheduleBooking"] = BearerOrManageToken,
        ["GetBookingCalendar"] = BearerOrManageToken,
        ["ApproveBooking"] = Bearer,
        ["DeclineBooking"] = Bearer,
        ["MarkBookingNoShow"] = Bearer,
        ["CreateBookingSeries"] = Anyone,
        ["CancelBookingSeries"] = BearerOrManageToken,
        ["RescheduleBookingSeries"] = BearerOrManageToken,
        ["ListWebhooks"] = Bearer,
        ["CreateWebhook"] = Bearer,
        ["GetWebhook"] = Bearer,
        ["UpdateWebhook"] = Bearer,
        ["DeleteWebhook"] = Bearer,
        ["RotateWebhookSecret"] = Bearer,
        ["PingWebhook"] = Bearer,
        ["ListWebhookDeliveries"] = Bearer,
        ["ReplayWebhookDelivery"] = Bearer,
        ["ListApiKeys"] = Bearer,
        ["CreateApiKey"] = Bearer,
        ["RevokeApiKey"] = Bearer,
    };

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement root) =>
        from path in root.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        select (path.Name, operation.Name, operation.Value);

    private async Task<JsonDocument> GetDocumentAsync() => JsonDocument.Parse(await OpenApiTools.GetDocumentAsync(factory));

    [Fact]
    public async Task SecuritySchemes_AreBearerJwtAndTheManageTokenHeader()
    {
        using var doc = await GetDocumentAsync();
        var schemes = doc.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal(["bearer", "manageToken"], schemes.EnumerateObject().Select(s => s.Name).Order(StringComparer.Ordinal));

        var bearer = schemes.GetProperty("bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.Equal("JWT", bearer.GetProperty("bearerFormat").GetString());
        Assert.False(string.IsNullOrWhiteSpace(bearer.GetProperty("description").GetString()));

        var manage = schemes.GetProperty("manageToken");
        Assert.Equal("apiKey", manage.GetProperty("type").GetString());
        Assert.Equal("header", manage.GetProperty("in").GetString());
        Assert.Equal("X-Manage-Token", manage.GetProperty("name").GetString());
        Assert.False(string.IsNullOrWhiteSpace(manage.GetProperty("description").GetString()));

        // No global requirement: each operation says for itself.
        Assert.False(doc.RootElement.TryGetProperty("security", out _));
    }

    [Fact]
    public async Task EveryOperation_SaysWhoMayCallIt_AndKeepsItsId()
    {
        using var doc = await GetDocumentAsync();
        var actual = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, method, operation) in Operations(doc.RootElement))
        {
            var id = operation.GetProperty("operationId").GetString()!;
            Assert.True(operation.TryGetProperty("summary", out var summary) && summary.GetString() is { Length: > 0 }, $"{method} {path} has no summary");
            Assert.True(operation.TryGetProperty("security", out var security), $"{method} {path} ({id}) has no security");
            // Each requirement names one scheme (OR between them); [] is "anyone".
            var alternatives = security.EnumerateArray()
                .Select(r => string.Join(" & ", r.EnumerateObject().Select(s => s.Name)))
                .ToList();
            Assert.All(security.EnumerateArray().SelectMany(r => r.EnumerateObject()), s => Assert.Equal(0, s.Value.GetArrayLength()));
            actual[id] = alternatives.Count == 0 ? Anyone : string.Join(" | ", alternatives);
        }

        Assert.Equal(ExpectedSecurity.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task TenantScopedOperations_TakeTheOptionalXTenantHeader()
    {
        using var doc = await GetDocumentAsync();
        var tenant = doc.RootElement.GetProperty("components").GetProperty("parameters").GetProperty("tenant");
        Assert.Equal("X-Tenant", tenant.GetProperty("name").GetString());
        Assert.Equal("header", tenant.GetProperty("in").GetString());
        Assert.False(tenant.TryGetProperty("required", out var required) && required.GetBoolean());
        Assert.Contains("subdomain", tenant.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("string", tenant.GetProperty("schema").GetProperty("type").GetString());

        foreach (var (path, method, operation) in Operations(doc.RootElement))
        {
            var id = operation.GetProperty("operationId").GetString();
            var references = operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Count(p => p.TryGetProperty("$ref", out var r) && r.GetString() == "#/components/parameters/tenant")
                : 0;
            // Sign-up is the one route without a tenant; a calendar feed takes its tenant from its token.
            var untenanted = id is "SignUp" or "GetStaffFeed";
            Assert.True(references == (untenanted ? 0 : 1), $"{method} {path} ({id}) refers to the X-Tenant parameter {references} times");
            if (!untenanted)
            {
                var responses = operation.GetProperty("responses");
                Assert.All(new[] { "400", "403", "404" }, status => Assert.True(responses.TryGetProperty(status, out _), $"{method} {path} has no {status}"));
            }
        }
    }

    [Fact]
    public async Task Document_HasTagDescriptionsLicenseAndServersWithoutTrailingSlash()
    {
        using var doc = await GetDocumentAsync();
        var root = doc.RootElement;
        var info = root.GetProperty("info");
        Assert.Equal("BookMeAtOz API", info.GetProperty("title").GetString());
        Assert.Equal("v1", info.GetProperty("version").GetString());
        Assert.Equal("MIT", info.GetProperty("license").GetProperty("name").GetString());
        Assert.Equal("MIT", info.GetProperty("license").GetProperty("identifier").GetString());

        var described = root.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.TryGetProperty("description", out var d) ? d.GetString() : null);
        var used = Operations(root).SelectMany(o => o.Operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)).ToHashSet();
        Assert.NotEmpty(used);
        Assert.All(used, tag => Assert.False(string.IsNullOrWhiteSpace(described.GetValueOrDefault(tag)), $"tag {tag} has no description"));

        // The address it was fetched from, with no trailing slash (paths start with one).
        Assert.Equal([OpenApiTools.PublicAddress.ToString().TrimEnd('/')], root.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()));

        // The calendar is text, so a generated client returns its body.
        var ics = root.GetProperty("paths").GetProperty("/api/v1/bookings/{id}/ics").GetProperty("get").GetProperty("responses").GetProperty("200");
        Assert.Equal("string", ics.GetProperty("content").GetProperty("text/calendar").GetProperty("schema").GetProperty("type").GetString());
    }

    [Fact]
    public async Task CustomTenantResolution_LeavesTheXTenantHeaderOut()
    {
        // With strategies of the host's own, the document cannot know which header (if any) names the tenant.
        await using var custom = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.Replace(ServiceDescriptor.Singleton(new TenantStrategyList([_ => new RouteTenantStrategy("tenant")])))));
        using var doc = JsonDocument.Parse(await OpenApiTools.GetDocumentAsync(custom));
        Assert.False(doc.RootElement.GetProperty("components").TryGetProperty("parameters", out var parameters) && parameters.TryGetProperty("tenant", out _));
        Assert.DoesNotContain("#/components/parameters/tenant", doc.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.True(doc.RootElement.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
    }

    [Fact]
    public async Task Redocly_RecommendedRules_PassWithNoErrorOrWarning()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        await OpenApiTools.EnsureLinterInstalledAsync(timeout.Token);
        using var temp = new TempFolder("bookmeatoz-openapi-lint");
        var file = Path.Combine(temp.Path, "v1.json");
        await File.WriteAllTextAsync(file, await OpenApiTools.GetDocumentAsync(factory), timeout.Token);

        var cli = Path.Combine(OpenApiTools.LintFolder, "node_modules", "@redocly", "cli", "bin", "cli.js");
        var lint = await OpenApiTools.RunAsync(
            "node", [cli, "lint", "--config", Path.Combine(OpenApiTools.LintFolder, "redocly.yaml"), "--format=json", file],
            OpenApiTools.LintFolder, TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" },
            timeout.Token);

        using var report = TryParse(lint.StandardOutput);
        var totals = report?.RootElement.GetProperty("totals");
        var summary = totals is { } t ? $"{t.GetProperty("errors").GetInt32()} errors, {t.GetProperty("warnings").GetInt32()} warnings" : "no report";
        output.WriteLine($"redocly lint (recommended): {summary}, exit {lint.ExitCode}, {lint.Elapsed.TotalSeconds:F1} s");
        var problems = report is null ? lint.Output : Describe(report.RootElement.GetProperty("problems"));
        Assert.True(lint.ExitCode == 0, $"redocly lint failed (exit {lint.ExitCode}, {summary}):\n{problems}\n{lint.StandardError}");
        Assert.True(totals is { } ok && ok.GetProperty("errors").GetInt32() == 0 && ok.GetProperty("warnings").GetInt32() == 0,
            $"redocly lint: {summary}:\n{problems}");
    }

    private static JsonDocument? TryParse(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        try
        {
            return start < 0 ? null : JsonDocument.Parse(text[start..]);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(JsonElement problems)
    {
        var text = new StringBuilder();
        foreach (var problem in problems.EnumerateArray())
        {
            var where = problem.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString()).FirstOrDefault();
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{problem.GetProperty("severity").GetString()} {problem.GetProperty("ruleId").GetString()} at {where}: {problem.GetProperty("message").GetString()}");
        }

        return text.ToString();
    }
}
