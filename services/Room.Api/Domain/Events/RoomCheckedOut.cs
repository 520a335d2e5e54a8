namespace Accommodation.Rooms.Api.Domain.Events;

public sealed record RoomCheckedOut(RoomNumber Number, string ReservationNumber, DateTimeOffset CheckedOutAt, int Version) : IDomainEvent;
