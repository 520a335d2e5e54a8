using Accommodation.Messaging;

namespace Accommodation.Notification.Api.IntegrationEvents.Events;

// Our copy of the payment context's event (docs/events.md).
public sealed record PaymentApprovedIntegrationEvent(
    Guid PaymentId, string ReservationNumber, string CustomerId, decimal Amount, DateTimeOffset ApprovedAt) : IntegrationEvent;
