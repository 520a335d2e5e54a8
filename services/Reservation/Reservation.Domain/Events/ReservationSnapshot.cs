namespace Accommodation.Reservations.Domain.Events;

/// <summary>The reservation as one of its events left it: what every consumer needs to apply the event on its own.</summary>
public sealed record ReservationSnapshot(
    ReservationNumber Number,
    CustomerId CustomerId,
    RoomNumber RoomNumber,
    StayPeriod Stay,
    decimal TotalPrice,
    ReservationStatus Status,
    Guid? PaymentId,
    int Version);
