using System.Text.Json;
using BookMeAtOz.Audit;
using BookMeAtOz.Bookings;
using BookMeAtOz.Notifications;

namespace BookMeAtOz.Customers;

/// <summary>
/// A tenant's customer: everyone who booked with one e-mail address (compared case-insensitively), with the name and
/// phone of their latest booking, their bookings counted by status, and their latest booking (by start). Holds are not
/// bookings of a customer; erased customers are no longer customers (their bookings keep a placeholder address).
/// </summary>
/// <param name="Email">The address, as the latest booking gave it.</param>
/// <param name="Name">The name the latest booking gave.</param>
/// <param name="Phone">The phone the latest booking gave, if any.</param>
/// <param name="BookingCounts">How many bookings have each status (every status but <c>held</c>, zero included).</param>
/// <param name="LastBooking">The booking with the latest start.</param>
public sealed record CustomerSummary(string Email, string Name, string? Phone, IReadOnlyDictionary<string, int> BookingCounts, Booking LastBooking)
{
    /// <summary>The summary of one customer's bookings (at least one, all with the same address), as both stores compute it.</summary>
    /// <param name="bookings">The customer's bookings.</param>
    /// <returns>The summary.</returns>
    public static CustomerSummary Of(IReadOnlyCollection<Booking> bookings)
    {
        ArgumentNullException.ThrowIfNull(bookings);
        if (bookings.Count == 0)
        {
            throw new ArgumentException("A customer has at least one booking.", nameof(bookings));
        }

        var latest = bookings.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id).First();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var status in Enum.GetValues<BookingStatus>())
        {
            var name = BookingAudit.StatusName(status);
            if (name != "held")
            {
                counts[name] = 0;
            }
        }

        foreach (var b in bookings)
        {
            var name = BookingAudit.StatusName(b.Status);
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }

        return new CustomerSummary(
            latest.Customer.Email, latest.Customer.Name, latest.Customer.Phone, counts,
            bookings.OrderByDescending(b => b.Start).ThenByDescending(b => b.Id).First());
    }

    /// <summary>The key customers are found and ordered by: the address in lower case.</summary>
    /// <param name="email">An address.</param>
    /// <returns>The key.</returns>
    public static string Key(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.ToLowerInvariant();
    }

    /// <summary>Whether a booking is a customer's booking at all: not a hold (held, or released or lapsed as one), not erased.</summary>
    /// <param name="booking">The booking.</param>
    /// <returns>True for a customer's booking.</returns>
    public static bool IsCustomerBooking(Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return !booking.IsHold && !CustomerErasure.IsPlaceholder(booking.Customer.Email);
    }

    /// <summary>Whether one of the booking's name, address or phone contains <paramref name="search"/> (case-insensitively).</summary>
    /// <param name="booking">The booking.</param>
    /// <param name="search">The text looked for.</param>
    /// <returns>True when it matches.</returns>
    public static bool Matches(Booking booking, string search)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(search);
        return booking.Customer.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
            || booking.Customer.Email.Contains(search, StringComparison.OrdinalIgnoreCase)
            || (booking.Customer.Phone?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false);
    }
}

/// <summary>A page of customers: ordered by <see cref="CustomerSummary.Key"/> (ordinal), those after <paramref name="After"/>.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Search">Only customers with a booking whose name, address or phone contains this (case-insensitive).</param>
/// <param name="After">Keyset cursor: only customers whose key sorts after this.</param>
/// <param name="Limit">At most this many.</param>
public sealed record CustomerQuery(Guid TenantId, string? Search, string? After, int Limit);

/// <summary>Everything kept about one customer: their bookings (with answers), the audit entries about those bookings, and their notifications.</summary>
/// <param name="Customer">The customer.</param>
/// <param name="Bookings">Their bookings, latest start first.</param>
/// <param name="Audit">The audit entries about those bookings, newest first.</param>
/// <param name="Notifications">The notification records of those bookings, newest first.</param>
public sealed record CustomerExport(
    CustomerSummary Customer, IReadOnlyList<Booking> Bookings, IReadOnlyList<AuditEntry> Audit, IReadOnlyList<NotificationRecord> Notifications);

