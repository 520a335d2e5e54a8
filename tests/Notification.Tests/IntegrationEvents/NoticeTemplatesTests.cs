using Accommodation.Notification.Api.Domain;
using Accommodation.Notification.Api.IntegrationEvents;
using Accommodation.Notification.Api.IntegrationEvents.Events;

namespace Accommodation.Notification.Tests.IntegrationEvents;

public sealed class NoticeTemplatesTests
{
    private const string Number = "R-20261224-7F3K9Q";
    private const string Customer = "C-9805";
    private static readonly DateOnly CheckIn = new(2026, 12, 24);
    private static readonly DateOnly CheckOut = new(2026, 12, 26);
    private static readonly Guid PaymentId = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 11, 24, 6, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Placed_tells_until_when_to_pay_in_Korean_time() => AssertDraft(
        NoticeTemplates.For(new ReservationPlacedIntegrationEvent(Number, Customer, "101", CheckIn, CheckOut, 240_000m, "Held", null, 1, At)),
        NoticeKind.ReservationPlaced,
        "[숙소예약] C-9805님, 101호 2026-12-24~2026-12-26 예약이 접수되었습니다. 2026-11-24 15:30까지 240,000원을 결제하시면 예약이 확정됩니다. (예약번호 R-20261224-7F3K9Q)");

    [Fact]
    public void Confirmed() => AssertDraft(
        NoticeTemplates.For(new ReservationConfirmedIntegrationEvent(Number, Customer, "101", CheckIn, CheckOut, 240_000m, "Confirmed", PaymentId, 2)),
        NoticeKind.ReservationConfirmed,
        "[숙소예약] C-9805님, 101호 2026-12-24~2026-12-26 예약이 확정되었습니다. (예약번호 R-20261224-7F3K9Q)");

    [Fact]
    public void Cancelled() => AssertDraft(
        NoticeTemplates.For(new ReservationCancelledIntegrationEvent(Number, Customer, "101", CheckIn, CheckOut, 240_000m, "Cancelled", PaymentId, 3, At)),
        NoticeKind.ReservationCancelled,
        "[숙소예약] C-9805님, 101호 2026-12-24~2026-12-26 예약이 취소되었습니다. (예약번호 R-20261224-7F3K9Q)");

    [Fact]
    public void Expired() => AssertDraft(
        NoticeTemplates.For(new ReservationExpiredIntegrationEvent(Number, Customer, "101", CheckIn, CheckOut, 240_000m, "Expired", null, 2)),
        NoticeKind.ReservationExpired,
        "[숙소예약] C-9805님, 결제 기한이 지나 101호 2026-12-24~2026-12-26 예약이 만료되었습니다. (예약번호 R-20261224-7F3K9Q)");

    [Fact]
    public void Checked_out() => AssertDraft(
        NoticeTemplates.For(new ReservationCheckedOutIntegrationEvent(Number, Customer, "101", CheckIn, CheckOut, 240_000m, "CheckedOut", PaymentId, 3, At)),
        NoticeKind.ReservationCheckedOut,
        "[숙소예약] C-9805님, 101호 체크아웃이 완료되었습니다. 이용해 주셔서 감사합니다. (예약번호 R-20261224-7F3K9Q)");

    [Fact]
    public void Payment_approved() => AssertDraft(
        NoticeTemplates.For(new PaymentApprovedIntegrationEvent(PaymentId, Number, Customer, 240_000m, At)),
        NoticeKind.PaymentApproved,
        "[숙소예약] C-9805님, 240,000원 결제가 완료되었습니다. (예약번호 R-20261224-7F3K9Q)");

    [Fact]
    public void Payment_refunded_tells_the_amount_and_the_rate() => AssertDraft(
        NoticeTemplates.For(new PaymentRefundedIntegrationEvent(PaymentId, Number, Customer, 240_000m, 120_000m, 0.5m, At)),
        NoticeKind.PaymentRefunded,
        "[숙소예약] C-9805님, 예약 취소로 결제 금액 240,000원 중 120,000원(50%)이 환불되었습니다. (예약번호 R-20261224-7F3K9Q)");

    [Fact]
    public void A_refund_of_nothing_says_so() => AssertDraft(
        NoticeTemplates.For(new PaymentRefundedIntegrationEvent(PaymentId, Number, Customer, 240_000m, 0m, 0m, At)),
        NoticeKind.PaymentRefunded,
        "[숙소예약] C-9805님, 환불 규정에 따라 결제 금액 240,000원은 환불되지 않습니다. (예약번호 R-20261224-7F3K9Q)");

    private static void AssertDraft(NoticeDraft draft, NoticeKind kind, string message) =>
        Assert.Equal(new NoticeDraft(kind, Customer, Number, message), draft);
}
