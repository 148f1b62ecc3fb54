using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BookMeAtOz.Auth;
using BookMeAtOz.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BookMeAtOz.Fuzz.Tests;

/// <summary>
/// The reference host through the real pipeline, with rate limits out of the way (the fuzzer measures validation, not
/// throttling), long-lived access tokens (a long run outlasts the default 15 minutes) and a cheap password hash.
/// </summary>
public abstract class FuzzHost : WebApplicationFactory<Program>
{
    public const string SigningKey = "fuzz-signing-key-0123456789-abcdefghijklmnop";

    /// <summary>The store's name in reports: <c>memory</c> or <c>postgres</c>.</summary>
    public abstract string StoreName { get; }

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["BookMeAtOz:Jwt:SigningKey"] = SigningKey,
        ["BookMeAtOz:Jwt:AccessTokenLifetime"] = "1.00:00:00",
        ["BookMeAtOz:Tenancy:RootDomains"] = "bookmeatoz.test",
        ["BookMeAtOz:RateLimiting:SignIn:PermitLimit"] = "1000000",
        ["BookMeAtOz:RateLimiting:SignUp:PermitLimit"] = "1000000",
        ["BookMeAtOz:RateLimiting:Bookings:PermitLimit"] = "1000000",
        ["BookMeAtOz:RateLimiting:Holds:PermitLimit"] = "1000000",
        // Lapsed holds are marked expired by a background sweeper; within a run it would change rows between the
        // snapshots around a request (a hold made earlier lapsing), so it sweeps only at start.
        ["BookMeAtOz:Holds:SweepInterval"] = "01:00:00",
        ["BookMeAtOz:Demo:Seed"] = "false",
        // Calendars can be connected (to public addresses only: the fuzzer's never sync anywhere).
        ["BookMeAtOz:CalendarSync:EncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        // Thousands of request log lines would drown the test output; warnings and errors still show.
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
            services.AddTransient<IStartupFilter, ClientIpStartupFilter>();

            // The waitlist offers freed time to waiting customers in the background, after the change that freed it: an
            // offer (a hold, a booking row) could land between the snapshots around a later, refused request. Like the
            // hold sweeper above, it does not run here; the waitlist's own tests cover it.
            foreach (var descriptor in services.Where(d => d.ImplementationFactory?.Method.ReturnType.Name == "WaitlistProcessor").ToList())
            {
                services.Remove(descriptor);
            }
        });
    }

    /// <summary>
    /// A fingerprint of the business data (tenants, users without last-used times, services, staff, schedules, time off,
    /// bookings) of the tenants with these ids or slugs, and of the users with these e-mail addresses.
    /// </summary>
    public abstract Task<string> SnapshotAsync(IReadOnlyCollection<Guid> tenantIds, IReadOnlyCollection<string> slugs, IReadOnlyCollection<string> emails);

    /// <summary>Every request comes from one fixed client address (TestServer gives none).</summary>
    private sealed class ClientIpStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.77");
                await nextMiddleware();
            });
            next(app);
        };
    }

    protected static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>The reference host on the in-memory store; snapshots read back through the stores' public interfaces.</summary>
public sealed class MemoryFuzzHost : FuzzHost
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override string StoreName => "memory";

    public override async Task<string> SnapshotAsync(IReadOnlyCollection<Guid> tenantIds, IReadOnlyCollection<string> slugs, IReadOnlyCollection<string> emails)
    {
        var store = Services.GetRequiredService<IBookingStore>();
        var users = Services.GetRequiredService<IUserStore>();
        var ct = CancellationToken.None;
        var ids = new SortedSet<Guid>(tenantIds);
        foreach (var slug in slugs)
        {
            if (await store.FindTenantBySlugAsync(slug, ct) is { } found)
            {
                ids.Add(found.Id);
            }
        }

        var text = new StringBuilder();
        foreach (var id in ids)
        {
            var tenant = await store.FindTenantAsync(id, ct);
            text.Append(JsonSerializer.Serialize(tenant, Json)).Append('\n');
            if (tenant is null)
            {
                continue;
            }

            text.Append(JsonSerializer.Serialize(await store.ListServicesAsync(id, ct), Json)).Append('\n');
            var staff = await store.ListStaffAsync(id, ct);
            text.Append(JsonSerializer.Serialize(staff, Json)).Append('\n');
            foreach (var member in staff)
            {
                text.Append(JsonSerializer.Serialize(await store.GetScheduleAsync(id, member.Id, ct), Json)).Append('\n');
                text.Append(JsonSerializer.Serialize(await store.ListTimeOffAsync(id, member.Id, ct), Json)).Append('\n');
            }

            var bookings = await store.ListBookingsAsync(
                new BookingQuery(id, new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2300, 1, 1, 0, 0, 0, TimeSpan.Zero), null, null, null, 100_000), ct);
            text.Append(JsonSerializer.Serialize(bookings, Json)).Append('\n');
            foreach (var email in emails)
            {
                text.Append(JsonSerializer.Serialize(await users.FindUserByEmailAsync(id, email, ct), Json)).Append('\n');
            }
        }

        return Hash(text.ToString());
    }
}

