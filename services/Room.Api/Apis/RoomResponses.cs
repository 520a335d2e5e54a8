using Accommodation.Rooms.Api.Domain;

namespace Accommodation.Rooms.Api.Apis;

/// <summary>A room with its <c>Status</c> for tonight: whether it can be reserved.</summary>
public sealed record RoomResponse(
    string Number,
    RoomType Type,
    string Name,
    decimal PricePerNight,
    Availability Status,
    int Version,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt)
{
    public static RoomResponse From(Room room, Availability status) =>
        new(room.Number.Value, room.Type, room.Name, room.PricePerNight, status, room.Version, room.RegisteredAt, room.UpdatedAt);
}

public sealed record RoomNightsResponse(string Number, DateOnly From, DateOnly To, IReadOnlyList<RoomNightResponse> Nights);

public sealed record RoomNightResponse(DateOnly Night, Availability Status);

/// <summary>The check-out was recorded; the reservation context closes the reservation when the event reaches it.</summary>
public sealed record RoomCheckOutResponse(string Number, string ReservationNumber, DateTimeOffset CheckedOutAt);

public sealed record PaginatedItems<TItem>(int PageIndex, int PageSize, long Count, IReadOnlyList<TItem> Data);
