using System.Globalization;

namespace BookMeAtOz.Notifications;

/// <summary>
/// The words of the booking e-mails in each of <see cref="EmailLanguages.Supported"/>, and how dates and times are
/// written in it. Placeholders in braces (<c>{tenant}</c>, <c>{service}</c>, <c>{when}</c>, <c>{count}</c>, <c>{0}</c>)
/// are filled in by <see cref="BookingEmailComposer"/>.
/// </summary>
internal sealed partial class BookingEmailTexts
{
    private readonly Dictionary<string, string> _texts;

    private BookingEmailTexts(string language, CultureInfo culture, string dayFormat, string timeFormat, string shortFormat, Dictionary<string, string> texts)
    {
        Language = language;
        Culture = culture;
        DayFormat = dayFormat;
        TimeFormat = timeFormat;
        ShortFormat = shortFormat;
        _texts = texts;
    }

    public string Language { get; }

    public CultureInfo Culture { get; }

    /// <summary>A day, written out: "Tuesday 4 May 2027", "Dienstag, 4. Mai 2027", "mardi 4 mai 2027".</summary>
    public string DayFormat { get; }

    /// <summary>A time of day: "10:00 am", "10:00".</summary>
    public string TimeFormat { get; }

    /// <summary>A start in a subject: "Tue 4 May, 10:00 am", "Di., 4. Mai, 10:00", "mar. 4 mai, 10:00".</summary>
    public string ShortFormat { get; }

    public string this[string key] => _texts[key];

    public static BookingEmailTexts For(string language) => language switch
    {
        "de" => German,
        "fr" => French,
        _ => English,
    };

    private static readonly BookingEmailTexts English = new("en", EmailLanguages.Culture("en"), "dddd d MMMM yyyy", "h:mm tt", "ddd d MMM, h:mm tt", new()
    {
        ["hi"] = "Hi {0},",
        ["what"] = "What", ["when"] = "When", ["with"] = "With", ["where"] = "Where", ["decisionBy"] = "Decision by", ["reason"] = "Reason",
        ["now"] = "Now", ["was"] = "Was", ["first"] = "First", ["sessions"] = "Sessions",
        ["yourAppointment"] = "Your appointment",
        ["byPhone"] = "By phone: {0}", ["videoCall"] = "Video call: {0}",
        ["manageText"] = "To view, move or cancel it: {0}", ["manageHtml"] = "View, move or cancel your booking",
        ["subject.confirmation"] = "Booking confirmed: {service}, {when}",
        ["subject.received"] = "Booking request received: {service}, {when}",
        ["subject.declined"] = "Booking declined: {service}, {when}",
        ["subject.expired"] = "Booking request expired: {service}, {when}",
        ["subject.cancellation"] = "Booking cancelled: {service}, {when}",
        ["subject.reschedule"] = "Booking moved: {service}, now {when}",
        ["subject.reminder"] = "Reminder: {service}, {when}",
        ["lead.confirmation"] = "Your booking with {tenant} is confirmed.",
        ["lead.received"] = "{tenant} has received your booking request. It is not confirmed yet: you will hear from us once it is approved or declined.",
        ["lead.declined"] = "{tenant} could not accept your booking request.",
        ["lead.expired"] = "Your booking request with {tenant} was not confirmed in time and has lapsed; the time is released.",
        ["lead.cancellation"] = "Your booking with {tenant} is cancelled.",
        ["lead.reschedule"] = "Your booking with {tenant} has moved.",
        ["lead.reminder"] = "A reminder of your booking with {tenant}.",
        ["closing.attached"] = "The booking is attached as a calendar file.",
        ["closing.lapses"] = "If it is not decided by then, the request lapses and the time is released.",
        ["closing.anotherTime"] = "We hope to see you another time.",
        ["closing.bookAgain"] = "You are welcome to book another time.",
        ["closing.seeYou"] = "See you then.",
        ["series.subject.received"] = "Booking request received: {service}, {count} sessions from {when}",
        ["series.subject.confirmed"] = "Bookings confirmed: {service}, {count} sessions from {when}",
        ["series.lead.received"] = "{tenant} has received your request for a series of {count} sessions. It is not confirmed yet: you will hear from us once each is approved or declined.",
        ["series.lead.confirmed"] = "Your series of {count} sessions with {tenant} is confirmed.",
        ["series.closing"] = "Every session is in the attached calendar file.",
    });

