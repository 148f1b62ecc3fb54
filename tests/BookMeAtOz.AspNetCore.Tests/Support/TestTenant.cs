using System.Net;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Support;

/// <summary>A freshly signed-up tenant (Australia/Sydney, no notice needed) with clients for its owner and for anonymous callers.</summary>
public sealed class TestTenant
{
    public const string Password = "correct horse battery";
    public const string Zone = "Australia/Sydney";

    private TestTenant(ApiFactory factory, TenantResponse tenant, AuthResponse owner)
    {
        Factory = factory;
        Tenant = tenant;
        OwnerAuth = owner;
        Anonymous = factory.Client(tenant.Slug);
        Owner = factory.Client(tenant.Slug, owner.AccessToken);
    }

    public ApiFactory Factory { get; }
    public TenantResponse Tenant { get; }
    public AuthResponse OwnerAuth { get; }
    public HttpClient Anonymous { get; }
    public HttpClient Owner { get; }
    public string Slug => Tenant.Slug;

    public static string NewSlug() => "t" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Today's date in Sydney plus <paramref name="days"/>.</summary>
    public static DateOnly Day(int days = 7)
    {
        var sydney = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), sydney).DateTime).AddDays(days);
    }

    public static async Task<TestTenant> CreateAsync(ApiFactory factory, int minNoticeMinutes = 0)
    {
        var slug = NewSlug();
        var response = await factory.Client().PostJsonAsync("/api/v1/tenants", new SignUpRequest(
            slug, "Test Salon", Zone, null, new NewAccount("Olive Owner", $"owner@{slug}.example", Password)));
        var signUp = await response.ReadAsync<SignUpResponse>(HttpStatusCode.Created);
        var tenant = new TestTenant(factory, signUp.Tenant, signUp.Auth);
        if (minNoticeMinutes != 60)
        {
            (await tenant.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { minNoticeMinutes } })).EnsureSuccessStatusCode();
        }

        return tenant;
    }

    /// <summary>A staff member working every day 09:00–17:00.</summary>
    public async Task<StaffResponse> AddStaffAsync(string name = "Alex")
    {
        var staff = await (await Owner.PostJsonAsync("/api/v1/staff", new StaffRequest(name, $"{name.ToLowerInvariant()}@example.com", null, null)))
            .ReadAsync<StaffResponse>(HttpStatusCode.Created);
        IntervalDto[] day = [new("09:00", "17:00")];
        (await Owner.PutJsonAsync($"/api/v1/staff/{staff.Id}/schedule",
            new ScheduleDto(new WeeklyHoursDto(day, day, day, day, day, day, day), []))).EnsureSuccessStatusCode();
        return staff;
    }

    public async Task<ServiceResponse> AddServiceAsync(IReadOnlyList<Guid> staffIds, int duration = 60, int capacity = 1, string name = "Haircut") =>
        await (await Owner.PostJsonAsync("/api/v1/services", new ServiceRequest(name, duration, null, null, 5000, capacity, null, staffIds, null)))
            .ReadAsync<ServiceResponse>(HttpStatusCode.Created);

    public async Task<(StaffResponse Staff, ServiceResponse Service)> AddStaffAndServiceAsync(int capacity = 1)
    {
        var staff = await AddStaffAsync();
        return (staff, await AddServiceAsync([staff.Id], capacity: capacity));
    }

    public async Task<IReadOnlyList<SlotResponse>> SlotsAsync(Guid serviceId, DateOnly? day = null, Guid? staffId = null)
    {
        var d = (day ?? Day()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var url = $"/api/v1/availability?serviceId={serviceId}&from={d}&to={d}" + (staffId is null ? string.Empty : $"&staffId={staffId}");
        return (await (await Anonymous.GetAsync(url)).ReadAsync<AvailabilityResponse>()).Slots;
    }

    public static CreateBookingRequest Booking(Guid serviceId, DateTimeOffset start, Guid? staffId = null) =>
        new(serviceId, start, staffId, new CustomerDto("Jamie Citizen", "jamie@example.com", "+61 400 000 000"), "Window seat please");

    public async Task<BookingResponse> BookAsync(Guid serviceId, DateTimeOffset start, Guid? staffId = null) =>
        await (await Anonymous.PostJsonAsync("/api/v1/bookings", Booking(serviceId, start, staffId))).ReadAsync<BookingResponse>(HttpStatusCode.Created);

    /// <summary>Signs in a new user of the given role and returns a client carrying their token.</summary>
    public async Task<HttpClient> UserAsync(string role, Guid? staffId = null)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.com";
        (await Owner.PostJsonAsync("/api/v1/users", new CreateUserRequest(role + " user", email, Password, role, staffId)))
            .EnsureSuccessStatusCode();
        var auth = await (await Anonymous.PostJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password))).ReadAsync<AuthResponse>();
        return Factory.Client(Slug, auth.AccessToken);
    }
}
