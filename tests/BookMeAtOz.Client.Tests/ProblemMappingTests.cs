using System.Net;
using System.Text;
using BookMeAtOz.Contracts;
using BookMeAtOz.Client.Tests.Support;

namespace BookMeAtOz.Client.Tests;

/// <summary>Every error answer becomes a <see cref="BookMeAtOzApiException"/> carrying the problem's status, code and errors.</summary>
[Collection(LoopbackHostTests.Name)]
public sealed class ProblemMappingTests(LoopbackHost host)
{
    private static async Task<BookMeAtOzApiException> ProblemAsync(Func<Task> call, int status, string code)
    {
        var error = await Assert.ThrowsAsync<BookMeAtOzApiException>(call);
        Assert.Equal((status, code), (error.Status, error.Code));
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.False(string.IsNullOrEmpty(error.Detail));
        Assert.Contains(code, error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public async Task ValidationFailed_CarriesFieldErrors()
    {
        using var tenant = await TestTenant.CreateAsync(host);

        var error = await ProblemAsync(() => tenant.Api.CreateServiceAsync(new ServiceRequest("Haircut", 2, null, null, -1, null, null, null, null)),
            400, ApiProblemCodes.ValidationFailed);

        Assert.Contains("durationMinutes", error.Errors.Keys);
        Assert.Contains("priceCents", error.Errors.Keys);
        Assert.NotEmpty(error.Errors["durationMinutes"]);
    }

    [Fact]
    public async Task TenantRequired_And_TenantNotFound()
    {
        using var none = new ClientSession(host.BaseAddress, tenant: null);
        using var unknown = new ClientSession(host.BaseAddress, "no-such-tenant-here");

        await ProblemAsync(() => none.Api.GetTenantAsync(), 400, ApiProblemCodes.TenantRequired);
        await ProblemAsync(() => unknown.Api.ListServicesAsync(), 404, ApiProblemCodes.TenantNotFound);
    }

    [Fact]
    public async Task SlugTaken_Conflict_NotFound()
    {
        using var tenant = await TestTenant.CreateAsync(host);

        await ProblemAsync(() => tenant.Api.CreateTenantAsync(TestTenant.SignUpRequest(tenant.Slug)), 409, ApiProblemCodes.SlugTaken);
        await ProblemAsync(() => tenant.Api.CreateUserAsync(new CreateUserRequest("Again", tenant.OwnerEmail, TestTenant.Password, "admin", null)),
            409, ApiProblemCodes.Conflict);
        await ProblemAsync(() => tenant.Api.GetServiceAsync(Guid.NewGuid()), 404, ApiProblemCodes.NotFound);
    }

    [Fact]
    public async Task Unauthorized_Forbidden()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var staff = await tenant.AddStaffAsync();
        await tenant.Api.CreateUserAsync(new CreateUserRequest("Alex", "alex-user@example.com", TestTenant.Password, "staff", staff.Id));
        using var staffSession = tenant.NewSession();
        staffSession.Tokens.SetTokens(await staffSession.Api.SignInAsync(new TokenRequest("alex-user@example.com", TestTenant.Password)));
        using var anonymous = tenant.NewSession();

        await ProblemAsync(() => anonymous.Api.ListBookingsAsync(), 401, ApiProblemCodes.Unauthorized);
        await ProblemAsync(() => staffSession.Api.CreateServiceAsync(new ServiceRequest("Nope", 30, null, null, null, null, null, null, null)),
            403, ApiProblemCodes.Forbidden);
    }

    [Fact]
    public async Task SlotUnavailable_IdempotencyKeyReused_CancellationWindowPassed()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var (_, service) = await tenant.AddStaffAndServiceAsync();
        var slots = await tenant.SlotsAsync(service.Id, TestTenant.Day(1));
        var booking = await tenant.Api.CreateBookingAsync(TestTenant.Booking(service.Id, slots[0].Start), "key-1");

        var taken = await ProblemAsync(() => tenant.Api.CreateBookingAsync(TestTenant.Booking(service.Id, slots[0].Start)), 409, ApiProblemCodes.SlotUnavailable);
        Assert.Empty(taken.Errors);
        await ProblemAsync(() => tenant.Api.CreateBookingAsync(TestTenant.Booking(service.Id, slots[0].Start.AddMinutes(7))), 409, ApiProblemCodes.SlotUnavailable);
        await ProblemAsync(() => tenant.Api.CreateBookingAsync(TestTenant.Booking(service.Id, slots[2].Start), "key-1"), 422, ApiProblemCodes.IdempotencyKeyReused);

        await tenant.Api.UpdateTenantAsync(new TenantPatch(null, null, null, new PolicyDto(null, null, null, 7 * 24 * 60)));
        using var guest = tenant.NewSession();
        await ProblemAsync(() => guest.Api.CancelBookingAsync(booking.Id, new CancelBookingRequest(null), booking.ManageToken),
            409, ApiProblemCodes.CancellationWindowPassed);
    }

