using BookMeAtOz.Changes;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Notifications;

/// <summary>
/// Decides which e-mails a batch of committed changes means: a confirmation and a reminder for a new booking (a
/// "received" notice for one awaiting approval, then a confirmation and a reminder when it is approved, a decline or an
/// expiry notice otherwise), a cancellation (and no more reminders) for a cancelled one, a reschedule notice and a new
/// reminder for a moved one; no e-mail for a no-show; an offer's link for a waitlist offer; a
/// link for a requested password reset or an invitation.
/// The same plan is applied by the PostgreSQL relay (in the transaction that consumes the outbox events) and by the
/// in-memory store.
/// </summary>
public sealed class NotificationPlanner(IOptions<NotificationOptions> options)
{
    /// <summary>The e-mail a batch of committed changes means at <paramref name="now"/>.</summary>
    public NotificationPlan Plan(IReadOnlyList<ChangeEvent> changes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var lead = options.Value.ReminderLeadTime;
        var cancel = new List<(Guid, Guid)>();
        var add = new List<NewNotification>();
        foreach (var change in changes)
        {
            if (change is { Type: ChangeTypes.PasswordResetRequested or ChangeTypes.UserInvited, AccountTokenId: { } tokenId })
            {
                // Sent now; the e-mail is written from the stored token (and not sent once it was used or expired).
                add.Add(New(change, tokenId, change.Type == ChangeTypes.UserInvited ? NotificationKind.Invitation : NotificationKind.PasswordReset,
                    now, NotificationDetails.None));
                continue;
            }

            if (change is { Type: ChangeTypes.SeriesCreated, BookingId: { } firstId, SeriesId: { } seriesId })
            {
                // One e-mail for the whole series, about its first occurrence and carrying every one.
                add.Add(New(change, firstId, change.Status == PendingStatus ? NotificationKind.Received : NotificationKind.Confirmation, now,
                    NotificationDetails.None with { SeriesId = seriesId }));
                continue;
            }

            if (change is { Type: ChangeTypes.WaitlistOffered, BookingId: { } holdId, WaitlistEntryId: { } entryId })
            {
                // The offer's link, to the waitlist entry's customer, about the hold offered.
                add.Add(New(change, holdId, NotificationKind.WaitlistOffer, now, NotificationDetails.None with { WaitlistEntryId = entryId }));
                continue;
            }

            if (change is not { IsBooking: true, BookingId: { } bookingId })
            {
                continue;
            }

            switch (change.Type)
            {
                case ChangeTypes.BookingCreated when change.SeriesId is not null:
                    // The series' one e-mail (series.created) describes it; each occurrence still gets its reminder.
                    AddReminder(change, bookingId);
                    break;
                case ChangeTypes.BookingCreated when change.Status == PendingStatus:
                    // Awaiting approval: the customer hears it was received; the confirmation and reminder follow an approval.
                    add.Add(New(change, bookingId, NotificationKind.Received, now, NotificationDetails.None));
                    break;
                case ChangeTypes.BookingCreated:
                case ChangeTypes.BookingApproved:
                    add.Add(New(change, bookingId, NotificationKind.Confirmation, now, NotificationDetails.None));
                    AddReminder(change, bookingId);
                    break;
                case ChangeTypes.BookingDeclined:
                    CallOffReminders(change.TenantId, bookingId);
                    add.Add(New(change, bookingId, NotificationKind.Declined, now, NotificationDetails.None));
                    break;
                case ChangeTypes.BookingExpired:
                    CallOffReminders(change.TenantId, bookingId);
                    add.Add(New(change, bookingId, NotificationKind.Expired, now, NotificationDetails.None));
                    break;
                case ChangeTypes.BookingNoShow:
                    CallOffReminders(change.TenantId, bookingId);
                    break;
                case ChangeTypes.BookingCancelled:
                    CallOffReminders(change.TenantId, bookingId);
                    add.Add(New(change, bookingId, NotificationKind.Cancellation, now, NotificationDetails.None));
                    break;
                case ChangeTypes.BookingRescheduled:
                    CallOffReminders(change.TenantId, bookingId);
                    add.Add(New(change, bookingId, NotificationKind.Reschedule, now,
                        new NotificationDetails(change.Start, change.PreviousStart, change.PreviousEnd)));
                    AddReminder(change, bookingId);
                    break;
            }
        }

        return new NotificationPlan(cancel, add);

        void AddReminder(ChangeEvent change, Guid bookingId)
        {
            // Reminders are for confirmed bookings only (a pending booking moved gets none until it is approved).
            if (change.Status is null or ConfirmedStatus && change.Start is { } start && start - lead > now)
            {
                add.Add(New(change, bookingId, NotificationKind.Reminder, start - lead, new NotificationDetails(start)));
            }
        }

        void CallOffReminders(Guid tenantId, Guid bookingId)
        {
            // Earlier events of this batch may have planned one; those already stored are called off by the store.
            add.RemoveAll(n => n.TenantId == tenantId && n.BookingId == bookingId && n.Kind == NotificationKind.Reminder);
            cancel.Add((tenantId, bookingId));
        }
    }

    private const string PendingStatus = "pending";
    private const string ConfirmedStatus = "confirmed";

    private static NewNotification New(ChangeEvent change, Guid bookingId, NotificationKind kind, DateTimeOffset due, NotificationDetails details) =>
        new(Guid.CreateVersion7(due), change.TenantId, kind, bookingId, change.OutboxId, due, details);
}
