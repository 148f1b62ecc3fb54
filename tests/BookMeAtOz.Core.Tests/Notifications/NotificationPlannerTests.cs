using BookMeAtOz.Changes;
using BookMeAtOz.Notifications;
using Microsoft.Extensions.Options;

namespace BookMeAtOz.Core.Tests.Notifications;

/// <summary>Which e-mails the approval lifecycle's changes mean (product specification §9.2).</summary>
public sealed class NotificationPlannerTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly NotificationPlanner Planner = new(Options.Create(new NotificationOptions()));
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly Guid Booking = Guid.NewGuid();

    private static ChangeEvent Change(string type, string status) =>
        new(Tenant, type, Booking, Guid.NewGuid(), Guid.NewGuid(), Now.AddDays(3), Now.AddDays(3).AddHours(1), status) { OutboxId = 7 };

    private static IEnumerable<NotificationKind> Kinds(NotificationPlan plan) => plan.Add.Select(n => n.Kind);

    [Fact]
    public void Plan_PendingBookingCreated_SendsReceived_WithoutConfirmationOrReminder() =>
        Assert.Equal([NotificationKind.Received], Kinds(Planner.Plan([Change(ChangeTypes.BookingCreated, "pending")], Now)));

    [Fact]
    public void Plan_ConfirmedBookingCreated_SendsConfirmationAndPlansReminder() =>
        Assert.Equal([NotificationKind.Confirmation, NotificationKind.Reminder], Kinds(Planner.Plan([Change(ChangeTypes.BookingCreated, "confirmed")], Now)));

    [Fact]
    public void Plan_Approved_SendsTheConfirmationAndPlansTheReminder() =>
        Assert.Equal([NotificationKind.Confirmation, NotificationKind.Reminder], Kinds(Planner.Plan([Change(ChangeTypes.BookingApproved, "confirmed")], Now)));

    [Theory]
    [InlineData(ChangeTypes.BookingDeclined, "declined", NotificationKind.Declined)]
    [InlineData(ChangeTypes.BookingExpired, "expired", NotificationKind.Expired)]
    public void Plan_DeclinedOrExpired_SendsItsNotice_AndCallsOffReminders(string type, string status, NotificationKind kind)
    {
        var plan = Planner.Plan([Change(type, status)], Now);

        Assert.Equal([kind], Kinds(plan));
        Assert.Equal([(Tenant, Booking)], plan.CancelReminders);
    }

    [Fact]
    public void Plan_NoShow_SendsNothing_AndCallsOffReminders()
    {
        var plan = Planner.Plan([Change(ChangeTypes.BookingNoShow, "no_show")], Now);

        Assert.Empty(plan.Add);
        Assert.Equal([(Tenant, Booking)], plan.CancelReminders);
    }

    [Fact]
    public void Plan_PendingBookingRescheduled_SendsTheMoveButNoReminder() =>
        Assert.Equal([NotificationKind.Reschedule], Kinds(Planner.Plan([Change(ChangeTypes.BookingRescheduled, "pending")], Now)));

    [Fact]
    public void Plan_ApprovedInTheSameBatchAsItsCreation_ReceivedThenConfirmation() =>
        Assert.Equal([NotificationKind.Received, NotificationKind.Confirmation, NotificationKind.Reminder],
            Kinds(Planner.Plan([Change(ChangeTypes.BookingCreated, "pending"), Change(ChangeTypes.BookingApproved, "confirmed")], Now)));
}
