using BookMeAtOz;

namespace OpenTelemetry.Trace;

/// <summary>BookMeAtOz's traces on the host's OpenTelemetry tracer provider.</summary>
public static class BookMeAtOzTracerProviderBuilderExtensions
{
    /// <summary>Collects BookMeAtOz's activities (source <see cref="BookMeAtOzDiagnostics.Name"/>).</summary>
    /// <param name="builder">The host's tracer provider builder.</param>
    public static TracerProviderBuilder AddBookMeAtOzInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(BookMeAtOzDiagnostics.Name);
    }
}
