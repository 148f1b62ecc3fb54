using Microsoft.Extensions.Options;

namespace BookMeAtOz.Client.Internals;

/// <summary>Checks <see cref="BookMeAtOzClientOptions"/> on first use (or at start-up in a host).</summary>
internal sealed class BookMeAtOzClientOptionsValidator : IValidateOptions<BookMeAtOzClientOptions>
{
    public ValidateOptionsResult Validate(string? name, BookMeAtOzClientOptions options)
    {
        var failures = new List<string>();
        if (options.BaseAddress is not { IsAbsoluteUri: true } address || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("BookMeAtOzClientOptions.BaseAddress must be an absolute http or https address, for example https://bookmeatoz.online.");
        }
        else if (options.TenantAddressing == TenantAddressing.Subdomain && address.HostNameType != UriHostNameType.Dns)
        {
            failures.Add($"BookMeAtOzClientOptions.TenantAddressing is Subdomain, but the BaseAddress host '{address.Host}' is not a DNS name to put a subdomain in front of.");
        }

        if (options.Tenant is { } tenant && !IsSlug(tenant))
        {
            failures.Add($"BookMeAtOzClientOptions.Tenant '{tenant}' is not a tenant slug: 3–63 lower-case letters, digits or inner hyphens.");
        }

        if (!Enum.IsDefined(options.TenantAddressing))
        {
            failures.Add($"BookMeAtOzClientOptions.TenantAddressing has the unknown value {(int)options.TenantAddressing}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsSlug(string value) =>
        value.Length is >= 3 and <= 63
        && value[0] != '-' && value[^1] != '-'
        && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
