using Accommodation.Messaging;

namespace Accommodation.Notification.Api.IntegrationEvents.Events;

// Our copy of the reservation context's event (docs/events.md): a reservation was placed and its nights are held.
public sealed record ReservationPlacedIntegrationEvent(
    string ReservationNumber, string CustomerId, string RoomNumber, DateOnly CheckIn, DateOnly CheckOut, decimal TotalPrice,
    string Status, Guid? PaymentId, int Version, DateTimeOffset HoldExpiresAt) : IntegrationEvent;
