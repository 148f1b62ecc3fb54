using System.Globalization;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.Client.Tests.Support;

/// <summary>A freshly signed-up tenant (Australia/Sydney, no minimum notice) and a client signed in as its owner.</summary>
public sealed class TestTenant : IDisposable
{
    public const string Password = "correct horse battery";
    public const string Zone = "Australia/Sydney";

    private TestTenant(LoopbackHost host, SignUpResponse signUp, ClientSession owner)
    {
        Host = host;
        SignUp = signUp;
        Owner = owner;
    }

    public LoopbackHost Host { get; }
    public SignUpResponse SignUp { get; }
    public string Slug => SignUp.Tenant.Slug;
    public string OwnerEmail => SignUp.Auth.User.Email;

    /// <summary>A client of this tenant, signed in as its owner.</summary>
    public ClientSession Owner { get; }

    public IBookMeAtOzApi Api => Owner.Api;

    public static string NewSlug() => "c" + Guid.NewGuid().ToString("N")[..16];

    public static SignUpRequest SignUpRequest(string slug) =>
        new(slug, "Client Test Salon", Zone, null, new NewAccount("Olive Owner", $"owner@{slug}.example", Password));

    public static async Task<TestTenant> CreateAsync(LoopbackHost host, Action<BookMeAtOzClientOptions>? configure = null)
    {
        var slug = NewSlug();
        var owner = new ClientSession(host.BaseAddress, slug, configure);
        var signUp = await owner.Api.CreateTenantAsync(SignUpRequest(slug));
        owner.Tokens.SetTokens(signUp.Auth);
        await owner.Api.UpdateTenantAsync(new TenantPatch(null, null, null, new PolicyDto(0, null, null, null)));
        return new TestTenant(host, signUp, owner);
    }

    /// <summary>Another client of this tenant (anonymous until given tokens).</summary>
    public ClientSession NewSession(Action<BookMeAtOzClientOptions>? configure = null) => new(Host.BaseAddress, Slug, configure);

    /// <summary>Today's date in Sydney plus <paramref name="days"/>.</summary>
    public static DateOnly Day(int days = 7)
    {
        var sydney = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), sydney).DateTime).AddDays(days);
    }

    /// <summary>A staff member working every day 09:00–17:00.</summary>
    public async Task<StaffResponse> AddStaffAsync(string name = "Alex")
    {
        var staff = await Api.CreateStaffAsync(new StaffRequest(name, $"{name.ToLowerInvariant()}@example.com", null, null));
        IntervalDto[] day = [new("09:00", "17:00")];
        await Api.SetScheduleAsync(staff.Id, new ScheduleDto(new WeeklyHoursDto(day, day, day, day, day, day, day), []));
        return staff;
    }

    public Task<ServiceResponse> AddServiceAsync(IReadOnlyList<Guid> staffIds, int duration = 60, string name = "Haircut") =>
        Api.CreateServiceAsync(new ServiceRequest(name, duration, null, null, 5000, 1, null, staffIds, null));

    public async Task<(StaffResponse Staff, ServiceResponse Service)> AddStaffAndServiceAsync()
    {
        var staff = await AddStaffAsync();
        return (staff, await AddServiceAsync([staff.Id]));
    }

    public async Task<IReadOnlyList<SlotResponse>> SlotsAsync(Guid serviceId, DateOnly? day = null)
    {
        var d = day ?? Day();
        return (await Api.GetAvailabilityAsync(serviceId, d, d)).Slots;
    }

    public static CreateBookingRequest Booking(Guid serviceId, DateTimeOffset start, Guid? staffId = null) =>
        new(serviceId, start, staffId, new CustomerDto("Jamie Citizen", "jamie@example.com", "+61 400 000 000"), "Window seat please");

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Dispose() => Owner.Dispose();
}
