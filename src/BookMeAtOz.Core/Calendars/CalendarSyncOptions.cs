using Microsoft.Extensions.Options;

namespace BookMeAtOz.Calendars;

/// <summary>Calendar sync settings (configuration section <c>BookMeAtOz:CalendarSync</c>).</summary>
public sealed class CalendarSyncOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "BookMeAtOz:CalendarSync";

    /// <summary>
    /// The key that encrypts calendar passwords at rest: 32 random bytes, base64 (e.g. <c>openssl rand -base64 32</c>). No default:
    /// without it, connecting a calendar answers <c>503 unavailable</c> and nothing is synced. Keep it out of the source tree.
    /// </summary>
    public string? EncryptionKey { get; set; }

    /// <summary>How often each calendar is synced. Default 30 seconds (1 second to 1 hour).</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How far ahead recurring events are expanded into busy time, and bookings written, in days. Default 400 (1–1000).</summary>
    public int HorizonDays { get; set; } = 400;

    /// <summary>The longest wait between attempts after failures (the back-off doubles from the sync interval). Default 15 minutes.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The timeout of one request to the remote calendar. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether calendar URLs may point at private, loopback or link-local addresses. Default false (they are refused when
    /// connected and at every request, against DNS rebinding); true for tests and private deployments.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>The decoded <see cref="EncryptionKey"/>, or null when none is set.</summary>
    internal byte[]? KeyBytes()
    {
        if (string.IsNullOrWhiteSpace(EncryptionKey))
        {
            return null;
        }

        try
        {
            var key = Convert.FromBase64String(EncryptionKey.Trim());
            return key.Length == 32 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>Checks <see cref="CalendarSyncOptions"/> at start-up.</summary>
internal sealed class CalendarSyncOptionsValidator : IValidateOptions<CalendarSyncOptions>
{
    public ValidateOptionsResult Validate(string? name, CalendarSyncOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.EncryptionKey) && options.KeyBytes() is null)
        {
            failures.Add("BookMeAtOz__CalendarSync__EncryptionKey: must be 32 bytes in base64 (e.g. `openssl rand -base64 32`).");
        }

        if (options.SyncInterval < TimeSpan.FromSeconds(1) || options.SyncInterval > TimeSpan.FromHours(1))
        {
            failures.Add("BookMeAtOz__CalendarSync__SyncInterval: must be between 00:00:01 and 01:00:00.");
        }

        if (options.HorizonDays is < 1 or > 1000)
        {
            failures.Add("BookMeAtOz__CalendarSync__HorizonDays: must be between 1 and 1000.");
        }

        if (options.MaxBackoff < options.SyncInterval)
        {
            failures.Add("BookMeAtOz__CalendarSync__MaxBackoff: must be at least the sync interval.");
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("BookMeAtOz__CalendarSync__RequestTimeout: must be between 00:00:01 and 00:05:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
