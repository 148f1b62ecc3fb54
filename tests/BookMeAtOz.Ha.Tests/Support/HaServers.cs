using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npgsql;

namespace BookMeAtOz.Ha.Tests.Support;

/// <summary>
/// Servers of scripts/ha.sh, started by the test under <c>$BOOKMEATOZ_TEST_TMP</c> and stopped by it (by the pids the
/// script recorded under that directory, never by name).
/// </summary>
public abstract class HaServers : IAsyncDisposable
{
    protected HaServers(string directory, IReadOnlyDictionary<string, string> settings)
    {
        Directory = directory;
        Settings = settings;
    }

    /// <summary>Where the servers keep their data, logs and pid files.</summary>
    public string Directory { get; }

    /// <summary>The KEY=VALUE lines the script wrote (ports, passwords).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BookMeAtOz.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("The repository root (BookMeAtOz.sln) was not found above the test's directory.");
        }
    }

    protected static string NewDirectory(string kind)
    {
        var root = Environment.GetEnvironmentVariable("BOOKMEATOZ_TEST_TMP") is { Length: > 0 } tmp ? tmp : Path.GetTempPath();
        var directory = Path.Combine(root, $"{kind}-{Guid.NewGuid():N}"[..(kind.Length + 9)]);
        return directory;
    }

    /// <summary>Runs <c>bash scripts/ha.sh ARGS</c> and fails with its output when it fails.</summary>
    public static async Task RunScriptAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepositoryRoot, "scripts", "ha.sh"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/ha.sh {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    protected static Dictionary<string, string> ReadSettings(string file) =>
        File.ReadAllLines(file).Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    public int Port(string key) => int.Parse(Settings[key], CultureInfo.InvariantCulture);

    /// <summary>The pid in a pid file under <see cref="Directory"/> (or the first line of postmaster.pid).</summary>
    public int Pid(string relativePath) =>
        int.Parse(File.ReadLines(Path.Combine(Directory, relativePath)).First().Trim(), CultureInfo.InvariantCulture);

    /// <summary>Sends a signal (KILL, STOP, CONT) to processes this test's servers started, all in one call.</summary>
    public static void Signal(string signal, params int[] pids)
    {
        var info = new ProcessStartInfo("kill") { UseShellExecute = false };
        info.ArgumentList.Add("-" + signal);
        foreach (var pid in pids)
        {
            info.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        }

        using var process = Process.Start(info)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {string.Join(' ', pids)} failed.");
        }
    }

    /// <summary>Waits for a condition, polling, up to a deadline; returns how long it took.</summary>
    public static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            bool holds;
            try
            {
                holds = await condition();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or NpgsqlException or IOException or TimeoutException)
            {
                holds = false;
            }

            if (holds)
            {
                return waited.Elapsed;
            }

            if (waited.Elapsed > deadline)
            {
                throw new TimeoutException($"{what}: not within {deadline.TotalSeconds:0} s.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await RunScriptAsync("stop", Directory);
        GC.SuppressFinalize(this);
    }
}

/// <summary>Three etcd members and three Patroni nodes of PostgreSQL 15 (scripts/ha.sh postgres).</summary>
public sealed class PatroniCluster : HaServers
{
    private static readonly HttpClient Rest = new() { Timeout = TimeSpan.FromSeconds(3) };

    private PatroniCluster(string directory, IReadOnlyDictionary<string, string> settings)
        : base(directory, settings)
    {
    }

    public static int[] Nodes => [1, 2, 3];

    public TimeSpan Ttl => TimeSpan.FromSeconds(Port("HA_TTL"));

    public TimeSpan LoopWait => TimeSpan.FromSeconds(Port("HA_LOOP_WAIT"));

    public static async Task<PatroniCluster> StartAsync()
    {
        var directory = NewDirectory("ha-pg");
        try
        {
            await RunScriptAsync("postgres", directory);
        }
        catch
        {
            await RunScriptAsync("stop", directory);
            throw;
        }

        return new PatroniCluster(directory, ReadSettings(Path.Combine(directory, "ha.env")));
    }

