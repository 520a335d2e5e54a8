using Accommodation.Messaging;

namespace Accommodation.RoomView.Api.IntegrationEvents.Events;

// Our copy of the payment context's event: what a cancellation gave back, by the refund policy (rate 0–1).
public sealed record PaymentRefundedIntegrationEvent(
    Guid PaymentId, string ReservationNumber, string CustomerId, decimal Amount, decimal RefundedAmount, decimal RefundRate,
    DateTimeOffset RefundedAt)
    : IntegrationEvent;
