using System.Net;
using System.Security.Claims;
using BookMeAtOz.AspNetCore;
using BookMeAtOz.Bookings;
using BookMeAtOz.Contracts;
using BookMeAtOz.Scheduling;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.Embedded.Tests;

/// <summary>
/// The public extension points (SPEC §8.3) with implementations of a host's own: tenant resolution strategies, extra
/// busy time, booking rules. (E-mail senders: <see cref="EmbeddedAppTests"/>; stores: BookMeAtOz.Testing's contract
/// suite; committed change subscribers: the PostgreSQL outbox tests.)
/// </summary>
public sealed class ExtensionPointTests
{
    private static Task<MiniHost> StartAsync(Action<BookMeAtOzBuilderAccess> configure, string prefix = "/api/v1", Action<IServiceCollection>? services = null, Action<WebApplication>? beforeBooking = null) =>
        MiniHost.StartAsync(
            s =>
            {
                services?.Invoke(s);
                configure(new BookMeAtOzBuilderAccess(s.AddBookMeAtOz().WithAspNetCore()));
            },
            app =>
            {
                beforeBooking?.Invoke(app);
                app.UseBookMeAtOz();
                app.MapBookMeAtOz(prefix, prefix.Replace("/api/v1", "/hubs/availability", StringComparison.Ordinal));
            });

    [Fact]
    public async Task RouteStrategy_TakesTheTenantFromThePath_AndLocationsKeepIt()
    {
        await using var host = await StartAsync(b => b.Builder.WithTenantResolution(t => t.WithRouteStrategy("tenant")), prefix: "/t/{tenant}/api/v1");
        var signUp = new BookingApi(host.Client(), "/t/any/api/v1");
        var (slug, token) = await signUp.SignUpAsync(tenantApi: s => new BookingApi(host.Client(), $"/t/{s}/api/v1"));
        var api = new BookingApi(host.Client(), $"/t/{slug}/api/v1");

        var tenant = await BookingApi.JsonAsync(await api.SendAsync(HttpMethod.Get, "/tenant", slug: null), HttpStatusCode.OK);
        Assert.Equal(slug, (string?)tenant["slug"]);
        var staff = await api.SendAsync(HttpMethod.Post, "/staff", null, token, """{"name":"Sam"}""");
        Assert.Equal(HttpStatusCode.Created, staff.StatusCode);
        Assert.StartsWith($"/t/{slug}/api/v1/staff/", staff.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // Only the route counts now: the header alone names no tenant.
        var headerOnly = new BookingApi(host.Client(), "/api/v1");
        await BookingApi.AssertProblemAsync(await new BookingApi(host.Client(), "/t/nobody-here/api/v1").SendAsync(HttpMethod.Get, "/tenant", slug),
            HttpStatusCode.NotFound, ApiProblemCodes.TenantNotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await headerOnly.SendAsync(HttpMethod.Get, "/tenant", slug)).StatusCode);
    }

