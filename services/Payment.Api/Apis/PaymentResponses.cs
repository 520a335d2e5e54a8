using Accommodation.Payments.Api.Domain;

namespace Accommodation.Payments.Api.Apis;

public sealed record PaymentResponse(
    Guid PaymentId,
    string ReservationNumber,
    string CustomerId,
    decimal Amount,
    PaymentStatus Status,
    DateTimeOffset ApprovedAt,
    decimal? RefundedAmount,
    decimal? RefundRate,
    DateTimeOffset? RefundedAt)
{
    public static PaymentResponse From(Payment payment) => new(
        payment.Id, payment.ReservationNumber, payment.CustomerId, payment.Amount, payment.Status, payment.ApprovedAt,
        payment.RefundedAmount, payment.RefundRate, payment.RefundedAt);
}
