using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Auth;

/// <summary>Every route × every kind of caller: anonymous, guest with the manage token, staff (own and other), admin, owner, another tenant's admin.</summary>
public abstract class AuthorizationMatrixTests(ApiFactory factory)
{
    private static readonly string[] CallerNames = ["anonymous", "customer", "staff-own", "staff-other", "admin", "owner", "foreign-admin"];

    public static TheoryData<string> Callers => new(CallerNames);

    private sealed record Route(string Name, Func<Scene, HttpClient, Task<HttpResponseMessage>> Call, string Expected);

    // Expected status per caller, in the order of Callers.
    private static readonly Route[] Routes =
    [
        new("GET tenant", (_, c) => c.GetAsync("/api/v1/tenant"), "200 200 200 200 200 200 403"),
        new("PATCH tenant", (_, c) => c.PatchJsonAsync("/api/v1/tenant", new { name = "Renamed" }), "401 401 403 403 200 200 403"),
        new("GET me", (_, c) => c.GetAsync("/api/v1/me"), "401 401 200 200 200 200 403"),
        new("POST users", (_, c) => c.PostJsonAsync("/api/v1/users", new CreateUserRequest("U", $"u{Guid.NewGuid():N}@example.com", TestTenant.Password, "admin", null)),
            "401 401 403 403 201 201 403"),
        new("GET users", (_, c) => c.GetAsync("/api/v1/users"), "401 401 403 403 200 200 403"),
        new("PATCH user", async (s, c) => await c.PatchJsonAsync($"/api/v1/users/{await s.NewUserAsync()}", new { role = "staff", staffId = s.StaffB.Id }),
            "401 401 403 403 200 200 403"),
        new("DELETE user", async (s, c) => await c.DeleteAsync($"/api/v1/users/{await s.NewUserAsync()}"), "401 401 403 403 204 204 403"),
        new("POST invitation", (_, c) => c.PostJsonAsync("/api/v1/users/invitations", new InviteUserRequest($"i{Guid.NewGuid():N}@example.com", "admin", null)),
            "401 401 403 403 202 202 403"),
        new("GET audit", (_, c) => c.GetAsync("/api/v1/audit"), "401 401 403 403 403 200 403"),
        new("GET tenant export", (_, c) => c.GetAsync("/api/v1/tenant/export"), "401 401 403 403 403 200 403"),
        new("GET customers", (_, c) => c.GetAsync("/api/v1/customers"), "401 401 403 403 200 200 403"),
        new("GET customer", (_, c) => c.GetAsync("/api/v1/customers/jamie%40example.com"), "401 401 403 403 200 200 403"),
        new("GET customer export", (_, c) => c.GetAsync("/api/v1/customers/jamie%40example.com/export"), "401 401 403 403 200 200 403"),
        new("DELETE customer", async (s, c) =>
        {
            var email = $"erase-{Guid.NewGuid():N}@example.com";
            (await s.Tenant.Anonymous.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(s.Service.Id, await s.NextSlotAsync()) with
            {
                Customer = new CustomerDto("To Erase", email, null),
            })).EnsureSuccessStatusCode();
            return await c.DeleteAsync($"/api/v1/customers/{Uri.EscapeDataString(email)}");
        }, "401 401 403 403 204 204 403"),
        // Signed in, a wrong current password is refused as bad input (400): the caller got past authorization, and nothing changes.
        new("POST password", (_, c) => c.PostJsonAsync("/api/v1/auth/password", new ChangePasswordRequest("not the password", "a new secret phrase")),
            "401 401 400 400 400 400 403"),
        new("POST password-reset", (_, c) => c.PostJsonAsync("/api/v1/auth/password-reset", new PasswordResetRequest("nobody@example.com")),
            "202 202 202 202 202 202 403"),
        new("POST password-reset confirm", (_, c) => c.PostJsonAsync("/api/v1/auth/password-reset/confirm", new ConfirmPasswordResetRequest("made-up", "a new secret phrase")),
            "400 400 400 400 400 400 403"),
        new("POST invitation accept", (_, c) => c.PostJsonAsync("/api/v1/auth/invitations/accept", new AcceptInvitationRequest("made-up", "Name", "a new secret phrase")),
            "400 400 400 400 400 400 403"),
        new("GET services", (_, c) => c.GetAsync("/api/v1/services"), "200 200 200 200 200 200 403"),
        new("GET service", (s, c) => c.GetAsync($"/api/v1/services/{s.Service.Id}"), "200 200 200 200 200 200 403"),
        new("POST services", (_, c) => c.PostJsonAsync("/api/v1/services", new { name = "New", durationMinutes = 30 }), "401 401 403 403 201 201 403"),
        new("PATCH service", (s, c) => c.PatchJsonAsync($"/api/v1/services/{s.Service.Id}", new { priceCents = 1 }), "401 401 403 403 200 200 403"),
        new("DELETE service", async (s, c) => await c.DeleteAsync($"/api/v1/services/{(await s.Tenant.AddServiceAsync([])).Id}"), "401 401 403 403 204 204 403"),
        new("GET staff", (_, c) => c.GetAsync("/api/v1/staff"), "200 200 200 200 200 200 403"),
        new("GET staff member", (s, c) => c.GetAsync($"/api/v1/staff/{s.StaffA.Id}"), "200 200 200 200 200 200 403"),
        new("POST staff", (_, c) => c.PostJsonAsync("/api/v1/staff", new { name = "New" }), "401 401 403 403 201 201 403"),
        new("PATCH staff", (s, c) => c.PatchJsonAsync($"/api/v1/staff/{s.StaffB.Id}", new { active = true }), "401 401 403 403 200 200 403"),
        new("DELETE staff", async (s, c) => await c.DeleteAsync($"/api/v1/staff/{(await s.Tenant.AddStaffAsync("Temp")).Id}"), "401 401 403 403 204 204 403"),
        new("GET schedule", (s, c) => c.GetAsync($"/api/v1/staff/{s.StaffA.Id}/schedule"), "401 401 200 403 200 200 403"),
        new("PUT schedule", (s, c) => c.PutJsonAsync($"/api/v1/staff/{s.StaffA.Id}/schedule", Scene.NineToFive), "401 401 200 403 200 200 403"),
        new("GET time-off", (s, c) => c.GetAsync($"/api/v1/staff/{s.StaffA.Id}/time-off"), "401 401 200 403 200 200 403"),
        new("POST time-off", (s, c) => c.PostJsonAsync($"/api/v1/staff/{s.StaffA.Id}/time-off", Scene.FarTimeOff()), "401 401 201 403 201 201 403"),
        new("DELETE time-off", async (s, c) => await c.DeleteAsync($"/api/v1/staff/{s.StaffA.Id}/time-off/{await s.NewTimeOffAsync()}"), "401 401 204 403 204 204 403"),
        new("GET closures", (_, c) => c.GetAsync("/api/v1/closures"), "200 200 200 200 200 200 403"),
        new("POST closures", (_, c) => c.PostJsonAsync("/api/v1/closures", Scene.FarClosure()), "401 401 403 403 201 201 403"),
        new("DELETE closure", async (s, c) => await c.DeleteAsync($"/api/v1/closures/{await s.NewClosureAsync()}"), "401 401 403 403 204 204 403"),
        new("GET resources", (_, c) => c.GetAsync("/api/v1/resources"), "200 200 200 200 200 200 403"),
        new("POST resources", (_, c) => c.PostJsonAsync("/api/v1/resources", new { name = "Room", kind = "room" }), "401 401 403 403 201 201 403"),
        new("PATCH resource", async (s, c) => await c.PatchJsonAsync($"/api/v1/resources/{await s.NewResourceAsync()}", new { quantity = 2 }), "401 401 403 403 200 200 403"),
        new("DELETE resource", async (s, c) => await c.DeleteAsync($"/api/v1/resources/{await s.NewResourceAsync()}"), "401 401 403 403 204 204 403"),
        new("GET availability", (s, c) => c.GetAsync($"/api/v1/availability?serviceId={s.Service.Id}&from={TestTenant.Day():yyyy-MM-dd}&to={TestTenant.Day():yyyy-MM-dd}"),
            "200 200 200 200 200 200 403"),
        new("POST bookings", async (s, c) => await c.PostJsonAsync("/api/v1/bookings", TestTenant.Booking(s.Service.Id, await s.NextSlotAsync())), "201 201 201 201 201 201 403"),
        new("GET bookings", (_, c) => c.GetAsync("/api/v1/bookings"), "401 401 200 200 200 200 403"),
        new("GET booking", (s, c) => c.GetAsync($"/api/v1/bookings/{s.Booking.Id}"), "401 200 200 403 200 200 403"),
        new("GET booking ics", (s, c) => c.GetAsync($"/api/v1/bookings/{s.Booking.Id}/ics"), "401 200 200 403 200 200 403"),
        new("POST cancel", async (s, c) => await s.WithFreshBookingAsync(c, id => c.PostJsonAsync($"/api/v1/bookings/{id}/cancel", new { })),
            "401 200 200 403 200 200 403"),
        new("POST reschedule", async (s, c) => await s.WithFreshBookingAsync(c, async id =>
            await c.PostJsonAsync($"/api/v1/bookings/{id}/reschedule", new RescheduleBookingRequest(await s.NextSlotAsync(), null))), "401 200 200 403 200 200 403"),
        // The scene's booking is confirmed and in the future: whoever may decide on it gets past authorization to 409.
        new("POST approve", (s, c) => c.PostJsonAsync($"/api/v1/bookings/{s.Booking.Id}/approve", new { }), "401 401 403 403 409 409 403"),
        new("POST decline", (s, c) => c.PostJsonAsync($"/api/v1/bookings/{s.Booking.Id}/decline", new { }), "401 401 403 403 409 409 403"),
        new("POST no-show", (s, c) => c.PostJsonAsync($"/api/v1/bookings/{s.Booking.Id}/no-show", new { }), "401 401 409 403 409 409 403"),
    ];

    [ServerTheory]
    [MemberData(nameof(Callers), MemberType = typeof(AuthorizationMatrixTests))]
    public async Task EveryRoute_ForCaller_AnswersAsTheRulesSay(string caller)
    {
        var scene = await Scene.CreateAsync(factory);
        var index = Array.IndexOf(CallerNames, caller);
        var mismatches = new List<string>();
        foreach (var route in Routes)
        {
            var client = await scene.ClientFor(caller);
            var response = await route.Call(scene, client);
            var expected = route.Expected.Split(' ')[index];
            if (((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) != expected)
            {
                mismatches.Add($"{route.Name}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            else if (!response.IsSuccessStatusCode)
            {
                await response.ProblemAsync(response.StatusCode, response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized => ApiProblemCodes.Unauthorized,
                    HttpStatusCode.BadRequest => ApiProblemCodes.ValidationFailed,
                    HttpStatusCode.Conflict => ApiProblemCodes.InvalidTransition,
                    _ => ApiProblemCodes.Forbidden,
                });
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    private sealed class Scene
    {
        private static readonly IntervalDto[] Day = [new("09:00", "17:00")];
        public static readonly ScheduleDto NineToFive = new(new WeeklyHoursDto(Day, Day, Day, Day, Day, Day, Day), []);
        private readonly Queue<DateTimeOffset> _slots = new();
        private readonly Dictionary<string, HttpClient> _clients = [];

        public required TestTenant Tenant { get; init; }
        public required TestTenant Foreign { get; init; }
        public required StaffResponse StaffA { get; init; }
        public required StaffResponse StaffB { get; init; }
        public required ServiceResponse Service { get; init; }
        public required BookingResponse Booking { get; init; }

        public static TimeOffRequest FarTimeOff()
        {
            var start = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(Random.Shared.Next(0, 10000));
            return new TimeOffRequest(start, start.AddHours(1), "Away");
        }

        public static async Task<Scene> CreateAsync(ApiFactory factory)
        {
            var tenant = await TestTenant.CreateAsync(factory);
            var a = await tenant.AddStaffAsync("Alex");
            var b = await tenant.AddStaffAsync("Blair");
            var service = await tenant.AddServiceAsync([a.Id]);
            var slots = new List<SlotResponse>();
            for (var d = 7; d < 12; d++)
            {
                slots.AddRange(await tenant.SlotsAsync(service.Id, TestTenant.Day(d)));
            }

            var booking = await tenant.BookAsync(service.Id, slots[0].Start);
            var scene = new Scene
            {
                Tenant = tenant, Foreign = await TestTenant.CreateAsync(factory), StaffA = a, StaffB = b, Service = service, Booking = booking,
            };
            foreach (var slot in slots.Skip(1))
            {
                scene._slots.Enqueue(slot.Start);
            }

            return scene;
        }

        public Task<DateTimeOffset> NextSlotAsync() => Task.FromResult(_slots.Dequeue());

        /// <summary>A new admin user of the tenant (for routes that change or remove one).</summary>
        public async Task<Guid> NewUserAsync() =>
            (await (await Tenant.Owner.PostJsonAsync("/api/v1/users", new CreateUserRequest("Target", $"target{Guid.NewGuid():N}@example.com", TestTenant.Password, "admin", null)))
                .ReadAsync<UserResponse>(HttpStatusCode.Created)).Id;

        public static ClosureRequest FarClosure()
        {
            var day = new DateOnly(2031, 1, 1).AddDays(Random.Shared.Next(0, 1000));
            return new ClosureRequest(day, day, "Closed");
        }

        public async Task<Guid> NewResourceAsync() =>
            (await (await Tenant.Owner.PostJsonAsync("/api/v1/resources", new { name = "Room", kind = "room" })).ReadAsync<ResourceResponse>(HttpStatusCode.Created)).Id;

        public async Task<Guid> NewClosureAsync() =>
            (await (await Tenant.Owner.PostJsonAsync("/api/v1/closures", FarClosure())).ReadAsync<ClosureCreatedResponse>(HttpStatusCode.Created)).Id;

        public async Task<Guid> NewTimeOffAsync() =>
            (await (await Tenant.Owner.PostJsonAsync($"/api/v1/staff/{StaffA.Id}/time-off", FarTimeOff())).ReadAsync<TimeOffResponse>(HttpStatusCode.Created)).Id;

        /// <summary>Books a new slot with staff A and calls <paramref name="call"/> on it, as the caller (with its manage token if a guest).</summary>
        public async Task<HttpResponseMessage> WithFreshBookingAsync(HttpClient caller, Func<Guid, Task<HttpResponseMessage>> call)
        {
            var booking = await Tenant.BookAsync(Service.Id, await NextSlotAsync());
            caller.DefaultRequestHeaders.Remove("X-Manage-Token");
            if (ReferenceEquals(caller, _clients.GetValueOrDefault("customer")))
            {
                caller.DefaultRequestHeaders.Add("X-Manage-Token", booking.ManageToken);
            }

            try
            {
                return await call(booking.Id);
            }
            finally
            {
                if (ReferenceEquals(caller, _clients.GetValueOrDefault("customer")))
                {
                    caller.DefaultRequestHeaders.Remove("X-Manage-Token");
                    caller.DefaultRequestHeaders.Add("X-Manage-Token", Booking.ManageToken);
                }
            }
        }

        public async Task<HttpClient> ClientFor(string caller)
        {
            if (_clients.TryGetValue(caller, out var existing))
            {
                return existing;
            }

            var client = caller switch
            {
                "anonymous" => Tenant.Factory.Client(Tenant.Slug),
                "customer" => Tenant.Factory.Client(Tenant.Slug),
                "staff-own" => await Tenant.UserAsync("staff", StaffA.Id),
                "staff-other" => await Tenant.UserAsync("staff", StaffB.Id),
                "admin" => await Tenant.UserAsync("admin"),
                "owner" => Tenant.Owner,
                "foreign-admin" => Tenant.Factory.Client(Tenant.Slug, (await Foreign.UserAsync("admin")).DefaultRequestHeaders.Authorization!.Parameter),
                _ => throw new ArgumentOutOfRangeException(nameof(caller)),
            };
            if (caller == "customer")
            {
                client.DefaultRequestHeaders.Add("X-Manage-Token", Booking.ManageToken);
            }

            _clients[caller] = client;
            return client;
        }
    }
}

[Collection(ApiTests.Name)]
public sealed class InMemoryAuthorizationMatrixTests(ApiFactory factory) : AuthorizationMatrixTests(factory);

[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresAuthorizationMatrixTests(PostgresApiFactory factory) : AuthorizationMatrixTests(factory);
