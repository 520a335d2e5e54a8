namespace Accommodation.Rooms.Api.Domain.Events;

public sealed record RoomRegistered(RoomNumber Number, RoomType Type, string Name, decimal PricePerNight, int Version) : IDomainEvent;
