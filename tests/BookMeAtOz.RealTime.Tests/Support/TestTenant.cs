using System.Net.Http.Headers;
using BookMeAtOz.Client;
using BookMeAtOz.Contracts;
using BookMeAtOz.Client.RealTime;

namespace BookMeAtOz.RealTime.Tests.Support;

/// <summary>A tenant signed up through one host, with a staff member working every day and a 30-minute service.</summary>
public sealed class TestTenant
{
    public const string Zone = "Australia/Sydney";
    public const string Password = "correct horse battery";

    private TestTenant(string slug, SignUpResponse signUp)
    {
        Slug = slug;
        SignUp = signUp;
    }

    public string Slug { get; }

    public SignUpResponse SignUp { get; }

    public string OwnerToken => SignUp.Auth.AccessToken;

    public Guid StaffId { get; private set; }

    public Guid ServiceId { get; private set; }

    public static string NewSlug() => "t" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Signs up a tenant on <paramref name="host"/> and sets it up for booking.</summary>
    public static async Task<TestTenant> CreateAsync(BookingHost host, int minNoticeMinutes = 0)
    {
        var slug = NewSlug();
        var signUp = await Api(host, slug).CreateTenantAsync(new SignUpRequest(
            slug, "Realtime Salon " + slug[..6], Zone, null, new NewAccount("Olive Owner", $"owner@{slug}.example", Password)));
        var tenant = new TestTenant(slug, signUp);
        var owner = tenant.Owner(host);
        await owner.UpdateTenantAsync(new TenantPatch(null, null, null, new PolicyDto(minNoticeMinutes, 60, null, 0)));
        var staff = await owner.CreateStaffAsync(new StaffRequest("Alex", "alex@example.com", null, null));
        IntervalDto[] day = [new("00:00", "24:00")];
        await owner.SetScheduleAsync(staff.Id, new ScheduleDto(new WeeklyHoursDto(day, day, day, day, day, day, day), []));
        var service = await owner.CreateServiceAsync(new ServiceRequest("Haircut", 30, 0, 0, 5000, 1, null, [staff.Id], true));
        tenant.StaffId = staff.Id;
        tenant.ServiceId = service.Id;
        return tenant;
    }

    /// <summary>The typed client of <paramref name="host"/> for this tenant, anonymous.</summary>
    public IBookMeAtOzApi Anonymous(BookingHost host) => Api(host, Slug);

    /// <summary>The typed client of <paramref name="host"/> for this tenant, as its owner.</summary>
    public IBookMeAtOzApi Owner(BookingHost host) => Api(host, Slug, OwnerToken);

    /// <summary>A real-time client of <paramref name="host"/> for this tenant (not started).</summary>
    public BookMeAtOzRealTimeClient RealTime(BookingHost host, string? accessToken = null) =>
        BookMeAtOzRealTimeClient.Create(host.BaseAddress, Slug, accessToken: accessToken is null ? null : () => Task.FromResult<string?>(accessToken));

    /// <summary>The free slots of the service on a local date (today + <paramref name="days"/> in the tenant's zone).</summary>
    public async Task<IReadOnlyList<SlotResponse>> SlotsAsync(BookingHost host, int days)
    {
        var date = LocalToday().AddDays(days);
        return (await Anonymous(host).GetAvailabilityAsync(ServiceId, date, date)).Slots;
    }

    /// <summary>Books the <paramref name="index"/>-th free slot <paramref name="days"/> days ahead.</summary>
    public async Task<BookingResponse> BookAsync(BookingHost host, int days = 3, int index = 0, string? email = null)
    {
        var slot = (await SlotsAsync(host, days))[index];
        return await Anonymous(host).CreateBookingAsync(new CreateBookingRequest(
            ServiceId, slot.Start, null, new CustomerDto("Casey Customer", email ?? $"casey+{Guid.NewGuid():N}@example.com", null), null));
    }

    public static DateOnly LocalToday(TimeProvider? clock = null)
    {
        var sydney = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime((clock ?? TimeProvider.System).GetUtcNow(), sydney).DateTime);
    }

    public static IBookMeAtOzApi Api(BookingHost host, string slug, string? token = null)
    {
        var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add(BookMeAtOzHeaders.Tenant, slug);
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return BookMeAtOzClient.Create(http);
    }
}
