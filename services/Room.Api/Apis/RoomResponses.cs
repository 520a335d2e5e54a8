using Accommodation.Rooms.Api.Domain;

namespace Accommodation.Rooms.Api.Apis;

public sealed record RoomResponse(
    string Number,
    RoomType Type,
    string Name,
    decimal PricePerNight,
    int Version,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt)
{
    public static RoomResponse From(Room room) =>
        new(room.Number.Value, room.Type, room.Name, room.PricePerNight, room.Version, room.RegisteredAt, room.UpdatedAt);
}

public sealed record PaginatedItems<TItem>(int PageIndex, int PageSize, long Count, IReadOnlyList<TItem> Data);
