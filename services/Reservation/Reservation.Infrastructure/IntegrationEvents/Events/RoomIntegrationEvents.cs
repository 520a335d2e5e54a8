using Accommodation.Messaging;

namespace Accommodation.Reservations.Infrastructure.IntegrationEvents.Events;

/// <summary>Consumed from <c>room-events</c>: a manager registered a room.</summary>
public sealed record RoomRegisteredIntegrationEvent(string Number, string Type, string Name, decimal PricePerNight, int Version)
    : IntegrationEvent;

/// <summary>Consumed from <c>room-events</c>: a room's name or price changed; the whole state, at the room's version.</summary>
public sealed record RoomChangedIntegrationEvent(string Number, string Type, string Name, decimal PricePerNight, int Version)
    : IntegrationEvent;

/// <summary>Consumed from <c>room-events</c>: a manager checked the room out, closing the named reservation's stay.</summary>
public sealed record RoomCheckedOutIntegrationEvent(string Number, string ReservationNumber, DateTimeOffset CheckedOutAt, int Version)
    : IntegrationEvent;
