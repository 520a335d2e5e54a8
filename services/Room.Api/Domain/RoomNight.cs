namespace Accommodation.Rooms.Api.Domain;

/// <summary>A night a live reservation holds in a room; a room is unavailable for every night that has one.</summary>
public sealed class RoomNight
{
    internal RoomNight(RoomNumber roomNumber, DateOnly night, string reservationNumber, int reservationVersion)
    {
        RoomNumber = roomNumber;
        Night = night;
        ReservationNumber = reservationNumber;
        ReservationVersion = reservationVersion;
    }

    public RoomNumber RoomNumber { get; private set; }

    public DateOnly Night { get; private set; }

    public string ReservationNumber { get; private set; }

    /// <summary>The version of the reservation that last confirmed this night is held.</summary>
    public int ReservationVersion { get; internal set; }
}