/// <summary>What an erasure did: the placeholder the bookings now carry, and which bookings.</summary>
/// <param name="Id">The erasure's id: the audit entry's entity and part of the placeholder.</param>
/// <param name="Placeholder">The non-deliverable address the bookings carry now.</param>
/// <param name="BookingIds">The erased bookings.</param>
public sealed record CustomerErasure(Guid Id, string Placeholder, IReadOnlyList<Guid> BookingIds)
{
    /// <summary>The name erased bookings carry.</summary>
    public const string ErasedName = "Erased customer";

    /// <summary>The domain of the placeholder addresses (<c>.invalid</c> is reserved: nothing is ever delivered there).</summary>
    public const string PlaceholderDomain = "erased.invalid";

    /// <summary>The placeholder address of erasure <paramref name="id"/>.</summary>
    /// <param name="id">The erasure.</param>
    /// <returns>The address.</returns>
    public static string PlaceholderFor(Guid id) => $"erased-{id:N}@{PlaceholderDomain}";

    /// <summary>Whether an address is an erasure's placeholder.</summary>
    /// <param name="email">The address.</param>
    /// <returns>True for a placeholder.</returns>
    public static bool IsPlaceholder(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.EndsWith("@" + PlaceholderDomain, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The booking with its personal fields replaced: name, address, phone, notes, answers, cancellation reason.</summary>
    /// <param name="booking">The booking.</param>
    /// <param name="placeholder">The placeholder address.</param>
    /// <returns>The erased booking.</returns>
    public static Booking Erase(Booking booking, string placeholder)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return booking with { Customer = new Customer(ErasedName, placeholder, null), Notes = null, CancelReason = null, Answers = [] };
    }

    /// <summary>
    /// A stored JSON document (an idempotency record's response, an audit snapshot) with the customer's data replaced: every
    /// object whose <c>customer.email</c> is <paramref name="email"/> (case-insensitive) gets the erased customer, and no
    /// notes, answers or cancellation reason; any other string equal to the address becomes the placeholder. Text that is not
    /// JSON comes back unchanged unless it contains the address, which is then replaced.
    /// </summary>
    /// <param name="json">The document.</param>
    /// <param name="email">The erased customer's address.</param>
    /// <param name="placeholder">The placeholder address.</param>
    /// <returns>The document without the customer's data.</returns>
    public static string Scrub(string json, string email, string placeholder)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(placeholder);
        System.Text.Json.Nodes.JsonNode? root;
        try
        {
            root = System.Text.Json.Nodes.JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return json.Replace(email, placeholder, StringComparison.OrdinalIgnoreCase);
        }

        if (root is null)
        {
            return json;
        }

        root = ScrubNode(root, email, placeholder);
        return root?.ToJsonString() ?? "null";
    }

    private static System.Text.Json.Nodes.JsonNode? ScrubNode(System.Text.Json.Nodes.JsonNode node, string email, string placeholder)
    {
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject obj:
                if (obj["customer"] is System.Text.Json.Nodes.JsonObject customer
                    && customer["email"] is System.Text.Json.Nodes.JsonValue address && address.TryGetValue<string>(out var text)
                    && string.Equals(text, email, StringComparison.OrdinalIgnoreCase))
                {
                    obj["customer"] = new System.Text.Json.Nodes.JsonObject { ["name"] = ErasedName, ["email"] = placeholder, ["phone"] = null };
                    foreach (var field in new[] { "notes", "cancelReason" })
                    {
                        if (obj.ContainsKey(field))
                        {
                            obj[field] = null;
                        }
                    }

                    if (obj.ContainsKey("answers"))
                    {
                        obj["answers"] = new System.Text.Json.Nodes.JsonArray();
                    }
                }

                foreach (var (name, child) in obj.ToList())
                {
                    // Only a replaced node is put back: a node kept as it is still has its parent, and cannot be re-added.
                    if (child is not null && ScrubNode(child, email, placeholder) is var scrubbed && !ReferenceEquals(scrubbed, child))
                    {
                        obj[name] = scrubbed;
                    }
                }

                return obj;
            case System.Text.Json.Nodes.JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } child && ScrubNode(child, email, placeholder) is var scrubbed && !ReferenceEquals(scrubbed, child))
                    {
                        array[i] = scrubbed;
                    }
                }

                return array;
            case System.Text.Json.Nodes.JsonValue value when value.TryGetValue<string>(out var s) && string.Equals(s, email, StringComparison.OrdinalIgnoreCase):
                return System.Text.Json.Nodes.JsonValue.Create(placeholder);
            default:
                return node;
        }
    }
}

