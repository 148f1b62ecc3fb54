using System.Net;
using System.Text.Json;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;
using Npgsql;

namespace BookMeAtOz.AspNetCore.Tests.Audit;

/// <summary>The audit of catalog changes (services, staff, schedules, time off, closures) and of the tenant's settings, on both stores.</summary>
public abstract class CatalogAuditTests(ApiFactory factory)
{
    protected ApiFactory Factory => factory;

    protected static async Task<IReadOnlyList<AuditEntryResponse>> AuditAsync(TestTenant t, Guid entity) =>
        (await (await t.Owner.GetAsync($"/api/v1/audit?entity={entity}")).ReadAsync<PageResponse<AuditEntryResponse>>()).Items;

    private static void ByOwner(TestTenant t, AuditEntryResponse e, string entity, Guid entityId, string action)
    {
        Assert.Equal((action, entity, entityId, "user", (Guid?)t.OwnerAuth.User.Id), (e.Action, e.Entity, e.EntityId, e.ActorType, e.ActorId));
    }

    [ServerFact]
    public async Task ServiceChanges_AreAudited_WithBeforeAndAfter()
    {
        var t = await TestTenant.CreateAsync(factory);
        var service = await t.AddServiceAsync([], name: "Cut");
        (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { priceCents = 9900, name = "Trim" })).EnsureSuccessStatusCode();
        (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { priceCents = 9900 })).EnsureSuccessStatusCode(); // no change
        await (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { durationMinutes = -5 }))
            .ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);
        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/services/{service.Id}")).StatusCode);

        var entries = await AuditAsync(t, service.Id);
        Assert.Equal(["service.deleted", "service.updated", "service.created"], entries.Select(e => e.Action));
        ByOwner(t, entries[2], "service", service.Id, "service.created");
        Assert.Equal(JsonValueKind.Null, entries[2].Before.ValueKind);
        Assert.Equal(("Cut", 5000), (entries[2].After.GetProperty("name").GetString(), entries[2].After.GetProperty("priceCents").GetInt32()));
        ByOwner(t, entries[1], "service", service.Id, "service.updated");
        Assert.Equal(("Cut", 5000), (entries[1].Before.GetProperty("name").GetString(), entries[1].Before.GetProperty("priceCents").GetInt32()));
        Assert.Equal(("Trim", 9900), (entries[1].After.GetProperty("name").GetString(), entries[1].After.GetProperty("priceCents").GetInt32()));
        ByOwner(t, entries[0], "service", service.Id, "service.deleted");
        Assert.Equal("Trim", entries[0].Before.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, entries[0].After.ValueKind);
    }

    [ServerFact]
    public async Task AServicesStaffListQuestionsAndLocation_AreInItsSnapshots_SoAChangeOfThemAloneIsAudited()
    {
        var t = await TestTenant.CreateAsync(factory);
        var robin = await t.AddStaffAsync("Robin");
        var sam = await t.AddStaffAsync("Sam");
        var service = await t.AddServiceAsync([robin.Id], name: "Cut");
        (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { staffIds = new[] { sam.Id, robin.Id } })).EnsureSuccessStatusCode();
        (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new
        {
            questions = new object[] { new { label = "Hair length", type = "choice", required = true, choices = new[] { "Short", "Long" } } },
        })).EnsureSuccessStatusCode();
        (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { location = new { kind = "video", url = "https://meet.example/cut" } }))
            .EnsureSuccessStatusCode();
        (await t.Owner.PatchJsonAsync($"/api/v1/services/{service.Id}", new { staffIds = new[] { sam.Id, robin.Id } })).EnsureSuccessStatusCode(); // no change

        var entries = await AuditAsync(t, service.Id);
        Assert.Equal(["service.updated", "service.updated", "service.updated", "service.created"], entries.Select(e => e.Action));
        static Guid[] Staff(JsonElement snapshot) => [.. snapshot.GetProperty("staffIds").EnumerateArray().Select(e => e.GetGuid())];
        Assert.Equal([robin.Id], Staff(entries[3].After));
        Assert.Equal([robin.Id], Staff(entries[2].Before));
        Assert.Equal([sam.Id, robin.Id], Staff(entries[2].After));
        Assert.Equal(0, entries[1].Before.GetProperty("questions").GetArrayLength());
        var question = entries[1].After.GetProperty("questions")[0];
        Assert.Equal(("Hair length", "choice", true, "Long"), (question.GetProperty("label").GetString(), question.GetProperty("type").GetString(),
            question.GetProperty("required").GetBoolean(), question.GetProperty("choices")[1].GetString()));
        Assert.Equal(JsonValueKind.Null, entries[0].Before.GetProperty("location").ValueKind);
        Assert.Equal(("video", "https://meet.example/cut"), (entries[0].After.GetProperty("location").GetProperty("kind").GetString(),
            entries[0].After.GetProperty("location").GetProperty("url").GetString()));
        Assert.Equal([sam.Id, robin.Id], Staff(entries[0].After));
    }

    [ServerFact]
    public async Task StaffScheduleAndTimeOffChanges_AreAudited()
    {
        var t = await TestTenant.CreateAsync(factory);
        var staff = await t.AddStaffAsync("Robin"); // created, then its schedule set
        (await t.Owner.PatchJsonAsync($"/api/v1/staff/{staff.Id}", new { name = "Robyn", maxBookingsPerDay = 4 })).EnsureSuccessStatusCode();
        IntervalDto[] morning = [new("08:00", "12:00")];
        (await t.Owner.PutJsonAsync($"/api/v1/staff/{staff.Id}/schedule",
            new ScheduleDto(new WeeklyHoursDto(morning, [], [], [], [], [], []), []))).EnsureSuccessStatusCode();
        var start = new DateTimeOffset(2031, 3, 4, 0, 0, 0, TimeSpan.Zero);
        var timeOff = await (await t.Owner.PostJsonAsync($"/api/v1/staff/{staff.Id}/time-off", new TimeOffRequest(start, start.AddDays(2), "Leave")))
            .ReadAsync<TimeOffResponse>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/staff/{staff.Id}/time-off/{timeOff.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/staff/{staff.Id}")).StatusCode);

        var entries = await AuditAsync(t, staff.Id);
        Assert.Equal(["staff.deleted", "schedule.updated", "staff.updated", "schedule.updated", "staff.created"], entries.Select(e => e.Action));
        ByOwner(t, entries[4], "staff", staff.Id, "staff.created");
        Assert.Equal("Robin", entries[4].After.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, entries[3].Before.ValueKind);
        Assert.Equal("09:00", entries[3].After.GetProperty("weekly").GetProperty("sunday")[0].GetProperty("start").GetString());
        ByOwner(t, entries[2], "staff", staff.Id, "staff.updated");
        Assert.Equal(("Robin", "Robyn", 4), (entries[2].Before.GetProperty("name").GetString(), entries[2].After.GetProperty("name").GetString(),
            entries[2].After.GetProperty("maxBookingsPerDay").GetInt32()));
        ByOwner(t, entries[1], "schedule", staff.Id, "schedule.updated");
        Assert.Equal("09:00", entries[1].Before.GetProperty("weekly").GetProperty("monday")[0].GetProperty("start").GetString());
        Assert.Equal("08:00", entries[1].After.GetProperty("weekly").GetProperty("monday")[0].GetProperty("start").GetString());
        Assert.False(entries[1].After.GetProperty("weekly").TryGetProperty("tuesday", out var tuesday) && tuesday.GetArrayLength() > 0);
        ByOwner(t, entries[0], "staff", staff.Id, "staff.deleted");
        Assert.Equal(JsonValueKind.Null, entries[0].After.ValueKind);

        var timeOffEntries = await AuditAsync(t, timeOff.Id);
        Assert.Equal(["time_off.removed", "time_off.added"], timeOffEntries.Select(e => e.Action));
        ByOwner(t, timeOffEntries[1], "time_off", timeOff.Id, "time_off.added");
        Assert.Equal((start, "Leave", staff.Id), (timeOffEntries[1].After.GetProperty("start").GetDateTimeOffset(),
            timeOffEntries[1].After.GetProperty("reason").GetString(), timeOffEntries[1].After.GetProperty("staffId").GetGuid()));
        Assert.Equal(JsonValueKind.Null, timeOffEntries[1].Before.ValueKind);
        Assert.Equal(start.AddDays(2), timeOffEntries[0].Before.GetProperty("end").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, timeOffEntries[0].After.ValueKind);
    }

    [ServerFact]
    public async Task ResourceChanges_AreAudited_WithBeforeAndAfter()
    {
        var t = await TestTenant.CreateAsync(factory);
        var room = await (await t.Owner.PostJsonAsync("/api/v1/resources", new ResourceRequest("Room", "room", 2, true)))
            .ReadAsync<ResourceResponse>(HttpStatusCode.Created);
        (await t.Owner.PatchJsonAsync($"/api/v1/resources/{room.Id}", new { quantity = 3, name = "Big room" })).EnsureSuccessStatusCode();
        (await t.Owner.PatchJsonAsync($"/api/v1/resources/{room.Id}", new { quantity = 3 })).EnsureSuccessStatusCode(); // no change
        await (await t.Owner.PatchJsonAsync($"/api/v1/resources/{room.Id}", new { quantity = 0 }))
            .ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);
        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/resources/{room.Id}")).StatusCode);

        var entries = await AuditAsync(t, room.Id);
        Assert.Equal(["resource.deleted", "resource.updated", "resource.created"], entries.Select(e => e.Action));
        ByOwner(t, entries[2], "resource", room.Id, "resource.created");
        Assert.Equal(JsonValueKind.Null, entries[2].Before.ValueKind);
        static (string?, string?, int, bool) Fields(JsonElement e) => (e.GetProperty("name").GetString(), e.GetProperty("kind").GetString(),
            e.GetProperty("quantity").GetInt32(), e.GetProperty("active").GetBoolean());
        Assert.Equal(("Room", "room", 2, true), Fields(entries[2].After));
        Assert.Equal(room.Id, entries[2].After.GetProperty("id").GetGuid());
        ByOwner(t, entries[1], "resource", room.Id, "resource.updated");
        Assert.Equal(("Room", "room", 2, true), Fields(entries[1].Before));
        Assert.Equal(("Big room", "room", 3, true), Fields(entries[1].After));
        ByOwner(t, entries[0], "resource", room.Id, "resource.deleted");
        Assert.Equal(("Big room", "room", 3, true), Fields(entries[0].Before));
        Assert.Equal(JsonValueKind.Null, entries[0].After.ValueKind);
    }

    [ServerFact]
    public async Task ClosureAndTenantSettingChanges_AreAudited()
    {
        var t = await TestTenant.CreateAsync(factory);
        var day = new DateOnly(2031, 12, 25);
        var closure = await (await t.Owner.PostJsonAsync("/api/v1/closures", new ClosureRequest(day, day.AddDays(1), "Christmas")))
            .ReadAsync<ClosureCreatedResponse>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await t.Owner.DeleteAsync($"/api/v1/closures/{closure.Id}")).StatusCode);
        var closures = await AuditAsync(t, closure.Id);
        Assert.Equal(["closure.removed", "closure.added"], closures.Select(e => e.Action));
        ByOwner(t, closures[1], "closure", closure.Id, "closure.added");
        Assert.Equal(("2031-12-25", "2031-12-26", "Christmas"), (closures[1].After.GetProperty("from").GetString(),
            closures[1].After.GetProperty("to").GetString(), closures[1].After.GetProperty("reason").GetString()));
        Assert.Equal("Christmas", closures[0].Before.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, closures[0].After.ValueKind);

        var oldName = t.Tenant.Name;
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { name = "Renamed", policy = new { maxReschedules = 3 } })).EnsureSuccessStatusCode();
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { name = "Renamed" })).EnsureSuccessStatusCode(); // no change
        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { currency = "dollars" })).ProblemAsync(HttpStatusCode.BadRequest, ApiProblemCodes.ValidationFailed);
        var settings = (await AuditAsync(t, t.Tenant.Id)).Where(e => e.Entity == "tenant").ToList();
        var tenant = settings[0]; // the newest; TestTenant's own setup PATCH is older, and the no-op and the refused one record nothing
        Assert.Single(settings, e => e.After.GetProperty("name").GetString() == "Renamed");
        ByOwner(t, tenant, "tenant", t.Tenant.Id, "tenant.updated");
        Assert.Equal((oldName, "Renamed"), (tenant.Before.GetProperty("name").GetString(), tenant.After.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, tenant.Before.GetProperty("policy").GetProperty("maxReschedules").ValueKind);
        Assert.Equal(3, tenant.After.GetProperty("policy").GetProperty("maxReschedules").GetInt32());
        Assert.Equal(t.Slug, tenant.After.GetProperty("slug").GetString());
    }
}

