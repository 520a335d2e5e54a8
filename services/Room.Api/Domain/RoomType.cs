namespace Accommodation.Room.Api.Domain;

public enum RoomType
{
    Standard,
    Deluxe,
    Suite,
    Family,
}
