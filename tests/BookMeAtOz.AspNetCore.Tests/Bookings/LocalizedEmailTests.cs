using System.Globalization;
using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Bookings;

/// <summary>
/// Booking e-mails in the customer's language (<c>locale</c> of the booking), else the tenant's default language, else
/// English, with dates written as that language does, in the tenant's zone; on both stores, through the real queue.
/// </summary>
public abstract class LocalizedEmailTests(ApiFactory factory)
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    [ServerFact]
    public async Task GermanBooking_ConfirmationMoveAndCancellation_AreInGerman_WithGermanDates()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slots = Spaced(await t.SlotsAsync(service.Id));
        var email = $"anna+{Guid.NewGuid():N}@example.com";
        var booking = await (await t.Anonymous.PostJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(service.Id, slots[0], null, new CustomerDto("Anna Kunde", email, null), null) { Locale = "de-AT" }))
            .ReadAsync<BookingResponse>(HttpStatusCode.Created);

        var confirmed = await factory.Emails.WaitForAsync(email, "Buchung bestätigt: Haircut");
        Assert.StartsWith("Hallo Anna Kunde,", confirmed.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ihre Buchung bei Test Salon ist bestätigt.", confirmed.TextBody, StringComparison.Ordinal);
        // The start in Sydney, written the German way: "Montag, 14. Dezember 2026, 09:00 – 10:00 (AEDT)", no am/pm.
        var day = booking.Start.ToString("dddd, d. MMMM yyyy", German);
        Assert.Contains($"Wann:   {day}, {booking.Start:HH:mm} – {booking.End:HH:mm} (AE", confirmed.TextBody, StringComparison.Ordinal);
        Assert.Contains(booking.Start.ToString("ddd, d. MMM, HH:mm", German), confirmed.Subject, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b(am|pm)\b", confirmed.TextBody);
        Assert.Contains("<html lang=\"de\">", confirmed.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Buchung ansehen, verschieben oder stornieren", confirmed.HtmlBody, StringComparison.Ordinal);

        var guest = factory.Client(t.Slug);
        guest.DefaultRequestHeaders.Add(BookMeAtOzHeaders.ManageToken, booking.ManageToken);
        (await guest.PostJsonAsync($"/api/v1/bookings/{booking.Id}/reschedule", new RescheduleBookingRequest(slots[1], null))).EnsureSuccessStatusCode();
        var moved = await factory.Emails.WaitForAsync(email, "Buchung verschoben: Haircut, jetzt");
        Assert.Contains("Bisher: " + day, moved.TextBody, StringComparison.Ordinal);
        Assert.Contains("Neu:", moved.TextBody, StringComparison.Ordinal);

        (await guest.PostJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new CancelBookingRequest("Krank"))).EnsureSuccessStatusCode();
        var cancelled = await factory.Emails.WaitForAsync(email, "Buchung storniert: Haircut");
        Assert.Contains("Grund:  Krank", cancelled.TextBody, StringComparison.Ordinal);
        Assert.Contains("Wir hoffen, Sie ein andermal zu sehen.", cancelled.TextBody, StringComparison.Ordinal);
    }

    [ServerFact]
    public async Task FrenchBookingOfAHold_IsConfirmedInFrench()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slot = (await t.SlotsAsync(service.Id))[1];
        var hold = await (await t.Anonymous.PostJsonAsync("/api/v1/holds", new CreateHoldRequest(service.Id, slot.Start))).ReadAsync<HoldResponse>(HttpStatusCode.Created);
        var email = $"claire+{Guid.NewGuid():N}@example.com";
        (await t.Anonymous.PostJsonAsync("/api/v1/bookings", new CreateBookingRequest(service.Id, slot.Start, null, new CustomerDto("Claire", email, null), null)
        {
            HoldId = hold.Id,
            Locale = "fr-CA",
        })).EnsureSuccessStatusCode();

        var message = await factory.Emails.WaitForAsync(email, "Réservation confirmée : Haircut");
        Assert.StartsWith("Bonjour Claire,", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(slot.Start.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR")), message.TextBody, StringComparison.Ordinal);
    }

    [ServerFact]
    public async Task NoLanguageWithEmails_TenantDefaultLanguage_ThenEnglish()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slots = Spaced(await t.SlotsAsync(service.Id));
        var english = await BookAsync(t, service.Id, slots[0], locale: "ja");
        await factory.Emails.WaitForAsync(english, "Booking confirmed: Haircut");

        var updated = await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { defaultLanguage = "fr" })).ReadAsync<TenantResponse>();
        Assert.Equal("fr", updated.DefaultLanguage);
        var japanese = await BookAsync(t, service.Id, slots[1], locale: "ja-JP");
        var none = await BookAsync(t, service.Id, slots[2], locale: null);
        var german = await BookAsync(t, service.Id, slots[3], locale: "de");
        await factory.Emails.WaitForAsync(japanese, "Réservation confirmée : Haircut");
        await factory.Emails.WaitForAsync(none, "Réservation confirmée : Haircut");
        await factory.Emails.WaitForAsync(german, "Buchung bestätigt: Haircut");

        // Back to English by null.
        Assert.Null((await (await t.Owner.PatchRawAsync("/api/v1/tenant", """{"defaultLanguage":null}""")).ReadAsync<TenantResponse>()).DefaultLanguage);
    }

    [ServerFact]
    public async Task LocaleNotATag_OrDefaultLanguageWithoutEmails_IsValidationFailed()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slot = (await t.SlotsAsync(service.Id))[0];
        foreach (var locale in new[] { "not a tag", "d", "de_DE", "x-" + new string('a', 40) })
        {
            await (await t.Anonymous.PostJsonAsync("/api/v1/bookings",
                new CreateBookingRequest(service.Id, slot.Start, null, new CustomerDto("Bo", "bo@example.com", null), null) { Locale = locale }))
                .ValidationProblemAsync("locale");
        }

        Assert.Contains(slot.Start, (await t.SlotsAsync(service.Id)).Select(s => s.Start));
        await (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { defaultLanguage = "es" })).ValidationProblemAsync("defaultLanguage");
        Assert.Null((await (await t.Anonymous.GetAsync("/api/v1/tenant")).ReadAsync<TenantResponse>()).DefaultLanguage);
    }

    /// <summary>Starts an hour apart or more, so that booking each leaves the others free (the service lasts an hour).</summary>
    private static List<DateTimeOffset> Spaced(IReadOnlyList<SlotResponse> slots)
    {
        var starts = new List<DateTimeOffset>();
        foreach (var slot in slots)
        {
            if (starts.Count == 0 || slot.Start >= starts[^1].AddHours(1))
            {
                starts.Add(slot.Start);
            }
        }

        Assert.True(starts.Count >= 4, "The day offers fewer than four separate hours.");
        return starts;
    }

    private static async Task<string> BookAsync(TestTenant t, Guid serviceId, DateTimeOffset start, string? locale)
    {
        var email = $"guest+{Guid.NewGuid():N}@example.com";
        (await t.Anonymous.PostJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(serviceId, start, null, new CustomerDto("Guest", email, null), null) { Locale = locale })).EnsureSuccessStatusCode();
        return email;
    }
}

[Collection(ApiTests.Name)]
public sealed class InMemoryLocalizedEmailTests(ApiFactory factory) : LocalizedEmailTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresLocalizedEmailTests(PostgresApiFactory factory) : LocalizedEmailTests(factory);
