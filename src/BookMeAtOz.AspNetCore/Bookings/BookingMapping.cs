using BookMeAtOz.AspNetCore.Catalog;
using BookMeAtOz.AspNetCore.Http;
using BookMeAtOz.Bookings;
using BookMeAtOz.Contracts;

namespace BookMeAtOz.AspNetCore.Bookings;

internal static class BookingMapping
{
    public static BookingResponse ToResponse(Booking b, Zoned zone, string? manageToken = null) => new(
        b.Id, b.ServiceId, b.StaffId, zone.Show(b.Start), zone.Show(b.End), StatusName(b.Status),
        new CustomerDto(b.Customer.Name, b.Customer.Email, b.Customer.Phone), b.Notes,
        zone.Show(b.CreatedAt), zone.Show(b.CancelledAt), b.CancelReason, manageToken,
        [.. b.Answers.Select(a => new BookingAnswerDto(a.QuestionId, a.Label, CatalogMapping.QuestionTypeName(a.Type), a.Value))],
        b.Status is BookingStatus.Pending or BookingStatus.Expired ? zone.Show(b.ExpiresAt) : null)
    {
        SeriesId = b.SeriesId,
        StaffIds = [.. b.AssignedStaffIds],
    };

    public static string StatusName(BookingStatus status) => BookingStatusNames.Name(status);

    public static BookingStatus? ParseStatus(string? status) => BookingStatusNames.Parse(status);
}
