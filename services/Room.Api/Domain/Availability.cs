namespace Accommodation.Rooms.Api.Domain;

/// <summary>Whether a room can be reserved for a night: the requirements' 예약가능 / 예약불가.</summary>
public enum Availability
{
    Available,
    Unavailable,
}
