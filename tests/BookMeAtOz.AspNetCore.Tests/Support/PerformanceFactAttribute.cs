namespace BookMeAtOz.AspNetCore.Tests.Support;

/// <summary>
/// A measurement rather than a check (it prints figures and asserts nothing on time): it runs only when
/// <c>BOOKMEATOZ_PERF=1</c>, outside CI, because on a shared 2-core machine it can take many minutes. Skipped otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PerformanceFactAttribute : FactAttribute
{
    /// <summary>Skips the measurement unless <c>BOOKMEATOZ_PERF=1</c>.</summary>
    public PerformanceFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("BOOKMEATOZ_PERF") != "1")
        {
            Skip = "A measurement: set BOOKMEATOZ_PERF=1 to run it (outside CI).";
        }
    }
}
