using System.Text.Json;

namespace BookMeAtOz.Audit;

/// <summary>
/// The audit entries of staff calendar feeds: issued (<c>calendar_feed.issued</c>, a rotation too) and revoked
/// (<c>calendar_feed.revoked</c>), under the staff member's id, never with the token or its hash.
/// </summary>
public static class CalendarFeedAudit
{
    /// <summary>The entity name of calendar feeds' entries: <c>calendar_feed</c>.</summary>
    public const string Entity = "calendar_feed";

    /// <summary>A feed URL was issued (replacing the staff member's earlier one, if any).</summary>
    public const string Issued = "calendar_feed.issued";

    /// <summary>A feed URL was revoked.</summary>
    public const string Revoked = "calendar_feed.revoked";

    /// <summary>The entry of a feed being issued to <paramref name="staffId"/> by <paramref name="actor"/> at <paramref name="at"/>.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="staffId">The staff member whose feed it is.</param>
    /// <param name="actor">Who issued it.</param>
    /// <param name="at">When.</param>
    /// <returns>The entry.</returns>
    public static AuditEntry IssuedEntry(Guid tenantId, Guid staffId, AuditActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new AuditEntry(Guid.CreateVersion7(at), tenantId, at, actor.Type, actor.Id, Entity, staffId, Issued, null, Snapshot(staffId, at));
    }

    /// <summary>The entry of <paramref name="staffId"/>'s feed (issued at <paramref name="issuedAt"/>) being revoked.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="staffId">The staff member whose feed it was.</param>
    /// <param name="issuedAt">When the revoked feed was issued.</param>
    /// <param name="actor">Who revoked it.</param>
    /// <param name="at">When.</param>
    /// <returns>The entry.</returns>
    public static AuditEntry RevokedEntry(Guid tenantId, Guid staffId, DateTimeOffset issuedAt, AuditActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new AuditEntry(Guid.CreateVersion7(at), tenantId, at, actor.Type, actor.Id, Entity, staffId, Revoked, Snapshot(staffId, issuedAt), null);
    }

    private static string Snapshot(Guid staffId, DateTimeOffset issuedAt) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["staffId"] = staffId, ["issuedAt"] = issuedAt.ToUniversalTime() });
}
