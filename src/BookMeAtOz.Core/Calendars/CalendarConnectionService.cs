using System.Net;
using System.Net.Sockets;
using BookMeAtOz.Bookings;
using BookMeAtOz.Changes;
using BookMeAtOz.Persistence;
using BookMeAtOz.Validation;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Calendars;

/// <summary>
/// Connecting and disconnecting staff calendars (SPEC §11.4), their status, and conflicts between synced busy time and
/// bookings. The sync itself runs in the background (<c>WithCalDav()</c>); nothing here talks to the remote.
/// </summary>
public sealed class CalendarConnectionService
{
    /// <summary>The longest URL accepted.</summary>
    public const int MaxUrlLength = 2000;

    /// <summary>The longest account name or password accepted.</summary>
    public const int MaxCredentialLength = 500;

    private readonly ICalendarSyncStore _store;
    private readonly IBookingStore _bookings;
    private readonly IOptions<CalendarSyncOptions> _options;
    private readonly TimeProvider _timeProvider;

    internal CalendarConnectionService(ICalendarSyncStore store, IBookingStore bookings, IOptions<CalendarSyncOptions> options, TimeProvider timeProvider)
    {
        _store = store;
        _bookings = bookings;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>Set when a connection changed or a sync was asked for: the sync worker looks at once.</summary>
    public WakeSignal SyncRequested { get; } = new();

    /// <summary>The settings.</summary>
    public CalendarSyncOptions Options => _options.Value;

    /// <summary>Connects a staff member's CalDAV calendar (replacing any earlier one); the first sync starts at once.</summary>
    /// <exception cref="BookMeAtOzValidationException">A missing or bad field, or an address that is not allowed.</exception>
    /// <exception cref="NotFoundException">No such staff member.</exception>
    /// <exception cref="BookMeAtOzException"><c>unavailable</c>: no encryption key is configured.</exception>
    public async Task<CalendarConnection> ConnectAsync(
        Guid tenantId, Guid staffId, string? url, string? username, string? password, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        Uri? uri = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            errors.Add("url", "Is required.");
        }
        else if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out uri) || uri.Scheme is not ("https" or "http")
                 || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment) || url.Any(char.IsControl))
        {
            errors.Add("url", $"Must be an absolute http(s) URL of at most {MaxUrlLength} characters, without credentials or fragment.");
            uri = null;
        }

        ValidateCredential(username, "username", errors);
        ValidateCredential(password, "password", errors);
        if (uri is not null && errors.IsEmpty)
        {
            await CheckAddressAsync(uri, errors, cancellationToken).ConfigureAwait(false);
        }

        errors.ThrowIfAny();
        var key = RequireKey();
        _ = await _bookings.FindStaffAsync(tenantId, staffId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("staff");

        var now = _timeProvider.GetUtcNow();
        var connection = new CalendarConnection(
            tenantId, staffId, Guid.CreateVersion7(now), uri!.AbsoluteUri, username!,
            CalendarPasswordProtector.Protect(key, tenantId, staffId, password!), now)
        { NextSyncAt = now };
        await _store.SaveConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
        SyncRequested.Set();
        return connection;
    }

    /// <summary>The staff member's connection, or null.</summary>
    public Task<CalendarConnection?> FindAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        _store.FindConnectionAsync(tenantId, staffId, cancellationToken);

    /// <summary>Disconnects; the synced busy time is forgotten at once. False when nothing was connected.</summary>
    public Task<bool> DisconnectAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken) =>
        _store.DeleteConnectionAsync(tenantId, staffId, cancellationToken);

    /// <summary>The connection's password, decrypted (for the sync worker).</summary>
    /// <exception cref="BookMeAtOzException"><c>unavailable</c>: no encryption key is configured.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">Encrypted with another key.</exception>
    public string RevealPassword(CalendarConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return CalendarPasswordProtector.Unprotect(RequireKey(), connection.TenantId, connection.StaffId, connection.ProtectedPassword);
    }

    /// <summary>
    /// Bookings of the staff member (from now to the sync horizon) that synced busy time overlaps: the conflict rule keeps
    /// the booking and flags it to the admin here.
    /// </summary>
    public async Task<IReadOnlyList<CalendarConflict>> FindConflictsAsync(Guid tenantId, Guid staffId, CancellationToken cancellationToken)
    {
        var from = _timeProvider.GetUtcNow();
        var to = from.AddDays(Options.HorizonDays);
        var busy = await _store.GetBusyTimeAsync(tenantId, [staffId], from, to, cancellationToken).ConfigureAwait(false);
        if (busy.Count == 0)
        {
            return [];
        }

        var bookings = await ListBlockingBookingsAsync(_bookings, tenantId, staffId, from, to, cancellationToken).ConfigureAwait(false);
        var sorted = busy.OrderBy(b => b.Start).ToList();
        var conflicts = new List<CalendarConflict>();
        foreach (var booking in bookings)
        {
            var overlap = sorted.FirstOrDefault(b => b.Start < booking.End && b.End > booking.Start);
            if (overlap is not null)
            {
                conflicts.Add(new CalendarConflict(booking.Id, booking.Start, booking.End, overlap.Start, overlap.End));
            }
        }

        return conflicts;
    }

    /// <summary>The staff member's bookings that hold time (confirmed or pending) starting in a window, in start order.</summary>
    public static async Task<IReadOnlyList<Booking>> ListBlockingBookingsAsync(
        IBookingStore store, Guid tenantId, Guid staffId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var result = new List<Booking>();
        foreach (var status in new[] { BookingStatus.Confirmed, BookingStatus.Pending })
        {
            (DateTimeOffset, Guid)? after = null;
            while (true)
            {
                var page = await store.ListBookingsAsync(new BookingQuery(tenantId, from, to, staffId, status, after, 500), cancellationToken).ConfigureAwait(false);
                result.AddRange(page);
                if (page.Count < 500)
                {
                    break;
                }

                after = (page[^1].Start, page[^1].Id);
            }
        }

        return [.. result.OrderBy(b => b.Start)];
    }

    /// <summary>Whether an address is private, loopback, link-local or otherwise not on the public internet.</summary>
    public static bool IsPrivateAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 0 || b[0] >= 224
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
    }

    private byte[] RequireKey() => Options.KeyBytes() ?? throw new BookMeAtOzException(
        ErrorCodes.Unavailable, "Calendar sync is not configured on this server: set BookMeAtOz__CalendarSync__EncryptionKey.");

    private static void ValidateCredential(string? value, string field, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(field, "Is required.");
        }
        else if (value.Length > MaxCredentialLength || value.Any(char.IsControl))
        {
            errors.Add(field, $"Must be at most {MaxCredentialLength} characters, without control characters.");
        }
    }

    private async Task CheckAddressAsync(Uri uri, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (Options.AllowPrivateAddresses)
        {
            return;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            errors.Add("url", "The host name does not resolve.");
            return;
        }

        if (addresses.Length == 0 || addresses.Any(IsPrivateAddress))
        {
            errors.Add("url", "Must not point at a private, loopback or link-local address.");
        }
    }
}

/// <summary>Synced busy time over a booking: the booking stays; the admin sees this.</summary>
/// <param name="BookingId">The booking.</param>
/// <param name="BookingStart">Its start.</param>
/// <param name="BookingEnd">Its end.</param>
/// <param name="BusyStart">The start of the remote busy time over it.</param>
/// <param name="BusyEnd">Its end.</param>
public sealed record CalendarConflict(Guid BookingId, DateTimeOffset BookingStart, DateTimeOffset BookingEnd, DateTimeOffset BusyStart, DateTimeOffset BusyEnd);
