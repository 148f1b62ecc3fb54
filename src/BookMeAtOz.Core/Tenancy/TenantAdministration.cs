using BookMeAtOz.Persistence;
using BookMeAtOz.Validation;

namespace BookMeAtOz.Tenancy;

/// <summary>Creates, finds and updates tenants, validating every field before the store sees it.</summary>
public sealed class TenantAdministration(IBookingStore store)
{
    /// <summary>Adds a tenant.</summary>
    /// <exception cref="BookMeAtOzValidationException">A field is invalid.</exception>
    /// <exception cref="BookMeAtOzException">With code <c>slug_taken</c> when the slug is used.</exception>
    public async Task<Tenant> CreateAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var errors = new ValidationErrors();
        tenant.Validate(errors);
        errors.ThrowIfAny();
        await store.CreateTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        return tenant;
    }

    /// <summary>A tenant by slug, or null (also for text that can't be a slug).</summary>
    public Task<Tenant?> FindBySlugAsync(string? slug, CancellationToken cancellationToken) =>
        TenantSlug.IsValid(slug) ? store.FindTenantBySlugAsync(slug!, cancellationToken) : Task.FromResult<Tenant?>(null);

    /// <summary>A tenant by id.</summary>
    /// <exception cref="NotFoundException">It does not exist.</exception>
    public async Task<Tenant> GetAsync(Guid tenantId, CancellationToken cancellationToken) =>
        await store.FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("tenant");

    /// <summary>Replaces a tenant's name, zone, currency and policy; the slug never changes.</summary>
    /// <exception cref="BookMeAtOzValidationException">A field is invalid.</exception>
    /// <exception cref="NotFoundException">The tenant does not exist.</exception>
    public async Task<Tenant> UpdateAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var errors = new ValidationErrors();
        tenant.Validate(errors);
        errors.ThrowIfAny();
        if (!await store.UpdateTenantAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException("tenant");
        }

        return await GetAsync(tenant.Id, cancellationToken).ConfigureAwait(false);
    }
}
