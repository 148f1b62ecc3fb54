using BookMeAtOz.Bookings;
using BookMeAtOz.Testing;

namespace BookMeAtOz.Tests.Bookings;

public sealed class IcsCalendarTests
{
    [Fact]
    public void For_OrganizerName_IsQuotedWithoutQuotesOrControlCharacters()
    {
        var tenant = TestData.Tenant();
        var staff = TestData.Staff(tenant);
        var booking = TestData.Booking(tenant, TestData.Service(tenant, [staff.Id]), staff.Id, TestData.At(10));

        var ics = IcsCalendar.For(booking, "Cut", "Acme \"Hair\"; Nails: Co\r\nX-EVIL:1", "noreply@acme.example", TestData.Now);

        var organizer = Assert.Single(ics.Split("\r\n"), l => l.StartsWith("ORGANIZER", StringComparison.Ordinal));
        Assert.Equal("ORGANIZER;CN=\"Acme Hair; Nails: CoX-EVIL:1\":mailto:noreply@acme.example", organizer);
        Assert.DoesNotContain(ics.Split("\r\n"), l => l.StartsWith("X-EVIL", StringComparison.Ordinal));
    }

    [Fact]
    public void For_WithoutAnOrganizerAddress_HasNoOrganizer() =>
        Assert.DoesNotContain("ORGANIZER", IcsCalendar.For(
            TestData.Booking(TestData.Tenant(), TestData.Service(TestData.Tenant(), []), Guid.NewGuid(), TestData.At(10)), "Cut", "Acme", null, TestData.Now),
            StringComparison.Ordinal);

    [Fact]
    public void For_WithALocation_WritesItEscaped_AndWithoutOne_WritesNone()
    {
        var tenant = TestData.Tenant();
        var booking = TestData.Booking(tenant, TestData.Service(tenant, []), Guid.NewGuid(), TestData.At(10));

        var ics = IcsCalendar.For(booking, "Cut (Acme)", "Acme", null, "Level 2, 12 Example St; Sydney\nNSW", TestData.Now);

        Assert.Equal("LOCATION:Level 2\\, 12 Example St\\; Sydney\\nNSW", Assert.Single(ics.Split("\r\n"), l => l.StartsWith("LOCATION", StringComparison.Ordinal)));
        Assert.DoesNotContain("LOCATION", IcsCalendar.For(booking, "Cut", "Acme", null, " ", TestData.Now), StringComparison.Ordinal);
        Assert.DoesNotContain("LOCATION", IcsCalendar.For(booking, "Cut", "Acme", null, TestData.Now), StringComparison.Ordinal);
    }
}
