using Accommodation.Messaging;

namespace Accommodation.Payments.Api.IntegrationEvents.Events;

/// <summary>
/// Published on <c>payment-events</c>, keyed by reservation number, when a paid reservation is cancelled:
/// also when the policy gives nothing back (<see cref="RefundRate"/> 0), so the customer is told.
/// </summary>
public sealed record PaymentRefundedIntegrationEvent(
    Guid PaymentId,
    string ReservationNumber,
    string CustomerId,
    decimal Amount,
    decimal RefundedAmount,
    decimal RefundRate,
    DateTimeOffset RefundedAt) : IntegrationEvent;