/// <summary>
/// The reference host on PostgreSQL, in a database of its own (on the server named by <c>BOOKMEATOZ_TEST_PG</c>),
/// dropped afterwards. Snapshots are SQL over the business tables through the test's admin connection, one tenant at a
/// time (row-level security is forced, also for the tables' owner).
/// </summary>
public sealed class PostgresFuzzHost : FuzzHost
{
    /// <summary>The business tables; idempotency records, refresh tokens, the outbox and notifications are not.</summary>
    private static readonly string[] BusinessTables =
        ["tenants", "users", "staff", "staff_schedules", "time_off", "services", "service_staff", "sessions", "bookings"];

    private readonly string _database = "bookmeatoz_fuzz_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private NpgsqlDataSource? _admin;
    private string? _snapshotSql;

    public override string StoreName => "postgres";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("BOOKMEATOZ_TEST_PG") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("BOOKMEATOZ_TEST_PG is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");

    public string ConnectionString => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = _database }.ConnectionString;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["ConnectionStrings:BookMeAtOz"] = ConnectionString;
            return settings;
        }
    }

    /// <summary>
    /// One query over every column of every row of the business tables of the tenant set for the transaction, minus
    /// last-used times (a refused sign-in may still touch them). The tables' columns are read once, after migration.
    /// </summary>
    private static async Task<string> SnapshotSqlAsync(NpgsqlConnection connection)
    {
        var skipped = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var columns = new NpgsqlCommand(
            "SELECT table_name::text, column_name::text FROM information_schema.columns WHERE table_schema = 'bookmeatoz' AND column_name LIKE '%last_used%'",
            connection))
        await using (var reader = await columns.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                (skipped.TryGetValue(reader.GetString(0), out var list) ? list : skipped[reader.GetString(0)] = []).Add(reader.GetString(1));
            }
        }

        var union = string.Join(" UNION ALL ", BusinessTables.Select(t =>
            $"SELECT '{t}' AS t, (to_jsonb(r) - ARRAY[{string.Join(", ", skipped.GetValueOrDefault(t, []).Select(c => $"'{c}'"))}]::text[])::text AS row FROM bookmeatoz.{t} r"));
        return $"SELECT coalesce(string_agg(t || ':' || row, E'\\n' ORDER BY t, row), '') FROM ({union}) x";
    }

    public async Task CreateDatabaseAsync()
    {
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
        await create.ExecuteNonQueryAsync();
        _admin = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DropDatabaseAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public override async Task<string> SnapshotAsync(IReadOnlyCollection<Guid> tenantIds, IReadOnlyCollection<string> slugs, IReadOnlyCollection<string> emails)
    {
        await using var connection = await _admin!.OpenConnectionAsync();
        var ids = new SortedSet<Guid>(tenantIds);
        // (PostgreSQL text holds no U+0000, so no tenant can have such a slug; the parameter would be refused.)
        foreach (var slug in slugs.Where(s => !s.Contains('\0', StringComparison.Ordinal)))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var find = new NpgsqlCommand(
                "SELECT set_config('bookmeatoz.tenant_slug', @slug, true); SELECT tenant_id FROM bookmeatoz.tenants WHERE slug = @slug", connection, transaction);
            find.Parameters.AddWithValue("slug", slug);
            await using (var reader = await find.ExecuteReaderAsync())
            {
                await reader.NextResultAsync();
                while (await reader.ReadAsync())
                {
                    ids.Add(reader.GetGuid(0));
                }
            }

            await transaction.RollbackAsync();
        }

        _snapshotSql ??= await SnapshotSqlAsync(connection);
        var text = new StringBuilder();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var id in ids)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('bookmeatoz.tenant_id', $1, true)") { Parameters = { new() { Value = id.ToString() } } });
                batch.BatchCommands.Add(new NpgsqlBatchCommand(_snapshotSql));
            }

            if (ids.Count > 0)
            {
                await using var reader = await batch.ExecuteReaderAsync();
                foreach (var id in ids)
                {
                    await reader.NextResultAsync();
                    await reader.ReadAsync();
                    text.Append(id).Append('\n').Append(reader.GetString(0)).Append('\n');
                    await reader.NextResultAsync();
                }
            }

            await transaction.RollbackAsync();
        }

        return Hash(text.ToString());
    }
}
