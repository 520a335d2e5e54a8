using Accommodation.Messaging;

namespace Accommodation.Notification.Api.IntegrationEvents.Events;

// Our copy of the reservation context's event (docs/events.md): the unpaid hold ran out.
public sealed record ReservationExpiredIntegrationEvent(
    string ReservationNumber, string CustomerId, string RoomNumber, DateOnly CheckIn, DateOnly CheckOut, decimal TotalPrice,
    string Status, Guid? PaymentId, int Version) : IntegrationEvent;
