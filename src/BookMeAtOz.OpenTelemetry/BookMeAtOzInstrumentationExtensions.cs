using BookMeAtOz;

namespace OpenTelemetry.Metrics;

/// <summary>BookMeAtOz's metrics on the host's OpenTelemetry meter provider.</summary>
public static class BookMeAtOzMeterProviderBuilderExtensions
{
    /// <summary>
    /// Collects BookMeAtOz's metrics (meter <see cref="BookMeAtOzDiagnostics.Name"/>: bookings created, cancelled,
    /// rescheduled and refused, availability timings and reads, e-mails, changes published). No instrument is tagged with
    /// a tenant. Exporting them (Prometheus, OTLP) is the host's choice.
    /// </summary>
    /// <param name="builder">The host's meter provider builder.</param>
    public static MeterProviderBuilder AddBookMeAtOzInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(BookMeAtOzDiagnostics.Name);
    }
}
