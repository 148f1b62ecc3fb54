// A tour of the typed client against a running host:
//   dotnet run --project samples/BookMeAtOz.Host                     (in another terminal)
//   dotnet run --project samples/BookMeAtOz.ClientDemo [-- http://localhost:5285]
using System.Globalization;
using BookMeAtOz.Client;
using BookMeAtOz.Client.Auth;
using BookMeAtOz.Contracts;
using Microsoft.Extensions.DependencyInjection;

var baseAddress = new Uri(args.Length > 0 ? args[0] : "http://localhost:5285");
var slug = args.Length > 1 ? args[1] : "demo-" + Guid.NewGuid().ToString("N")[..8];
const string zone = "Australia/Sydney";

var services = new ServiceCollection();
services.AddBookMeAtOzClient(o =>
{
    o.BaseAddress = baseAddress;
    o.Tenant = slug; // sent as X-Tenant; sign-up needs no tenant, so the slug can be chosen up front
});
await using var provider = services.BuildServiceProvider();
var api = provider.GetRequiredService<IBookMeAtOzApi>();
var tokens = provider.GetRequiredService<BookMeAtOzTokenStore>();

try
{
    Say($"Signing up tenant '{slug}' at {baseAddress}");
    var signUp = await api.CreateTenantAsync(new SignUpRequest(slug, "Demo Barbers", zone, "AUD",
        new NewAccount("Olive Owner", $"owner@{slug}.example", "correct horse battery")));
    tokens.SetTokens(signUp.Auth); // from now on requests carry the owner's token, refreshed on 401
    Say($"  tenant {signUp.Tenant.Id}, owner {signUp.Auth.User.Email} signed in");

    await api.UpdateTenantAsync(new TenantPatch(null, null, null, new PolicyDto(MinNoticeMinutes: 0, null, null, null)));
    Say("  policy: no minimum notice");

    var staff = await api.CreateStaffAsync(new StaffRequest("Alex Barber", "alex@example.com", null, null));
    Say($"Added staff member {staff.Name} ({staff.Id}), time zone {staff.TimeZone}");
    IntervalDto[] day = [new("09:00", "12:00"), new("13:00", "17:00")];
    await api.SetScheduleAsync(staff.Id, new ScheduleDto(new WeeklyHoursDto(day, day, day, day, day, day, day), []));
    Say("  hours: every day 09:00-12:00 and 13:00-17:00");

    var service = await api.CreateServiceAsync(new ServiceRequest("Haircut", 45, 0, 15, 5500, 1, 30, [staff.Id], true));
    Say($"Added service {service.Name}: {service.DurationMinutes} min + {service.BufferAfterMinutes} min buffer, every {service.SlotIntervalMinutes} min, {service.PriceCents / 100m:0.00} AUD");

    var now = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone));
    var tomorrow = DateOnly.FromDateTime(now.DateTime).AddDays(1);
    var availability = await api.GetAvailabilityAsync(service.Id, tomorrow, tomorrow.AddDays(2));
    Say($"Availability {tomorrow:yyyy-MM-dd} to {tomorrow.AddDays(2):yyyy-MM-dd} ({availability.TimeZone}): {availability.Slots.Count} slots");
    foreach (var slot in availability.Slots.Take(5))
    {
        Say($"  {Time(slot.Start)} - {slot.End:HH:mm}  with {string.Join(", ", availability.StaffOf(slot).Select(s => s.Name))}, seats left {slot.SeatsLeft}");
    }

    var first = availability.Slots[0];
    var booking = await api.CreateBookingAsync(new CreateBookingRequest(service.Id, first.Start, null,
        new CustomerDto("Jamie Citizen", "jamie@example.com", "+61 400 000 000"), "First visit"));
    Say($"Booked {booking.Id} at {Time(booking.Start)} with staff {booking.StaffId} (status {booking.Status})");
    Say($"  the guest's manage token (only in this answer): {booking.ManageToken![..8]}…");

    try
    {
        await api.CreateBookingAsync(new CreateBookingRequest(service.Id, first.Start, null, new CustomerDto("Someone Else", "else@example.com", null), null));
    }
    catch (BookMeAtOzApiException e) when (e.Code == ApiProblemCodes.SlotUnavailable)
    {
        Say($"Booking the same time again: {e.Status} {e.Code} ({e.Detail})");
    }

    var later = availability.Slots.First(s => s.Start >= first.Start.AddHours(3));
    var moved = await api.RescheduleBookingAsync(booking.Id, new RescheduleBookingRequest(later.Start, null), booking.ManageToken);
    Say($"Rescheduled to {Time(moved.Start)}");

    var cancelled = await api.CancelBookingAsync(booking.Id, new CancelBookingRequest("Something came up"), booking.ManageToken);
    Say($"Cancelled: status {cancelled.Status}, reason '{cancelled.CancelReason}', at {Time(cancelled.CancelledAt!.Value)}");

    var page = await api.ListBookingsAsync(tomorrow, tomorrow.AddDays(2));
    Say($"The owner's list of bookings: {string.Join(", ", page.Items.Select(b => $"{Time(b.Start)} {b.Status}"))}");
    Say("Done.");
    return 0;
}
catch (BookMeAtOzApiException e)
{
    await Console.Error.WriteLineAsync($"The API refused a request: {e.Message}");
    foreach (var (field, messages) in e.Errors)
    {
        await Console.Error.WriteLineAsync($"  {field}: {string.Join(" ", messages)}");
    }

    return 1;
}
catch (HttpRequestException e)
{
    await Console.Error.WriteLineAsync($"Could not reach {baseAddress}: {e.Message}. Is the host running (dotnet run --project samples/BookMeAtOz.Host)?");
    return 2;
}

static void Say(string line) => Console.WriteLine(line);

static string Time(DateTimeOffset instant) => instant.ToString("ddd yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
