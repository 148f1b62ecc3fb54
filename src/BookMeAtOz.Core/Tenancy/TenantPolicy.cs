using BookMeAtOz.Validation;

namespace BookMeAtOz.Tenancy;

/// <summary>A tenant's booking policy.</summary>
/// <param name="MinNoticeMinutes">How long before its start a slot stops being offered; default 60, 0–525600.</param>
/// <param name="MaxAdvanceDays">How far ahead slots are offered; default 60, 1–3650.</param>
/// <param name="SlotIntervalMinutes">Step between candidate starts for every service; null (default) = each service's own, 5–1440.</param>
/// <param name="CancellationNoticeMinutes">A customer may cancel up to this long before the start; default 0. Staff and admins always may.</param>
/// <param name="RescheduleNoticeMinutes">A customer may reschedule up to this long before the start; null (default) = <paramref name="CancellationNoticeMinutes"/>, 0–525600. Staff and admins always may.</param>
/// <param name="MaxReschedules">How often a customer may reschedule one booking; null (default) = unlimited, 0–1000. Staff and admins are not limited.</param>
/// <param name="MaxActiveBookings">How many future confirmed bookings one customer e-mail (case-insensitive) may hold at once; null (default) = unlimited, 1–1000.</param>
/// <param name="ApprovalHours">How long the business has to approve or decline a booking of a service that requires approval; default 24, 1–720. The deadline is never after the booking's start.</param>
public sealed record TenantPolicy(
    int MinNoticeMinutes = 60,
    int MaxAdvanceDays = 60,
    int? SlotIntervalMinutes = null,
    int CancellationNoticeMinutes = 0,
    int? RescheduleNoticeMinutes = null,
    int? MaxReschedules = null,
    int? MaxActiveBookings = null,
    int ApprovalHours = 24)
{
    /// <summary>How long a checkout hold (<c>POST /api/v1/holds</c>) keeps its time; default 10, 1–60 minutes.</summary>
    public int HoldMinutes { get; init; } = DefaultHoldMinutes;

    /// <summary>The default of <see cref="HoldMinutes"/>.</summary>
    public const int DefaultHoldMinutes = 10;

    /// <summary>How long before the start a customer may still reschedule: <see cref="RescheduleNoticeMinutes"/>, else <see cref="CancellationNoticeMinutes"/>.</summary>
    public int EffectiveRescheduleNoticeMinutes => RescheduleNoticeMinutes ?? CancellationNoticeMinutes;

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
        errors.Require(RescheduleNoticeMinutes is null or (>= 0 and <= 525_600), prefix + "rescheduleNoticeMinutes", "Must be between 0 and 525600, or null.");
        errors.Require(MaxReschedules is null or (>= 0 and <= 1_000), prefix + "maxReschedules", "Must be between 0 and 1000, or null.");
        errors.Require(MaxActiveBookings is null or (>= 1 and <= 1_000), prefix + "maxActiveBookings", "Must be between 1 and 1000, or null.");
        errors.Require(HoldMinutes is >= 1 and <= 60, prefix + "holdMinutes", "Must be between 1 and 60.");
        errors.Require(ApprovalHours is >= 1 and <= 720, prefix + "approvalHours", "Must be between 1 and 720.");
    }
}
