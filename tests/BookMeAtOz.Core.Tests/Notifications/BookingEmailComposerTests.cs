using System.Text;
using System.Text.Json;
using BookMeAtOz.Bookings;
using BookMeAtOz.Notifications;
using BookMeAtOz.Persistence;
using BookMeAtOz.Scheduling;
using BookMeAtOz.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BookMeAtOz.Tests.Notifications;

public sealed class BookingEmailComposerTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Theory]
    [InlineData(NotificationKind.Confirmation)]
    [InlineData(NotificationKind.Reschedule)]
    [InlineData(NotificationKind.Reminder)]
    public async Task Compose_ServiceWithAnAddress_ShowsWhereAndTheAnswersAsAsked(NotificationKind kind)
    {
        var (composer, store, _, service, booking) = await SeedAsync(new ServiceLocation(LocationKind.InPerson, "12 Example St, Sydney", null, null));
        // The question was renamed after the booking: the e-mail shows it as it was asked.
        await store.UpdateServiceAsync(service with { Questions = [] }, Ct);

        var (message, skipped) = await composer.ComposeAsync(Work(kind, booking), Ct);

        Assert.Null(skipped);
        Assert.Contains("Where:  12 Example St, Sydney", message!.TextBody, StringComparison.Ordinal);
        Assert.Contains("Colour you want: Blue, Red", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Terms accepted: Yes", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<th align=\"left\" style=\"padding-right:1em\">Where</th><td>12 Example St, Sydney</td>", message.HtmlBody!, StringComparison.Ordinal);
        Assert.Contains("<td>Blue, Red</td>", message.HtmlBody!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LocationKind.InPerson, "Where:  12 Example St", "LOCATION:12 Example St")]
    [InlineData(LocationKind.Phone, "Where:  By phone: +61 2 9999 0000", "LOCATION:+61 2 9999 0000")]
    [InlineData(LocationKind.Video, "Where:  Video call: https://meet.example.com/a,b", "LOCATION:https://meet.example.com/a\\,b")]
    public async Task Compose_Confirmation_PutsTheLocationInTheTextAndTheIcs_WithTheBusinessInTheSummary(LocationKind kind, string text, string ics)
    {
        var location = kind switch
        {
            LocationKind.InPerson => new ServiceLocation(kind, "12 Example St", null, null),
            LocationKind.Phone => new ServiceLocation(kind, null, "+61 2 9999 0000", null),
            _ => new ServiceLocation(kind, null, null, "https://meet.example.com/a,b"),
        };
        var (composer, _, tenant, _, booking) = await SeedAsync(location);

        var (message, _) = await composer.ComposeAsync(Work(NotificationKind.Confirmation, booking), Ct);

        Assert.Contains(text, message!.TextBody, StringComparison.Ordinal);
        var calendar = Encoding.UTF8.GetString(Assert.Single(message.Attachments).Content.Span).Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        Assert.Contains(ics + "\r\n", calendar, StringComparison.Ordinal);
        Assert.Contains($"SUMMARY:Haircut ({tenant.Name})\r\n", calendar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_ServiceWithoutLocation_HasNoWhereAndNoIcsLocation()
    {
        var (composer, _, _, _, booking) = await SeedAsync(null);
        var (message, _) = await composer.ComposeAsync(Work(NotificationKind.Confirmation, booking), Ct);
        Assert.DoesNotContain("Where", message!.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("LOCATION", Encoding.UTF8.GetString(Assert.Single(message.Attachments).Content.Span), StringComparison.Ordinal);
    }

    public static TheoryData<NotificationKind, string> KindsAndLanguages()
    {
        var data = new TheoryData<NotificationKind, string>();
        foreach (var kind in new[] { NotificationKind.Confirmation, NotificationKind.Received, NotificationKind.Declined, NotificationKind.Expired,
            NotificationKind.Cancellation, NotificationKind.Reschedule, NotificationKind.Reminder })
        {
            data.Add(kind, "de");
            data.Add(kind, "fr");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndLanguages))]
    public async Task Compose_BookingInGermanOrFrench_EveryKindHasNoEnglishText_AndItsDates(NotificationKind kind, string language)
    {
        var location = new ServiceLocation(LocationKind.Phone, null, "+61 2 9999 0000", null);
        var (composer, _, tenant, _, booking) = await SeedAsync(location, locale: language);

        var (message, _) = await composer.ComposeAsync(Work(kind, booking), Ct);

        // The answers' labels are as the business asked them (English here); everything else is in the booking's language.
        var text = message!.TextBody.Replace("Colour you want", string.Empty, StringComparison.Ordinal).Replace("Terms accepted", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b(Hi|What|When|With|Where|Booking|booking|Reminder|Your|your|See you|We hope|calendar|phone|am|pm)\b", text.Replace(tenant.Name, string.Empty, StringComparison.Ordinal));
        Assert.DoesNotMatch(@"\b(Booking|Reminder)\b", message.Subject);
        Assert.Contains($"<html lang=\"{language}\">", message.HtmlBody!, StringComparison.Ordinal);
        var culture = System.Globalization.CultureInfo.GetCultureInfo(language == "de" ? "de-DE" : "fr-FR");
        var local = TimeZoneInfo.ConvertTime(booking.Start, TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone));
        Assert.Contains(local.ToString(language == "de" ? "dddd, d. MMMM yyyy" : "dddd d MMMM yyyy", culture), message.TextBody, StringComparison.Ordinal);
        Assert.Contains(local.ToString("HH:mm", culture), message.TextBody, StringComparison.Ordinal);
        if (kind is not (NotificationKind.Declined or NotificationKind.Expired or NotificationKind.Cancellation))
        {
            // Where it is only matters while the booking holds its time.
            Assert.Contains(language == "de" ? "Telefonisch: +61 2 9999 0000" : "Par téléphone : +61 2 9999 0000", message.TextBody, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null, null, "Booking confirmed: Haircut")]
    [InlineData(null, "fr", "Réservation confirmée : Haircut")]
    [InlineData("de", "fr", "Buchung bestätigt: Haircut")]
    [InlineData("en", "de", "Booking confirmed: Haircut")]
    public async Task Compose_Language_IsTheBookingsElseTheTenantsElseEnglish(string? locale, string? tenantLanguage, string subject)
    {
        var (composer, _, _, _, booking) = await SeedAsync(null, locale, tenantLanguage);
        var (message, _) = await composer.ComposeAsync(Work(NotificationKind.Confirmation, booking), Ct);
        Assert.StartsWith(subject, message!.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Texts_EveryLanguage_HasEveryKeyWithTheSamePlaceholders()
    {
        var english = BookingEmailTexts.For("en");
        foreach (var texts in new[] { BookingEmailTexts.For("de"), BookingEmailTexts.For("fr") })
        {
            Assert.Equal(english.Keys.Order(StringComparer.Ordinal), texts.Keys.Order(StringComparer.Ordinal));
            foreach (var key in english.Keys)
            {
                Assert.Equal(Placeholders(english[key]), Placeholders(texts[key]));
            }
        }

        static string[] Placeholders(string text) =>
            [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{\w+\}").Select(m => m.Value).Order(StringComparer.Ordinal)];
    }

    [Theory]
    [InlineData("de", "de")]
    [InlineData("de-AT", "de")]
    [InlineData("FR-ca", "fr")]
    [InlineData("en-AU", "en")]
    [InlineData("ja", null)]
    [InlineData("zh-Hant-TW", null)]
    [InlineData("de_DE", null)]
    [InlineData("d", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Languages_Normalize_GivesTheLanguageThereAreEmailsIn(string? tag, string? expected) =>
        Assert.Equal(expected, EmailLanguages.Normalize(tag));

    private static NotificationWork Work(NotificationKind kind, Booking booking) =>
        new(Guid.NewGuid(), booking.TenantId, kind, booking.Id, 1,
            new NotificationDetails(booking.Start, kind == NotificationKind.Reschedule ? booking.Start.AddHours(-1) : null,
                kind == NotificationKind.Reschedule ? booking.End.AddHours(-1) : null),
            TestData.Now);

    private static async Task<(BookingEmailComposer, IBookingStore, BookMeAtOz.Tenancy.Tenant, Service, Booking)> SeedAsync(
        ServiceLocation? location, string? locale = null, string? tenantLanguage = null)
    {
        var clock = new FakeTimeProvider(TestData.Now);
        var store = new BookMeAtOz.Persistence.InMemory.InMemoryBookingStore(clock);
        var tenant = TestData.Tenant() with { DefaultLanguage = tenantLanguage };
        await store.CreateTenantAsync(tenant, Ct);
        var staff = TestData.Staff(tenant);
        await store.CreateStaffAsync(staff, Ct);
        var colour = new ServiceQuestion(Guid.NewGuid(), "Colour you want", QuestionType.MultiChoice, false, ["Red", "Blue"], null);
        var terms = new ServiceQuestion(Guid.NewGuid(), "Terms accepted", QuestionType.Checkbox, true, null, null);
        var service = TestData.Service(tenant, [staff.Id]) with { Name = "Haircut", Questions = [colour, terms], Location = location };
        await store.CreateServiceAsync(service, Ct);
        var booking = TestData.Booking(tenant, service, staff.Id, TestData.At(10)) with
        {
            Locale = locale,
            Answers =
            [
                new(colour.Id, colour.Label, colour.Type, JsonSerializer.SerializeToElement(new[] { "Blue", "Red" })),
                new(terms.Id, terms.Label, terms.Type, JsonSerializer.SerializeToElement(true)),
            ],
        };
        Assert.NotNull((await store.CreateBookingAsync(new CreateBookingCommand([booking], 1, null), Ct)).Booking);
        var composer = new BookingEmailComposer(store, new ManageTokenIssuer(), Options.Create(new NotificationOptions()), clock);
        return (composer, store, tenant, service, booking);
    }
}
