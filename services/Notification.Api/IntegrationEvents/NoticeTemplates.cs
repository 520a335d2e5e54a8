using System.Globalization;
using Accommodation.Notification.Api.Domain;
using Accommodation.Notification.Api.IntegrationEvents.Events;

namespace Accommodation.Notification.Api.IntegrationEvents;

/// <summary>The KakaoTalk text a customer gets for each status change, in Korean.</summary>
public static class NoticeTemplates
{
    private const string Prefix = "[숙소예약]";

    // Korea keeps no daylight saving time, so a fixed offset is its local time all year.
    private static readonly TimeSpan KoreaStandardTime = TimeSpan.FromHours(9);

    public static NoticeDraft For(ReservationPlacedIntegrationEvent e) => Draft(NoticeKind.ReservationPlaced, e.CustomerId, e.ReservationNumber,
        $"{e.RoomNumber}호 {Stay(e.CheckIn, e.CheckOut)} 예약이 접수되었습니다. {KoreanTime(e.HoldExpiresAt)}까지 {Won(e.TotalPrice)}을 결제하시면 예약이 확정됩니다.");

    public static NoticeDraft For(ReservationConfirmedIntegrationEvent e) => Draft(NoticeKind.ReservationConfirmed, e.CustomerId, e.ReservationNumber,
        $"{e.RoomNumber}호 {Stay(e.CheckIn, e.CheckOut)} 예약이 확정되었습니다.");

    public static NoticeDraft For(ReservationCancelledIntegrationEvent e) => Draft(NoticeKind.ReservationCancelled, e.CustomerId, e.ReservationNumber,
        $"{e.RoomNumber}호 {Stay(e.CheckIn, e.CheckOut)} 예약이 취소되었습니다.");

    public static NoticeDraft For(ReservationExpiredIntegrationEvent e) => Draft(NoticeKind.ReservationExpired, e.CustomerId, e.ReservationNumber,
        $"결제 기한이 지나 {e.RoomNumber}호 {Stay(e.CheckIn, e.CheckOut)} 예약이 만료되었습니다.");

    public static NoticeDraft For(ReservationCheckedOutIntegrationEvent e) => Draft(NoticeKind.ReservationCheckedOut, e.CustomerId, e.ReservationNumber,
        $"{e.RoomNumber}호 체크아웃이 완료되었습니다. 이용해 주셔서 감사합니다.");

    public static NoticeDraft For(PaymentApprovedIntegrationEvent e) => Draft(NoticeKind.PaymentApproved, e.CustomerId, e.ReservationNumber,
        $"{Won(e.Amount)} 결제가 완료되었습니다.");

    public static NoticeDraft For(PaymentRefundedIntegrationEvent e) => Draft(NoticeKind.PaymentRefunded, e.CustomerId, e.ReservationNumber,
        e.RefundedAmount > 0
            ? $"예약 취소로 결제 금액 {Won(e.Amount)} 중 {Won(e.RefundedAmount)}({Percent(e.RefundRate)})이 환불되었습니다."
            : $"환불 규정에 따라 결제 금액 {Won(e.Amount)}은 환불되지 않습니다.");

    private static NoticeDraft Draft(NoticeKind kind, string customerId, string reservationNumber, string body) =>
        new(kind, customerId, reservationNumber, $"{Prefix} {customerId}님, {body} (예약번호 {reservationNumber})");

    private static string Stay(DateOnly checkIn, DateOnly checkOut) =>
        $"{checkIn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}~{checkOut.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    private static string KoreanTime(DateTimeOffset instant) =>
        instant.ToOffset(KoreaStandardTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Won(decimal amount) => $"{amount.ToString("N0", CultureInfo.InvariantCulture)}원";

    private static string Percent(decimal rate) => $"{(rate * 100).ToString("0.##", CultureInfo.InvariantCulture)}%";
}
