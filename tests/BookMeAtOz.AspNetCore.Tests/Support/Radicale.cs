using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace BookMeAtOz.AspNetCore.Tests.Support;

/// <summary>
/// The private Radicale (CalDAV) that scripts/test.sh starts on loopback: BOOKMEATOZ_TEST_RADICALE_URL, _USER, _PASSWORD;
/// _CONFIG and _PIDFILE to stop and start it again.
/// </summary>
public static class Radicale
{
    public static string Url => Env("BOOKMEATOZ_TEST_RADICALE_URL");
    public static string User => Env("BOOKMEATOZ_TEST_RADICALE_USER");
    public static string Password => Env("BOOKMEATOZ_TEST_RADICALE_PASSWORD");

    /// <summary>A new, empty calendar collection of the test user.</summary>
    public static async Task<RadicaleCalendar> NewCalendarAsync()
    {
        var calendar = new RadicaleCalendar(new Uri(new Uri(Url), $"{User}/{Guid.NewGuid():N}/"));
        using var response = await RadicaleCalendar.SendAsync(() => calendar.Request(new HttpMethod("MKCALENDAR"), calendar.Collection));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.MethodNotAllowed, $"MKCALENDAR: {(int)response.StatusCode}");
        return calendar;
    }

    /// <summary>Stops the server (SIGKILL: an outage, not a farewell) and waits until its port refuses connections.</summary>
    public static async Task StopAsync()
    {
        var pid = int.Parse((await File.ReadAllTextAsync(Env("BOOKMEATOZ_TEST_RADICALE_PIDFILE"))).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using (var process = Process.GetProcessById(pid))
        {
            Assert.Contains("radicale", await File.ReadAllTextAsync($"/proc/{pid}/cmdline"), StringComparison.Ordinal);
            process.Kill();
            await process.WaitForExitAsync();
        }

        await WaitAsync(async () => !await AnswersAsync(), "Radicale still answers after being stopped");
    }

    /// <summary>Starts the server again with the same config (and data) and waits until it answers.</summary>
    public static async Task StartAsync()
    {
        var config = Env("BOOKMEATOZ_TEST_RADICALE_CONFIG");
        var bin = Environment.GetEnvironmentVariable("BOOKMEATOZ_TEST_RADICALE_BIN") is { Length: > 0 } b ? b : "/usr/bin/radicale";
        var log = Path.Combine(Path.GetDirectoryName(config)!, "radicale.log");
        // Detached through a shell, so it outlives this test process; services.sh stops it by the pid file.
        var start = new ProcessStartInfo("/bin/bash", ["-c", "\"$0\" --config \"$1\" >>\"$2\" 2>&1 </dev/null & echo $!", bin, config, log])
        {
            RedirectStandardOutput = true,
        };
        using var shell = Process.Start(start)!;
        var pid = (await shell.StandardOutput.ReadToEndAsync()).Trim();
        await shell.WaitForExitAsync();
        await File.WriteAllTextAsync(Env("BOOKMEATOZ_TEST_RADICALE_PIDFILE"), pid + "\n");
        await WaitAsync(AnswersAsync, "Radicale did not answer after a restart");
    }

    private static async Task<bool> AnswersAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await RadicaleCalendar.Http.GetAsync(Url, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public static async Task WaitAsync(Func<Task<bool>> condition, string message, int seconds = 30)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"{message} (within {seconds} s).");
            await Task.Delay(100);
        }
    }

    private static string Env(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests with scripts/test.sh, which starts Radicale.");
}

/// <summary>One calendar collection on the test Radicale, written and read as a CalDAV client would.</summary>
public sealed class RadicaleCalendar(Uri collection)
{
    internal static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private static readonly XNamespace Dav = "DAV:";
    private static readonly XNamespace CalDav = "urn:ietf:params:xml:ns:caldav";

    public Uri Collection => collection;

