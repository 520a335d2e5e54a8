namespace Accommodation.Rooms.Api.Domain;

public enum RoomType
{
    Standard,
    Deluxe,
    Suite,
    Family,
}
