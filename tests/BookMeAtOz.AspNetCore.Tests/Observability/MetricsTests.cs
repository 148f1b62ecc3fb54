using System.Globalization;
using System.Text.RegularExpressions;
using BookMeAtOz.AspNetCore.Tests.Support;

namespace BookMeAtOz.AspNetCore.Tests.Observability;

/// <summary>
/// What <c>/metrics</c> exposes after some load on PostgreSQL: histograms whose buckets measure (seconds-based ones
/// with boundaries in seconds, ours spreading real observations over several buckets) and labels that name things
/// rather than leak a connection string.
/// </summary>
[Collection(PostgresApiTests.Name)]
public sealed partial class MetricsTests(PostgresApiFactory factory)
{
    private static readonly string[] ConnectionStringParts = ["host=", "server=", "password=", "username=", "user id=", "database=", "port="];

    [ServerFact]
    public async Task Histograms_AfterLoad_SpreadOverBucketsInSeconds()
    {
        var text = await ScrapeAfterLoadAsync();
        var histograms = ParseHistograms(text);

        // Ours: every one with enough observations to show a spread (the availability answers of the load above, at
        // least) has them in at least three buckets (answers from memory take microseconds, from PostgreSQL
        // milliseconds, the first ones longer). Others appear with an observation or two when another test of this
        // shared host sent a webhook or synced a calendar: too few to spread, so only their boundaries are checked below.
        const int EnoughToSpread = 10;
        var ours = histograms.Where(h => h.Key.StartsWith("bookmeatoz_", StringComparison.Ordinal)).ToList();
        Assert.Contains(ours, h => h.Key.StartsWith("bookmeatoz_availability_duration_seconds", StringComparison.Ordinal) && h.Value[^1].Count >= EnoughToSpread);
        foreach (var (series, buckets) in ours.Where(h => h.Value[^1].Count >= EnoughToSpread))
        {
            var used = buckets.Zip(buckets.Skip(1), (lower, upper) => upper.Count - lower.Count).Prepend(buckets[0].Count).Count(n => n > 0);
            Assert.True(used >= 3, $"{series}: observations fall into {used} bucket(s): {string.Join(", ", buckets.Select(b => $"le={b.Le}:{b.Count}"))}");
        }

        // Every seconds-based histogram (ours, ASP.NET Core's, Npgsql's...) has boundaries in seconds: some below one
        // second and none above five minutes (Kestrel's connection duration, the longest of ASP.NET Core's own, ends at
        // 300), unlike OpenTelemetry's defaults (0, 5, 10, 25 ... 10000), meant for milliseconds.
        foreach (var (series, buckets) in histograms.Where(h => h.Key.Contains("_seconds", StringComparison.Ordinal)))
        {
            var bounds = buckets.Select(b => b.Le).Where(double.IsFinite).ToList();
            Assert.True(bounds.Any(b => b is > 0 and < 1) && bounds.All(b => b <= 300), $"{series}: boundaries {string.Join(", ", bounds)} are not in seconds");
        }
    }

    [ServerFact]
    public async Task Labels_AfterLoad_NameThePoolAndHoldNoConnectionString()
    {
        var text = await ScrapeAfterLoadAsync();

        // This test process's own connections (the fixture creating databases, tests reading rows) are unnamed pools,
        // which Npgsql labels with their connection strings; the host's all carry Application Name=BookMeAtOz (the
        // store's default), so a label holding a connection string with it is the host's. (The deployment e2e checks a
        // host in a process of its own, where every label is the host's.)
        var values = LabelValue().Matches(text).Select(m => m.Groups["value"].Value).ToList();
        foreach (var value in values.Where(v => ConnectionStringParts.Any(p => v.Contains(p, StringComparison.OrdinalIgnoreCase))))
        {
            Assert.DoesNotContain("Application Name=BookMeAtOz", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Password=", value, StringComparison.OrdinalIgnoreCase);
        }

        var pools = PoolName().Matches(text).Select(m => m.Groups["value"].Value).Distinct().ToList();
        Assert.Contains("bookmeatoz", pools);
    }

    private async Task<string> ScrapeAfterLoadAsync()
    {
        var t = await TestTenant.CreateAsync(factory);
        var (_, service) = await t.AddStaffAndServiceAsync();
        for (var day = 1; day <= 14; day++)
        {
            // Each day once from the store and twice more (from memory where the host keeps answers).
            for (var i = 0; i < 3; i++)
            {
                Assert.NotNull(await t.SlotsAsync(service.Id, TestTenant.Day(day)));
            }
        }

        await t.BookAsync(service.Id, (await t.SlotsAsync(service.Id))[0].Start);

        // The exporter caches a scrape briefly; wait for one that has both the booking and the pool.
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            var text = await factory.CreateClient().GetStringAsync("/metrics");
            if ((text.Contains("bookmeatoz_booking_created", StringComparison.Ordinal) && text.Contains("db_client_connection", StringComparison.Ordinal))
                || TimeProvider.System.GetUtcNow() > deadline)
            {
                return text;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Per series (name and labels without <c>le</c>), its cumulative buckets in order.</summary>
    private static Dictionary<string, List<(double Le, double Count)>> ParseHistograms(string text)
    {
        var series = new Dictionary<string, List<(double Le, double Count)>>(StringComparer.Ordinal);
        foreach (Match m in BucketLine().Matches(text))
        {
            var labels = LeLabel().Replace(m.Groups["labels"].Value, string.Empty).Trim(',');
            var key = $"{m.Groups["name"].Value}{{{labels}}}";
            var le = m.Groups["le"].Value == "+Inf" ? double.PositiveInfinity : double.Parse(m.Groups["le"].Value, CultureInfo.InvariantCulture);
            if (!series.TryGetValue(key, out var buckets))
            {
                series[key] = buckets = [];
            }

            buckets.Add((le, double.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture)));
        }

        foreach (var buckets in series.Values)
        {
            buckets.Sort((a, b) => a.Le.CompareTo(b.Le));
        }

        return series;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)_bucket\{(?<labels>[^}]*le="(?<le>[^"]+)"[^}]*)\} (?<count>\S+)""", RegexOptions.Multiline)]
    private static partial Regex BucketLine();

    [GeneratedRegex("""le="[^"]*",?""")]
    private static partial Regex LeLabel();

    [GeneratedRegex("[a-zA-Z_][a-zA-Z0-9_]*=\"(?<value>(?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelValue();

    [GeneratedRegex("db_client_connection_pool_name=\"(?<value>[^\"]*)\"")]
    private static partial Regex PoolName();
}
