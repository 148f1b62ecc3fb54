namespace BookMeAtOz.Contracts;

/// <summary>A tenant's public information and policy.</summary>
/// <param name="Id">The tenant's id.</param>
/// <param name="Slug">Its subdomain.</param>
/// <param name="Name">The business's name.</param>
/// <param name="TimeZone">Its IANA time zone.</param>
/// <param name="Currency">ISO 4217 currency code.</param>
/// <param name="Policy">The booking policy.</param>
public sealed record TenantResponse(Guid Id, string Slug, string Name, string TimeZone, string Currency, PolicyDto Policy)
{
    /// <summary>The sites (origins such as <c>https://acme.example</c>) that may show the booking pages in a frame; empty = none.</summary>
    public IReadOnlyList<string> EmbedOrigins { get; init; } = [];

    /// <summary>The language of e-mails to customers who booked in no language there are e-mails in: <c>en</c>, <c>de</c> or <c>fr</c>; null = English.</summary>
    public string? DefaultLanguage { get; init; }
}

/// <summary>A tenant's booking policy.</summary>
/// <param name="MinNoticeMinutes">How long before its start a slot stops being offered (default 60).</param>
/// <param name="MaxAdvanceDays">How far ahead slots are offered (default 60, 1–3650).</param>
/// <param name="SlotIntervalMinutes">Step between candidate starts for every service; null = each service's own.</param>
/// <param name="CancellationNoticeMinutes">A customer may cancel up to this long before the start (default 0).</param>
/// <param name="RescheduleNoticeMinutes">A customer may reschedule up to this long before the start; null = <paramref name="CancellationNoticeMinutes"/>.</param>
/// <param name="MaxReschedules">How often a customer may reschedule one booking (0–1000); null = unlimited. Staff and admins are not limited.</param>
/// <param name="MaxActiveBookings">How many upcoming confirmed bookings one customer e-mail may hold (1–1000); null = unlimited.</param>
/// <param name="ApprovalHours">How long the business has to approve or decline a booking of a service that requires approval (1–720, default 24); never past the start.</param>
public sealed record PolicyDto(
    int? MinNoticeMinutes,
    int? MaxAdvanceDays,
    int? SlotIntervalMinutes,
    int? CancellationNoticeMinutes,
    int? RescheduleNoticeMinutes = null,
    int? MaxReschedules = null,
    int? MaxActiveBookings = null,
    int? ApprovalHours = null)
{
    /// <summary>How long a checkout hold keeps its time, in minutes (default 10, 1–60).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? HoldMinutes { get; init; }
}

/// <summary>Sign-up: a new tenant and its owner.</summary>
/// <param name="Slug">The subdomain: 3–63 lower-case letters, digits or inner hyphens.</param>
/// <param name="Name">The business's name.</param>
/// <param name="TimeZone">Its IANA time zone, for example <c>Australia/Sydney</c>.</param>
/// <param name="Currency">ISO 4217 code; <c>AUD</c> when absent.</param>
/// <param name="Owner">The owner's account.</param>
public sealed record SignUpRequest(string? Slug, string? Name, string? TimeZone, string? Currency, NewAccount? Owner);

/// <summary>A new account's name and credentials.</summary>
/// <param name="Name">The person's name.</param>
/// <param name="Email">Their email address (their sign-in name within the tenant).</param>
/// <param name="Password">Their password: 8–128 characters.</param>
public sealed record NewAccount(string? Name, string? Email, string? Password);

/// <summary>The answer to sign-up.</summary>
/// <param name="Tenant">The tenant created.</param>
/// <param name="Auth">Tokens for its owner.</param>
public sealed record SignUpResponse(TenantResponse Tenant, AuthResponse Auth);

/// <summary>
/// A partial update of the tenant (<c>PATCH /api/v1/tenant</c>): absent fields keep their values; within
/// <c>policy</c>, absent fields keep theirs too.
/// </summary>
/// <param name="Name">A new name.</param>
/// <param name="TimeZone">A new IANA time zone.</param>
/// <param name="Currency">A new ISO 4217 code.</param>
/// <param name="Policy">Policy fields to change.</param>
public sealed record TenantPatch(string? Name, string? TimeZone, string? Currency, PolicyDto? Policy)
{
    /// <summary>
    /// The sites that may show the booking pages in a frame, replacing the list: origins (<c>https://acme.example</c>,
    /// <c>http://localhost:8080</c>; at most 20), stored in canonical form; <c>[]</c> allows none.
    /// </summary>
    public IReadOnlyList<string>? EmbedOrigins { get; init; }

    /// <summary>The language of e-mails to customers who booked in no language there are e-mails in: <c>en</c>, <c>de</c>, <c>fr</c>, or null (English).</summary>
    public string? DefaultLanguage { get; init; }
}

/// <summary>
/// The whole tenant, as <c>GET /api/v1/tenant/export</c> streams it: everything but secrets (password hashes, token
/// hashes). Instants in the tenant's time zone.
/// </summary>
/// <param name="ExportedAt">When the export started.</param>
/// <param name="Tenant">The tenant and its policy.</param>
/// <param name="Services">Every service (inactive ones included).</param>
/// <param name="Staff">Every staff member, with e-mail.</param>
/// <param name="Schedules">Each staff member's schedule.</param>
/// <param name="TimeOff">Every staff member's time off.</param>
/// <param name="Closures">The tenant's closures.</param>
/// <param name="Users">The users (no password hashes).</param>
/// <param name="Bookings">Every booking, by start, with answers.</param>
/// <param name="Audit">The audit log, newest first.</param>
public sealed record TenantExportResponse(
    DateTimeOffset ExportedAt,
    TenantResponse Tenant,
    IReadOnlyList<ServiceResponse> Services,
    IReadOnlyList<StaffResponse> Staff,
    IReadOnlyList<StaffScheduleExportDto> Schedules,
    IReadOnlyList<TimeOffResponse> TimeOff,
    IReadOnlyList<ClosureResponse> Closures,
    IReadOnlyList<UserResponse> Users,
    IReadOnlyList<BookingResponse> Bookings,
    IReadOnlyList<AuditEntryResponse> Audit)
{
    /// <summary>The tenant's resources (inactive ones included, deleted ones not).</summary>
    public IReadOnlyList<ResourceResponse> Resources { get; init; } = [];
}

/// <summary>One staff member's schedule in a tenant export.</summary>
/// <param name="StaffId">The staff member.</param>
/// <param name="Schedule">Their schedule.</param>
public sealed record StaffScheduleExportDto(Guid StaffId, ScheduleDto Schedule);
