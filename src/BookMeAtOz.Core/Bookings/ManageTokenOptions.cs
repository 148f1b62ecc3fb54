namespace BookMeAtOz.Bookings;

/// <summary>How a booking's manage token (the guest's secret for viewing, moving and cancelling it) is made.</summary>
public sealed class ManageTokenOptions
{
    /// <summary>
    /// The secret tokens are derived from (at least 32 bytes of UTF-8), so that booking e-mails can carry the manage
    /// link without the token ever being stored. Default none: tokens are random and e-mails carry no link.
    /// BookMeAtOz.AspNetCore sets it from <c>BookMeAtOz:ManageTokens:Secret</c> (else the JWT signing key).
    /// </summary>
    public string? Secret { get; set; }
}
