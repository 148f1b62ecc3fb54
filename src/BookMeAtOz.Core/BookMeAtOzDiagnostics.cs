using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BookMeAtOz;

/// <summary>
/// The names of BookMeAtOz's meter and activity source, and its instruments. Metric names are
/// dot-separated (exported to Prometheus as <c>bookmeatoz_booking_created_total</c>), durations are in
/// seconds, and no instrument is tagged with a tenant.
/// </summary>
public static class BookMeAtOzDiagnostics
{
    /// <summary>The name of the meter and the activity source: <c>BookMeAtOz</c>.</summary>
    public const string Name = "BookMeAtOz";

    internal static readonly ActivitySource ActivitySource = new(Name);
    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> BookingsCreated =
        Meter.CreateCounter<long>("bookmeatoz.booking.created", "{booking}", "Bookings created.");

    internal static readonly Counter<long> BookingsCancelled =
        Meter.CreateCounter<long>("bookmeatoz.booking.cancelled", "{booking}", "Bookings cancelled.");

    internal static readonly Counter<long> BookingsRescheduled =
        Meter.CreateCounter<long>("bookmeatoz.booking.rescheduled", "{booking}", "Bookings rescheduled.");

    internal static readonly Counter<long> BookingTransitions =
        Meter.CreateCounter<long>("bookmeatoz.booking.transitions", "{booking}", "Bookings approved, declined, expired or marked no-show (tag: status).");

    internal static readonly Counter<long> BookingConflicts =
        Meter.CreateCounter<long>("bookmeatoz.booking.conflicts", "{request}", "Booking requests answered slot_unavailable.");

    /// <summary>
    /// Bucket boundaries for durations in seconds, from 100 µs (an answer from memory) to 10 s (ASP.NET Core's own
    /// request-duration boundaries, with finer steps below 5 ms). Without them an exporter uses OpenTelemetry's
    /// defaults (0, 5, 10, 25 … 10,000), meant for milliseconds, and every observation falls into the first bucket.
    /// </summary>
    internal static readonly IReadOnlyList<double> SecondsBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    // A delivery's lag: what the alert watches is the first second; a retried delivery's hours land above the last bucket.
    private static readonly double[] LagBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10, 30, 60];

    internal static readonly Histogram<double> AvailabilityDuration =
        Meter.CreateHistogram("bookmeatoz.availability.duration", "s", "Time to compute an availability answer, store reads included.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    internal static readonly Counter<long> AvailabilityReads =
        Meter.CreateCounter<long>("bookmeatoz.availability.reads", "{read}",
            "Store answers availability listings used, by source: cache (kept from an earlier request) or store (read now).");

    internal static readonly Counter<long> EmailsSent =
        Meter.CreateCounter<long>("bookmeatoz.email.sent", "{email}", "Booking e-mails the mail server accepted.");

    internal static readonly Counter<long> EmailsRetried =
        Meter.CreateCounter<long>("bookmeatoz.email.retried", "{attempt}", "Failed e-mail attempts that will be retried.");

    internal static readonly Counter<long> EmailsFailed =
        Meter.CreateCounter<long>("bookmeatoz.email.failed", "{email}", "Booking e-mails parked as failed.");

    internal static readonly Counter<long> ChangesPublished =
        Meter.CreateCounter<long>("bookmeatoz.changes.published", "{event}", "Committed changes handed to the real-time hub and the cache.");

    internal static readonly Counter<long> WebhookDeliveries =
        Meter.CreateCounter<long>("bookmeatoz.webhook.deliveries", "{attempt}",
            "Webhook delivery attempts, by outcome: delivered (2xx), retried (failed, tried again later) or failed (given up, subscription disabled).");

    internal static readonly Histogram<double> WebhookDuration =
        Meter.CreateHistogram("bookmeatoz.webhook.duration", "s", "Time of one webhook delivery attempt, connection included.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    internal static readonly Histogram<double> WebhookLag =
        Meter.CreateHistogram("bookmeatoz.webhook.lag", "s", "From an event's commit to its delivery's 2xx answer.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });

    internal static readonly Counter<long> WebhookSubscriptionsDisabled =
        Meter.CreateCounter<long>("bookmeatoz.webhook.subscriptions.disabled", "{subscription}", "Webhook subscriptions disabled after failing for too long.");
}