    private static readonly BookingEmailTexts German = new("de", EmailLanguages.Culture("de"), "dddd, d. MMMM yyyy", "HH:mm", "ddd, d. MMM, HH:mm", new()
    {
        ["hi"] = "Hallo {0},",
        ["what"] = "Was", ["when"] = "Wann", ["with"] = "Bei", ["where"] = "Wo", ["decisionBy"] = "Entscheidung bis", ["reason"] = "Grund",
        ["now"] = "Neu", ["was"] = "Bisher", ["first"] = "Erster Termin", ["sessions"] = "Termine",
        ["yourAppointment"] = "Ihr Termin",
        ["byPhone"] = "Telefonisch: {0}", ["videoCall"] = "Videoanruf: {0}",
        ["manageText"] = "Ansehen, verschieben oder stornieren: {0}", ["manageHtml"] = "Buchung ansehen, verschieben oder stornieren",
        ["subject.confirmation"] = "Buchung bestätigt: {service}, {when}",
        ["subject.received"] = "Buchungsanfrage erhalten: {service}, {when}",
        ["subject.declined"] = "Buchung abgelehnt: {service}, {when}",
        ["subject.expired"] = "Buchungsanfrage abgelaufen: {service}, {when}",
        ["subject.cancellation"] = "Buchung storniert: {service}, {when}",
        ["subject.reschedule"] = "Buchung verschoben: {service}, jetzt {when}",
        ["subject.reminder"] = "Erinnerung: {service}, {when}",
        ["lead.confirmation"] = "Ihre Buchung bei {tenant} ist bestätigt.",
        ["lead.received"] = "{tenant} hat Ihre Buchungsanfrage erhalten. Sie ist noch nicht bestätigt: Sie hören von uns, sobald sie angenommen oder abgelehnt ist.",
        ["lead.declined"] = "{tenant} konnte Ihre Buchungsanfrage leider nicht annehmen.",
        ["lead.expired"] = "Ihre Buchungsanfrage bei {tenant} wurde nicht rechtzeitig bestätigt und ist verfallen; der Termin ist wieder frei.",
        ["lead.cancellation"] = "Ihre Buchung bei {tenant} ist storniert.",
        ["lead.reschedule"] = "Ihre Buchung bei {tenant} wurde verschoben.",
        ["lead.reminder"] = "Eine Erinnerung an Ihre Buchung bei {tenant}.",
        ["closing.attached"] = "Die Buchung ist als Kalenderdatei angehängt.",
        ["closing.lapses"] = "Ist bis dahin nicht entschieden, verfällt die Anfrage und der Termin wird wieder frei.",
        ["closing.anotherTime"] = "Wir hoffen, Sie ein andermal zu sehen.",
        ["closing.bookAgain"] = "Sie können gern einen anderen Termin buchen.",
        ["closing.seeYou"] = "Bis bald!",
        ["series.subject.received"] = "Buchungsanfrage erhalten: {service}, {count} Termine ab {when}",
        ["series.subject.confirmed"] = "Buchungen bestätigt: {service}, {count} Termine ab {when}",
        ["series.lead.received"] = "{tenant} hat Ihre Anfrage für eine Serie von {count} Terminen erhalten. Sie ist noch nicht bestätigt: Sie hören von uns, sobald jeder Termin angenommen oder abgelehnt ist.",
        ["series.lead.confirmed"] = "Ihre Serie von {count} Terminen bei {tenant} ist bestätigt.",
        ["series.closing"] = "Alle Termine stehen in der angehängten Kalenderdatei.",
    });

