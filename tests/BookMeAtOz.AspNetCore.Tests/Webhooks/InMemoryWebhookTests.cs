using System.Net;
using BookMeAtOz.AspNetCore.Tests.Support;
using BookMeAtOz.Contracts;
using BookMeAtOz.Webhooks;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.AspNetCore.Tests.Webhooks;

/// <summary>The webhook suite on the in-memory store, and what only needs one store: the SSRF guard and the back-off.</summary>
public sealed class InMemoryWebhookTests : WebhookDeliveryTestsBase
{
    protected override ApiFactory Host(Dictionary<string, string?> settings) => new ApiFactory().WithSettings(settings);

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://api.localhost/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://192.168.0.10/hook")]
    [InlineData("http://172.20.0.1/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://0.0.0.0/hook")]
    public async Task Create_PrivateTarget_IsRefusedUnlessTheHostAllowsIt(string url)
    {
        await using var host = Host(new Dictionary<string, string?>());
        var t = await TestTenant.CreateAsync(host);
        await (await t.Owner.PostJsonAsync("/api/v1/webhooks", new WebhookRequest(url, ["booking.created"]))).ValidationProblemAsync("url");
        Assert.Empty((await (await t.Owner.GetAsync("/api/v1/webhooks")).ReadAsync<ItemsResponse<WebhookResponse>>()).Items);

        await using var allowing = Host(new Dictionary<string, string?> { ["BookMeAtOz:Webhooks:AllowPrivateTargets"] = "true" });
        var u = await TestTenant.CreateAsync(allowing);
        (await u.Owner.PostJsonAsync("/api/v1/webhooks", new WebhookRequest(url, ["booking.created"]))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Connect_NameResolvingToLoopbackAtSendTime_IsRefused_DnsRebinding()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.Url).Port;
        // The name resolves to a public address when the subscription is saved, and to loopback when it is sent.
        var answers = new Queue<System.Net.IPAddress[]>([[System.Net.IPAddress.Parse("93.184.215.14")], [System.Net.IPAddress.Loopback]]);
        var guard = new WebhookTargetGuard(Options.Create(new WebhookOptions()), (_, _) => Task.FromResult(answers.Dequeue()));
        var errors = new BookMeAtOz.Validation.ValidationErrors();
        await guard.ValidateAsync($"http://rebind.example:{port}/hook", "url", errors, CancellationToken.None);
        Assert.True(errors.IsEmpty);

        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = guard.ConnectAsync, UseProxy = false });
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync($"http://rebind.example:{port}/hook", new StringContent("{}")));
        Assert.Contains("private, loopback or link-local", refused.ToString(), StringComparison.Ordinal);
        Assert.Empty(receiver.Received);

        // The same name reaches the receiver where the host allows private targets (the refusal above was the guard's).
        var allowing = new WebhookTargetGuard(Options.Create(new WebhookOptions { AllowPrivateTargets = true }), (_, _) => Task.FromResult(new[] { System.Net.IPAddress.Loopback }));
        using var allowed = new HttpClient(new SocketsHttpHandler { ConnectCallback = allowing.ConnectAsync, UseProxy = false });
        var body = """{"id":"00000000-0000-0000-0000-000000000001","type":"ping","createdAt":"2027-01-01T00:00:00Z","data":{}}""";
        Assert.Equal(HttpStatusCode.OK, (await allowed.PostAsync($"http://rebind.example:{port}/hook", new StringContent(body))).StatusCode);
        Assert.Single(receiver.Received);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.0.0.1", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("169.254.1.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("93.184.215.14", false)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fc00::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("2606:4700::1111", false)]
    public void IsPrivate_ClassifiesAddresses(string address, bool expected) =>
        Assert.Equal(expected, WebhookTargetGuard.IsPrivate(System.Net.IPAddress.Parse(address)));

    [Fact]
    public void Backoff_DoublesFromTheBaseUpToTheMaximum_WithJitter()
    {
        var settings = new WebhookOptions { RetryBaseDelay = TimeSpan.FromSeconds(30), RetryMaxDelay = TimeSpan.FromHours(1) };
        for (var i = 0; i < 50; i++)
        {
            Assert.InRange(WebhookDispatcher.Backoff(1, settings).TotalSeconds, 24, 36);
            Assert.InRange(WebhookDispatcher.Backoff(3, settings).TotalSeconds, 96, 144);
            Assert.InRange(WebhookDispatcher.Backoff(20, settings).TotalSeconds, 2880, 4320);
        }
    }
}