/// <summary>
/// Customers' data: listing, export and erasure, each erasure and export recorded in the audit log in its own transaction
/// (actor: <see cref="AuditActor.Current"/>). Implemented by both stores.
/// </summary>
public interface ICustomerStore
{
    /// <summary>A page of the tenant's customers (see <see cref="CustomerQuery"/>).</summary>
    /// <param name="query">The page.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The customers.</returns>
    Task<IReadOnlyList<CustomerSummary>> ListCustomersAsync(CustomerQuery query, CancellationToken cancellationToken);

    /// <summary>One customer with their bookings (latest start first), or null when no booking has that address.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="email">The address (any case).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The customer and bookings, or null.</returns>
    Task<(CustomerSummary Customer, IReadOnlyList<Booking> Bookings)?> FindCustomerAsync(Guid tenantId, string email, CancellationToken cancellationToken);

    /// <summary>Everything kept about a customer, recording <c>customer.exported</c> in the same transaction; null when there is no such customer.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="email">The address (any case).</param>
    /// <param name="now">When.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The export, or null.</returns>
    Task<CustomerExport?> ExportCustomerAsync(Guid tenantId, string email, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Erases a customer in one transaction: their bookings keep their rows with the personal fields replaced
    /// (<see cref="CustomerErasure.Erase"/>), and so do the audit entries about them and stored idempotency responses; their
    /// queued notifications are cancelled and the errors recorded with any of their notifications cleared; <c>customer.erased</c>
    /// is recorded. Null when there is no such customer (a second erasure of the same address finds none).
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="email">The address (any case).</param>
    /// <param name="now">When.</param>
    /// <param name="cancellationToken">Cancels the erasure.</param>
    /// <returns>What was erased, or null.</returns>
    Task<CustomerErasure?> EraseCustomerAsync(Guid tenantId, string email, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>The audit entries of customer actions, shared by both stores.</summary>
public static class CustomerAudit
{
    /// <summary>The entries' entity.</summary>
    public const string Entity = "customer";

    /// <summary>The entry of an export of the customer with these bookings. It names the bookings, not the customer (no personal data).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="bookingIds">The exported bookings.</param>
    /// <param name="now">When.</param>
    /// <returns>The entry.</returns>
    public static AuditEntry Exported(Guid tenantId, IReadOnlyList<Guid> bookingIds, DateTimeOffset now) =>
        Entry(tenantId, Guid.CreateVersion7(now), AuditActions.CustomerExported, bookingIds, null, now);

    /// <summary>The entry of an erasure.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="erasure">The erasure.</param>
    /// <param name="now">When.</param>
    /// <returns>The entry.</returns>
    public static AuditEntry Erased(Guid tenantId, CustomerErasure erasure, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        return Entry(tenantId, erasure.Id, AuditActions.CustomerErased, erasure.BookingIds, erasure.Placeholder, now);
    }

    private static AuditEntry Entry(Guid tenantId, Guid entityId, string action, IReadOnlyList<Guid> bookingIds, string? placeholder, DateTimeOffset now)
    {
        var actor = AuditActor.Current;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (placeholder is not null)
            {
                json.WriteString("email", placeholder);
            }

            json.WriteStartArray("bookingIds");
            foreach (var id in bookingIds.Order())
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new AuditEntry(Guid.CreateVersion7(now), tenantId, now, actor.Type, actor.Id, Entity, entityId, action, null,
            System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
