namespace Accommodation.Notification.Api.Domain;

/// <summary>Which status change a notice tells the customer about: one kind per integration event.</summary>
public enum NoticeKind
{
    ReservationPlaced,
    ReservationConfirmed,
    ReservationCancelled,
    ReservationExpired,
    ReservationCheckedOut,
    PaymentApproved,
    PaymentRefunded,
}
