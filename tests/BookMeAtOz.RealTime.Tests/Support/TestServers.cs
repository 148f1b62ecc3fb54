using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace BookMeAtOz.RealTime.Tests.Support;

/// <summary>The servers scripts/test.sh starts, from its environment variables; a missing one fails the test with a message.</summary>
public static class TestServers
{
    /// <summary>The admin connection string (CREATEDB) of the PostgreSQL primary.</summary>
    public static string PostgresAdmin => Require("BOOKMEATOZ_TEST_PG");

    /// <summary>The shared Redis, <c>127.0.0.1:PORT</c>.</summary>
    public static string Redis => Require("BOOKMEATOZ_TEST_REDIS");

    /// <summary>A free TCP port on loopback (nothing listens on it when this returns).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: run the tests with scripts/test.sh, which starts PostgreSQL and Redis " +
                "(or BOOKMEATOZ_KEEP_SERVICES=1 scripts/test.sh once, then source the env.sh it prints).");
}

/// <summary>A fresh database on the test server, for the hosts of one test; dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name) => Name = name;

    public string Name { get; }

    /// <summary>The connection string the hosts use (the admin role owns and uses the database, as in the client tests).</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(TestServers.PostgresAdmin) { Database = Name }.ConnectionString;

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase("bookmeatoz_rt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        await using var admin = new NpgsqlConnection(TestServers.PostgresAdmin);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database.Name}", admin);
        await create.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>Runs SQL in the database as the owner, scoped to one tenant (row-level security applies to the owner too).</summary>
    public async Task<T?> ScalarAsync<T>(Guid tenantId, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using (var scope = new NpgsqlCommand($"SELECT set_config('bookmeatoz.tenant_id', '{tenantId}', false)", connection))
        {
            await scope.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestServers.PostgresAdmin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// A Redis server of the test's own (never the shared one), so that the test can stop it and start it again on the same
/// port. Only the process this class started is ever stopped, by its id.
/// </summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    private Process? _process;

    public int Port { get; } = TestServers.FreePort();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }
        }
    }

    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
