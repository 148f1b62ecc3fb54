using System.Text.Json;
using BookMeAtOz.Auth;

namespace BookMeAtOz.Audit;

/// <summary>The audit entries of API keys: made (<c>api_key.created</c>) and revoked (<c>api_key.revoked</c>), never with the secret or its hash.</summary>
public static class ApiKeyAudit
{
    /// <summary>The entity name of API keys' entries: <c>api_key</c>.</summary>
    public const string Entity = "api_key";

    /// <summary>An API key was made.</summary>
    public const string Created = "api_key.created";

    /// <summary>An API key was revoked.</summary>
    public const string Revoked = "api_key.revoked";

    /// <summary>The entry of <paramref name="key"/> being made by <paramref name="actor"/> at <paramref name="at"/>.</summary>
    /// <param name="key">The new key.</param>
    /// <param name="actor">Who made it.</param>
    /// <param name="at">When.</param>
    /// <returns>The entry.</returns>
    public static AuditEntry CreatedEntry(ApiKey key, AuditActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(actor);
        return new AuditEntry(Guid.CreateVersion7(at), key.TenantId, at, actor.Type, actor.Id, Entity, key.Id, Created, null, Snapshot(key));
    }

    /// <summary>The entry of <paramref name="key"/> being revoked by <paramref name="actor"/> at <paramref name="at"/>.</summary>
    /// <param name="key">The key as it was.</param>
    /// <param name="actor">Who revoked it.</param>
    /// <param name="at">When.</param>
    /// <returns>The entry.</returns>
    public static AuditEntry RevokedEntry(ApiKey key, AuditActor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(actor);
        return new AuditEntry(Guid.CreateVersion7(at), key.TenantId, at, actor.Type, actor.Id, Entity, key.Id, Revoked, Snapshot(key), null);
    }

    /// <summary>The scopes' names, in the API's spelling (<c>read</c>, <c>bookings</c>, <c>admin</c>).</summary>
    /// <param name="scopes">The scopes.</param>
    /// <returns>Their names, in that order.</returns>
    public static IReadOnlyList<string> ScopeNames(ApiKeyScopes scopes)
    {
        var names = new List<string>(3);
        if (scopes.HasFlag(ApiKeyScopes.Read))
        {
            names.Add("read");
        }

        if (scopes.HasFlag(ApiKeyScopes.Bookings))
        {
            names.Add("bookings");
        }

        if (scopes.HasFlag(ApiKeyScopes.Admin))
        {
            names.Add("admin");
        }

        return names;
    }

    private static string Snapshot(ApiKey key)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("id", key.Id);
            w.WriteString("name", key.Name);
            w.WriteString("prefix", key.Prefix);
            w.WriteStartArray("scopes");
            foreach (var scope in ScopeNames(key.Scopes))
            {
                w.WriteStringValue(scope);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
