using Accommodation.Messaging;

namespace Accommodation.Rooms.Api.IntegrationEvents;

/// <summary>Published on <c>room-events</c>, keyed by room number, when a manager checks out the confirmed stay in the room.</summary>
public sealed record RoomCheckedOutIntegrationEvent(string Number, string ReservationNumber, DateTimeOffset CheckedOutAt, int Version)
    : IntegrationEvent;
