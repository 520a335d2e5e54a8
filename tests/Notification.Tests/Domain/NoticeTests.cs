using Accommodation.Notification.Api.Domain;

namespace Accommodation.Notification.Tests.Domain;

public sealed class NoticeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly NoticeRetryPolicy Policy = new(MaxAttempts: 3, FirstBackoff: TimeSpan.FromSeconds(2), MaxBackoff: TimeSpan.FromSeconds(3));
    private static readonly NoticeDraft Draft = new(NoticeKind.ReservationConfirmed, "C-1", "R-20261224-7F3K9Q", "[숙소예약] C-1님, ...");

    [Fact]
    public void A_new_notice_is_pending_and_due_at_once()
    {
        var eventId = Guid.NewGuid();

        var notice = Notice.Create(eventId, Draft, Now);

        Assert.Equal((eventId, NoticeKind.ReservationConfirmed, "C-1", "R-20261224-7F3K9Q"), (notice.EventId, notice.Kind, notice.CustomerId, notice.ReservationNumber));
        Assert.Equal((NoticeStatus.Pending, 0, Now), (notice.Status, notice.Attempts, notice.NextAttemptAt));
        Assert.NotEqual(Guid.Empty, notice.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void A_notice_needs_a_customer(string? customerId) =>
        Assert.Throws<ArgumentException>(() => Notice.Create(Guid.NewGuid(), Draft with { CustomerId = customerId! }, Now));

    [Fact]
    public void A_notice_needs_a_reservation_number_that_fits() =>
        Assert.Throws<ArgumentException>(() => Notice.Create(Guid.NewGuid(), Draft with { ReservationNumber = new string('R', 51) }, Now));

    [Fact]
    public void Sending_marks_it_sent_on_that_attempt()
    {
        var notice = Notice.Create(Guid.NewGuid(), Draft, Now);

        notice.MarkSent(Now.AddSeconds(1));

        Assert.Equal((NoticeStatus.Sent, 1, Now.AddSeconds(1)), (notice.Status, notice.Attempts, notice.SentAt));
    }

    [Fact]
    public void A_failed_attempt_waits_a_doubling_backoff_up_to_the_maximum_and_keeps_the_error()
    {
        var notice = Notice.Create(Guid.NewGuid(), Draft, Now);

        notice.RecordFailedAttempt("503", Now, Policy);
        var afterFirst = notice.NextAttemptAt;
        notice.RecordFailedAttempt("500", Now, Policy);

        Assert.Equal(Now.AddSeconds(2), afterFirst);
        Assert.Equal(Now.AddSeconds(3), notice.NextAttemptAt);
        Assert.Equal((NoticeStatus.Pending, 2, "500"), (notice.Status, notice.Attempts, notice.LastError));
    }

    [Fact]
    public void The_last_failed_attempt_marks_it_failed_with_its_error()
    {
        var notice = Notice.Create(Guid.NewGuid(), Draft, Now);

        for (var attempt = 1; attempt <= Policy.MaxAttempts; attempt++)
        {
            notice.RecordFailedAttempt(new string('x', 5000), Now, Policy);
        }

        Assert.Equal((NoticeStatus.Failed, 3, Notice.LastErrorMaxLength), (notice.Status, notice.Attempts, notice.LastError!.Length));
        Assert.Null(notice.SentAt);
    }

    [Fact]
    public void Only_a_pending_notice_is_delivered()
    {
        var notice = Notice.Create(Guid.NewGuid(), Draft, Now);
        notice.MarkSent(Now);

        Assert.Throws<InvalidOperationException>(() => notice.MarkSent(Now));
        Assert.Throws<InvalidOperationException>(() => notice.RecordFailedAttempt("late", Now, Policy));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(30, 60)]
    public void The_backoff_doubles_per_failed_attempt_up_to_its_maximum(int failedAttempts, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds),
            new NoticeRetryPolicy(8, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1)).BackoffAfter(failedAttempts));
}
