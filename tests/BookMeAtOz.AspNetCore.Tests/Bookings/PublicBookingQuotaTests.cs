using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Bookings;

/// <summary>A host whose tenants take at most 2 online bookings a day.</summary>
public sealed class TwoOnlineBookingsADayApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["BookMeAtOz:RateLimiting:PublicBookingsPerTenantPerDay"] = "2";
            return settings;
        }
    }
}

public sealed class PublicBookingQuotaTests(TwoOnlineBookingsADayApiFactory factory) : IClassFixture<TwoOnlineBookingsADayApiFactory>
{
    [ServerFact]
    public async Task OnlineBookings_BeyondTheTenantsDailyQuota_Are429QuotaExceeded_AndChangeNothing()
    {
        // The quota is per UTC day: a run that started in the last minutes before midnight would see it reset mid-test, so
        // the host's clock is then set 10 minutes back (tokens issued meanwhile stay valid by the real clock too).
        if (TimeProvider.System.GetUtcNow().TimeOfDay > new TimeSpan(23, 55, 0))
        {
            factory.Clock.Offset = TimeSpan.FromMinutes(-10);
        }

        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        var slots = await t.SlotsAsync(service.Id);

        // A refused request (the slot is taken) spends nothing: only bookings made count.
        await t.BookAsync(service.Id, slots[0].Start);
        await (await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slots[0].Start)))
            .ProblemAsync(HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        await t.BookAsync(service.Id, slots[1].Start);

        var refused = await t.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slots[2].Start));
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests, ApiProblemCodes.QuotaExceeded);
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 24 * 3600);
        Assert.Contains(await t.SlotsAsync(service.Id), s => s.Start == slots[2].Start);

        // The business itself still books (a phone booking), and another tenant has its own quota.
        Assert.Equal(HttpStatusCode.Created, (await t.Owner.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, slots[2].Start))).StatusCode);
        var other = await TestTenant.CreateAsync(factory);
        var (_, otherService) = await other.AddStaffAndServiceAsync();
        await other.BookAsync(otherService.Id, (await other.SlotsAsync(otherService.Id))[0].Start);
    }
}
