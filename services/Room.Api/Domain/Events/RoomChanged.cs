namespace Accommodation.Rooms.Api.Domain.Events;

public sealed record RoomChanged(RoomNumber Number, RoomType Type, string Name, decimal PricePerNight, int Version) : IDomainEvent;
