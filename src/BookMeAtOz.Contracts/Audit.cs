using System.Text.Json;

namespace BookMeAtOz.Contracts;

/// <summary>One change in the audit log (<c>GET /api/v1/audit</c>).</summary>
/// <param name="Id">The entry's id.</param>
/// <param name="At">When the change happened.</param>
/// <param name="ActorType">Who made it: <c>user</c>, or <c>anonymous</c> (a reset link, an accepted invitation).</param>
/// <param name="ActorId">The user that made it, when known.</param>
/// <param name="Entity">What kind of thing changed (<c>user</c>).</param>
/// <param name="EntityId">The thing that changed.</param>
/// <param name="Action">What happened: <c>user.created</c>, <c>user.invited</c>, <c>user.invitation_accepted</c>, <c>user.role_changed</c>, <c>user.removed</c>, <c>user.password_changed</c>, <c>user.password_reset</c>.</param>
/// <param name="Before">The entity before as a JSON object (no secrets); JSON <c>null</c> when it did not exist.</param>
/// <param name="After">The entity after as a JSON object (no secrets); JSON <c>null</c> when it no longer exists.</param>
public sealed record AuditEntryResponse(
    Guid Id, DateTimeOffset At, string ActorType, Guid? ActorId, string Entity, Guid EntityId, string Action, JsonElement Before, JsonElement After);
