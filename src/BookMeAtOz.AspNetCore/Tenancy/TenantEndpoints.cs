using System.Text.Json;
using BookMeAtOz.AspNetCore.Auth;
using BookMeAtOz.AspNetCore.Errors;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.AspNetCore.RateLimiting;
using BookMeAtOz.Contracts;
using BookMeAtOz.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.AspNetCore.Tenancy;

/// <summary><c>POST /tenants</c> (sign-up), <c>GET|PATCH /tenant</c>.</summary>
internal static class TenantEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/tenants", SignUpAsync)
            .WithName("SignUp").WithTags("Tenancy").WithSummary("Creates a tenant and its owner, and signs the owner in.")
            .AllowAnonymous()
            .RequireBookMeAtOzRateLimit(RateLimitPolicies.SignUp)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        var tenant = api.MapGroup("/tenant").WithTags("Tenancy").RequireTenant();
        tenant.MapGet("/", Get).WithName("GetTenant").WithSummary("The tenant's public information and policy.").AllowAnonymous();
        tenant.MapPatch("/", PatchAsync).WithName("UpdateTenant").WithSummary("Changes the tenant's name, zone, currency or policy.")
            .RequireBookMeAtOzPolicy(Caller.AdminPolicy)
            .Accepts<TenantPatch>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<ApiCreated<SignUpResponse>, ProblemResult>> SignUpAsync(
        JsonBody<SignUpRequest> body, AccountService accounts, IOptions<BookMeAtOzApiOptions> options, CancellationToken cancellationToken)
    {
        if (!options.Value.Tenancy.AllowSignUp)
        {
            return Problems.Result(StatusCodes.Status403Forbidden, ApiProblemCodes.Forbidden, "Sign-up is closed on this server.");
        }

        var (tenant, auth) = await accounts.SignUpAsync(body.Value, cancellationToken);
        return ApiResults.Created("~/tenant", new SignUpResponse(ToResponse(tenant), auth));
    }

    private static ApiOk<TenantResponse> Get(RequestTenant tenant) => ApiResults.Ok(ToResponse(tenant.Tenant));

    private static async Task<ApiOk<TenantResponse>> PatchAsync(
        RequestTenant tenant, JsonBody<JsonElement> body, TenantAdministration tenants, CancellationToken cancellationToken)
    {
        var current = tenant.Tenant;
        var policy = current.Policy;
        var patch = JsonMerge.Apply(
            new TenantPatch(current.Name, current.TimeZone, current.Currency, ToDto(policy)) { EmbedOrigins = current.EmbedOrigins, DefaultLanguage = current.DefaultLanguage },
            body.Value,
            ApiJson.Options);

        var errors = new Validation.ValidationErrors();
        var p = patch.Policy ?? ToDto(policy);
        errors.Require(p.MinNoticeMinutes is not null, "policy.minNoticeMinutes", "Is required.");
        errors.Require(p.MaxAdvanceDays is not null, "policy.maxAdvanceDays", "Is required.");
        errors.Require(p.CancellationNoticeMinutes is not null, "policy.cancellationNoticeMinutes", "Is required.");
        errors.Require(p.HoldMinutes is not null, "policy.holdMinutes", "Is required.");
        errors.Require(p.ApprovalHours is not null, "policy.approvalHours", "Is required.");
        errors.Require(patch.EmbedOrigins is not null, "embedOrigins", "Is required (an empty list allows no site).");
        var updated = current with
        {
            // Stored canonical (https://Acme.Example/ → https://acme.example); what is not an origin stays as sent, for validation to name.
            EmbedOrigins = [.. (patch.EmbedOrigins ?? []).Select(o => EmbedOrigin.Normalize(o) ?? o ?? string.Empty)],
            DefaultLanguage = patch.DefaultLanguage,
            Name = patch.Name!,
            TimeZone = patch.TimeZone!,
            Currency = patch.Currency!,
            Policy = new TenantPolicy(
                p.MinNoticeMinutes ?? 0, p.MaxAdvanceDays ?? 1, p.SlotIntervalMinutes, p.CancellationNoticeMinutes ?? 0,
                p.RescheduleNoticeMinutes, p.MaxReschedules, p.MaxActiveBookings, p.ApprovalHours ?? 24)
            {
                HoldMinutes = p.HoldMinutes ?? TenantPolicy.DefaultHoldMinutes,
            },
        };
        updated.Validate(errors);
        errors.ThrowIfAny();
        return ApiResults.Ok(ToResponse(await tenants.UpdateAsync(updated, cancellationToken)));
    }

    internal static TenantResponse ToResponse(Tenant tenant) => new(
        tenant.Id, tenant.Slug, tenant.Name, tenant.TimeZone, tenant.Currency, ToDto(tenant.Policy))
    {
        EmbedOrigins = tenant.EmbedOrigins,
        DefaultLanguage = tenant.DefaultLanguage,
    };

    private static PolicyDto ToDto(TenantPolicy policy) => new(
        policy.MinNoticeMinutes, policy.MaxAdvanceDays, policy.SlotIntervalMinutes, policy.CancellationNoticeMinutes,
        policy.RescheduleNoticeMinutes, policy.MaxReschedules, policy.MaxActiveBookings, policy.ApprovalHours)
    {
        HoldMinutes = policy.HoldMinutes,
    };
}
