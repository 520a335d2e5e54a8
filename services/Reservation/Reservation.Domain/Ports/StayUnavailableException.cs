namespace Accommodation.Reservations.Domain.Ports;

/// <summary>Another live reservation of the room holds at least one of the nights asked for.</summary>
public sealed class StayUnavailableException(RoomNumber roomNumber, StayPeriod stay, Exception? innerException = null)
    : Exception($"Room {roomNumber} is already reserved for at least one night of {stay}.", innerException)
{
    public RoomNumber RoomNumber { get; } = roomNumber;

    public StayPeriod Stay { get; } = stay;
}
