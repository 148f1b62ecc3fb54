using BookMeAtOz.Tenancy;
using static BookMeAtOz.Core.Tests.Scheduling.ValidationAssert;

namespace BookMeAtOz.Core.Tests.Tenancy;

/// <summary>SPEC §2 tenant rules.</summary>
public sealed class TenantTests
{
    private static readonly Tenant Valid = new(Guid.NewGuid(), "acme", "Acme Hair", "Australia/Sydney", "AUD", TenantPolicy.Default);

    [Fact]
    public void Validate_ValidTenant_HasNoErrors()
    {
        Assert.Empty(Fields(e => Valid.Validate(e)));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("a-b")]
    [InlineData("acme-hair-2")]
    [InlineData("123")]
    [InlineData("wwww")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void Validate_GoodSlug_IsAccepted(string slug)
    {
        Assert.Empty(Fields(e => (Valid with { Slug = slug }).Validate(e)));
        Assert.True(TenantSlug.IsValid(slug));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("a")]
    [InlineData("-abc")]
    [InlineData("abc-")]
    [InlineData("Acme")]
    [InlineData("acme hair")]
    [InlineData("acme_hair")]
    [InlineData("acme.hair")]
    [InlineData("café")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void Validate_MalformedSlug_IsASlugError(string? slug)
    {
        Assert.Equal(["slug"], Fields(e => (Valid with { Slug = slug! }).Validate(e)));
        Assert.False(TenantSlug.IsValid(slug));
    }

    [Theory]
    [InlineData("www")]
    [InlineData("api")]
    [InlineData("app")]
    [InlineData("admin")]
    [InlineData("static")]
    [InlineData("assets")]
    [InlineData("mail")]
    [InlineData("hubs")]
    [InlineData("health")]
    [InlineData("metrics")]
    public void Validate_ReservedSlug_IsRefusedAsReserved(string slug)
    {
        var errors = Errors(e => (Valid with { Slug = slug }).Validate(e));

        Assert.Equal(["Is reserved."], errors["slug"]);
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("aud")]
    [InlineData("AU")]
    [InlineData("AUDD")]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_BadCurrency_IsACurrencyError(string? currency)
    {
        Assert.Equal(["currency"], Fields(e => (Valid with { Currency = currency! }).Validate(e)));
    }

    [Fact]
    public void Validate_NullPolicy_UsesTheDefaults()
    {
        Assert.Empty(Fields(e => (Valid with { Policy = null! }).Validate(e)));
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryFieldAtOnce()
    {
        var tenant = new Tenant(Guid.NewGuid(), "www", " ", "Australia/Sydnee", "dollars", new TenantPolicy(MinNoticeMinutes: -1, MaxAdvanceDays: 0));

        Assert.Equal(
            ["currency", "name", "policy.maxAdvanceDays", "policy.minNoticeMinutes", "slug", "timeZone"],
            Fields(e => tenant.Validate(e)));
    }

    [Fact]
    public void Validate_WithPrefix_PrefixesEveryField()
    {
        var tenant = Valid with { Slug = "x", Policy = new TenantPolicy(SlotIntervalMinutes: 1) };

        Assert.Equal(["tenant.policy.slotIntervalMinutes", "tenant.slug"], Fields(e => tenant.Validate(e, "tenant.")));
    }
}
