using Accommodation.Messaging;

namespace Accommodation.Payments.Api.IntegrationEvents.Events;

/// <summary>
/// Our copy of reservation's record on <c>reservation-events</c>: a customer cancelled (from Held or Confirmed).
/// <see cref="PaymentId"/> is set when the reservation was paid.
/// </summary>
public sealed record ReservationCancelledIntegrationEvent(
    string ReservationNumber,
    string CustomerId,
    string RoomNumber,
    DateOnly CheckIn,
    DateOnly CheckOut,
    decimal TotalPrice,
    string Status,
    Guid? PaymentId,
    int Version,
    DateTimeOffset CancelledAt) : IntegrationEvent;
