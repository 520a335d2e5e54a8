namespace Accommodation.Payments.Api.Domain.Events;

public sealed record PaymentRefunded(
    Guid PaymentId,
    string ReservationNumber,
    string CustomerId,
    decimal Amount,
    decimal RefundedAmount,
    decimal RefundRate,
    DateTimeOffset RefundedAt) : IDomainEvent;
