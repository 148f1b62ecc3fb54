using System.Security.Claims;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.Tenancy;
using BookMeAtOz.Audit;
using BookMeAtOz.Auth;
using BookMeAtOz.Contracts;
using BookMeAtOz.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BookMeAtOz.AspNetCore.Auth;

/// <summary><c>/api-keys</c>: the tenant's API keys (product specification §11.2), for owners only; a key never manages keys.</summary>
internal static class ApiKeyEndpoints
{
    /// <summary>How many keys a tenant may hold at once.</summary>
    internal const int MaxKeysPerTenant = 100;

    public static void Map(RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys").RequireTenant().RequireBookMeAtOzPolicy(Caller.OwnerPolicy)
            .RequireApiKeyAccess(ApiKeyAccess.None)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        keys.MapGet("/", ListAsync).WithName("ListApiKeys").WithSummary("The tenant's API keys (prefix, scopes, created, last used), oldest first; never their secrets.");
        keys.MapPost("/", CreateAsync).WithName("CreateApiKey")
            .WithSummary("Makes an API key with scopes (read, bookings, admin); the answer is the only one that shows the key.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        keys.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeApiKey")
            .WithSummary("Revokes an API key: from the next request on, on every instance, it is refused (401).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<ApiOk<ItemsResponse<ApiKeyResponse>>> ListAsync(RequestTenant tenant, IApiKeyStore store, CancellationToken cancellationToken)
    {
        var zone = new Zoned(tenant.Tenant.TimeZone);
        var keys = await store.ListApiKeysAsync(tenant.Id, cancellationToken);
        return ApiResults.Ok(new ItemsResponse<ApiKeyResponse>([.. keys.Select(k => new ApiKeyResponse(
            k.Id, k.Name, k.Prefix, ApiKeyAudit.ScopeNames(k.Scopes), zone.Show(k.CreatedAt), zone.Show(k.LastUsedAt)))]));
    }

    private static async Task<ApiCreated<ApiKeyCreatedResponse>> CreateAsync(
        RequestTenant tenant, JsonBody<CreateApiKeyRequest> body, ClaimsPrincipal caller, IApiKeyStore store, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        Text.Validate(body.Value.Name, errors, "name", Text.NameMaxLength);
        var scopes = ParseScopes(body.Value.Scopes, errors);
        errors.ThrowIfAny();

        if ((await store.ListApiKeysAsync(tenant.Id, cancellationToken)).Count >= MaxKeysPerTenant)
        {
            throw ApiProblemException.Conflict($"A tenant holds at most {MaxKeysPerTenant} API keys: revoke one first.");
        }

        // Whole microseconds, as PostgreSQL keeps them: the answer and every later listing show the same instant.
        var clock = timeProvider.GetUtcNow();
        var now = clock.AddTicks(-(clock.Ticks % 10));
        var (secret, prefix, hash) = ApiKeyAuthenticator.NewKey();
        var key = new ApiKey(Guid.CreateVersion7(now), tenant.Id, body.Value.Name!, prefix, hash, scopes, now, caller.UserId(), null);
        await store.CreateApiKeyAsync(key, ApiKeyAudit.CreatedEntry(key, AuditActor.Current, now), cancellationToken);
        return ApiResults.Created($"~/api-keys/{key.Id}", new ApiKeyCreatedResponse(
            key.Id, key.Name, key.Prefix, ApiKeyAudit.ScopeNames(key.Scopes), new Zoned(tenant.Tenant.TimeZone).Show(now), secret));
    }

    private static async Task<NoContent> RevokeAsync(RequestTenant tenant, Guid id, IApiKeyStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var actor = AuditActor.Current;
        if (!await store.RevokeApiKeyAsync(tenant.Id, id, key => ApiKeyAudit.RevokedEntry(key, actor, now), cancellationToken))
        {
            throw new NotFoundException("API key");
        }

        return TypedResults.NoContent();
    }

    private static ApiKeyScopes ParseScopes(IReadOnlyList<string>? names, ValidationErrors errors)
    {
        if (names is null || names.Count == 0)
        {
            errors.Add("scopes", "At least one of read, bookings, admin.");
            return ApiKeyScopes.None;
        }

        var scopes = ApiKeyScopes.None;
        for (var i = 0; i < names.Count; i++)
        {
            var scope = names[i] switch
            {
                "read" => ApiKeyScopes.Read,
                "bookings" => ApiKeyScopes.Bookings,
                "admin" => ApiKeyScopes.Admin,
                _ => ApiKeyScopes.None,
            };
            errors.Require(scope != ApiKeyScopes.None, $"scopes[{i}]", "Must be read, bookings or admin.");
            scopes |= scope;
        }

        return scopes;
    }
}
