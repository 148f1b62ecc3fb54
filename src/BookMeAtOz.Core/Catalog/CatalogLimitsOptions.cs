namespace BookMeAtOz.Catalog;

/// <summary>
/// Per-tenant caps on what a tenant may create, bound from <c>BookMeAtOz:Limits</c>
/// (<c>BookMeAtOz__Limits__MaxStaff</c> and so on) and validated at start-up. A create past a cap is refused with
/// <c>quota_exceeded</c> and changes nothing.
/// <para>
/// The caps bound what anyone can make the server do for a tenant, whatever its data: the public lists of staff and
/// services stay under 2 MiB (each service lists its staff), and an availability answer always fits a whole local date
/// of the busiest service in its 2 MiB (at 100 staff free every 5 minutes, a day is about 0.2 MiB), so a truncated
/// answer always moves on. The defaults are far above what a real business uses.
/// </para>
/// </summary>
public sealed class CatalogLimitsOptions
{
    /// <summary>The configuration section: <c>BookMeAtOz:Limits</c>.</summary>
    public const string SectionName = "BookMeAtOz:Limits";

    /// <summary>The most a service may list in <c>staffIds</c> under any setting (more is a validation error).</summary>
    public const int StaffPerServiceLimit = 500;

    /// <summary>What the public lists of staff and services may take at most, in bytes of JSON (2 MiB).</summary>
    internal const int ListingBudget = 2 * 1024 * 1024;

    // The longest JSON a staff member or a service (without its staff) can take in a public list: a 200-character name
    // escaped as \uXXXX (1200 bytes) and the other fields at their longest; each staff id in a service adds 39 bytes.
    internal const int StaffJsonBytes = 1_400;
    internal const int ServiceJsonBytes = 1_500;
    internal const int StaffIdJsonBytes = 39;

    /// <summary>Staff members per tenant (deleted ones do not count). Default 200; 1–1000.</summary>
    public int MaxStaff { get; set; } = 200;

    /// <summary>Services per tenant (deleted ones do not count). Default 200; 1–1000.</summary>
    public int MaxServices { get; set; } = 200;

    /// <summary>Staff members one service may list. Default 100; 1–500.</summary>
    public int MaxStaffPerService { get; set; } = 100;

    internal IEnumerable<string> Validate()
    {
        const string p = "BookMeAtOz__Limits__";
        if (MaxStaff is < 1 or > 1_000)
        {
            yield return $"{p}MaxStaff must be between 1 and 1000.";
        }

        if (MaxServices is < 1 or > 1_000)
        {
            yield return $"{p}MaxServices must be between 1 and 1000.";
        }

        if (MaxStaffPerService is < 1 or > StaffPerServiceLimit)
        {
            yield return $"{p}MaxStaffPerService must be between 1 and {StaffPerServiceLimit}.";
        }

        if ((long)MaxServices * (ServiceJsonBytes + ((long)StaffIdJsonBytes * MaxStaffPerService)) > ListingBudget)
        {
            yield return $"{p}MaxServices × MaxStaffPerService is too large: the public list of services could pass 2 MiB "
                + $"(keep MaxServices × (1500 + 39 × MaxStaffPerService) ≤ {ListingBudget}).";
        }
    }
}
