using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Audit;
using BookMeAtOz.Auth;
using BookMeAtOz.Contracts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BookMeAtOz.AspNetCore.Tests.Auth;

/// <summary>
/// Security finding #5: sign-up wrote the tenant, then its owner; a failed owner left the tenant behind and the retry
/// got <c>slug_taken</c>. Now both are one atomic step: when the owner's write fails after the tenant's, no tenant
/// remains and the retry succeeds.
/// </summary>
public abstract class SignUpAtomicityTests
{
    /// <summary>Owners with an address starting with this fail to be written.</summary>
    protected const string FailingPrefix = "fail-owner-";

    protected abstract ApiFactory Factory { get; }

    [ServerFact]
    public async Task SignUp_OwnerWriteFails_LeavesNoTenant_AndTheRetrySucceeds()
    {
        var slug = TestTenant.NewSlug();
        var anonymous = Factory.Client();

        var failed = await anonymous.PostJsonAsync("/api/v1/tenants",
            new SignUpRequest(slug, "Half Made", TestTenant.Zone, null, new NewAccount("Olive", $"{FailingPrefix}{slug}@example.com", TestTenant.Password)));
        Assert.False(failed.IsSuccessStatusCode);

        await (await Factory.Client(slug).GetAsync("/api/v1/tenant")).ProblemAsync(HttpStatusCode.NotFound, ApiProblemCodes.TenantNotFound);

        var retried = await (await anonymous.PostJsonAsync("/api/v1/tenants",
            new SignUpRequest(slug, "Made", TestTenant.Zone, null, new NewAccount("Olive", $"owner@{slug}.example", TestTenant.Password))))
            .ReadAsync<SignUpResponse>(HttpStatusCode.Created);
        Assert.Equal(slug, retried.Tenant.Slug);
        Assert.Equal(HttpStatusCode.OK, (await Factory.Client(slug, retried.Auth.AccessToken).GetAsync("/api/v1/me")).StatusCode);
        var audit = await (await Factory.Client(slug, retried.Auth.AccessToken).GetAsync("/api/v1/audit")).ReadAsync<PageResponse<AuditEntryResponse>>();
        Assert.Equal("user.created", Assert.Single(audit.Items).Action);
    }
}

