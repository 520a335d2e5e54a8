namespace Accommodation.Reservations.Domain.Ports;

/// <summary>Someone else changed the reservation between our read and our write; nothing of ours was stored.</summary>
public sealed class ReservationChangedMeanwhileException(ReservationNumber number, Exception? innerException = null)
    : Exception($"Reservation {number} was changed by someone else at the same time; read it again.", innerException)
{
    public ReservationNumber Number { get; } = number;
}
