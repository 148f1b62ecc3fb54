using System.Diagnostics;
using System.Globalization;
using BookMeAtOz.Contracts;
using BookMeAtOz.RealTime.Tests.Support;
using MimeKit;

namespace BookMeAtOz.RealTime.Tests;

/// <summary>A German customer's e-mail through a real SMTP server on loopback, from the PostgreSQL outbox.</summary>
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class LocalizedEmailSmtpTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private LoopbackSmtp _smtp = null!;
    private BookingHost? _host;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _smtp = new LoopbackSmtp();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
    }

    [ServerFact]
    public async Task GermanBooking_ConfirmationInGerman_WithGermanDatesInTheTenantsZone_AndTheEvent()
    {
        await _smtp.StartAsync();
        _host = BookingHost.Start(_database, redis: null, _smtp.Port);
        var tenant = await TestTenant.CreateAsync(_host);
        var slot = (await tenant.SlotsAsync(_host, 3))[0];
        var booking = await tenant.Anonymous(_host).CreateBookingAsync(new CreateBookingRequest(
            tenant.ServiceId, slot.Start, null, new CustomerDto("Anna Kunde", "anna.kunde@example.com", null), null) { Locale = "de-DE" });

        var message = await WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == "anna.kunde@example.com"));
        var german = CultureInfo.GetCultureInfo("de-DE");
        // booking.Start is in the tenant's zone (Sydney): its wall clock, written the German way.
        Assert.Equal($"Buchung bestätigt: Haircut, {booking.Start.ToString("ddd, d. MMM, HH:mm", german)}", message.Subject);
        Assert.StartsWith("Hallo Anna Kunde,", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Wann:   {booking.Start.ToString("dddd, d. MMMM yyyy", german)}, {booking.Start:HH:mm} – {booking.End:HH:mm} (AE",
            message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ansehen, verschieben oder stornieren: https://", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Die Buchung ist als Kalenderdatei angehängt.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", message.HtmlBody, StringComparison.Ordinal);

        // The event is the booking's, named by service and business.
        var part = Assert.Single(message.Attachments.OfType<MimePart>());
        using var bytes = new MemoryStream();
        await part.Content!.DecodeToAsync(bytes);
        var e = Assert.Single(Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(bytes.ToArray()))!.Events);
        Assert.Equal(booking.Start.UtcDateTime, e.Start!.AsUtc);
        Assert.Equal($"Haircut ({tenant.SignUp.Tenant.Name})", e.Summary);
    }

    private async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_smtp.Received.FirstOrDefault(match) is { } message)
            {
                return message;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30),
                "No matching e-mail within 30 s; subjects: " + string.Join(" | ", _smtp.Received.Select(m => m.Subject)));
            await Task.Delay(20);
        }
    }
}