    [Fact]
    public async Task HeaderClaimAndDelegateStrategies_AreTriedInOrder()
    {
        await using var host = await StartAsync(
            b => b.Builder.WithTenantResolution(t => t
                .WithHeaderStrategy("X-Clinic")
                .WithClaimStrategy("clinic_tenant")
                .WithDelegateStrategy(context => ValueTask.FromResult<string?>(context.Request.Query["clinic"].ToString() is { Length: > 0 } q ? q : null))),
            services: s => s.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(),
            beforeBooking: app =>
            {
                app.UseAuthentication();
                app.MapPost("/login/{slug}", async (HttpContext http, string slug) =>
                {
                    await http.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim("clinic_tenant", slug)], CookieAuthenticationDefaults.AuthenticationScheme)));
                    return Results.NoContent();
                });
            });
        var (slug, _) = await new BookingApi(host.Client()).SignUpAsync(tenantApi: _ => new BookingApi(host.Client()) { TenantHeader = "X-Clinic" });
        var client = host.Client();

        // X-Tenant is not a strategy here.
        await BookingApi.AssertProblemAsync(await new BookingApi(client).SendAsync(HttpMethod.Get, "/tenant", slug), HttpStatusCode.BadRequest, ApiProblemCodes.TenantRequired);

        var byHeader = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenant");
        byHeader.Headers.Add("X-Clinic", slug);
        Assert.Equal(slug, (string?)(await BookingApi.JsonAsync(await client.SendAsync(byHeader), HttpStatusCode.OK))["slug"]);

        Assert.Equal(slug, (string?)(await BookingApi.JsonAsync(await client.GetAsync($"/api/v1/tenant?clinic={slug}"), HttpStatusCode.OK))["slug"]);

        var login = await client.PostAsync($"/login/{slug}", null);
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var byClaim = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenant");
        byClaim.Headers.Add("Cookie", cookie);
        Assert.Equal(slug, (string?)(await BookingApi.JsonAsync(await client.SendAsync(byClaim), HttpStatusCode.OK))["slug"]);
    }

    [Fact]
    public async Task BusyTimeSource_IsNeitherOfferedNorBookable()
    {
        var calendar = new FakeCalendar();
        await using var host = await StartAsync(_ => { }, services: s => s.AddSingleton<IBusyTimeSource>(calendar));
        var api = new BookingApi(host.Client());
        var (slug, token) = await api.SignUpAsync();
        var (serviceId, staffId) = await api.AddBookableServiceAsync(slug, token);
        var day = BookingApi.Day();
        var before = await api.SlotStartsAsync(slug, serviceId, day);
        var blocked = before.Single(s => s.Contains("T10:00:00", StringComparison.Ordinal));

        // The physio's own calendar says 10:30–11:15 is taken: 10:00, 10:15 … 11:00 starts would overlap it.
        var busyStart = DateTimeOffset.Parse(blocked, System.Globalization.CultureInfo.InvariantCulture).AddMinutes(30);
        calendar.Busy.Add(new ExternalBusyTime(staffId, busyStart, busyStart.AddMinutes(45)));
        var after = await api.SlotStartsAsync(slug, serviceId, day);
        Assert.DoesNotContain(blocked, after);
        Assert.Equal(before.Count - 2, after.Count); // 10:00 and 11:00 gone on a 60-minute grid
        Assert.Contains(calendar.Queries, q => q.StaffIds.Contains(staffId));

        await BookingApi.AssertProblemAsync(await api.BookAsync(slug, serviceId, blocked, "casey@example.com"), HttpStatusCode.Conflict, ApiProblemCodes.SlotUnavailable);
        Assert.Equal(HttpStatusCode.Created, (await api.BookAsync(slug, serviceId, after[0], "casey@example.com")).StatusCode);
    }

    [Fact]
    public async Task BookingRule_RefusesWithItsOwnCode_OnCreateAndReschedule()
    {
        await using var host = await StartAsync(_ => { }, services: s => s.AddSingleton<IBookingRule, NoBlockedCustomers>());
        var api = new BookingApi(host.Client());
        var (slug, token) = await api.SignUpAsync();
        var (serviceId, _) = await api.AddBookableServiceAsync(slug, token);
        var slots = await api.SlotStartsAsync(slug, serviceId, BookingApi.Day());

        await BookingApi.AssertProblemAsync(await api.BookAsync(slug, serviceId, slots[0], "mallory@blocked.example"), HttpStatusCode.Conflict, "customer_blocked");
        Assert.Equal(slots, await api.SlotStartsAsync(slug, serviceId, BookingApi.Day())); // nothing was booked

        var booking = await BookingApi.JsonAsync(await api.BookAsync(slug, serviceId, slots[0], "casey@example.com"), HttpStatusCode.Created);
        await BookingApi.AssertProblemAsync(
            await api.SendAsync(HttpMethod.Post, $"/bookings/{booking["id"]}/reschedule", slug, token, $$"""{"start":"{{slots[^1]}}"}"""),
            HttpStatusCode.Conflict, "no_late_moves");
    }

    /// <summary>Lets a test reach the builder the host configures.</summary>
    public sealed record BookMeAtOzBuilderAccess(BookMeAtOz.DependencyInjection.BookMeAtOzBuilder Builder);

    private sealed class FakeCalendar : IBusyTimeSource
    {
        public List<ExternalBusyTime> Busy { get; } = [];

        public List<BusyTimeQuery> Queries { get; } = [];

        public ValueTask<IReadOnlyList<ExternalBusyTime>> GetBusyTimeAsync(BusyTimeQuery query, CancellationToken cancellationToken)
        {
            lock (Queries)
            {
                Queries.Add(query);
                return ValueTask.FromResult<IReadOnlyList<ExternalBusyTime>>([.. Busy.Where(b => query.StaffIds.Contains(b.StaffId))]);
            }
        }
    }

    private sealed class NoBlockedCustomers : IBookingRule
    {
        public ValueTask<BookingRuleResult> CheckAsync(BookingRuleContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(
                context.Customer.Email.EndsWith("@blocked.example", StringComparison.OrdinalIgnoreCase) ? BookingRuleResult.Refuse("customer_blocked", "Please call the clinic.")
                : context.RescheduledBookingId is not null && context.Start.Hour >= 16 ? BookingRuleResult.Refuse("no_late_moves", "Late appointments cannot be moved to online.")
                : BookingRuleResult.Allow);
    }
}
