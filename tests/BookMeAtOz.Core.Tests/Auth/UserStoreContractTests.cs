using BookMeAtOz.Auth;
using BookMeAtOz.Testing;

namespace BookMeAtOz.Tests.Auth;

/// <summary>
/// The behaviour every <see cref="IUserStore"/> must have. A store's test class supplies the store and a way to
/// make tenants and staff members it can refer to; every test works in tenants of its own.
/// </summary>
public abstract class UserStoreContractTests
{
    protected abstract IUserStore Store { get; }

    /// <summary>A new tenant the store may refer to (stores with foreign keys create it for real).</summary>
    protected abstract Task<Guid> CreateTenantAsync();

    /// <summary>A new staff member of the tenant.</summary>
    protected abstract Task<Guid> CreateStaffAsync(Guid tenantId);

    private static CancellationToken Ct => CancellationToken.None;

    private static User NewUser(Guid tenantId, string email = "ann@example.com", UserRole role = UserRole.Admin, Guid? staffId = null) =>
        new(Guid.NewGuid(), tenantId, "Ann", email, "hash", role, staffId, TestData.Now);

    private static RefreshToken NewToken(User user, string secret, DateTimeOffset? expires = null, Guid? family = null)
    {
        var id = Guid.NewGuid();
        return new(id, user.TenantId, user.Id, family ?? id, System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)),
            TestData.Now, expires ?? TestData.Now.AddDays(30), null, null);
    }

    private static byte[] Hash(string secret) => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));

    [ServerFact]
    public async Task CreateUser_ThenFind_ByIdAndByEmailCaseInsensitively()
    {
        var tenant = await CreateTenantAsync();
        var staff = await CreateStaffAsync(tenant);
        var user = NewUser(tenant, "Ann.Lee@Example.com", UserRole.Staff, staff);
        await Store.CreateUserAsync(user, Ct);

        Assert.Equal(user, await Store.FindUserAsync(tenant, user.Id, Ct));
        Assert.Equal(user, await Store.FindUserByEmailAsync(tenant, "ann.lee@example.COM", Ct));
    }

    [ServerFact]
    public async Task CreateUser_SameEmailInTenant_IsConflict_ButAnotherTenantMayUseIt()
    {
        var tenant = await CreateTenantAsync();
        var other = await CreateTenantAsync();
        await Store.CreateUserAsync(NewUser(tenant, "ann@example.com"), Ct);

        var error = await Assert.ThrowsAsync<BookMeAtOzException>(() => Store.CreateUserAsync(NewUser(tenant, "ANN@example.com"), Ct));
        Assert.Equal(ErrorCodes.Conflict, error.Code);
        await Store.CreateUserAsync(NewUser(other, "ann@example.com"), Ct);
    }

    [ServerFact]
    public async Task FindUser_OfAnotherTenant_IsNull()
    {
        var tenant = await CreateTenantAsync();
        var other = await CreateTenantAsync();
        var user = NewUser(tenant);
        await Store.CreateUserAsync(user, Ct);

        Assert.Null(await Store.FindUserAsync(other, user.Id, Ct));
        Assert.Null(await Store.FindUserByEmailAsync(other, user.Email, Ct));
        Assert.Null(await Store.FindUserByEmailAsync(tenant, "nobody@example.com", Ct));
    }

    [ServerFact]
    public async Task Rotate_ValidToken_StoresSuccessorInSameFamily()
    {
        var tenant = await CreateTenantAsync();
        var user = NewUser(tenant);
        await Store.CreateUserAsync(user, Ct);
        await Store.CreateRefreshTokenAsync(NewToken(user, "first"), Ct);

        var rotation = await Store.RotateRefreshTokenAsync(tenant, Hash("first"), NewToken(user, "second") with { UserId = Guid.Empty, FamilyId = Guid.Empty }, Ct);
        Assert.Equal(new RefreshTokenRotation(RefreshTokenRotationStatus.Rotated, user.Id), rotation);

        var next = await Store.RotateRefreshTokenAsync(tenant, Hash("second"), NewToken(user, "third"), Ct);
        Assert.Equal(RefreshTokenRotationStatus.Rotated, next.Status);
        Assert.Equal(user.Id, next.UserId);
    }

    [ServerFact]
    public async Task Rotate_UsedToken_RevokesTheWholeFamily()
    {
        var tenant = await CreateTenantAsync();
        var user = NewUser(tenant);
        await Store.CreateUserAsync(user, Ct);
        await Store.CreateRefreshTokenAsync(NewToken(user, "a1"), Ct);
        await Store.CreateRefreshTokenAsync(NewToken(user, "b1"), Ct);
        await Store.RotateRefreshTokenAsync(tenant, Hash("a1"), NewToken(user, "a2"), Ct);

        Assert.Equal(RefreshTokenRotationStatus.Reused, (await Store.RotateRefreshTokenAsync(tenant, Hash("a1"), NewToken(user, "a3"), Ct)).Status);
        Assert.Equal(RefreshTokenRotationStatus.Invalid, (await Store.RotateRefreshTokenAsync(tenant, Hash("a2"), NewToken(user, "a4"), Ct)).Status);
        Assert.Equal(RefreshTokenRotationStatus.Invalid, (await Store.RotateRefreshTokenAsync(tenant, Hash("a3"), NewToken(user, "a5"), Ct)).Status);
        // Another family of the same user is untouched.
        Assert.Equal(RefreshTokenRotationStatus.Rotated, (await Store.RotateRefreshTokenAsync(tenant, Hash("b1"), NewToken(user, "b2"), Ct)).Status);
    }

    [ServerFact]
    public async Task Rotate_UnknownExpiredOrOtherTenantsToken_IsInvalid()
    {
        var tenant = await CreateTenantAsync();
        var other = await CreateTenantAsync();
        var user = NewUser(tenant);
        await Store.CreateUserAsync(user, Ct);
        await Store.CreateRefreshTokenAsync(NewToken(user, "old", expires: TestData.Now.AddMinutes(-1)), Ct);
        await Store.CreateRefreshTokenAsync(NewToken(user, "mine"), Ct);

        Assert.Equal(RefreshTokenRotationStatus.Invalid, (await Store.RotateRefreshTokenAsync(tenant, Hash("nope"), NewToken(user, "x1"), Ct)).Status);
        Assert.Equal(RefreshTokenRotationStatus.Invalid, (await Store.RotateRefreshTokenAsync(tenant, Hash("old"), NewToken(user, "x2"), Ct)).Status);
        Assert.Equal(RefreshTokenRotationStatus.Invalid, (await Store.RotateRefreshTokenAsync(other, Hash("mine"), NewToken(user, "x3"), Ct)).Status);
        Assert.Equal(RefreshTokenRotationStatus.Rotated, (await Store.RotateRefreshTokenAsync(tenant, Hash("mine"), NewToken(user, "x4"), Ct)).Status);
    }

    [ServerFact]
    public async Task Rotate_ConcurrentPresentationsOfOneToken_RotateAtMostOnce()
    {
        var tenant = await CreateTenantAsync();
        var user = NewUser(tenant);
        await Store.CreateUserAsync(user, Ct);
        await Store.CreateRefreshTokenAsync(NewToken(user, "race"), Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => Store.RotateRefreshTokenAsync(tenant, Hash("race"), NewToken(user, "next" + i), Ct))));

        Assert.Single(results, r => r.Status == RefreshTokenRotationStatus.Rotated);
        // The first repeat is a reuse (revoking the family); later ones find a revoked token.
        Assert.Contains(results, r => r.Status == RefreshTokenRotationStatus.Reused);
    }
}
