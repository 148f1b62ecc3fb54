namespace BookMeAtOz.Bookings;

/// <summary>
/// How the background sweep expires pending bookings that were not approved or declined by their deadline
/// (configuration section <c>BookMeAtOz:Approvals</c>).
/// </summary>
public sealed class ApprovalExpiryOptions
{
    /// <summary>The configuration section: <c>BookMeAtOz:Approvals</c>.</summary>
    public const string SectionName = "BookMeAtOz:Approvals";

    /// <summary>
    /// How often the sweep looks for lapsed pending bookings; default 30 seconds, 1 second to 1 hour. Until it runs, a lapsed
    /// booking still occupies its time and is listed as pending, but reading or acting on it alone expires it first.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most bookings expired in one pass (more are taken in the next at once); default 100, 1–10000.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Whether this instance runs the sweep; default true. Several instances may all run it: a booking expires once.</summary>
    public bool Enabled { get; set; } = true;

    internal IEnumerable<string> Validate()
    {
        if (SweepInterval < TimeSpan.FromSeconds(1) || SweepInterval > TimeSpan.FromHours(1))
        {
            yield return "BookMeAtOz__Approvals__SweepInterval must be between 00:00:01 and 01:00:00.";
        }

        if (BatchSize is < 1 or > 10_000)
        {
            yield return "BookMeAtOz__Approvals__BatchSize must be between 1 and 10000.";
        }
    }
}
