using System.Diagnostics;
using System.Net;
using System.Text;
using BookMeAtOz.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BookMeAtOz.Embedded.Tests;

/// <summary>
/// No default names BookMeAtOz's own domain: e-mails' manage links and the <c>.ics</c> organizer come from the host's
/// root domain, or are left out.
/// </summary>
public sealed class NoDomainOfOursTests
{
    [Fact]
    public async Task ManageLinkAndOrganizer_ComeFromTheHostsRootDomain()
    {
        var email = await BookAndCaptureAsync("clinic.example");
        Assert.Matches(@"https://t[0-9a-f]{16}\.clinic\.example/manage/[0-9a-f-]+#token=", email.TextBody);
        Assert.Contains("ORGANIZER;CN=\"Harbour Physio\":mailto:noreply@clinic.example", Ics(email), StringComparison.Ordinal);
        Assert.DoesNotContain("bookmeatoz.online", email.TextBody + email.HtmlBody + Ics(email), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutARootDomain_ThereIsNoLinkAndNoOrganizer()
    {
        var email = await BookAndCaptureAsync(rootDomain: null);
        Assert.DoesNotContain("/manage/", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("ORGANIZER", Ics(email), StringComparison.Ordinal);
        Assert.DoesNotContain("bookmeatoz.online", email.TextBody + email.HtmlBody + Ics(email), StringComparison.Ordinal);
    }

    private static string Ics(EmailMessage email) => Encoding.UTF8.GetString(email.Attachments.Single(a => a.FileName == "booking.ics").Content.Span);

    private static async Task<EmailMessage> BookAndCaptureAsync(string? rootDomain)
    {
        var sender = new CapturingEmailSender();
        await using var host = await MiniHost.StartAsync(
            services =>
            {
                services.AddBookMeAtOz().WithAspNetCore(o =>
                {
                    if (rootDomain is not null)
                    {
                        o.Tenancy.RootDomains = rootDomain;
                    }
                });
                services.AddSingleton<IEmailSender>(sender);
            },
            app =>
            {
                app.UseBookMeAtOz();
                app.MapBookMeAtOz();
            });
        var api = new BookingApi(host.Client());
        var (slug, token) = await api.SignUpAsync();
        var (serviceId, _) = await api.AddBookableServiceAsync(slug, token);
        var start = (await api.SlotStartsAsync(slug, serviceId, BookingApi.Day()))[0];
        Assert.Equal(HttpStatusCode.Created, (await api.BookAsync(slug, serviceId, start, "jamie@example.com")).StatusCode);

        var waited = Stopwatch.StartNew();
        while (sender.Sent.IsEmpty)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), "No e-mail within 15 s.");
            await Task.Delay(20);
        }

        return sender.Sent.Single();
    }
}