    [Fact]
    public async Task CatchByCode_AsDocumented()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var (_, service) = await tenant.AddStaffAndServiceAsync();
        var slots = await tenant.SlotsAsync(service.Id);
        await tenant.Api.CreateBookingAsync(TestTenant.Booking(service.Id, slots[0].Start));

        string outcome;
        try
        {
            await tenant.Api.CreateBookingAsync(TestTenant.Booking(service.Id, slots[0].Start));
            outcome = "booked";
        }
        catch (BookMeAtOzApiException e) when (e.Code == "slot_unavailable")
        {
            outcome = "pick another time";
        }

        Assert.Equal("pick another time", outcome);
    }

    public static TheoryData<string, int> Codes => new()
    {
        { ApiProblemCodes.ValidationFailed, 400 },
        { ApiProblemCodes.TenantRequired, 400 },
        { ApiProblemCodes.TenantNotFound, 404 },
        { ApiProblemCodes.SlugTaken, 409 },
        { ApiProblemCodes.NotFound, 404 },
        { ApiProblemCodes.Unauthorized, 401 },
        { ApiProblemCodes.Forbidden, 403 },
        { ApiProblemCodes.SlotUnavailable, 409 },
        { ApiProblemCodes.IdempotencyKeyReused, 422 },
        { ApiProblemCodes.CancellationWindowPassed, 409 },
        { ApiProblemCodes.RateLimited, 429 },
        { ApiProblemCodes.Conflict, 409 },
        { ApiProblemCodes.Unavailable, 503 },
    };

    /// <summary>Each code the API uses, as the API writes it, through the whole client pipeline (stubbed at the socket).</summary>
    [Theory]
    [MemberData(nameof(Codes))]
    public async Task EveryCode_MapsStatusCodeAndErrors(string code, int status)
    {
        using var session = new ClientSession(host.BaseAddress, "acme");
        session.Wire.Stub = request => Answer(request, status, "application/problem+json",
            $$"""{"type":"https://bookmeatoz.online/problems/{{code.Replace('_', '-')}}","title":"T","status":{{status}},"detail":"D","code":"{{code}}","errors":{"start":["Is required."]},"traceId":"00-x"}""");

        // A POST that is never retried, so each answer is seen once.
        var error = await Assert.ThrowsAsync<BookMeAtOzApiException>(() =>
            session.Api.CreateServiceAsync(new ServiceRequest("X", 30, null, null, null, null, null, null, null)));

        Assert.Equal((status, code, "D"), (error.Status, error.Code, error.Detail));
        Assert.Equal(["Is required."], error.Errors["start"]);
        Assert.Equal(HttpMethod.Post, error.Method);
        Assert.EndsWith("/api/v1/services", error.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonProblemErrorBody_StatusWithoutCode()
    {
        using var session = new ClientSession(host.BaseAddress, "acme");
        session.Wire.Stub = request => Answer(request, 502, "text/html", "<html>Bad gateway</html>");

        var error = await Assert.ThrowsAsync<BookMeAtOzApiException>(() =>
            session.Api.CreateServiceAsync(new ServiceRequest("X", 30, null, null, null, null, null, null, null)));

        Assert.Equal((502, (string?)null, (ApiProblem?)null), (error.Status, error.Code, error.Problem));
        Assert.Empty(error.Errors);
    }

    private static HttpResponseMessage Answer(HttpRequestMessage request, int status, string mediaType, string body) =>
        new((HttpStatusCode)status) { RequestMessage = request, Content = new StringContent(body, Encoding.UTF8, mediaType) };
}

/// <summary>Against a host whose sign-in limit a test can reach.</summary>
public sealed class RateLimitedProblemMappingTests(StrictLoopbackHost host) : IClassFixture<StrictLoopbackHost>
{
    [Fact]
    public async Task RateLimited_IsMappedAndNotRetried()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        using var anonymous = tenant.NewSession();

        // Sign-in is limited per account: the attempts after the budget are refused, and not retried.
        BookMeAtOzApiException? limited = null;
        for (var i = 0; i <= LoopbackHost.SignInPermitLimit && limited is null; i++)
        {
            var error = await Assert.ThrowsAsync<BookMeAtOzApiException>(() =>
                anonymous.Api.SignInAsync(new TokenRequest("nobody@example.com", "wrong password")));
            limited = error.Code == ApiProblemCodes.RateLimited ? error : null;
        }

        Assert.NotNull(limited);
        Assert.Equal(429, limited.Status);
    }
}