[Collection(ApiTests.Name)]
public sealed class InMemoryCatalogAuditTests(ApiFactory factory) : CatalogAuditTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresCatalogAuditTests(PostgresApiFactory factory) : CatalogAuditTests(factory)
{
    [ServerFact]
    public async Task AChangeRolledBack_LeavesNoAuditRow()
    {
        var t = await TestTenant.CreateAsync(factory);
        var service = await t.AddServiceAsync([], name: "Cut");
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var update = new NpgsqlCommand(
                "SELECT set_config('bookmeatoz.tenant_id', @tenant, true); UPDATE bookmeatoz.services SET name = 'Rolled back' WHERE tenant_id = @t AND service_id = @id",
                connection, transaction))
            {
                update.Parameters.AddWithValue("tenant", t.Tenant.Id.ToString());
                update.Parameters.AddWithValue("t", t.Tenant.Id);
                update.Parameters.AddWithValue("id", service.Id);
                await update.ExecuteNonQueryAsync();
            }

            await using (var count = new NpgsqlCommand(
                "SELECT count(*) FROM bookmeatoz.audit_log WHERE entity_id = @id AND action = 'service.updated'", connection, transaction))
            {
                count.Parameters.AddWithValue("id", service.Id);
                Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!); // written in the change's transaction
            }

            await transaction.RollbackAsync();
        }

        Assert.Equal(["service.created"], (await AuditAsync(t, service.Id)).Select(e => e.Action));
    }
}
