using BookMeAtOz.Validation;

namespace BookMeAtOz.Tenancy;

/// <summary>A tenant's booking policy.</summary>
/// <param name="MinNoticeMinutes">How long before its start a slot stops being offered; default 60, 0–525600.</param>
/// <param name="MaxAdvanceDays">How far ahead slots are offered; default 60, 1–3650.</param>
/// <param name="SlotIntervalMinutes">Step between candidate starts for every service; null (default) = each service's own, 5–1440.</param>
/// <param name="CancellationNoticeMinutes">A customer may cancel or reschedule up to this long before the start; default 0. Staff and admins always may.</param>
public sealed record TenantPolicy(
    int MinNoticeMinutes = 60,
    int MaxAdvanceDays = 60,
    int? SlotIntervalMinutes = null,
    int CancellationNoticeMinutes = 0)
{
    /// <summary>The defaults: 60 minutes' notice, 60 days ahead, each service's interval, no cancellation notice.</summary>
    public static TenantPolicy Default { get; } = new();

    /// <summary>Validates every field, adding errors under <paramref name="prefix"/>.</summary>
    public void Validate(ValidationErrors errors, string prefix = "policy.")
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require(MinNoticeMinutes is >= 0 and <= 525_600, prefix + "minNoticeMinutes", "Must be between 0 and 525600.");
        errors.Require(MaxAdvanceDays is >= 1 and <= 3650, prefix + "maxAdvanceDays", "Must be between 1 and 3650.");
        errors.Require(SlotIntervalMinutes is null or (>= 5 and <= 1440), prefix + "slotIntervalMinutes", "Must be between 5 and 1440, or null.");
        errors.Require(CancellationNoticeMinutes is >= 0 and <= 525_600, prefix + "cancellationNoticeMinutes", "Must be between 0 and 525600.");
    }
}
