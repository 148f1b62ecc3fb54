using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace BookMeAtOz.Fuzz.Tests;

/// <summary>
/// The fuzzer's "a refusal changes nothing" check is only as good as its fingerprint: every kind of business change
/// the API can make must change it, on both stores, and reading must not.
/// </summary>
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class SnapshotTests
{
    [ServerFact]
    public async Task SnapshotAsync_EveryKindOfBusinessChange_ChangesTheFingerprint()
    {
        await using var memory = new MemoryFuzzHost();
        await using var postgres = new PostgresFuzzHost();
        await postgres.CreateDatabaseAsync();
        try
        {
            var calendar = new FuzzCalendar();
            foreach (var world in new[] { new FuzzWorld(memory), new FuzzWorld(postgres) })
            {
                await world.SeedAsync(calendar);
                var owner = world["A.owner.token"];
                var newEmail = "new-admin@fuzz-a.example";
                (HttpMethod Method, string Path, string? Token, string? Body, string? Email)[] changes =
                [
                    (HttpMethod.Patch, "/api/v1/tenant", owner, "{\"name\":\"Renamed\"}", null),
                    (HttpMethod.Patch, "/api/v1/tenant", owner, "{\"policy\":{\"maxAdvanceDays\":300}}", null),
                    (HttpMethod.Patch, $"/api/v1/services/{world["A.service1"]}", owner, "{\"priceCents\":6000}", null),
                    (HttpMethod.Post, "/api/v1/services", owner, $"{{\"name\":\"New\",\"durationMinutes\":30,\"staffIds\":[\"{world["A.staff1"]}\"]}}", null),
                    (HttpMethod.Delete, $"/api/v1/services/{world["A.service3"]}", owner, null, null),
                    (HttpMethod.Patch, $"/api/v1/staff/{world["A.staff1"]}", owner, "{\"name\":\"Renamed\"}", null),
                    (HttpMethod.Put, $"/api/v1/staff/{world["A.staff1"]}/schedule", owner, "{\"weekly\":{\"monday\":[{\"start\":\"10:00\",\"end\":\"12:00\"}]},\"overrides\":[]}", null),
                    (HttpMethod.Post, $"/api/v1/staff/{world["A.staff1"]}/time-off", owner, $"{{\"start\":\"{calendar.Instant(90, 9)}\",\"end\":\"{calendar.Instant(90, 10)}\"}}", null),
                    (HttpMethod.Delete, $"/api/v1/staff/{world["A.staff2"]}/time-off/{world["A.timeoff2"]}", owner, null, null),
                    (HttpMethod.Post, $"/api/v1/bookings/{world["A.booking1"]}/cancel", owner, "{}", null),
                    (HttpMethod.Post, "/api/v1/users", owner, $"{{\"name\":\"New\",\"email\":\"{newEmail}\",\"password\":\"{FuzzWorld.Password}\",\"role\":\"admin\"}}", newEmail),
                ];
                foreach (var (method, path, token, body, email) in changes)
                {
                    IReadOnlyCollection<string> emails = [.. world.Emails, .. email is null ? [] : new[] { email }];
                    var before = await world.Host.SnapshotAsync(world.TenantIds, [], emails);
                    await SendAsync(world, HttpMethod.Get, "/api/v1/services", owner, null);
                    Assert.Equal(before, await world.Host.SnapshotAsync(world.TenantIds, [], emails));
                    await SendAsync(world, method, path, token, body);
                    Assert.True(before != await world.Host.SnapshotAsync(world.TenantIds, [], emails), $"{world.Host.StoreName}: {method} {path} changed no fingerprint");
                }

                // A tenant signed up is seen through its slug, which is how the fuzzer asks after sign-ups.
                var slugBefore = await world.Host.SnapshotAsync([], ["fuzz-new"], []);
                await SendAsync(world, HttpMethod.Post, "/api/v1/tenants", null,
                    $"{{\"slug\":\"fuzz-new\",\"name\":\"New\",\"timeZone\":\"Australia/Sydney\",\"owner\":{{\"name\":\"O\",\"email\":\"o@fuzz-new.example\",\"password\":\"{FuzzWorld.Password}\"}}}}");
                Assert.NotEqual(slugBefore, await world.Host.SnapshotAsync([], ["fuzz-new"], []));
            }
        }
        finally
        {
            await memory.DisposeAsync();
            await postgres.DisposeAsync();
            await postgres.DropDatabaseAsync();
        }
    }

    private static async Task SendAsync(FuzzWorld world, HttpMethod method, string path, string? token, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (!path.EndsWith("/tenants", StringComparison.Ordinal))
        {
            request.Headers.Add("X-Tenant", "fuzz-a");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await world.Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{world.Host.StoreName}: {method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