    /// <summary>
    /// What the hosts use: every node, and Npgsql picks the one that is primary (<c>Target Session Attributes=primary</c>),
    /// with short timeouts so that a hung node is given up quickly.
    /// </summary>
    public string HostConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = string.Join(',', Nodes.Select(n => $"127.0.0.1:{Port($"HA_NODE{n}_PG_PORT")}")),
        Username = Settings["HA_ADMIN_ROLE"],
        Password = Settings["HA_ADMIN_PASSWORD"],
        Database = Settings["HA_DATABASE"],
        TargetSessionAttributes = "primary",
        Timeout = 3,
        CommandTimeout = 5,
        CancellationTimeout = 1000,
        KeepAlive = 1,
    }.ConnectionString;

    /// <summary>The superuser on one node (row-level security does not apply: it sees every tenant's rows).</summary>
    public string SuperuserConnectionString(int node) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port($"HA_NODE{node}_PG_PORT"),
        Username = "postgres",
        Password = Settings["HA_SUPERUSER_PASSWORD"],
        Database = Settings["HA_DATABASE"],
        Pooling = false,
        Timeout = 3,
        CommandTimeout = 10,
    }.ConnectionString;

    /// <summary>Whether node <paramref name="node"/>'s Patroni REST API answers 200 on <c>/<paramref name="role"/></c>.</summary>
    public async Task<bool> IsAsync(int node, string role)
    {
        try
        {
            using var response = await Rest.GetAsync(new Uri($"http://127.0.0.1:{Port($"HA_NODE{node}_REST_PORT")}/{role}"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>The nodes that say they are primary, by Patroni's REST API.</summary>
    public async Task<int[]> PrimariesAsync()
    {
        var answers = await Task.WhenAll(Nodes.Select(async n => (n, primary: await IsAsync(n, "primary"))));
        return answers.Where(a => a.primary).Select(a => a.n).ToArray();
    }

    /// <summary>Whether PostgreSQL on the node answers, and is not in recovery (writable).</summary>
    public async Task<bool?> IsWritablePostgresAsync(int node)
    {
        try
        {
            await using var connection = new NpgsqlConnection(SuperuserConnectionString(node));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT NOT pg_is_in_recovery()", connection);
            return (bool)(await command.ExecuteScalarAsync())!;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
        {
            return null;
        }
    }

    /// <summary>Patroni's and PostgreSQL's process ids on the node.</summary>
    public (int Patroni, int Postmaster) Processes(int node) => (Pid($"node{node}/patroni.pid"), Pid($"node{node}/data/postmaster.pid"));

    public Task StartNodeAsync(int node) => RunScriptAsync("start-node", Directory, node.ToString(CultureInfo.InvariantCulture));

    /// <summary>Waits until the node is a streaming replica of the current primary, and the primary has a synchronous standby.</summary>
    public async Task WaitForReplicaAsync(int node, int primary, TimeSpan deadline)
    {
        try
        {
            await WaitForReplicaCoreAsync(node, primary, deadline);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n--- node{node}'s log, last lines ---\n{LogTail(node)}\n--- node{primary}'s ---\n{LogTail(primary)}", e);
        }
    }

    /// <summary>The last lines of Patroni's (and PostgreSQL's) log of a node.</summary>
    public string LogTail(int node) => string.Join('\n', File.ReadLines(Path.Combine(Directory, $"node{node}", "patroni.log")).TakeLast(40));

    private async Task WaitForReplicaCoreAsync(int node, int primary, TimeSpan deadline) =>
        await WaitUntilAsync(async () =>
        {
            if (!await IsAsync(node, "replica"))
            {
                return false;
            }

            await using var connection = new NpgsqlConnection(SuperuserConnectionString(primary));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FILTER (WHERE state = 'streaming') = 2 AND count(*) FILTER (WHERE sync_state = 'sync') = 1 FROM pg_stat_replication", connection);
            return (bool)(await command.ExecuteScalarAsync())!;
        }, deadline, $"node{node} streaming from node{primary}");
}

/// <summary>A Redis primary, a replica and three Sentinels (scripts/ha.sh redis).</summary>
public sealed class RedisSentinels : HaServers
{
    private RedisSentinels(string directory, IReadOnlyDictionary<string, string> settings)
        : base(directory, settings)
    {
    }

    public static async Task<RedisSentinels> StartAsync()
    {
        var directory = NewDirectory("ha-redis");
        try
        {
            await RunScriptAsync("redis", directory);
        }
        catch
        {
            await RunScriptAsync("stop", directory);
            throw;
        }

        return new RedisSentinels(directory, ReadSettings(Path.Combine(directory, "redis.env")));
    }

    /// <summary>The host's Redis configuration: the Sentinels and the service name, not a server.</summary>
    public string ConnectionString => $"{Settings["HA_REDIS_SENTINELS"]},serviceName={Settings["HA_REDIS_SERVICE"]}";

    public IEnumerable<int> SentinelPorts => Settings["HA_REDIS_SENTINELS"].Split(',').Select(e => int.Parse(e.Split(':')[1], CultureInfo.InvariantCulture));

    public int PrimaryPid => Pid("redis-primary.pid");
}
