using System.Text.Json.Nodes;
using BookMeAtOz.Audit;
using BookMeAtOz.Auth;
using BookMeAtOz.Bookings;
using BookMeAtOz.Customers;
using BookMeAtOz.Notifications;
using BookMeAtOz.Persistence;
using BookMeAtOz.Persistence.InMemory;
using BookMeAtOz.Testing;
using Microsoft.Extensions.Time.Testing;

namespace BookMeAtOz.Core.Tests.Audit;

/// <summary>The audit mapping of booking changes and the in-memory store's entries; erasure's JSON scrubbing.</summary>
public sealed class BookingAuditTests
{
    private static Booking Booking(BookingStatus status = BookingStatus.Confirmed) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), TestData.At(10), TestData.At(11), 0, 0, status,
            new Customer("Jamie", "jamie@example.com", null), "Note", TestData.Now, null, null, [1, 2, 3]);

    [Fact]
    public void ActionFor_MapsEachTransition_AndIgnoresChangesOfOtherFields()
    {
        var b = Booking();
        Assert.Equal("booking.created", BookingAudit.ActionFor(null, b));
        Assert.Equal("booking.cancelled", BookingAudit.ActionFor(b, b with { Status = BookingStatus.Cancelled }));
        Assert.Equal("booking.rescheduled", BookingAudit.ActionFor(b, b with { Start = b.Start.AddHours(1) }));
        Assert.Equal("booking.rescheduled", BookingAudit.ActionFor(b, b with { StaffId = Guid.NewGuid() }));
        Assert.Null(BookingAudit.ActionFor(b, b with { Customer = new Customer("Erased customer", "x@erased.invalid", null) }));
        Assert.Null(BookingAudit.ActionFor(b, null));
        Assert.Equal(("confirmed", "cancelled"), (BookingAudit.StatusName(BookingStatus.Confirmed), BookingAudit.StatusName(BookingStatus.Cancelled)));
    }

    [Fact]
    public void Snapshot_HasThePublicFields_InUtc_AndNoTokenHash()
    {
        var b = Booking() with { CancelledAt = new DateTimeOffset(2027, 3, 1, 9, 0, 0, 500, TimeSpan.FromHours(11)) };
        var json = JsonNode.Parse(BookingAudit.Snapshot(b))!.AsObject();
        Assert.Equal(["id", "serviceId", "staffId", "start", "end", "status", "customer", "notes", "cancelledAt", "cancelReason"], json.Select(p => p.Key));
        Assert.Equal("2027-03-01T23:00:00Z", (string?)json["start"]);
        Assert.Equal("2027-02-28T22:00:00.5Z", (string?)json["cancelledAt"]);
        Assert.Equal("jamie@example.com", (string?)json["customer"]!["email"]);
    }

    [Fact]
    public async Task InMemoryStore_RecordsEveryAuditedChange_WithTheAmbientActor_AndNothingForRefusedWrites()
    {
        var clock = new FakeTimeProvider(TestData.Now);
        var users = new InMemoryUserStore();
        var store = new InMemoryBookingStore(clock, users);
        var tenant = TestData.Tenant();
        await store.CreateTenantAsync(tenant, CancellationToken.None);
        var staff = TestData.Staff(tenant);
        await store.CreateStaffAsync(staff, CancellationToken.None);
        var service = TestData.Service(tenant, [staff.Id]);
        await store.CreateServiceAsync(service, CancellationToken.None);
        var booking = TestData.Booking(tenant, service, staff.Id, TestData.At(10));
        var userId = Guid.NewGuid();

        using (AuditActor.Begin(AuditActor.User(userId)))
        {
            Assert.NotNull((await store.CreateBookingAsync(new CreateBookingCommand([booking], 1, null), CancellationToken.None)).Booking);
            Assert.Null((await store.CreateBookingAsync(new CreateBookingCommand([booking with { Id = Guid.NewGuid() }], 1, null), CancellationToken.None)).Booking);
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        using (AuditActor.Begin(AuditActor.Customer))
        {
            await store.RescheduleBookingAsync(new RescheduleCommand(tenant.Id, booking.Id, [booking with { Start = TestData.At(12), End = TestData.At(13) }], 1), CancellationToken.None);
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        await store.CancelBookingAsync(tenant.Id, booking.Id, TestData.Now, "Because", CancellationToken.None);
        await store.CancelBookingAsync(tenant.Id, booking.Id, TestData.Now, "Again", CancellationToken.None);

        var entries = await users.AuditLog.ListAsync(new AuditQuery(tenant.Id, booking.Id, null, null, null, null, 10), CancellationToken.None);
        Assert.Equal( // by the booking's id: the catalog set up for it is audited too (service.created, staff.created)
            [("booking.cancelled", "system", (Guid?)null), ("booking.rescheduled", "customer", null), ("booking.created", "user", userId)],
            entries.Select(e => (e.Action, e.ActorType, e.ActorId)));
        Assert.All(entries, e => Assert.Equal((booking.Id, "booking"), (e.EntityId, e.Entity)));
        Assert.Equal([TestData.Now.AddMinutes(2), TestData.Now.AddMinutes(1), TestData.Now], entries.Select(e => e.At));
        Assert.Equal("2027-03-01T23:00:00Z", (string?)JsonNode.Parse(entries[1].Before!)!["start"]);
        Assert.Equal("2027-03-02T01:00:00Z", (string?)JsonNode.Parse(entries[1].After!)!["start"]);
    }

    [Fact]
    public void Scrub_ReplacesTheCustomerOfMatchingObjects_AndTheAddressAnywhere_ButNothingElse()
    {
        const string json = """
            {"id":"1","customer":{"name":"Ann","email":"Ann@Example.com","phone":"1"},"notes":"n","answers":[{"value":"x"}],"cancelReason":"r",
             "other":{"customer":{"name":"Bob","email":"bob@example.com","phone":null},"notes":"keep"},"copy":"ann@example.com"}
            """;
        var scrubbed = JsonNode.Parse(CustomerErasure.Scrub(json, "ann@example.com", "erased-1@erased.invalid"))!;
        Assert.Equal(("Erased customer", "erased-1@erased.invalid", null), ((string?)scrubbed["customer"]!["name"], (string?)scrubbed["customer"]!["email"], (string?)scrubbed["customer"]!["phone"]));
        Assert.Equal((null, null, 0), ((string?)scrubbed["notes"], (string?)scrubbed["cancelReason"], scrubbed["answers"]!.AsArray().Count));
        Assert.Equal(("Bob", "keep"), ((string?)scrubbed["other"]!["customer"]!["name"], (string?)scrubbed["other"]!["notes"]));
        Assert.Equal("erased-1@erased.invalid", (string?)scrubbed["copy"]);
        Assert.Equal("made:ERASED", CustomerErasure.Scrub("made:ann@example.com", "ann@example.com", "ERASED"));
    }
}
