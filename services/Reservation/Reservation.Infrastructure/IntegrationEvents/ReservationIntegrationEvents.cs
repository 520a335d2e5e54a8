using Accommodation.Reservations.Domain.Events;
using Accommodation.Reservations.Infrastructure.IntegrationEvents.Events;

namespace Accommodation.Reservations.Infrastructure.IntegrationEvents;

/// <summary>What other contexts learn from the Reservation aggregate's domain events.</summary>
public static class ReservationIntegrationEvents
{
    public const string Topic = "reservation-events";

    public static ReservationIntegrationEvent From(IReservationEvent domainEvent)
    {
        ReservationIntegrationEvent integrationEvent = domainEvent switch
        {
            ReservationPlaced placed => new ReservationPlacedIntegrationEvent(placed.HoldExpiresAt),
            ReservationConfirmed => new ReservationConfirmedIntegrationEvent(),
            ReservationCancelled cancelled => new ReservationCancelledIntegrationEvent(cancelled.CancelledAt),
            ReservationExpired => new ReservationExpiredIntegrationEvent(),
            ReservationCheckedOut checkedOut => new ReservationCheckedOutIntegrationEvent(checkedOut.CheckedOutAt),
            _ => throw new ArgumentOutOfRangeException(nameof(domainEvent), domainEvent, "No integration event is published for this domain event."),
        };

        var reservation = domainEvent.Reservation;
        return integrationEvent with
        {
            ReservationNumber = reservation.Number.Value,
            CustomerId = reservation.CustomerId.Value,
            RoomNumber = reservation.RoomNumber.Value,
            CheckIn = reservation.Stay.CheckIn,
            CheckOut = reservation.Stay.CheckOut,
            TotalPrice = reservation.TotalPrice,
            Status = reservation.Status.ToString(),
            PaymentId = reservation.PaymentId,
            Version = reservation.Version,
        };
    }
}
