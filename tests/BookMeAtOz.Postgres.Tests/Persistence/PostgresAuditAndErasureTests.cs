using BookMeAtOz.Audit;
using BookMeAtOz.Bookings;
using BookMeAtOz.Customers;
using BookMeAtOz.Persistence;
using BookMeAtOz.PostgreSql;
using BookMeAtOz.Tests.Postgres.Support;
using BookMeAtOz.Testing;
using Npgsql;

namespace BookMeAtOz.Tests.Postgres.Persistence;

/// <summary>
/// The audit of booking changes on PostgreSQL (a trigger, in the transaction of the change), and erasure reaching every
/// table: checked with hand-written SQL on the application role.
/// </summary>
public sealed class PostgresAuditAndErasureTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly PostgresBookingStore _store = database.CreateStore();

    private static async Task<long> AuditRowsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid tenantId, Guid bookingId)
    {
        await using var command = new NpgsqlCommand(
            "SELECT set_config('bookmeatoz.tenant_id', @t, true); SELECT count(*) FROM bookmeatoz.audit_log WHERE entity_id = @b", connection, transaction);
        command.Parameters.AddWithValue("t", tenantId.ToString());
        command.Parameters.AddWithValue("b", bookingId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }

    private static async Task InsertBookingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Booking b)
    {
        await using var command = new NpgsqlCommand("""
            SELECT set_config('bookmeatoz.tenant_id', @tenant::text, true);
            INSERT INTO bookmeatoz.bookings (tenant_id, booking_id, service_id, staff_id, starts_at, ends_at, buffer_before_minutes,
                buffer_after_minutes, blocked_start, blocked_end, status, customer_name, customer_email, created_at, manage_token_hash)
            VALUES (@tenant, @id, @service, @staff, @start, @end, 0, 0, @start, @end, 'confirmed', 'Rolled Back', 'rb@example.com', @start, '\x00');
            """, connection, transaction);
        command.Parameters.AddWithValue("tenant", b.TenantId);
        command.Parameters.AddWithValue("id", b.Id);
        command.Parameters.AddWithValue("service", b.ServiceId);
        command.Parameters.AddWithValue("staff", b.StaffId);
        command.Parameters.AddWithValue("start", b.Start.ToUniversalTime());
        command.Parameters.AddWithValue("end", b.End.ToUniversalTime());
        await command.ExecuteNonQueryAsync();
    }

    [ServerFact]
    public async Task BookingWrites_AreAuditedInTheirTransaction_WithTheAmbientActor_AndRefusedWritesRecordNothing()
    {
        var seeded = await Seed.TenantAsync(_store);
        var userId = Guid.NewGuid();
        var booking = TestData.Booking(seeded.Tenant, seeded.Service, seeded.Staff[0].Id, TestData.Now.AddDays(3));
        using (AuditActor.Begin(AuditActor.User(userId)))
        {
            Assert.NotNull((await _store.CreateBookingAsync(new CreateBookingCommand([booking], 1, null), CancellationToken.None)).Booking);
            // The same time again: refused by the exclusion constraint, so no row and no entry.
            var clash = booking with { Id = Guid.NewGuid() };
            Assert.Null((await _store.CreateBookingAsync(new CreateBookingCommand([clash], 1, null), CancellationToken.None)).Booking);
            await using var connection = await database.OpenAppAsync();
            Assert.Equal(0L, await AuditRowsAsync(connection, null, seeded.Tenant.Id, clash.Id));
        }

        var audit = new PostgresAuditStore(database.Sources);
        var entry = Assert.Single(await audit.ListAsync(new AuditQuery(seeded.Tenant.Id, booking.Id, null, null, null, null, 10), CancellationToken.None));
        Assert.Equal((AuditActions.BookingCreated, AuditActors.User, (Guid?)userId), (entry.Action, entry.ActorType, entry.ActorId));
        Assert.Null(entry.Before);

        // The trigger's snapshot is the one the in-memory store writes (BookingAudit.Snapshot), field for field.
        var stored = await _store.FindBookingAsync(seeded.Tenant.Id, booking.Id, CancellationToken.None);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(BookingAudit.Snapshot(stored!)), System.Text.Json.Nodes.JsonNode.Parse(entry.After!)), entry.After);
    }

    [ServerFact]
    public async Task AFailureAfterTheBookingWrite_RollsBackTheBookingAndItsAuditEntryTogether()
    {
        var seeded = await Seed.TenantAsync(_store);
        var booking = TestData.Booking(seeded.Tenant, seeded.Service, seeded.Staff[0].Id, TestData.Now.AddDays(4));
        await using var connection = await database.OpenAppAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await InsertBookingAsync(connection, transaction, booking);
            Assert.Equal(1L, await AuditRowsAsync(connection, transaction, seeded.Tenant.Id, booking.Id));
            await using var failing = new NpgsqlCommand("SELECT 1 / 0", connection, transaction);
            await Assert.ThrowsAsync<PostgresException>(() => failing.ExecuteNonQueryAsync());
            await transaction.RollbackAsync();
        }

        Assert.Null(await _store.FindBookingAsync(seeded.Tenant.Id, booking.Id, CancellationToken.None));
        Assert.Equal(0L, await AuditRowsAsync(connection, null, seeded.Tenant.Id, booking.Id));
    }

    // The snapshots' instants are written by SQL (migration 0013) and by BookingAudit.Instant for the in-memory store: the
    // same text for every instant, whatever the session's DateStyle and time zone.
    [ServerFact]
    public async Task AuditInstants_AreWrittenAlike_ByPostgreSqlAndByBookingAudit()
    {
        DateTimeOffset[] instants =
        [
            new(2027, 4, 4, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2027, 4, 4, 2, 30, 0, TimeSpan.FromHours(10)).AddTicks(2_500_000),
            new DateTimeOffset(2026, 10, 4, 16, 0, 59, TimeSpan.Zero).AddTicks(10),
            new DateTimeOffset(2099, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990),
            new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1_234_560),
        ];
        await using var connection = await database.OpenAppAsync();
        await TestDatabase.Exec(connection, "SET DateStyle = 'SQL, DMY'; SET TimeZone = 'Australia/Lord_Howe'");
        foreach (var instant in instants)
        {
            await using var command = new NpgsqlCommand("SELECT bookmeatoz.audit_instant(@at)", connection);
            command.Parameters.AddWithValue("at", instant.ToUniversalTime());
            Assert.Equal(BookingAudit.Instant(instant), (string?)await command.ExecuteScalarAsync());
        }

        await using var none = new NpgsqlCommand("SELECT bookmeatoz.audit_instant(NULL)", connection);
        Assert.Equal(DBNull.Value, await none.ExecuteScalarAsync());
    }

    [ServerFact]
    public async Task TheApplicationRole_CannotRewriteAuditEntries_NorScrubAnEntryOfABookingThatIsNotErased()
    {
        var seeded = await Seed.TenantAsync(_store);
        var booking = TestData.Booking(seeded.Tenant, seeded.Service, seeded.Staff[0].Id, TestData.Now.AddDays(5));
        await _store.CreateBookingAsync(new CreateBookingCommand([booking], 1, null), CancellationToken.None);
        await using var connection = await database.OpenAppAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await TestDatabase.Exec(connection, $"SELECT set_config('bookmeatoz.tenant_id', '{seeded.Tenant.Id}', true)");
        Assert.Equal(0, await TestDatabase.Exec(connection, "UPDATE bookmeatoz.audit_log SET action = 'forged'"));
        Assert.Equal(0, await TestDatabase.Exec(connection, "DELETE FROM bookmeatoz.audit_log"));
        Assert.Equal(0, await TestDatabase.Scalar<int>(connection, $"SELECT bookmeatoz.erase_booking_audit('{seeded.Tenant.Id}', ARRAY['{booking.Id}'::uuid])"));
        await Assert.ThrowsAsync<PostgresException>(() =>
            TestDatabase.Scalar<int>(connection, $"SELECT bookmeatoz.erase_booking_audit('{Guid.NewGuid()}', ARRAY['{booking.Id}'::uuid])"));
    }

    [ServerFact]
    public async Task Erase_LeavesTheAddressInNoTableOfTheTenant()
    {
        var seeded = await Seed.TenantAsync(_store);
        var email = $"erase-{Guid.NewGuid():N}@example.com";
        var customer = new Customer("Frank Findable", email, "+61 411 000 111");
        var first = TestData.Booking(seeded.Tenant, seeded.Service, seeded.Staff[0].Id, TestData.Now.AddDays(6)) with { Customer = customer, Notes = "Frank's note" };
        var second = TestData.Booking(seeded.Tenant, seeded.Service, seeded.Staff[0].Id, TestData.Now.AddDays(7)) with { Customer = customer with { Email = email.ToUpperInvariant() } };
        var key = new IdempotencyEntry(seeded.Tenant.Id, "k-" + Guid.NewGuid(), "f", TestData.Now.AddDays(1),
            b => $$"""{"id":"{{b!.Id}}","customer":{"name":"{{b.Customer.Name}}","email":"{{b.Customer.Email}}","phone":null},"notes":"Frank's note"}""");
        await _store.CreateBookingAsync(new CreateBookingCommand([first], 1, key), CancellationToken.None);
        await _store.CreateBookingAsync(new CreateBookingCommand([second], 1, null), CancellationToken.None);
        await _store.CancelBookingAsync(seeded.Tenant.Id, second.Id, TestData.Now, "Frank cancelled", CancellationToken.None);

        var erasure = await _store.EraseCustomerAsync(seeded.Tenant.Id, email, TestData.Now, CancellationToken.None);
        Assert.NotNull(erasure);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), erasure.BookingIds.Order());
        Assert.Null(await _store.EraseCustomerAsync(seeded.Tenant.Id, email, TestData.Now, CancellationToken.None));

        await using var connection = await database.OpenAppAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await TestDatabase.Exec(connection, $"SELECT set_config('bookmeatoz.tenant_id', '{seeded.Tenant.Id}', true)");
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'bookmeatoz'
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' WHERE c.relkind = 'r'
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("audit_log", tables);
        Assert.Contains("idempotency_keys", tables);
        foreach (var table in tables)
        {
            foreach (var personal in new[] { email, "Frank Findable", "411 000 111", "Frank's note", "Frank cancelled" })
            {
                var found = await TestDatabase.Scalar<long>(connection,
                    $"SELECT count(*) FROM bookmeatoz.{table} t WHERE strpos(lower(t::text), lower('{personal.Replace("'", "''", StringComparison.Ordinal)}')) > 0");
                Assert.True(found == 0, $"{table} still holds '{personal}'");
            }
        }

        // The bookings are kept, and their audit entries name the placeholder.
        Assert.Equal(2L, await TestDatabase.Scalar<long>(connection, $"SELECT count(*) FROM bookmeatoz.bookings WHERE customer_email = '{erasure.Placeholder}'"));
        Assert.True(await TestDatabase.Scalar<long>(connection, $"SELECT count(*) FROM bookmeatoz.audit_log WHERE after->'customer'->>'email' = '{erasure.Placeholder}'") >= 2);
    }
}