    public async Task PutAsync(string name, string ics)
    {
        using var response = await SendAsync(() =>
        {
            var request = Request(HttpMethod.Put, new Uri(collection, name));
            request.Content = new StringContent(ics.ReplaceLineEndings("\r\n"), Encoding.UTF8, "text/calendar");
            return request;
        });
        Assert.True(response.IsSuccessStatusCode, $"PUT {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Writes many events straight into Radicale's filesystem storage (one file each, as Radicale keeps them), then reads
    /// the collection once so that Radicale has parsed and cached them: a PUT through HTTP makes Radicale parse and
    /// re-serialize every event under its storage lock, which for 2,000 events takes a loaded machine far longer than the
    /// import being measured. What a CalDAV client then sees is the same as after PUTs.
    /// </summary>
    public async Task SeedFilesAsync(IEnumerable<(string Name, string Ics)> events)
    {
        var config = await File.ReadAllLinesAsync(Environment.GetEnvironmentVariable("BOOKMEATOZ_TEST_RADICALE_CONFIG")
            ?? throw new InvalidOperationException("BOOKMEATOZ_TEST_RADICALE_CONFIG is not set: run the tests with scripts/test.sh."));
        var folder = config.Select(l => l.Split('=', 2)).Where(p => p.Length == 2 && p[0].Trim() == "filesystem_folder").Select(p => p[1].Trim()).Single();
        var directory = Path.Combine([folder, "collection-root", .. collection.AbsolutePath.Trim('/').Split('/')]);
        Assert.True(Directory.Exists(directory), $"Radicale keeps the collection in {directory}");
        foreach (var (name, ics) in events)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, name), ics.ReplaceLineEndings("\r\n"), new UTF8Encoding(false));
        }

        // Radicale parses each file on its first read and caches it: done here, before anything is measured.
        using var warm = await SendAsync(() =>
        {
            var request = Request(new HttpMethod("PROPFIND"), collection);
            request.Headers.Add("Depth", "1");
            request.Content = new StringContent("""<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>""",
                Encoding.UTF8, "application/xml");
            return request;
        }, TimeSpan.FromMinutes(10));
        Assert.True(warm.IsSuccessStatusCode, $"PROPFIND: {(int)warm.StatusCode}");
    }

    /// <summary>Replaces the whole collection with the events of one iCalendar object (Radicale stores one resource per UID).</summary>
    public async Task PutCollectionAsync(string ics)
    {
        using var response = await SendAsync(() =>
        {
            var request = Request(HttpMethod.Put, collection);
            request.Content = new StringContent(ics.ReplaceLineEndings("\r\n"), Encoding.UTF8, "text/calendar");
            return request;
        }, TimeSpan.FromMinutes(10));
        Assert.True(response.IsSuccessStatusCode, $"PUT collection: {(int)response.StatusCode}");
    }

    public async Task DeleteAsync(string name)
    {
        using var response = await SendAsync(() => Request(HttpMethod.Delete, new Uri(collection, name)));
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound, $"DELETE {name}: {(int)response.StatusCode}");
    }

    /// <summary>Every resource's calendar data, by href.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListAsync()
    {
        using var response = await SendAsync(() =>
        {
            var request = Request(new HttpMethod("REPORT"), collection);
            request.Headers.Add("Depth", "1");
            request.Content = new StringContent(Query, Encoding.UTF8, "application/xml");
            return request;
        });
        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        return xml.Root!.Elements(Dav + "response")
            .Select(r => (Href: r.Element(Dav + "href")!.Value, Data: r.Descendants(CalDav + "calendar-data").FirstOrDefault()?.Value))
            .Where(x => !string.IsNullOrEmpty(x.Data))
            .ToDictionary(x => x.Href, x => x.Data!);
    }

    private const string Query = """
            <?xml version="1.0" encoding="utf-8"?>
            <c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
              <d:prop><d:getetag/><c:calendar-data/></d:prop>
              <c:filter><c:comp-filter name="VCALENDAR"/></c:filter>
            </c:calendar-query>
            """;

    /// <summary>
    /// Sends with a fresh connection each time, retrying twice when Radicale's single-threaded-per-request server drops one
    /// under the parallel tests' load (the request is rebuilt; every request the tests send is safe to repeat).
    /// </summary>
    internal static async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> make, TimeSpan? timeout = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = make();
            request.Headers.ConnectionClose = true;
            try
            {
                using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
                return await Http.SendAsync(request, cancel.Token);
            }
            catch (HttpRequestException) when (attempt < 3)
            {
                await Task.Delay(200 * attempt);
            }
        }
    }

    internal HttpRequestMessage Request(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Radicale.User}:{Radicale.Password}")));
        return request;
    }
}
