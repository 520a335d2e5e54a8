using Accommodation.Messaging;

namespace Accommodation.Notification.Api.IntegrationEvents.Events;

// Our copy of the payment context's event (docs/events.md); published on every cancellation of a paid reservation, even at 0 %.
public sealed record PaymentRefundedIntegrationEvent(
    Guid PaymentId, string ReservationNumber, string CustomerId, decimal Amount, decimal RefundedAmount, decimal RefundRate,
    DateTimeOffset RefundedAt) : IntegrationEvent;