    private static readonly BookingEmailTexts French = new("fr", EmailLanguages.Culture("fr"), "dddd d MMMM yyyy", "HH:mm", "ddd d MMM, HH:mm", new()
    {
        ["hi"] = "Bonjour {0},",
        ["what"] = "Prestation", ["when"] = "Quand", ["with"] = "Avec", ["where"] = "Où", ["decisionBy"] = "Décision avant le", ["reason"] = "Motif",
        ["now"] = "Nouvel horaire", ["was"] = "Ancien horaire", ["first"] = "Première séance", ["sessions"] = "Séances",
        ["yourAppointment"] = "Votre rendez-vous",
        ["byPhone"] = "Par téléphone : {0}", ["videoCall"] = "Appel vidéo : {0}",
        ["manageText"] = "Pour la consulter, la déplacer ou l’annuler : {0}", ["manageHtml"] = "Consulter, déplacer ou annuler votre réservation",
        ["subject.confirmation"] = "Réservation confirmée : {service}, {when}",
        ["subject.received"] = "Demande de réservation reçue : {service}, {when}",
        ["subject.declined"] = "Réservation refusée : {service}, {when}",
        ["subject.expired"] = "Demande de réservation expirée : {service}, {when}",
        ["subject.cancellation"] = "Réservation annulée : {service}, {when}",
        ["subject.reschedule"] = "Réservation déplacée : {service}, désormais {when}",
        ["subject.reminder"] = "Rappel : {service}, {when}",
        ["lead.confirmation"] = "Votre réservation chez {tenant} est confirmée.",
        ["lead.received"] = "{tenant} a bien reçu votre demande de réservation. Elle n’est pas encore confirmée : nous vous écrirons dès qu’elle sera acceptée ou refusée.",
        ["lead.declined"] = "{tenant} n’a pas pu accepter votre demande de réservation.",
        ["lead.expired"] = "Votre demande de réservation chez {tenant} n’a pas été confirmée à temps et a expiré ; le créneau est libéré.",
        ["lead.cancellation"] = "Votre réservation chez {tenant} est annulée.",
        ["lead.reschedule"] = "Votre réservation chez {tenant} a été déplacée.",
        ["lead.reminder"] = "Un rappel de votre réservation chez {tenant}.",
        ["closing.attached"] = "La réservation est jointe sous forme de fichier de calendrier.",
        ["closing.lapses"] = "Sans décision d’ici là, la demande expire et le créneau est libéré.",
        ["closing.anotherTime"] = "Nous espérons vous voir une prochaine fois.",
        ["closing.bookAgain"] = "N’hésitez pas à réserver un autre créneau.",
        ["closing.seeYou"] = "À bientôt.",
        ["series.subject.received"] = "Demande de réservation reçue : {service}, {count} séances à partir du {when}",
        ["series.subject.confirmed"] = "Réservations confirmées : {service}, {count} séances à partir du {when}",
        ["series.lead.received"] = "{tenant} a bien reçu votre demande pour une série de {count} séances. Elle n’est pas encore confirmée : nous vous écrirons dès que chacune sera acceptée ou refusée.",
        ["series.lead.confirmed"] = "Votre série de {count} séances chez {tenant} est confirmée.",
        ["series.closing"] = "Toutes les séances figurent dans le fichier de calendrier joint.",
    });

    /// <summary>A text with its placeholders filled in, in one pass (a business or service name with braces stays as it is).</summary>
    public string Format(string key, string? tenant = null, string? service = null, string? when = null, int? count = null, string? value = null) =>
        Placeholder().Replace(_texts[key], m => m.Groups[1].Value switch
        {
            "tenant" => tenant ?? m.Value,
            "service" => service ?? m.Value,
            "when" => when ?? m.Value,
            "count" => count?.ToString(Culture) ?? m.Value,
            _ => value ?? m.Value,
        });

    [System.Text.RegularExpressions.GeneratedRegex(@"\{(tenant|service|when|count|0)\}", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    /// <summary>Every key, for the test that each language has the same ones.</summary>
    internal IReadOnlyCollection<string> Keys => _texts.Keys;

    internal static IEnumerable<BookingEmailTexts> All => [English, German, French];
}
