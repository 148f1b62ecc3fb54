using System.Net;
using BookMeAtOz.Contracts;
using BookMeAtOz.Client.Tests.Support;

namespace BookMeAtOz.Client.Tests;

/// <summary>
/// The resilience pipeline repeats only calls that cannot act twice: a lost answer to a booking is retried with
/// the same <c>Idempotency-Key</c> and books once; other writes are tried once.
/// </summary>
[Collection(LoopbackHostTests.Name)]
public sealed class SafeRetryTests(LoopbackHost host)
{
    /// <summary>Drops the answer to the first matching request after the server handled it, like a connection reset.</summary>
    private static void DropFirstAnswer(ClientSession session, HttpMethod method, string pathSuffix) =>
        session.Wire.Fault = (request, _, attempt) =>
            request.Method == method && request.RequestUri!.AbsolutePath.EndsWith(pathSuffix, StringComparison.Ordinal) && attempt == 1
                ? new HttpRequestException("The connection was reset after the request was sent (injected).", null, null)
                : null;

    [Fact]
    public async Task CreateBooking_FirstAnswerLostAfterServerBooked_RetriedWithSameKeyAndBooksOnce()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var (_, service) = await tenant.AddStaffAndServiceAsync();
        var slots = await tenant.SlotsAsync(service.Id);
        DropFirstAnswer(tenant.Owner, HttpMethod.Post, "/api/v1/bookings");

        var booking = await tenant.Api.CreateBookingAsync(TestTenant.Booking(service.Id, slots[0].Start));

        var attempts = tenant.Owner.Wire.CallsTo(HttpMethod.Post, "/api/v1/bookings");
        Assert.Equal(2, attempts.Count);
        Assert.Null(attempts[0].Status);
        Assert.Equal(HttpStatusCode.Created, attempts[1].Status);
        Assert.Single(attempts.Select(a => a.Header(BookMeAtOzHeaders.IdempotencyKey)).Distinct());
        Assert.NotNull(attempts[0].Header(BookMeAtOzHeaders.IdempotencyKey));
        Assert.False(string.IsNullOrEmpty(booking.ManageToken));
        var all = (await tenant.Api.ListBookingsAsync()).Items;
        Assert.Equal(booking.Id, Assert.Single(all).Id);
    }

    [Fact]
    public async Task CreateService_AnswerLost_NotRetried()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        DropFirstAnswer(tenant.Owner, HttpMethod.Post, "/api/v1/services");

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            tenant.Api.CreateServiceAsync(new ServiceRequest("Haircut", 60, null, null, null, null, null, null, null)));

        Assert.Single(tenant.Owner.Wire.CallsTo(HttpMethod.Post, "/api/v1/services"));
        // The server did act: a retry would have made a second service.
        Assert.Single((await tenant.Api.ListServicesAsync()).Items);
    }

    [Fact]
    public async Task Reschedule_AnswerLost_NotRetried()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var (_, service) = await tenant.AddStaffAndServiceAsync();
        var slots = await tenant.SlotsAsync(service.Id);
        var booking = await tenant.Api.CreateBookingAsync(TestTenant.Booking(service.Id, slots[0].Start));
        DropFirstAnswer(tenant.Owner, HttpMethod.Post, "/reschedule");

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            tenant.Api.RescheduleBookingAsync(booking.Id, new RescheduleBookingRequest(slots[2].Start, null)));

        Assert.Single(tenant.Owner.Wire.CallsTo(HttpMethod.Post, "/reschedule"));
        Assert.Equal(slots[2].Start, (await tenant.Api.GetBookingAsync(booking.Id)).Start);
    }

    [Fact]
    public async Task CancelBooking_AnswerLost_RetriedBecauseCancelIsIdempotent()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var (_, service) = await tenant.AddStaffAndServiceAsync();
        var slots = await tenant.SlotsAsync(service.Id);
        var booking = await tenant.Api.CreateBookingAsync(TestTenant.Booking(service.Id, slots[0].Start));
        DropFirstAnswer(tenant.Owner, HttpMethod.Post, "/cancel");

        var cancelled = await tenant.Api.CancelBookingAsync(booking.Id, new CancelBookingRequest("Changed plans"));

        Assert.Equal(("cancelled", "Changed plans"), (cancelled.Status, cancelled.CancelReason));
        Assert.Equal(2, tenant.Owner.Wire.CallsTo(HttpMethod.Post, "/cancel").Count);
    }

    [Fact]
    public async Task Get_TransientServerError_Retried()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var failures = 0;
        tenant.Owner.Wire.Stub = request => request.Method == HttpMethod.Get && Interlocked.Increment(ref failures) <= 2
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request }
            : null;

        var info = await tenant.Api.GetTenantAsync();

        Assert.Equal(tenant.Slug, info.Slug);
        Assert.Equal(3, tenant.Owner.Wire.CallsTo(HttpMethod.Get, "/api/v1/tenant").Count);
    }

    [Fact]
    public async Task Delete_TransientServerError_NotRetried()
    {
        using var tenant = await TestTenant.CreateAsync(host);
        var staff = await tenant.AddStaffAsync();
        tenant.Owner.Wire.Stub = request => request.Method == HttpMethod.Delete
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request }
            : null;

        var error = await Assert.ThrowsAsync<BookMeAtOzApiException>(() => tenant.Api.DeleteStaffAsync(staff.Id));

        Assert.Equal(503, error.Status);
        Assert.Single(tenant.Owner.Wire.CallsTo(HttpMethod.Delete, $"/api/v1/staff/{staff.Id}"));
    }
}
