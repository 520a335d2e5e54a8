using Accommodation.Messaging;

namespace Accommodation.RoomView.Api.IntegrationEvents.Events;

// Our copy of the payment context's event, keyed by reservation number on payment-events.
public sealed record PaymentApprovedIntegrationEvent(
    Guid PaymentId, string ReservationNumber, string CustomerId, decimal Amount, DateTimeOffset ApprovedAt)
    : IntegrationEvent;