/// <summary>On the in-memory store, with a user store that fails the marked owners (a fault injected through a decorator).</summary>
public sealed class InMemorySignUpAtomicityTests(InMemorySignUpAtomicityTests.FailingOwnerFactory factory)
    : SignUpAtomicityTests, IClassFixture<InMemorySignUpAtomicityTests.FailingOwnerFactory>
{
    protected override ApiFactory Factory => factory;

    public sealed class FailingOwnerFactory : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                var inner = services.Last(d => d.ServiceType == typeof(IUserStore));
                services.AddSingleton(sp => new InnerUserStore(
                    inner.ImplementationFactory is { } create ? (IUserStore)create(sp) : (IUserStore)ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!)));
                services.Add(ServiceDescriptor.Singleton<IUserStore>(sp => new FailingOwnerStore(sp.GetRequiredService<InnerUserStore>().Store)));
                // The in-memory API keys live with the in-memory users (a host that replaces the user store registers its own key store).
                var keys = services.Last(d => d.ServiceType == typeof(IApiKeyStore));
                services.Add(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<InnerUserStore>().Store as IApiKeyStore
                    ?? (keys.ImplementationFactory is { } create ? (IApiKeyStore)create(sp) : (IApiKeyStore)ActivatorUtilities.CreateInstance(sp, keys.ImplementationType!))));
            });
        }
    }

    /// <summary>The store the failing one wraps (one instance for both the users and, in memory, the API keys).</summary>
    public sealed record InnerUserStore(IUserStore Store);

    /// <summary>Delegates everything, but fails to add a user whose address starts with <see cref="SignUpAtomicityTests.FailingPrefix"/>.</summary>
    private sealed class FailingOwnerStore(IUserStore inner) : IUserStore
    {
        private static void FailIfMarked(User user)
        {
            if (user.Email.StartsWith(FailingPrefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Injected: the owner's write failed.");
            }
        }

        public Task CreateUserAsync(User user, CancellationToken cancellationToken)
        {
            FailIfMarked(user);
            return inner.CreateUserAsync(user, cancellationToken);
        }

        public Task CreateUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken)
        {
            FailIfMarked(user);
            return inner.CreateUserAsync(user, audit, cancellationToken);
        }

        public Task<User?> FindUserAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken) => inner.FindUserAsync(tenantId, userId, cancellationToken);

        public Task<User?> FindUserByEmailAsync(Guid tenantId, string email, CancellationToken cancellationToken) =>
            inner.FindUserByEmailAsync(tenantId, email, cancellationToken);

        public Task<IReadOnlyList<User>> ListUsersAsync(Guid tenantId, CancellationToken cancellationToken) => inner.ListUsersAsync(tenantId, cancellationToken);

        public Task<UserWriteStatus> UpdateUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken) =>
            inner.UpdateUserAsync(user, audit, cancellationToken);

        public Task<UserWriteStatus> DeleteUserAsync(Guid tenantId, Guid userId, AuditEntry audit, CancellationToken cancellationToken) =>
            inner.DeleteUserAsync(tenantId, userId, audit, cancellationToken);

        public Task CreateRefreshTokenAsync(RefreshToken token, CancellationToken cancellationToken) => inner.CreateRefreshTokenAsync(token, cancellationToken);

        public Task<RefreshTokenRotation> RotateRefreshTokenAsync(Guid tenantId, byte[] tokenHash, RefreshToken successor, CancellationToken cancellationToken) =>
            inner.RotateRefreshTokenAsync(tenantId, tokenHash, successor, cancellationToken);

        public Task<Guid?> CreatePasswordResetAsync(AccountToken token, CancellationToken cancellationToken) => inner.CreatePasswordResetAsync(token, cancellationToken);

        public Task<bool> CreateInvitationAsync(AccountToken token, AuditEntry audit, CancellationToken cancellationToken) =>
            inner.CreateInvitationAsync(token, audit, cancellationToken);

        public Task<AccountToken?> FindAccountTokenAsync(Guid tenantId, Guid tokenId, CancellationToken cancellationToken) =>
            inner.FindAccountTokenAsync(tenantId, tokenId, cancellationToken);

        public Task<(AccountTokenRedemption Status, User? User)> RedeemPasswordResetAsync(
            Guid tenantId, byte[] tokenHash, string passwordHash, Guid securityStamp, DateTimeOffset now, Func<User, AuditEntry> audit, CancellationToken cancellationToken) =>
            inner.RedeemPasswordResetAsync(tenantId, tokenHash, passwordHash, securityStamp, now, audit, cancellationToken);

        public Task<(AccountTokenRedemption Status, User? User)> RedeemInvitationAsync(
            Guid tenantId, byte[] tokenHash, DateTimeOffset now, Func<AccountToken, User> user, Func<User, AuditEntry> audit, CancellationToken cancellationToken) =>
            inner.RedeemInvitationAsync(tenantId, tokenHash, now, user, audit, cancellationToken);
    }
}

/// <summary>On PostgreSQL, with a trigger that fails the marked owners' insert after the tenant's (a failure inside the database).</summary>
[Collection(PostgresApiTests.Name)]
[RequiresEnvironment("BOOKMEATOZ_TEST_PG", "PostgreSQL")]
public sealed class PostgresSignUpAtomicityTests(PostgresApiFactory factory) : SignUpAtomicityTests, IAsyncLifetime
{
    protected override ApiFactory Factory => factory;

    public async Task InitializeAsync()
    {
        _ = factory.Server; // the host migrates the database at start-up
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            CREATE OR REPLACE FUNCTION bookmeatoz.test_fail_marked_owner() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.email LIKE '{FailingPrefix}%' THEN
                    RAISE EXCEPTION 'injected: the owner''s write failed';
                END IF;
                RETURN NEW;
            END $$;
            DROP TRIGGER IF EXISTS test_fail_marked_owner ON bookmeatoz.users;
            CREATE TRIGGER test_fail_marked_owner BEFORE INSERT ON bookmeatoz.users
                FOR EACH ROW EXECUTE FUNCTION bookmeatoz.test_fail_marked_owner();
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "DROP TRIGGER IF EXISTS test_fail_marked_owner ON bookmeatoz.users; DROP FUNCTION IF EXISTS bookmeatoz.test_fail_marked_owner()", connection);
        await command.ExecuteNonQueryAsync();
    }
}
