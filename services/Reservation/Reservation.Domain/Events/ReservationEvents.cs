namespace Accommodation.Reservations.Domain.Events;

/// <summary>A status change of one reservation, carrying the reservation as the change left it.</summary>
public interface IReservationEvent : IDomainEvent
{
    ReservationSnapshot Reservation { get; }
}

/// <summary>Reserved: the nights are held until <paramref name="HoldExpiresAt"/> unless paid.</summary>
public sealed record ReservationPlaced(ReservationSnapshot Reservation, DateTimeOffset HoldExpiresAt) : IReservationEvent;

/// <summary>The payment was approved; the stay is booked.</summary>
public sealed record ReservationConfirmed(ReservationSnapshot Reservation) : IReservationEvent;

/// <summary>The customer cancelled; the nights are free again.</summary>
public sealed record ReservationCancelled(ReservationSnapshot Reservation, DateTimeOffset CancelledAt) : IReservationEvent;

/// <summary>The hold ran out unpaid; the nights are free again.</summary>
public sealed record ReservationExpired(ReservationSnapshot Reservation) : IReservationEvent;

/// <summary>A manager checked the guest out; the stay is closed.</summary>
public sealed record ReservationCheckedOut(ReservationSnapshot Reservation, DateTimeOffset CheckedOutAt) : IReservationEvent;
