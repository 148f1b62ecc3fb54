using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Tests.Bookings;

/// <summary>
/// An all-or-nothing series racing single bookings for its own occurrences on PostgreSQL, through two hosts on one
/// database: the series is booked whole or not at all, and no occurrence's time is ever booked twice.
/// </summary>
[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class SeriesConcurrencyTests(PostgresApiFactory factory)
{
    private const int Rounds = 12;
    private const int Occurrences = 6;
    private const int RacersPerOccurrence = 2;

    [ServerFact]
    public async Task AllOrNothingSeries_RacingSingleBookings_IsNeverPartial_AndNeverDoubleBooked()
    {
        using var second = factory.SecondHost();
        var t = await TestTenant.CreateAsync(factory);
        (await t.Owner.PatchJsonAsync("/api/v1/tenant", new { policy = new { maxAdvanceDays = 120 } })).EnsureSuccessStatusCode();
        var (staff, service) = await t.AddStaffAndServiceAsync();
        var sydney = TimeZoneInfo.FindSystemTimeZoneById(TestTenant.Zone);
        var hosts = new[] { t.Anonymous, second.Client(t.Slug) };
        var wholeSeries = 0;
        var refusedSeries = 0;

        for (var round = 0; round < Rounds; round++)
        {
            // Each round its own weekday and hour, so rounds never meet.
            var day = TestTenant.Day(2 + (round % 7));
            var local = day.ToDateTime(new TimeOnly(9 + (round / 7), 0));
            var first = new DateTimeOffset(local, sydney.GetUtcOffset(local));
            var starts = Enumerable.Range(0, Occurrences).Select(k =>
            {
                var l = local.AddDays(7 * k);
                return new DateTimeOffset(l, sydney.GetUtcOffset(l));
            }).ToList();

            using var go = new SemaphoreSlim(0);
            var seriesTask = Task.Run(async () =>
            {
                await go.WaitAsync();
                return await hosts[round % 2].PostJsonAsync("/api/v1/bookings/series", new CreateSeriesRequest(
                    service.Id, first, null, new CustomerDto("Series Customer", "series@example.com", null), null,
                    new RecurrenceDto("weekly", Count: Occurrences), "allOrNothing"));
            });
            var singleTasks = starts.SelectMany((start, k) => Enumerable.Range(0, RacersPerOccurrence).Select(r => Task.Run(async () =>
            {
                await go.WaitAsync();
                return await hosts[(k + r + 1) % 2].PostJsonAsync("/api/v1/bookings", TestTenant.Booking(service.Id, start) with
                {
                    Customer = new CustomerDto($"Racer {k}.{r}", $"racer{k}.{r}@example.com", null),
                });
            }))).ToList();
            go.Release(1 + singleTasks.Count);

            var seriesResponse = await seriesTask;
            var singles = await Task.WhenAll(singleTasks);
            Assert.All(singles, s => Assert.True(s.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)s.StatusCode}"));
            Assert.True(seriesResponse.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)seriesResponse.StatusCode}");

            var booked = new List<BookingResponse>();
            foreach (var start in starts)
            {
                var d = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, sydney).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                var page = await (await t.Owner.GetAsync($"/api/v1/bookings?from={d}&to={d}&status=confirmed")).ReadAsync<PageResponse<BookingResponse>>();
                var atStart = page.Items.Where(b => b.Start == start).ToList();
                // Never double-booked.
                Assert.True(atStart.Count <= 1, $"{atStart.Count} bookings at {start:O}");
                booked.AddRange(atStart);
            }

            var ofSeries = booked.Where(b => b.SeriesId is not null).ToList();
            if (seriesResponse.StatusCode == HttpStatusCode.Created)
            {
                // Whole: every occurrence is the series', and every racer lost.
                wholeSeries++;
                Assert.Equal(Occurrences, ofSeries.Count);
                Assert.All(singles, s => Assert.Equal(HttpStatusCode.Conflict, s.StatusCode));
            }
            else
            {
                // Not at all: nothing of the series, and each time went to at most one racer, who holds it.
                refusedSeries++;
                Assert.Empty(ofSeries);
                Assert.Equal(singles.Count(s => s.StatusCode == HttpStatusCode.Created), booked.Count);
                Assert.NotEmpty(booked);
            }
        }

        Assert.Equal(Rounds, wholeSeries + refusedSeries);
        var all = (await (await t.Owner.GetAsync($"/api/v1/bookings?staffId={staff.Id}&status=confirmed&limit=200"))
            .ReadAsync<PageResponse<BookingResponse>>()).Items.OrderBy(b => b.Start).ToList();
        Assert.All(all.Zip(all.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start, $"{pair.First.Id} overlaps {pair.Second.Id}"));
    }
}
