using BookMeAtOz.PostgreSql;
using BookMeAtOz.Tests.Postgres.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace BookMeAtOz.Tests.Postgres.Persistence;

/// <summary>A store on a role that bypasses row-level security (here the superuser) refuses to start unless told to accept it.</summary>
public sealed class RowLevelSecurityGuardTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static async Task StartGuardAsync(string connectionString, bool allow)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>));
        services.AddBookMeAtOz().WithPostgres(connectionString, o => o.AllowRowLevelSecurityBypass = allow);
        await using var provider = services.BuildServiceProvider();
        await provider.GetServices<IHostedService>().OfType<RowLevelSecurityGuard>().Single().StartAsync(CancellationToken.None);
    }

    [ServerFact]
    public async Task Start_AsASuperuser_IsRefused_UnlessAccepted_AndTheAppRoleStarts()
    {
        var superuser = PostgresEnvironment.SuperuserConnectionString
            ?? throw new InvalidOperationException("BOOKMEATOZ_TEST_PG_SOCKET_DIR is not set: scripts/test.sh sets it.");
        var asSuperuser = new NpgsqlConnectionStringBuilder(superuser) { Database = database.Name }.ConnectionString;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StartGuardAsync(asSuperuser, allow: false));
        Assert.Contains("BookMeAtOz__Postgres__AllowRowLevelSecurityBypass", refused.Message, StringComparison.Ordinal);
        await StartGuardAsync(asSuperuser, allow: true);
        await StartGuardAsync(database.AppConnectionString(), allow: false);
    }
}
